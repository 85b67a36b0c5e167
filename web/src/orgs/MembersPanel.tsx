import { Badge, NativeSelect, Stack, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { canManageMembers } from "../../../src/orgs/orgs.policy.ts";
import { Role } from "../../../src/orgs/orgs.schema.ts";
import { ConfirmButton } from "../app/ConfirmButton.tsx";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { useCurrentSession } from "../auth/useCurrentSession.ts";
import { AddMemberForm } from "./AddMemberForm.tsx";
import { useDeleteMember } from "./useDeleteMember.ts";
import { useMembers } from "./useMembers.ts";
import { useUpdateMember } from "./useUpdateMember.ts";

/** Settings → Users: the members and their roles; admins may add, change roles and remove. */
export function MembersPanel() {
  const { t } = useTranslation();
  const session = useCurrentSession();
  const admin = canManageMembers(session);
  const members = useMembers();
  const update = useUpdateMember();
  const remove = useDeleteMember();
  const roleOptions = Role.options.map((role) => ({ value: role, label: t(`roles.${role}`) }));

  return (
    <Stack gap="md">
      {admin ? (
        <AddMemberForm />
      ) : (
        <Text size="sm" c="dimmed">
          {t("users.adminOnly")}
        </Text>
      )}
      <ProblemAlert error={members.error ?? update.error ?? remove.error} />
      {members.data && (
        <Table.ScrollContainer minWidth={600}>
          <Table striped>
            <Table.Caption>{t("users.listCaption")}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("users.name")}</Table.Th>
                <Table.Th scope="col">{t("users.email")}</Table.Th>
                <Table.Th scope="col">{t("users.role")}</Table.Th>
                {admin && <Table.Th scope="col">{t("common.actions")}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {members.data.map((member) => {
                const self = member.id === session.user.id;
                return (
                  <Table.Tr key={member.id} data-testid="user-row">
                    <Table.Td>
                      {member.name} {self && <Badge variant="light">{t("users.you")}</Badge>}
                    </Table.Td>
                    <Table.Td>{member.email}</Table.Td>
                    <Table.Td>
                      {admin && !self ? (
                        <NativeSelect
                          size="xs"
                          aria-label={t("users.roleOf", { name: member.name })}
                          data={roleOptions}
                          value={member.role}
                          onChange={(e) =>
                            update.mutate({
                              id: member.id,
                              changes: { role: Role.parse(e.currentTarget.value) },
                            })
                          }
                          data-testid="user-role"
                        />
                      ) : (
                        t(`roles.${member.role}`)
                      )}
                    </Table.Td>
                    {admin && (
                      <Table.Td>
                        {!self && (
                          <ConfirmButton
                            label={t("users.remove")}
                            confirmLabel={t("common.confirmDelete")}
                            ariaLabel={t("users.removeNamed", { name: member.name })}
                            loading={remove.isPending && remove.variables === member.id}
                            onConfirm={() => remove.mutate(member.id)}
                          />
                        )}
                      </Table.Td>
                    )}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
