import { Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { BigFigure, FigureCard, FigureRow } from "../app/Figures.tsx";
import type { AccountsSummary } from "./summarizeAccounts.ts";

/** The accounts at a glance: how many, how many at risk or needing attention, and suspected takeovers. */
export function AccountFigures({ summary }: { summary: AccountsSummary | undefined }) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language);

  return (
    <FigureRow label={t("accounts.figures.label")} testId="account-figures">
      {summary && (
        <>
          <FigureCard testId="account-figure-accounts" label={t("accounts.figures.accounts")}>
            <BigFigure value={number.format(summary.accounts)} />
          </FigureCard>
          <FigureCard testId="account-figure-at-risk" label={t("accounts.figures.atRisk")}>
            {/* Red-9 on white: 5.5:1; the label says it without colour. */}
            <BigFigure
              value={number.format(summary.atRisk)}
              colour={summary.atRisk > 0 ? "red.9" : undefined}
            />
            {summary.unrecorded > 0 && (
              <Text size="xs" c="dimmed">
                {t("accounts.figures.unrecorded", { count: summary.unrecorded })}
              </Text>
            )}
          </FigureCard>
          <FigureCard testId="account-figure-attention" label={t("accounts.figures.attention")}>
            <BigFigure value={number.format(summary.attention)} />
          </FigureCard>
          <FigureCard testId="account-figure-takeover" label={t("accounts.figures.takeover")}>
            <BigFigure
              value={number.format(summary.takeover)}
              colour={summary.takeover > 0 ? "red.9" : undefined}
            />
          </FigureCard>
        </>
      )}
    </FigureRow>
  );
}
