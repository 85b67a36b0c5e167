import { Button, Fieldset, Group, NativeSelect, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { type FormEvent, useEffect, useId, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ConnectorRead } from "../../../src/connectors/connectors.schema.ts";
import { ApiError } from "../app/api.ts";
import { ProblemAlert } from "../app/ProblemAlert.tsx";
import { buildCreate, buildUpdate, type KindFields, secretsTyped } from "./connectorChanges.ts";
import { SchemaFieldInput } from "./SchemaFieldInput.tsx";
import { fieldProblem, fieldsFromSchema, initialValues, missingRequired } from "./schemaFields.ts";
import type { ConnectorKind } from "./useConnectorKinds.ts";
import { useCreateConnector } from "./useCreateConnector.ts";
import { useUpdateConnector } from "./useUpdateConnector.ts";

interface ConnectorFormProps {
  kinds: readonly ConnectorKind[];
  /** The connector being edited, or undefined to add a new one. */
  connector?: ConnectorRead | undefined;
  onDone: () => void;
}

function fieldsOf(kind: ConnectorKind | undefined): KindFields {
  return {
    config: kind ? fieldsFromSchema(kind.configSchema) : [],
    secrets: kind ? fieldsFromSchema(kind.secretsSchema) : [],
  };
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** How often a kind is polled, or that it receives pushed posts. */
function pollText(kind: ConnectorKind, t: Translate): string {
  if (kind.pollSeconds === 0) return t("connectors.pushed");
  if (kind.pollSeconds < 60) return t("connectors.pollEverySeconds", { count: kind.pollSeconds });
  return t("connectors.pollEvery", { count: Math.round(kind.pollSeconds / 60) });
}

/**
 * Adds or edits a connector: the kind (with its description in the UI language), a name, and the
 * settings and secrets generated from the kind's JSON Schema. Secrets are never pre-filled; when
 * editing, empty secret fields keep the stored ones.
 */
export function ConnectorForm({ kinds, connector, onDone }: ConnectorFormProps) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const create = useCreateConnector();
  const update = useUpdateConnector();
  const mutation = connector ? update : create;
  const [kindName, setKindName] = useState(connector?.kind ?? kinds[0]?.kind ?? "");
  const kind = kinds.find((k) => k.kind === kindName);
  const fields = useMemo(() => fieldsOf(kind), [kind]);
  const [name, setName] = useState(connector?.name ?? "");
  const [config, setConfig] = useState(() => initialValues(fields.config, connector?.config));
  const [secrets, setSecrets] = useState(() => initialValues(fields.secrets));
  const lang = i18n.language.startsWith("de") ? "de" : "en";
  const nameRef = useRef<HTMLInputElement>(null);
  const editing = connector !== undefined;
  // The edit form replaces the card whose "Edit" button had the focus; move it into the form.
  useEffect(() => {
    if (editing) nameRef.current?.focus();
  }, [editing]);

  const error = mutation.error instanceof ApiError ? mutation.error : null;
  const problems = error?.problem.errors ?? [];
  const shownPaths = [
    "name",
    "kind",
    ...fields.config.map((f) => `config.${f.name}`),
    ...fields.secrets.map((f) => `secrets.${f.name}`),
  ];
  const unshownError =
    mutation.error &&
    (problems.length === 0 ||
      problems.some((p) => !shownPaths.some((path) => p.field === path || p.field.startsWith(`${path}.`))));

  // Typing one secret replaces all stored ones, so then every required secret must be typed again.
  const keepsSecrets = connector !== undefined && !secretsTyped(secrets);
  const storedSecrets = keepsSecrets ? connector.secretsSet : [];
  const missing = [
    ...missingRequired(fields.config, config),
    ...missingRequired(fields.secrets, secrets, storedSecrets),
  ];
  const changes = connector ? buildUpdate(connector, fields, { name, config, secrets }) : undefined;
  const unchanged = changes !== undefined && Object.keys(changes).length === 0;

  const chooseKind = (next: string) => {
    const chosen = kinds.find((k) => k.kind === next);
    if (!chosen) return;
    const nextFields = fieldsOf(chosen);
    setKindName(next);
    setConfig(initialValues(nextFields.config));
    setSecrets(initialValues(nextFields.secrets));
    create.reset();
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (connector) {
      update.mutate({ id: connector.id, changes: changes ?? {} }, { onSuccess: onDone });
    } else {
      create.mutate(buildCreate(kindName, fields, { name, config, secrets }), { onSuccess: onDone });
    }
  };

  return (
    <Paper withBorder p="md">
      <form onSubmit={onSubmit} noValidate aria-labelledby={titleId} data-testid="connector-form">
        <Stack gap="sm">
          <Title order={3} size="h5" id={titleId}>
            {connector ? t("connectors.editTitle", { name: connector.name }) : t("connectors.createTitle")}
          </Title>
          {unshownError && <ProblemAlert error={mutation.error} />}
          <Group align="flex-start" grow preventGrowOverflow={false}>
            {!connector && (
              <NativeSelect
                label={t("connectors.kind")}
                data={kinds.map((k) => ({ value: k.kind, label: k.title[lang] }))}
                value={kindName}
                onChange={(e) => chooseKind(e.currentTarget.value)}
                error={fieldProblem(problems, "kind")}
                maw={320}
                data-testid="connector-kind"
              />
            )}
            <TextInput
              ref={nameRef}
              label={t("connectors.name")}
              required
              maxLength={200}
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={fieldProblem(problems, "name")}
              data-testid="connector-name"
            />
          </Group>
          {kind && (
            <Text size="sm" data-testid="connector-kind-description">
              {connector && <strong>{kind.title[lang]}: </strong>}
              {kind.description[lang]} {pollText(kind, t)}
            </Text>
          )}
          <Fieldset legend={t("connectors.settings")} variant="default">
            <Stack gap="sm">
              {fields.config.length === 0 && (
                <Text size="sm" c="dimmed">
                  {t("connectors.noSettings")}
                </Text>
              )}
              {fields.config.map((field) => (
                <SchemaFieldInput
                  key={`${kindName}-config-${field.name}`}
                  field={field}
                  group="config"
                  value={config[field.name]}
                  onChange={(value) => setConfig((all) => ({ ...all, [field.name]: value }))}
                  error={fieldProblem(problems, `config.${field.name}`)}
                  required={field.required}
                />
              ))}
            </Stack>
          </Fieldset>
          {fields.secrets.length > 0 && (
            <Fieldset legend={t("connectors.secrets")} variant="default">
              <Stack gap="sm">
                <Text size="sm" c="dimmed">
                  {connector ? t("connectors.secretsEditHint") : t("connectors.secretsHint")}
                </Text>
                {fields.secrets.map((field) => (
                  <SchemaFieldInput
                    key={`${kindName}-secrets-${field.name}`}
                    field={field}
                    group="secrets"
                    value={secrets[field.name]}
                    onChange={(value) => setSecrets((all) => ({ ...all, [field.name]: value }))}
                    error={fieldProblem(problems, `secrets.${field.name}`)}
                    required={field.required && !storedSecrets.includes(field.name)}
                    secretSet={connector ? connector.secretsSet.includes(field.name) : undefined}
                  />
                ))}
              </Stack>
            </Fieldset>
          )}
          <Group>
            <Button
              type="submit"
              loading={mutation.isPending}
              disabled={!kind || !name.trim() || missing.length > 0 || unchanged}
              data-testid="connector-save"
            >
              {connector ? t("common.save") : t("connectors.create")}
            </Button>
            {connector && (
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
