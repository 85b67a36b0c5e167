import { Badge, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { TopicEscalationDetail } from "../../../src/escalation/escalation.schema.ts";
import { listWithMore } from "./listWithMore.ts";

const SHOWN_ACCOUNTS = 5;

/** New voices: whether first-time authors surge, against their normal number, and the groups they link to. */
export function NewVoicesCard({ voices }: { voices: TopicEscalationDetail["newVoices"] }) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const number = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  const figures = [
    {
      id: "first-time",
      label: t("escalation.voices.firstTime"),
      value: number.format(voices.firstTimeAuthors),
    },
    { id: "baseline", label: t("escalation.voices.baseline"), value: number.format(voices.baseline) },
    { id: "ratio", label: t("escalation.voices.ratio"), value: `${number.format(voices.ratio)}×` },
  ];
  const more = (rest: number) => t("escalation.more", { count: rest });

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId} data-testid="new-voices">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={3} size="h5" id={titleId}>
            {t("escalation.voices.title")}
          </Title>
          {voices.surge ? (
            <Badge variant="filled" color="red.9" data-testid="new-voices-surge">
              {t("escalation.voices.surge")}
            </Badge>
          ) : (
            <Badge variant="outline" color="gray.8">
              {t("escalation.voices.noSurge")}
            </Badge>
          )}
        </Group>
        <SimpleGrid cols={3} spacing="xs">
          {figures.map((figure) => (
            <div key={figure.id}>
              <Text size="xs" c="dimmed">
                {figure.label}
              </Text>
              <Text fw={700} size="lg">
                {figure.value}
              </Text>
            </div>
          ))}
        </SimpleGrid>
        {voices.groups.length > 0 ? (
          <Table.ScrollContainer minWidth={360}>
            <Table verticalSpacing={4}>
              <Table.Caption>{t("escalation.voices.groupsCaption")}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("escalation.voices.group")}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {t("escalation.voices.authors")}
                  </Table.Th>
                  <Table.Th scope="col">{t("escalation.voices.accounts")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {voices.groups.map((group) => (
                  <Table.Tr key={group.group} data-testid="new-voices-group">
                    <Table.Td>
                      {t(`stakeholderGroups.${group.group}`, { defaultValue: group.group })}
                    </Table.Td>
                    <Table.Td ta="right">{number.format(group.authors)}</Table.Td>
                    <Table.Td>
                      <Text size="sm" style={{ overflowWrap: "anywhere" }}>
                        {listWithMore(group.accounts, SHOWN_ACCOUNTS, more)}
                      </Text>
                      {group.examples.length > 0 && (
                        <Text size="xs" c="dimmed" style={{ overflowWrap: "anywhere" }}>
                          {t("escalation.voices.examples", {
                            authors: listWithMore(group.examples, SHOWN_ACCOUNTS, more),
                          })}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : (
          <Text size="sm">{t("escalation.voices.noGroups")}</Text>
        )}
        {voices.unlinked > 0 && (
          <Text size="sm">{t("escalation.voices.unlinked", { count: voices.unlinked })}</Text>
        )}
        {voices.recent.length > 0 && (
          <Text size="sm" style={{ overflowWrap: "anywhere" }} data-testid="new-voices-recent">
            {t("escalation.voices.recent", { authors: listWithMore(voices.recent, 10, more) })}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
