import {
  Button,
  Checkbox,
  Group,
  NativeSelect,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  type AlertCondition,
  type AlertRuleRead,
  AlertSeverity,
  type AlertTrigger,
  alertTriggers,
} from "../../../src/alerts/alerts.schema.ts";
import { ApiError } from "../app/api.ts";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { useTopics } from "../topics/useTopics.ts";
import { ConditionFields } from "./ConditionFields.tsx";
import { defaultCondition, isConditionValid, numberFromInput } from "./ruleCondition.ts";
import { useAlertChannels } from "./useAlertChannels.ts";
import { useCreateAlertRule } from "./useCreateAlertRule.ts";
import { useUpdateAlertRule } from "./useUpdateAlertRule.ts";

// Fields the form shows the server's messages beside; anything else goes into the alert above the form.
const shownFields = ["name", "topicId", "severity", "cooldownMinutes", "channelIds", "condition"];

interface AlertRuleFormProps {
  /** The rule being edited, or undefined to create a new one. */
  rule?: AlertRuleRead | undefined;
  onDone: () => void;
}

/** Create or edit an alert rule: name, topic, condition per kind, severity, cool-down, channels, on/off. */
export function AlertRuleForm({ rule, onDone }: AlertRuleFormProps) {
  const { t } = useTranslation();
  const topics = useTopics();
  const channels = useAlertChannels();
  const create = useCreateAlertRule();
  const update = useUpdateAlertRule();
  const mutation = rule ? update : create;
  const [name, setName] = useState(rule?.name ?? "");
  const [topicId, setTopicId] = useState(rule?.topicId ?? "");
  const [condition, setCondition] = useState<AlertCondition>(
    rule?.condition ?? defaultCondition("level_reached"),
  );
  const [severity, setSeverity] = useState<AlertSeverity>(rule?.severity ?? "warning");
  const [cooldown, setCooldown] = useState<number>(rule?.cooldownMinutes ?? 30);
  const [channelIds, setChannelIds] = useState<string[]>(rule?.channelIds ?? []);
  const [enabled, setEnabled] = useState(rule?.enabled ?? true);
  const error = mutation.error instanceof ApiError ? mutation.error : null;
  const fieldErrors = error?.problem.errors ?? [];
  const unshownError =
    mutation.error &&
    (fieldErrors.length === 0 || fieldErrors.some((e) => !shownFields.includes(e.field.split(".")[0] ?? "")));
  const conditionError = (field: string) => error?.fieldError(`condition.${field}`);
  const cooldownValid = Number.isInteger(cooldown) && cooldown >= 0 && cooldown <= 7 * 24 * 60;

  const topicOptions = [
    { value: "", label: t("alerts.rules.allTopics") },
    ...(topics.data ?? []).map((topic) => ({ value: topic.id, label: topic.name })),
  ];
  // A rule for a topic that is not (yet) loaded still shows it as selected.
  if (topicId && !topicOptions.some((o) => o.value === topicId))
    topicOptions.push({ value: topicId, label: topicId });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = {
      name: name.trim(),
      // A situation report covers every topic.
      topicId: condition.kind === "report_digest" ? null : topicId || null,
      condition,
      severity,
      cooldownMinutes: cooldown,
      channelIds,
      enabled,
    };
    if (rule) update.mutate({ id: rule.id, changes: body }, { onSuccess: onDone });
    else create.mutate(body, { onSuccess: onDone });
  };

  return (
    <Paper withBorder p="md">
      <form onSubmit={onSubmit} noValidate aria-labelledby="alert-rule-form-title">
        <Stack gap="sm">
          <Title order={3} size="h5" id="alert-rule-form-title">
            {rule ? t("alerts.rules.editTitle", { name: rule.name }) : t("alerts.rules.createTitle")}
          </Title>
          {unshownError && <ProblemAlert error={mutation.error} />}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label={t("alerts.rules.fields.name")}
              required
              maxLength={200}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={error?.fieldError("name")}
              data-testid="rule-name"
            />
            {condition.kind !== "report_digest" && (
              <NativeSelect
                label={t("alerts.rules.fields.topic")}
                data={topicOptions}
                value={topicId}
                onChange={(e) => setTopicId(e.currentTarget.value)}
                error={error?.fieldError("topicId")}
                data-testid="rule-topic"
              />
            )}
            <NativeSelect
              label={t("alerts.rules.fields.kind")}
              data={alertTriggers.map((kind) => ({ value: kind, label: t(`alerts.rules.kinds.${kind}`) }))}
              value={condition.kind}
              onChange={(e) => {
                const kind = alertTriggers.find((k): k is AlertTrigger => k === e.currentTarget.value);
                if (kind && kind !== condition.kind) setCondition(defaultCondition(kind));
              }}
              data-testid="rule-kind"
            />
            <NativeSelect
              label={t("alerts.rules.fields.severity")}
              data={AlertSeverity.options.map((s) => ({ value: s, label: t(`alerts.severity.${s}`) }))}
              value={severity}
              onChange={(e) => setSeverity(AlertSeverity.parse(e.currentTarget.value))}
              error={error?.fieldError("severity")}
              data-testid="rule-severity"
            />
          </SimpleGrid>
          <ConditionFields condition={condition} onChange={setCondition} errorOf={conditionError} />
          {/* A scheduled report is raised once per time: nothing to fold, so no cooldown to set. */}
          {condition.kind !== "report_digest" && (
            <NumberInput
              label={t("alerts.rules.fields.cooldown")}
              description={t("alerts.rules.fields.cooldownHint")}
              min={0}
              max={7 * 24 * 60}
              step={5}
              allowDecimal={false}
              value={Number.isNaN(cooldown) ? "" : cooldown}
              onChange={(value) => setCooldown(numberFromInput(value))}
              error={error?.fieldError("cooldownMinutes")}
              maw={320}
              data-testid="rule-cooldown"
            />
          )}
          {(channels.data ?? []).length > 0 ? (
            <Checkbox.Group
              label={t("alerts.rules.fields.channels")}
              description={t("alerts.rules.fields.channelsHint")}
              value={channelIds}
              onChange={setChannelIds}
              error={error?.fieldError("channelIds")}
            >
              <Group gap="md" mt={4}>
                {(channels.data ?? []).map((channel) => (
                  <Checkbox
                    key={channel.id}
                    value={channel.id}
                    label={`${channel.name} (${t(`alerts.channels.kinds.${channel.kind}`)})`}
                    data-testid="rule-channel"
                  />
                ))}
              </Group>
            </Checkbox.Group>
          ) : (
            <Text size="sm" c="dimmed">
              {t("alerts.rules.noChannels")}
            </Text>
          )}
          <Switch
            label={t("alerts.rules.fields.enabled")}
            checked={enabled}
            onChange={(e) => setEnabled(e.currentTarget.checked)}
            data-testid="rule-enabled"
          />
          <Group>
            <Button
              type="submit"
              loading={mutation.isPending}
              disabled={!name.trim() || !isConditionValid(condition) || !cooldownValid}
              data-testid="rule-save"
            >
              {rule ? t("common.save") : t("alerts.rules.create")}
            </Button>
            {rule && (
              <Button variant="default" onClick={onDone}>
                {t("common.cancel")}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
