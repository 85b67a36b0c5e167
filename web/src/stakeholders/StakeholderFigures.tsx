import { Group, Paper, SimpleGrid, Skeleton, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { StakeholderSummary } from "./summarizeStakeholders.ts";

function Figure({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" data-testid={`stakeholder-figure-${id}`}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      {children}
    </Paper>
  );
}

function Big({ value, colour }: { value: string; colour?: string }) {
  return (
    <Text span fz={28} fw={700} lh={1.2} c={colour} data-testid="figure-value">
      {value}
    </Text>
  );
}

/** The map at a glance: accounts, friends and foes, who was active and how many critical posts in 7 days. */
export function StakeholderFigures({ summary }: { summary: StakeholderSummary | undefined }) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language);

  return (
    <SimpleGrid
      cols={{ base: 1, xs: 2, md: 4 }}
      component="section"
      aria-label={t("stakeholders.figures.label")}
      data-testid="stakeholder-figures"
    >
      {summary ? (
        <>
          <Figure id="accounts" label={t("stakeholders.figures.accounts")}>
            <Big value={number.format(summary.accounts)} />
          </Figure>
          <Figure id="stances" label={t("stakeholders.figures.stances")}>
            <Group gap="md" align="baseline">
              {/* Teal-9 and red-9 on white: 5.0:1 and 5.5:1; the words say it without colour. */}
              <Text span size="sm">
                <Big value={number.format(summary.friends)} colour="teal.9" />{" "}
                {t("stakeholders.figures.friends", { count: summary.friends })}
              </Text>
              <Text span size="sm">
                <Big value={number.format(summary.foes)} colour="red.9" />{" "}
                {t("stakeholders.figures.foes", { count: summary.foes })}
              </Text>
            </Group>
          </Figure>
          <Figure id="active" label={t("stakeholders.figures.active7d")}>
            <Big value={number.format(summary.active7d)} />
          </Figure>
          <Figure id="critical" label={t("stakeholders.figures.critical7d")}>
            <Big value={number.format(summary.critical7d)} />
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
