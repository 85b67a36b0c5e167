import { NativeSelect, Paper, SimpleGrid, Stack, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { IncidentRole, type IncidentRolesUpdate } from "../../../src/incidents/incidents.schema.ts";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { useMembers } from "../orgs/useMembers.ts";
import { useIncidentAction } from "./useIncidentAction.ts";
import { useIncidentPart } from "./useIncidentPart.ts";

type RoleHolder = { role: IncidentRole; userId: string; name: string };

/** Who holds the incident lead, communications, legal, IT security and management roles. */
export function IncidentRoles({ incidentId, editable }: { incidentId: string; editable: boolean }) {
  const { t } = useTranslation();
  const roles = useIncidentPart<RoleHolder>(incidentId, "roles", 60_000);
  const members = useMembers();
  const assign = useIncidentAction<IncidentRolesUpdate>(incidentId, "PUT", () => "/roles");
  const options = [
    { value: "", label: t("incident.roles.none") },
    ...(members.data ?? []).filter((m) => m.role !== "viewer").map((m) => ({ value: m.id, label: m.name })),
  ];

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="incident-roles-heading">
      <Stack gap="sm">
        <Title order={2} size="h4" id="incident-roles-heading">
          {t("incident.roles.heading")}
        </Title>
        <ProblemAlert error={roles.error ?? assign.error} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {IncidentRole.options.map((role) => {
            const holder = roles.data?.find((r) => r.role === role);
            return editable ? (
              <NativeSelect
                key={role}
                label={t(`incident.roles.${role}`)}
                data={
                  holder && !options.some((o) => o.value === holder.userId)
                    ? [...options, { value: holder.userId, label: holder.name }]
                    : options
                }
                value={holder?.userId ?? ""}
                disabled={assign.isPending}
                onChange={(e) => assign.mutate({ [role]: e.currentTarget.value || null })}
                data-testid={`incident-role-${role}`}
              />
            ) : (
              <div key={role}>
                {t(`incident.roles.${role}`)}: {holder?.name ?? t("incident.roles.none")}
              </div>
            );
          })}
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}
