import { Paper, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Compared } from "../../../src/reports/reports.schema.ts";
import { changeText } from "./reportView.ts";

export interface ComparedRow extends Compared {
  key: string;
  name: string;
  /** Critical posts among them (topics only). */
  critical?: Compared;
}

interface ComparedTableProps {
  title: string;
  keyLabel: string;
  rows: readonly ComparedRow[];
  /** Said instead of the table when there are no rows. */
  empty: string;
  /** Header of the critical-posts columns; shown when given. */
  criticalLabel?: string;
  note?: string;
  testId: string;
}

/** Figures of the period beside the period before, one row a key (a category, topic, platform or language). */
export function ComparedTable({
  title,
  keyLabel,
  rows,
  empty,
  criticalLabel,
  note,
  testId,
}: ComparedTableProps) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language);
  const words = { new: t("reports.change.new"), same: t("reports.change.same") };
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={`${testId}-title`} data-testid={testId}>
      <Title order={2} size="h4" id={`${testId}-title`} mb="xs">
        {title}
      </Title>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={320}>
          <Table verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{keyLabel}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t("reports.table.current")}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t("reports.table.previous")}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t("reports.table.change")}
                </Table.Th>
                {criticalLabel && (
                  <Table.Th scope="col" ta="right">
                    {criticalLabel}
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.key} data-testid={`${testId}-row`} data-key={row.key}>
                  <Table.Th scope="row" fw={400}>
                    {row.name}
                  </Table.Th>
                  <Table.Td ta="right">{number.format(row.current)}</Table.Td>
                  <Table.Td ta="right">{number.format(row.previous)}</Table.Td>
                  <Table.Td ta="right">{changeText(row, i18n.language, words)}</Table.Td>
                  {criticalLabel && row.critical && (
                    <Table.Td ta="right">
                      {number.format(row.critical.current)} (
                      {t("reports.previous", {
                        value: number.format(row.critical.previous),
                      })}
                      )
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {note && (
        <Text size="xs" c="dimmed" mt="xs">
          {note}
        </Text>
      )}
    </Paper>
  );
}
