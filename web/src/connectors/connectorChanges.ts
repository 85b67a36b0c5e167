import type { z } from "zod";
import type {
  ConnectorCreate,
  ConnectorRead,
  ConnectorUpdate,
} from "../../../src/connectors/connectors.schema.ts";
import { buildValues, type FieldValues, initialValues, type SchemaField } from "./schemaFields.ts";

/** The inputs of a kind: its settings and its secrets. */
export interface KindFields {
  config: readonly SchemaField[];
  secrets: readonly SchemaField[];
}

/** What the connector form holds. */
export interface ConnectorFormState {
  name: string;
  config: FieldValues;
  secrets: FieldValues;
}

/** Whether any secret was typed into the form (then all of them are sent and replace the stored ones). */
export function secretsTyped(secrets: FieldValues): boolean {
  return Object.values(secrets).some((value) => typeof value === "string" && value !== "");
}

/** The body of `POST /api/connectors` from the form. */
export function buildCreate(
  kind: string,
  fields: KindFields,
  form: ConnectorFormState,
): z.input<typeof ConnectorCreate> {
  return {
    kind,
    name: form.name.trim(),
    config: buildValues(fields.config, form.config, { trim: true }),
    secrets: buildValues(fields.secrets, form.secrets, { trim: false }),
  };
}

/**
 * The body of `PATCH /api/connectors/:id` with only what changed: new settings reset the connector's
 * cursor, so unchanged ones are left out; secrets are sent only when some were typed, since new secrets
 * replace all stored ones.
 */
export function buildUpdate(
  connector: ConnectorRead,
  fields: KindFields,
  form: ConnectorFormState,
): ConnectorUpdate {
  const changes: ConnectorUpdate = {};
  const name = form.name.trim();
  if (name !== connector.name) changes.name = name;
  const config = buildValues(fields.config, form.config, { trim: true });
  const stored = buildValues(fields.config, initialValues(fields.config, connector.config), { trim: true });
  if (JSON.stringify(config) !== JSON.stringify(stored)) changes.config = config;
  if (secretsTyped(form.secrets))
    changes.secrets = buildValues(fields.secrets, form.secrets, { trim: false });
  return changes;
}
