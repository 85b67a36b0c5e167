import { NativeSelect, NumberInput, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { AlertCondition } from "../../../src/alerts/alerts.schema.ts";
import { RiskCategory } from "../../../src/posts/posts.schema.ts";
import { chanceCategories, riskOnlyCategories } from "../risk/riskDisplay.ts";
import { numberFromInput, weekdayName } from "./ruleCondition.ts";

const levels = [1, 2, 3, 4, 5, 6] as const;

interface ConditionFieldsProps {
  condition: AlertCondition;
  onChange: (condition: AlertCondition) => void;
  /** A server message per field, e.g. for `minLevel`. */
  errorOf: (field: string) => string | undefined;
}

/**
 * The fields of one kind of condition: a level, an anomaly score, a count of flagged posts in a window, a priority;
 * the operational kinds (service-level breach, deadline due) have no fields, only a line on what raises them;
 * the situation report has its schedule.
 */
export function ConditionFields({ condition, onChange, errorOf }: ConditionFieldsProps) {
  const { t } = useTranslation();
  // NaN (an empty field) shows as empty instead of "NaN".
  const shown = (value: number) => (Number.isNaN(value) ? "" : value);

  switch (condition.kind) {
    case "level_reached":
      return (
        <NativeSelect
          label={t("alerts.rules.fields.minLevel")}
          description={t("alerts.rules.fields.minLevelHint")}
          data={levels.map((level) => ({ value: String(level), label: t("escalation.levelN", { level }) }))}
          value={String(condition.minLevel)}
          onChange={(e) => onChange({ ...condition, minLevel: Number(e.currentTarget.value) })}
          error={errorOf("minLevel")}
          maw={320}
          data-testid="rule-min-level"
        />
      );
    case "anomaly":
      return (
        <NumberInput
          label={t("alerts.rules.fields.minScore")}
          description={t("alerts.rules.fields.minScoreHint")}
          min={0.5}
          max={1}
          step={0.05}
          decimalScale={2}
          value={shown(condition.minScore)}
          onChange={(value) => onChange({ ...condition, minScore: numberFromInput(value) })}
          error={errorOf("minScore")}
          maw={320}
          data-testid="rule-min-score"
        />
      );
    case "priority_post":
      return (
        <NumberInput
          label={t("alerts.rules.fields.minPriority")}
          description={t("alerts.rules.fields.minPriorityHint")}
          min={0}
          max={1}
          step={0.05}
          decimalScale={2}
          value={shown(condition.minPriority)}
          onChange={(value) => onChange({ ...condition, minPriority: numberFromInput(value) })}
          error={errorOf("minPriority")}
          maw={320}
          data-testid="rule-min-priority"
        />
      );
    case "risk_count": {
      const option = (category: RiskCategory) => ({
        value: category,
        label: t(`risk.categories.${category}`),
      });
      return (
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <NativeSelect
            label={t("alerts.rules.fields.category")}
            data={[
              { group: t("risk.kinds.risk"), items: riskOnlyCategories.map(option) },
              { group: t("risk.kinds.chance"), items: chanceCategories.map(option) },
            ]}
            value={condition.category}
            onChange={(e) => onChange({ ...condition, category: RiskCategory.parse(e.currentTarget.value) })}
            error={errorOf("category")}
            data-testid="rule-category"
          />
          <NumberInput
            label={t("alerts.rules.fields.count")}
            min={1}
            max={100_000}
            step={1}
            allowDecimal={false}
            value={shown(condition.count)}
            onChange={(value) => onChange({ ...condition, count: numberFromInput(value) })}
            error={errorOf("count")}
            data-testid="rule-count"
          />
          <NumberInput
            label={t("alerts.rules.fields.windowMinutes")}
            min={1}
            max={24 * 60}
            step={5}
            allowDecimal={false}
            value={shown(condition.windowMinutes)}
            onChange={(value) => onChange({ ...condition, windowMinutes: numberFromInput(value) })}
            error={errorOf("windowMinutes")}
            data-testid="rule-window"
          />
        </SimpleGrid>
      );
    }
    case "account_takeover":
      return (
        <Text size="sm" c="dimmed" maw={520} data-testid="rule-takeover-hint">
          {t("alerts.rules.takeoverHint")}
        </Text>
      );
    case "sla_breach":
    case "deadline_due":
      return (
        <Text size="sm" c="dimmed" maw={520} data-testid="rule-operational-hint">
          {t(`inbox.operational.hint.${condition.kind}`)}
        </Text>
      );
    case "report_digest":
      return <ReportScheduleFields condition={condition} onChange={onChange} errorOf={errorOf} />;
  }
}

type ReportDigest = Extract<AlertCondition, { kind: "report_digest" }>;

const hours = Array.from({ length: 24 }, (_, hour) => hour);
const weekdays = [1, 2, 3, 4, 5, 6, 7] as const;

/** When the situation report is sent: daily or weekly on a day, at an hour of a time zone, and what it covers. */
function ReportScheduleFields({
  condition,
  onChange,
  errorOf,
}: {
  condition: ReportDigest;
  onChange: (condition: AlertCondition) => void;
  errorOf: (field: string) => string | undefined;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Stack gap={4}>
      <SimpleGrid cols={{ base: 1, sm: 4 }} spacing="sm">
        <NativeSelect
          label={t("alerts.rules.fields.frequency")}
          data={[
            { value: "weekly", label: t("alerts.rules.frequency.weekly") },
            { value: "daily", label: t("alerts.rules.frequency.daily") },
          ]}
          value={condition.frequency}
          onChange={(e) =>
            onChange({ ...condition, frequency: e.currentTarget.value === "daily" ? "daily" : "weekly" })
          }
          error={errorOf("frequency")}
          data-testid="rule-frequency"
        />
        {condition.frequency === "weekly" && (
          <NativeSelect
            label={t("alerts.rules.fields.weekday")}
            data={weekdays.map((day) => ({ value: String(day), label: weekdayName(day, i18n.language) }))}
            value={String(condition.weekday)}
            onChange={(e) => onChange({ ...condition, weekday: Number(e.currentTarget.value) })}
            error={errorOf("weekday")}
            data-testid="rule-weekday"
          />
        )}
        <NativeSelect
          label={t("alerts.rules.fields.hour")}
          data={hours.map((hour) => ({ value: String(hour), label: `${String(hour).padStart(2, "0")}:00` }))}
          value={String(condition.hour)}
          onChange={(e) => onChange({ ...condition, hour: Number(e.currentTarget.value) })}
          error={errorOf("hour")}
          data-testid="rule-hour"
        />
        <TextInput
          label={t("alerts.rules.fields.timeZone")}
          maxLength={100}
          value={condition.timeZone}
          onChange={(e) => onChange({ ...condition, timeZone: e.currentTarget.value.trim() })}
          error={errorOf("timeZone")}
          data-testid="rule-time-zone"
        />
      </SimpleGrid>
      <Text size="sm" c="dimmed" maw={640} data-testid="rule-report-hint">
        {t("alerts.rules.reportHint")}
      </Text>
    </Stack>
  );
}
