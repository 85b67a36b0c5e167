import { describe, expect, it } from "vitest";
import type { ConnectorRead } from "../../../src/connectors/connectors.schema.ts";
import { buildCreate, buildUpdate, secretsTyped } from "./connectorChanges.ts";
import { fieldsFromSchema, initialValues } from "./schemaFields.ts";

const fields = {
  config: fieldsFromSchema({
    type: "object",
    properties: {
      instanceUrl: { type: "string", format: "uri" },
      hashtags: { default: [], type: "array", items: { type: "string" } },
      notifications: { default: false, type: "boolean" },
    },
    required: ["instanceUrl"],
  }),
  secrets: fieldsFromSchema({
    type: "object",
    properties: { accessToken: { type: "string", minLength: 1 } },
  }),
};

// As `GET /api/connectors` returns it: settings with their defaults filled in, secret names only.
const connector: ConnectorRead = {
  id: "con_1",
  kind: "mastodon",
  name: "Mastodon #nordwind",
  enabled: true,
  config: { instanceUrl: "https://social.example", hashtags: ["nordwind"], notifications: false },
  secretsSet: ["accessToken"],
  health: {
    state: "ok",
    lastSuccessAt: "2026-03-02T09:55:00.000Z",
    lastError: null,
    lastErrorAt: null,
    consecutiveErrors: 0,
    nextRunAt: "2026-03-02T09:56:00.000Z",
    postsTotal: 41,
  },
  createdAt: "2026-03-01T08:00:00.000Z",
};

const editing = () => ({
  name: connector.name,
  config: initialValues(fields.config, connector.config),
  secrets: initialValues(fields.secrets),
});

describe("the connector form's requests", () => {
  it("creates with the kind, the trimmed name, the settings and the typed secrets", () => {
    expect(
      buildCreate("mastodon", fields, {
        name: "  Mastodon #nordwind ",
        config: {
          instanceUrl: "https://social.example",
          hashtags: "nordwind, funkloch",
          notifications: true,
        },
        secrets: { accessToken: "tok en" },
      }),
    ).toEqual({
      kind: "mastodon",
      name: "Mastodon #nordwind",
      config: {
        instanceUrl: "https://social.example",
        hashtags: ["nordwind", "funkloch"],
        notifications: true,
      },
      secrets: { accessToken: "tok en" },
    });
  });

  it("changes nothing when nothing was edited, so the cursor and the secrets stay", () => {
    expect(buildUpdate(connector, fields, editing())).toEqual({});
  });

  it("sends only the new name when only the name changed", () => {
    expect(buildUpdate(connector, fields, { ...editing(), name: "Mastodon Störung " })).toEqual({
      name: "Mastodon Störung",
    });
  });

  it("sends the whole settings when one of them changed", () => {
    const form = editing();
    form.config.hashtags = "nordwind\nfunkloch";
    expect(buildUpdate(connector, fields, form)).toEqual({
      config: {
        instanceUrl: "https://social.example",
        hashtags: ["nordwind", "funkloch"],
        notifications: false,
      },
    });
  });

  it("sends secrets only when some were typed", () => {
    expect(secretsTyped({ accessToken: "" })).toBe(false);
    expect(secretsTyped({ accessToken: "new-token" })).toBe(true);
    expect(buildUpdate(connector, fields, { ...editing(), secrets: { accessToken: "new-token" } })).toEqual({
      secrets: { accessToken: "new-token" },
    });
  });
});
