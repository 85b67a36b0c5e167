import { Paper, Progress, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";

interface BreakdownTableProps {
  title: string;
  /** Column header of the names, e.g. "Platform". */
  keyLabel: string;
  rows: readonly { key: string; count: number }[];
  /** Turns a key (a platform, language or topic id) into what people read. */
  nameOf: (key: string) => string;
  total: number;
  testId: string;
}

/** One breakdown of the mentions (by platform, language or topic), largest first, with its share. */
export function BreakdownTable({ title, keyLabel, rows, nameOf, total, testId }: BreakdownTableProps) {
  const { t, i18n } = useTranslation();
  const sorted = [...rows].sort((a, b) => b.count - a.count);
  const percent = new Intl.NumberFormat(i18n.language, { style: "percent", maximumFractionDigits: 0 });
  const number = new Intl.NumberFormat(i18n.language);

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={`${testId}-title`} data-testid={testId}>
      <Title order={2} size="h4" id={`${testId}-title`} mb="xs">
        {title}
      </Title>
      {sorted.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("overview.noMentions")}
        </Text>
      ) : (
        <Table verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{keyLabel}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t("overview.mentions")}
              </Table.Th>
              <Table.Th scope="col" w="30%">
                {t("overview.share")}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sorted.map((row) => {
              const share = total > 0 ? row.count / total : 0;
              return (
                <Table.Tr key={row.key}>
                  <Table.Td>{nameOf(row.key)}</Table.Td>
                  <Table.Td ta="right">{number.format(row.count)}</Table.Td>
                  <Table.Td>
                    <Progress
                      value={share * 100}
                      color="red.9"
                      size="sm"
                      aria-label={`${nameOf(row.key)}: ${percent.format(share)}`}
                    />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
