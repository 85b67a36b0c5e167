import {
  Badge,
  Button,
  Group,
  List,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router-dom";
import type { Compared, Report } from "../../../src/reports/reports.schema.ts";
import { BigFigure, FigureCard, FigureRow } from "../app/Figures.tsx";
import { formatDateTime } from "../app/formatTime.ts";
import { Page } from "../app/Page.tsx";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { useNow } from "../app/useNow.ts";
import { PostItem } from "../mentions/PostItem.tsx";
import { useTopicNames } from "../topics/useTopicNames.ts";
import { ComparedTable } from "./ComparedTable.tsx";
import { changeText, reportFromSearch, reportPeriods, withActivity } from "./reportView.ts";
import { useReport } from "./useReport.ts";

/**
 * The situation report ("Lagebericht"): a period's mentions, risks, topics, alerts, incidents and response
 * times beside the period before, what changed notably, and the posts to look at first; printable.
 */
export function ReportPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  // "Now" is the full minute after the page opened: every post there was is in, and the report does not move
  // while it is read.
  const [opened] = useState(() => new Date(Math.ceil(Date.now() / 60_000) * 60_000));
  const { period, range } = useMemo(() => reportFromSearch(params, opened), [params, opened]);
  const report = useReport(range);

  return (
    <Page
      title={t("reports.title")}
      actions={
        <Group gap="sm" className="no-print">
          <SegmentedControl
            aria-label={t("reports.periodLabel")}
            value={period ?? ""}
            onChange={(value) => setParams(value === "last7" ? {} : { period: value }, { replace: true })}
            data={reportPeriods.map((p) => ({ value: p, label: t(`reports.periods.${p}`) }))}
            data-testid="report-period-choice"
          />
          <Button variant="default" onClick={() => window.print()} data-testid="report-print">
            {t("reports.print")}
          </Button>
        </Group>
      }
    >
      <Text maw={900}>{t("reports.intro")}</Text>
      <ProblemAlert error={report.error} />
      {report.data && <ReportBody report={report.data} />}
      {!report.data && !report.error && (
        <FigureRow label={t("reports.figures.label")} testId="report-figures">
          {undefined}
        </FigureRow>
      )}
    </Page>
  );
}

/** One figure of the period, with what there is to say about it, above the figure before and the change. */
function ComparedCard({
  name,
  value,
  detail,
}: {
  name: "mentions" | "authors" | "alerts" | "incidents" | "conversations";
  value: Compared;
  detail?: string;
}) {
  const { t, i18n } = useTranslation();
  const number = new Intl.NumberFormat(i18n.language);
  const words = { new: t("reports.change.new"), same: t("reports.change.same") };
  return (
    <FigureCard testId={`report-figure-${name}`} label={t(`reports.figures.${name}`)}>
      <BigFigure value={number.format(value.current)} />
      {detail && <Text size="sm">{detail}</Text>}
      <Text size="sm">
        {t("reports.previous", { value: number.format(value.previous) })} ·{" "}
        {changeText(value, i18n.language, words)}
      </Text>
    </FigureCard>
  );
}

function ReportBody({ report }: { report: Report }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const number = new Intl.NumberFormat(lang);
  const topicNames = useTopicNames();
  const risks = withActivity(report.flagged).map((f) => ({
    ...f,
    key: f.category,
    name: t(`risk.categories.${f.category}`),
  }));
  const topics = report.topics.map((topic) => ({ ...topic, key: topic.topicId }));
  const platforms = withActivity(report.platforms).map((p) => ({
    ...p,
    name: t(`platforms.${p.key}`, { defaultValue: p.key }),
  }));
  const languages = withActivity(report.languages).map((l) => ({
    ...l,
    name: t(`langs.${l.key}`, { defaultValue: l.key }),
  }));
  const now = useNow(30_000);

  return (
    <Stack gap="lg">
      <Text size="sm" c="dimmed" data-testid="report-period">
        {t("reports.covers", {
          from: formatDateTime(report.period.from, lang),
          to: formatDateTime(report.period.to, lang),
          previousFrom: formatDateTime(report.previous.from, lang),
          previousTo: formatDateTime(report.previous.to, lang),
        })}
      </Text>
      <FigureRow label={t("reports.figures.label")} testId="report-figures">
        <ComparedCard name="mentions" value={report.mentions} />
        <ComparedCard name="authors" value={report.authors} />
        <ComparedCard
          name="alerts"
          value={report.alerts.raised}
          detail={t("reports.figures.alertsDetail", {
            critical: number.format(report.alerts.critical.current),
            open: number.format(report.alerts.stillOpen),
          })}
        />
        <ComparedCard
          name="incidents"
          value={report.incidents.opened}
          detail={t("reports.figures.incidentsDetail", {
            closed: number.format(report.incidents.closed.current),
            open: number.format(report.incidents.openNow),
          })}
        />
        <ComparedCard
          name="conversations"
          value={report.response.conversations}
          detail={`${
            report.response.firstResponseMedian === null
              ? t("reports.figures.firstResponseNone")
              : t("reports.figures.firstResponse", {
                  median: number.format(report.response.firstResponseMedian),
                })
          } · ${t("reports.figures.breaches", { count: report.response.breaches.current })}`}
        />
      </FigureRow>

      <Paper
        withBorder
        p="md"
        component="section"
        aria-labelledby="report-highlights-title"
        data-testid="report-highlights"
      >
        <Title order={2} size="h4" id="report-highlights-title" mb="xs">
          {t("reports.highlights.title")}
        </Title>
        {report.highlights.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("reports.highlights.none")}
          </Text>
        ) : (
          <List spacing={6} listStyleType="none" ml={0} pl={0}>
            {report.highlights.map((h) => (
              <List.Item key={`${h.subject}-${h.en}`} data-testid="report-highlight" data-concern={h.concern}>
                <Group gap="xs" wrap="nowrap" align="baseline">
                  {/* Red.9 and gray.7 on white carry their meaning in words too. */}
                  <Badge
                    color={h.concern ? "red.9" : "gray.7"}
                    variant={h.concern ? "filled" : "outline"}
                    size="sm"
                  >
                    {h.concern ? t("reports.highlights.concern") : t("reports.highlights.news")}
                  </Badge>
                  <Text size="sm">{lang.startsWith("de") ? h.de : h.en}</Text>
                </Group>
              </List.Item>
            ))}
          </List>
        )}
      </Paper>

      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <ComparedTable
          title={t("reports.risks.title")}
          keyLabel={t("reports.risks.category")}
          rows={risks}
          empty={t("reports.risks.none")}
          testId="report-risks"
        />
        <ComparedTable
          title={t("reports.topics.title")}
          keyLabel={t("reports.topics.topic")}
          rows={topics}
          empty={t("reports.topics.none")}
          criticalLabel={t("reports.topics.critical")}
          note={t("reports.topics.criticalNote")}
          testId="report-topics"
        />
        <ComparedTable
          title={t("reports.platforms.title")}
          keyLabel={t("reports.platforms.key")}
          rows={platforms}
          empty={t("reports.noMentions")}
          testId="report-platforms"
        />
        <ComparedTable
          title={t("reports.languages.title")}
          keyLabel={t("reports.languages.key")}
          rows={languages}
          empty={t("reports.noMentions")}
          testId="report-languages"
        />
      </SimpleGrid>

      <Stack gap="sm" component="section" aria-labelledby="report-top-title" data-testid="report-top-posts">
        <Title order={2} size="h4" id="report-top-title">
          {t("reports.topPosts.title")}
        </Title>
        {report.topPosts.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("reports.topPosts.none")}
          </Text>
        ) : (
          report.topPosts.map((post) => (
            <PostItem key={post.id} post={post} now={now} topicNames={topicNames} />
          ))
        )}
      </Stack>
    </Stack>
  );
}
