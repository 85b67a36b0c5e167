import { Loader, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { canManageConnectors } from "../../../src/orgs/orgs.policy.ts";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { useNow } from "../app/useNow.ts";
import { useCurrentSession } from "../auth/useCurrentSession.ts";
import { ConnectorCard, type PollOutcome } from "./ConnectorCard.tsx";
import { ConnectorForm } from "./ConnectorForm.tsx";
import { useConnectorKinds } from "./useConnectorKinds.ts";
import { useConnectors } from "./useConnectors.ts";
import { useDeleteConnector } from "./useDeleteConnector.ts";
import { usePollConnector } from "./usePollConnector.ts";
import { useUpdateConnector } from "./useUpdateConnector.ts";

/** Settings → Connectors: where posts come from, with each connector's health; admins add, poll, edit and delete. */
export function ConnectorsPanel() {
  const { t } = useTranslation();
  const { role } = useCurrentSession();
  const editable = canManageConnectors({ role });
  const connectors = useConnectors();
  const kinds = useConnectorKinds();
  const toggle = useUpdateConnector();
  const remove = useDeleteConnector();
  const poll = usePollConnector();
  const now = useNow(15_000);
  const [editingId, setEditingId] = useState<string | undefined>(undefined);
  const [outcomes, setOutcomes] = useState<Record<string, PollOutcome>>({});
  // Remount the add form after each save so it starts empty again.
  const [formKey, setFormKey] = useState(0);
  const kindList = kinds.data ?? [];

  const pollNow = (id: string) => {
    setOutcomes(({ [id]: _, ...rest }) => rest);
    poll.mutate(id, {
      onSuccess: (result) => setOutcomes((all) => ({ ...all, [id]: { ok: true, result } })),
      onError: (error) => setOutcomes((all) => ({ ...all, [id]: { ok: false, error: error.message } })),
    });
  };

  return (
    <Stack gap="md" component="section" aria-labelledby="connectors-title">
      <Title order={2} size="h4" id="connectors-title">
        {t("connectors.title")}
      </Title>
      <Text size="sm">{t("connectors.intro")}</Text>
      {!editable && (
        <Text size="sm" c="dimmed">
          {t("connectors.readOnly")}
        </Text>
      )}
      <ProblemAlert error={connectors.error ?? kinds.error ?? toggle.error ?? remove.error} />
      {(connectors.isPending || kinds.isPending) && <Loader size="sm" aria-label={t("common.loading")} />}
      {connectors.data && connectors.data.length === 0 && <Text c="dimmed">{t("connectors.empty")}</Text>}
      {connectors.data?.map((connector) =>
        editingId === connector.id && kinds.data ? (
          <ConnectorForm
            key={connector.id}
            kinds={kindList}
            connector={connector}
            onDone={() => setEditingId(undefined)}
          />
        ) : (
          <ConnectorCard
            key={connector.id}
            connector={connector}
            kind={kindList.find((k) => k.kind === connector.kind)}
            now={now}
            editable={editable}
            toggling={toggle.isPending && toggle.variables?.id === connector.id}
            polling={poll.isPending && poll.variables === connector.id}
            deleting={remove.isPending && remove.variables === connector.id}
            pollOutcome={outcomes[connector.id]}
            onToggle={(enabled) => toggle.mutate({ id: connector.id, changes: { enabled } })}
            onPoll={() => pollNow(connector.id)}
            onEdit={() => setEditingId(connector.id)}
            onDelete={() => remove.mutate(connector.id)}
          />
        ),
      )}
      {editable && kinds.data && (
        <ConnectorForm key={`new-${formKey}`} kinds={kindList} onDone={() => setFormKey((k) => k + 1)} />
      )}
    </Stack>
  );
}
