import { Anchor, Group, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useCurrentSession } from "../auth/useCurrentSession.ts";
import { certificateUrl } from "./trainingAccess.ts";
import type { TeamDebriefRead } from "./trainingTypes.ts";

/** A team's participants with role and action count, and certificate downloads (German and English PDF). */
export function ParticipantsTable({
  exerciseId,
  participants,
  canRun,
}: {
  exerciseId: string;
  participants: TeamDebriefRead["participants"];
  canRun: boolean;
}) {
  const { t } = useTranslation();
  const me = useCurrentSession().user.id;
  if (participants.length === 0) return <Text c="dimmed">{t("training.console.noMembers")}</Text>;
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table>
        <Table.Caption>{t("training.debrief.participantsCaption")}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t("training.debrief.name")}</Table.Th>
            <Table.Th scope="col">{t("training.debrief.role")}</Table.Th>
            <Table.Th scope="col">{t("training.debrief.actionCount")}</Table.Th>
            <Table.Th scope="col">{t("training.debrief.certificate")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {participants.map((p) => (
            <Table.Tr key={p.userId} data-testid="debrief-participant">
              <Table.Td>{p.name}</Table.Td>
              <Table.Td>{t(`training.role.${p.role}`)}</Table.Td>
              <Table.Td>{p.actions}</Table.Td>
              <Table.Td>
                {(canRun || p.userId === me) && (
                  <Group gap="sm" wrap="nowrap">
                    {(["de", "en"] as const).map((lang) => (
                      <Anchor
                        key={lang}
                        href={certificateUrl(exerciseId, p.userId, lang)}
                        download
                        aria-label={t("training.debrief.certificateNamed", {
                          name: p.name,
                          lang: lang.toUpperCase(),
                        })}
                        data-testid={`certificate-${lang}`}
                      >
                        {t("training.debrief.certificateLink", { lang: lang.toUpperCase() })}
                      </Anchor>
                    ))}
                  </Group>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
