import { Paper, SimpleGrid, Skeleton, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { AccountsSummary } from "./summarizeAccounts.ts";

function Figure({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" data-testid={`account-figure-${id}`}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      {children}
    </Paper>
  );
}

function Big({ value, colour }: { value: string; colour?: string | undefined }) {
  return (
    <Text span fz={28} fw={700} lh={1.2} c={colour} data-testid="figure-value">
      {value}
    </Text>
  );
}

/** The accounts at a glance: how many, how many at risk or needing attention, and suspected takeovers. */
export function AccountFigures({ summary }: { summary: AccountsSummary | undefined }) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language);

  return (
    <SimpleGrid
      cols={{ base: 1, xs: 2, md: 4 }}
      component="section"
      aria-label={t("accounts.figures.label")}
      data-testid="account-figures"
    >
      {summary ? (
        <>
          <Figure id="accounts" label={t("accounts.figures.accounts")}>
            <Big value={number.format(summary.accounts)} />
          </Figure>
          <Figure id="at-risk" label={t("accounts.figures.atRisk")}>
            {/* Red-9 on white: 5.5:1; the label says it without colour. */}
            <Big value={number.format(summary.atRisk)} colour={summary.atRisk > 0 ? "red.9" : undefined} />
            {summary.unrecorded > 0 && (
              <Text size="xs" c="dimmed">
                {t("accounts.figures.unrecorded", { count: summary.unrecorded })}
              </Text>
            )}
          </Figure>
          <Figure id="attention" label={t("accounts.figures.attention")}>
            <Big value={number.format(summary.attention)} />
          </Figure>
          <Figure id="takeover" label={t("accounts.figures.takeover")}>
            <Big
              value={number.format(summary.takeover)}
              colour={summary.takeover > 0 ? "red.9" : undefined}
            />
          </Figure>
        </>
      ) : (
        ["a", "b", "c", "d"].map((key) => (
          <Paper key={key} withBorder p="md">
            <Skeleton h={16} w="60%" />
            <Skeleton h={32} mt={6} w={80} />
          </Paper>
        ))
      )}
    </SimpleGrid>
  );
}
