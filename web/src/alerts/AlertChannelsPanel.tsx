import { Button, Group, Stack, Switch, Table, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ConfirmButton } from "../app/ConfirmButton.tsx";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { AlertChannelForm } from "./AlertChannelForm.tsx";
import { useAlertChannels } from "./useAlertChannels.ts";
import { useDeleteAlertChannel } from "./useDeleteAlertChannel.ts";
import { useTestAlertChannel } from "./useTestAlertChannel.ts";
import { useUpdateAlertChannel } from "./useUpdateAlertChannel.ts";

/** The outcome of the last test message per channel: sent, or the receiver's (or our) error. */
type TestOutcome = { ok: true } | { ok: false; error: string };

/** Settings → Alerts → Channels: where alerts go besides the app; admins add, test, switch off and delete. */
export function AlertChannelsPanel({ editable }: { editable: boolean }) {
  const { t } = useTranslation();
  const channels = useAlertChannels();
  const toggle = useUpdateAlertChannel();
  const remove = useDeleteAlertChannel();
  const test = useTestAlertChannel();
  const [outcomes, setOutcomes] = useState<Record<string, TestOutcome>>({});

  const sendTest = (id: string) => {
    setOutcomes(({ [id]: _, ...rest }) => rest);
    test.mutate(id, {
      onSuccess: (result) =>
        setOutcomes((all) => ({
          ...all,
          [id]: result.ok ? { ok: true } : { ok: false, error: result.error ?? t("common.unexpectedError") },
        })),
      onError: (error) => setOutcomes((all) => ({ ...all, [id]: { ok: false, error: error.message } })),
    });
  };

  return (
    <Stack gap="md" component="section" aria-labelledby="alert-channels-title">
      <Title order={2} size="h4" id="alert-channels-title">
        {t("alerts.channels.title")}
      </Title>
      <Text size="sm">{t("alerts.channels.intro")}</Text>
      {editable ? (
        <AlertChannelForm />
      ) : (
        <Text size="sm" c="dimmed">
          {t("alerts.channels.readOnly")}
        </Text>
      )}
      <ProblemAlert error={channels.error ?? toggle.error ?? remove.error} />
      {channels.data && channels.data.length === 0 && <Text c="dimmed">{t("alerts.channels.empty")}</Text>}
      {channels.data && channels.data.length > 0 && (
        <Table.ScrollContainer minWidth={680}>
          <Table striped>
            <Table.Caption>{t("alerts.channels.listCaption")}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t("alerts.channels.fields.name")}</Table.Th>
                <Table.Th scope="col">{t("alerts.channels.fields.kind")}</Table.Th>
                <Table.Th scope="col">{t("alerts.channels.target")}</Table.Th>
                <Table.Th scope="col">{t("alerts.channels.enabled")}</Table.Th>
                {editable && <Table.Th scope="col">{t("common.actions")}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {channels.data.map((channel) => {
                const outcome = outcomes[channel.id];
                return (
                  <Table.Tr key={channel.id} data-testid="channel-row" data-channel-id={channel.id}>
                    <Table.Td>
                      <Text fw={500}>{channel.name}</Text>
                    </Table.Td>
                    <Table.Td>{t(`alerts.channels.kinds.${channel.kind}`)}</Table.Td>
                    <Table.Td style={{ overflowWrap: "anywhere" }}>{channel.target}</Table.Td>
                    <Table.Td>
                      {editable ? (
                        <Switch
                          checked={channel.enabled}
                          disabled={toggle.isPending && toggle.variables?.id === channel.id}
                          onChange={(e) =>
                            toggle.mutate({ id: channel.id, changes: { enabled: e.currentTarget.checked } })
                          }
                          aria-label={t("alerts.channels.enabledNamed", { name: channel.name })}
                          data-testid="channel-toggle"
                        />
                      ) : channel.enabled ? (
                        t("alerts.rules.on")
                      ) : (
                        t("alerts.rules.off")
                      )}
                    </Table.Td>
                    {editable && (
                      <Table.Td>
                        <Stack gap={4}>
                          <Group gap="xs" wrap="nowrap">
                            <Button
                              size="compact-sm"
                              variant="default"
                              loading={test.isPending && test.variables === channel.id}
                              onClick={() => sendTest(channel.id)}
                              aria-label={t("alerts.channels.testNamed", { name: channel.name })}
                              data-testid="channel-test"
                            >
                              {t("alerts.channels.test")}
                            </Button>
                            <ConfirmButton
                              label={t("common.delete")}
                              confirmLabel={t("common.confirmDelete")}
                              ariaLabel={t("alerts.channels.deleteNamed", { name: channel.name })}
                              loading={remove.isPending && remove.variables === channel.id}
                              onConfirm={() => remove.mutate(channel.id)}
                            />
                          </Group>
                          {outcome && (
                            <Text
                              size="sm"
                              c={outcome.ok ? "teal.9" : "red.9"}
                              role="status"
                              className="post-text"
                              data-testid="channel-test-result"
                              data-ok={outcome.ok}
                            >
                              {outcome.ok
                                ? t("alerts.channels.testOk")
                                : t("alerts.channels.testFailed", { error: outcome.error })}
                            </Text>
                          )}
                        </Stack>
                      </Table.Td>
                    )}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
