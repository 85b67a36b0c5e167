import { Group, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { BigFigure, FigureCard, FigureRow } from "../app/Figures.tsx";
import type { StakeholderSummary } from "./summarizeStakeholders.ts";

/** The map at a glance: accounts, friends and foes, who was active and how many critical posts in 7 days. */
export function StakeholderFigures({ summary }: { summary: StakeholderSummary | undefined }) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language);

  return (
    <FigureRow label={t("stakeholders.figures.label")} testId="stakeholder-figures">
      {summary && (
        <>
          <FigureCard testId="stakeholder-figure-accounts" label={t("stakeholders.figures.accounts")}>
            <BigFigure value={number.format(summary.accounts)} />
          </FigureCard>
          <FigureCard testId="stakeholder-figure-stances" label={t("stakeholders.figures.stances")}>
            <Group gap="md" align="baseline">
              {/* Teal-9 and red-9 on white: 5.0:1 and 5.5:1; the words say it without colour. */}
              <Text span size="sm">
                <BigFigure value={number.format(summary.friends)} colour="teal.9" />{" "}
                {t("stakeholders.figures.friends", { count: summary.friends })}
              </Text>
              <Text span size="sm">
                <BigFigure value={number.format(summary.foes)} colour="red.9" />{" "}
                {t("stakeholders.figures.foes", { count: summary.foes })}
              </Text>
            </Group>
          </FigureCard>
          <FigureCard testId="stakeholder-figure-active" label={t("stakeholders.figures.active7d")}>
            <BigFigure value={number.format(summary.active7d)} />
          </FigureCard>
          <FigureCard testId="stakeholder-figure-critical" label={t("stakeholders.figures.critical7d")}>
            <BigFigure value={number.format(summary.critical7d)} />
          </FigureCard>
        </>
      )}
    </FigureRow>
  );
}
