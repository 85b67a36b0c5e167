import { Badge, Button, Group, Stack, Switch, Table, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { AlertRuleRead } from "../../../src/alerts/alerts.schema.ts";
import { ConfirmButton } from "../app/ConfirmButton.tsx";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { useTopicNames } from "../topics/useTopicNames.ts";
import { AlertRuleForm } from "./AlertRuleForm.tsx";
import { severityColour } from "./alertDisplay.ts";
import { describeCondition } from "./ruleCondition.ts";
import { useAlertChannels } from "./useAlertChannels.ts";
import { useAlertRules } from "./useAlertRules.ts";
import { useDeleteAlertRule } from "./useDeleteAlertRule.ts";
import { useUpdateAlertRule } from "./useUpdateAlertRule.ts";

/** Settings → Alerts → Rules: what raises an alert; managers and admins create, edit, switch off and delete. */
export function AlertRulesPanel({ editable }: { editable: boolean }) {
  const { t, i18n } = useTranslation();
  const rules = useAlertRules();
  const channels = useAlertChannels();
  const topicNames = useTopicNames();
  const toggle = useUpdateAlertRule();
  const remove = useDeleteAlertRule();
  const [editing, setEditing] = useState<AlertRuleRead | undefined>(undefined);
  // Remount the form after each save so it starts empty again.
  const [formKey, setFormKey] = useState(0);
  const channelNames = new Map((channels.data ?? []).map((channel) => [channel.id, channel.name]));

  const done = () => {
    setEditing(undefined);
    setFormKey((k) => k + 1);
  };

  return (
    <Stack gap="md" component="section" aria-labelledby="alert-rules-title">
      <Title order={2} size="h4" id="alert-rules-title">
        {t("alerts.rules.title")}
      </Title>
      <Text size="sm">{t("alerts.rules.intro")}</Text>
      {editable ? (
        <AlertRuleForm key={editing?.id ?? `new-${formKey}`} rule={editing} onDone={done} />
      ) : (
        <Text size="sm" c="dimmed">
          {t("alerts.rules.readOnly")}
        </Text>
      )}
      <ProblemAlert error={rules.error ?? toggle.error ?? remove.error} />
      {rules.data && rules.data.length === 0 && <Text c="dimmed">{t("alerts.rules.empty")}</Text>}
      {rules.data && rules.data.length > 0 && (
        <Table.ScrollContainer minWidth={760}>
          <Table striped>
            <Table.Caption>{t("alerts.rules.listCaption")}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("alerts.rules.fields.name")}</Table.Th>
                <Table.Th scope="col">{t("alerts.rules.fields.topic")}</Table.Th>
                <Table.Th scope="col">{t("alerts.rules.condition")}</Table.Th>
                <Table.Th scope="col">{t("alerts.rules.fields.severity")}</Table.Th>
                <Table.Th scope="col">{t("alerts.rules.fields.channels")}</Table.Th>
                <Table.Th scope="col">{t("alerts.rules.fields.enabled")}</Table.Th>
                {editable && <Table.Th scope="col">{t("common.actions")}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rules.data.map((rule) => (
                <Table.Tr
                  key={rule.id}
                  data-testid="rule-row"
                  data-rule-id={rule.id}
                  data-enabled={rule.enabled}
                >
                  <Table.Td>
                    <Text fw={500}>{rule.name}</Text>
                  </Table.Td>
                  <Table.Td>
                    {rule.topicId
                      ? (topicNames.get(rule.topicId) ?? t("alerts.deletedTopic"))
                      : t("alerts.rules.allTopics")}
                  </Table.Td>
                  <Table.Td>{describeCondition(rule.condition, t, i18n.language)}</Table.Td>
                  <Table.Td>
                    <Badge
                      color={severityColour[rule.severity].bg}
                      c={severityColour[rule.severity].fg}
                      variant="filled"
                    >
                      {t(`alerts.severity.${rule.severity}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {rule.channelIds.length === 0
                      ? t("alerts.rules.appOnly")
                      : rule.channelIds.map((id) => channelNames.get(id) ?? id).join(", ")}
                  </Table.Td>
                  <Table.Td>
                    {editable ? (
                      <Switch
                        checked={rule.enabled}
                        disabled={toggle.isPending && toggle.variables?.id === rule.id}
                        onChange={(e) =>
                          toggle.mutate({ id: rule.id, changes: { enabled: e.currentTarget.checked } })
                        }
                        aria-label={t("alerts.rules.enabledNamed", { name: rule.name })}
                        data-testid="rule-toggle"
                      />
                    ) : rule.enabled ? (
                      t("alerts.rules.on")
                    ) : (
                      t("alerts.rules.off")
                    )}
                  </Table.Td>
                  {editable && (
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Button
                          size="compact-sm"
                          variant="default"
                          onClick={() => setEditing(rule)}
                          aria-label={t("alerts.rules.editNamed", { name: rule.name })}
                          data-testid="rule-edit"
                        >
                          {t("common.edit")}
                        </Button>
                        <ConfirmButton
                          label={t("common.delete")}
                          confirmLabel={t("common.confirmDelete")}
                          ariaLabel={t("alerts.rules.deleteNamed", { name: rule.name })}
                          loading={remove.isPending && remove.variables === rule.id}
                          onConfirm={() =>
                            remove.mutate(rule.id, {
                              onSuccess: () => {
                                if (editing?.id === rule.id) done();
                              },
                            })
                          }
                        />
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
