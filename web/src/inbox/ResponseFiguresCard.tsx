import { Paper, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { useResponseFigures } from "./useResponseFigures.ts";

const bands = ["urgent", "high", "normal", "low"] as const;

/** The Overview's figures on response times and service-level breaches of the last 7 days. */
export function ResponseFiguresCard() {
  const { t, i18n } = useTranslation();
  const figures = useResponseFigures(7);
  const data = figures.data;
  const number = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  const minutes = (value: number | null) =>
    value === null ? t("inbox.figures.none") : t("inbox.figures.minutes", { value: number.format(value) });
  const pair = (d: { median: number | null; p90: number | null }) =>
    `${minutes(d.median)} / ${minutes(d.p90)}`;

  return (
    <Paper
      withBorder
      p="md"
      component="section"
      aria-labelledby="response-figures-title"
      data-testid="response-figures"
    >
      <Stack gap="sm">
        <Title order={2} size="h4" id="response-figures-title">
          {t("inbox.figures.title")}
        </Title>
        <ProblemAlert error={figures.error} />
        {data && (
          <>
            <Text size="sm" c="dimmed">
              {t("inbox.figures.period", { days: data.days })}
            </Text>
            <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
              <Figure label={t("inbox.figures.open")} value={String(data.open)} />
              <Figure label={t("inbox.figures.firstResponse")} value={pair(data.firstResponse)} />
              <Figure label={t("inbox.figures.resolution")} value={pair(data.resolution)} />
              <Figure label={t("inbox.figures.breaches")} value={String(data.breaches)} />
            </SimpleGrid>
            <Table>
              <Table.Caption>{t("inbox.figures.caption")}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t("inbox.figures.band")}</Table.Th>
                  <Table.Th scope="col">{t("inbox.figures.open")}</Table.Th>
                  <Table.Th scope="col">{t("inbox.figures.firstResponse")}</Table.Th>
                  <Table.Th scope="col">{t("inbox.figures.resolution")}</Table.Th>
                  <Table.Th scope="col">{t("inbox.figures.breaches")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {bands.map((band) => {
                  const row = data.byBand[band];
                  return (
                    <Table.Tr key={band}>
                      <Table.Th scope="row">{t(`inbox.band.${band}`)}</Table.Th>
                      <Table.Td>{row.open}</Table.Td>
                      <Table.Td>{pair(row.firstResponse)}</Table.Td>
                      <Table.Td>{pair(row.resolution)}</Table.Td>
                      <Table.Td>{row.breaches}</Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </>
        )}
      </Stack>
    </Paper>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700}>{value}</Text>
    </Stack>
  );
}
