import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  buildValues,
  fieldProblem,
  fieldsFromSchema,
  formatList,
  humanizeName,
  initialValues,
  missingRequired,
  parseList,
} from "./schemaFields.ts";

// Shaped as `GET /api/connector-kinds` answers for Mastodon and Bluesky (zod's toJSONSchema, io "input").
const mastodonConfig = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  type: "object",
  properties: {
    instanceUrl: { type: "string", maxLength: 500, format: "uri" },
    hashtags: {
      default: [],
      maxItems: 20,
      type: "array",
      items: { type: "string", pattern: "^#?[\\p{L}\\p{N}_]{1,100}$" },
    },
    searchQueries: {
      default: [],
      maxItems: 10,
      type: "array",
      items: { type: "string", minLength: 1, maxLength: 200 },
    },
    notifications: { default: false, type: "boolean" },
  },
  required: ["instanceUrl"],
};
const blueskyConfig = {
  type: "object",
  properties: {
    serviceUrl: { default: "https://public.api.bsky.app", type: "string", maxLength: 500, format: "uri" },
    queries: { minItems: 1, maxItems: 10, type: "array", items: { type: "string" } },
    lang: { type: "string", enum: ["de", "en"] },
  },
  required: ["queries"],
};
const blueskySecrets = {
  type: "object",
  properties: {
    identifier: { type: "string", minLength: 1, maxLength: 300 },
    appPassword: { type: "string", minLength: 1, maxLength: 300 },
  },
};

describe("labels from property names", () => {
  it.each([
    ["feedUrl", "Feed URL"],
    ["instanceUrl", "Instance URL"],
    ["searchQueries", "Search queries"],
    ["igUserId", "IG user ID"],
    ["pdsUrl", "PDS URL"],
    ["apiBase", "API base"],
    ["pageAccessToken", "Page access token"],
    ["include_comments", "Include comments"],
    ["lang", "Lang"],
  ])("writes %s as %j", (name, label) => {
    expect(humanizeName(name)).toBe(label);
  });
});

describe("form fields from a kind's JSON Schema", () => {
  it("turns URLs, lists and switches into fields in the schema's order", () => {
    expect(fieldsFromSchema(mastodonConfig)).toEqual([
      {
        name: "instanceUrl",
        label: "Instance URL",
        type: "url",
        required: true,
        options: [],
        maxLength: 500,
      },
      { name: "hashtags", label: "Hashtags", type: "list", required: false, options: [], defaultValue: [] },
      {
        name: "searchQueries",
        label: "Search queries",
        type: "list",
        required: false,
        options: [],
        defaultValue: [],
      },
      {
        name: "notifications",
        label: "Notifications",
        type: "boolean",
        required: false,
        options: [],
        defaultValue: false,
      },
    ]);
  });

  it("offers an enum as a choice and keeps defaults and descriptions", () => {
    const fields = fieldsFromSchema({
      ...blueskyConfig,
      properties: {
        ...blueskyConfig.properties,
        graphBase: {
          default: "https://graph.facebook.com/v21.0",
          description: "Graph API base URL",
          type: "string",
        },
      },
    });
    expect(fields.find((f) => f.name === "lang")).toMatchObject({ type: "choice", options: ["de", "en"] });
    expect(fields.find((f) => f.name === "serviceUrl")).toMatchObject({
      type: "url",
      required: false,
      defaultValue: "https://public.api.bsky.app",
    });
    expect(fields.find((f) => f.name === "graphBase")).toMatchObject({
      type: "text",
      description: "Graph API base URL",
    });
  });

  it("reads the schemas zod writes, including numbers and nullable strings", () => {
    const schema = z.toJSONSchema(
      z.object({
        feedUrl: z.url(),
        limit: z.number().int().default(20),
        note: z.string().nullable().optional(),
        mode: z.enum(["fast", "thorough"]),
      }),
      { io: "input" },
    ) as Record<string, unknown>;
    expect(fieldsFromSchema(schema).map((f) => [f.name, f.type, f.required])).toEqual([
      ["feedUrl", "url", true],
      ["limit", "number", false],
      ["note", "text", false],
      ["mode", "choice", true],
    ]);
  });

  it("leaves out what the form cannot enter and survives schemas without properties", () => {
    expect(
      fieldsFromSchema({
        type: "object",
        properties: {
          nested: { type: "object", properties: { a: { type: "string" } } },
          rows: { type: "array", items: { type: "object" } },
          token: { type: "string" },
        },
      }).map((f) => f.name),
    ).toEqual(["token"]);
    expect(fieldsFromSchema({ type: "object", properties: {}, additionalProperties: false })).toEqual([]);
    expect(fieldsFromSchema({})).toEqual([]);
  });
});

describe("lists typed into a textarea", () => {
  it.each([
    ["nordwind, netzausfall ,#störung", ["nordwind", "netzausfall", "#störung"]],
    ["Nordwind Mobil, Ausfall\nNordwind Störung\n\n", ["Nordwind Mobil, Ausfall", "Nordwind Störung"]],
    ["a\r\nb\r\na", ["a", "b"]],
    ["  ", []],
    ["", []],
  ])("reads %j as %j", (text, items) => {
    expect(parseList(text)).toEqual(items);
  });

  it("writes a stored list one item per line, so it reads back the same", () => {
    const stored = ["Nordwind Mobil, Ausfall", "Funkloch"];
    expect(formatList(stored)).toBe("Nordwind Mobil, Ausfall\nFunkloch");
    expect(parseList(formatList(stored))).toEqual(stored);
    expect(formatList(undefined)).toBe("");
  });
});

describe("values between the form and the API", () => {
  const fields = fieldsFromSchema(mastodonConfig);

  it("starts a new connector empty, with the schema's switch defaults", () => {
    expect(initialValues(fields)).toEqual({
      instanceUrl: "",
      hashtags: "",
      searchQueries: "",
      notifications: false,
    });
  });

  it("starts an edit with the stored settings", () => {
    expect(
      initialValues(fields, {
        instanceUrl: "https://social.example",
        hashtags: ["nordwind", "funkloch"],
        notifications: true,
      }),
    ).toEqual({
      instanceUrl: "https://social.example",
      hashtags: "nordwind\nfunkloch",
      searchQueries: "",
      notifications: true,
    });
  });

  it("builds settings with lists split, text trimmed and empty fields left to their defaults", () => {
    expect(
      buildValues(
        fields,
        {
          instanceUrl: " https://social.example ",
          hashtags: "nordwind, funkloch",
          searchQueries: " ",
          notifications: true,
        },
        { trim: true },
      ),
    ).toEqual({
      instanceUrl: "https://social.example",
      hashtags: ["nordwind", "funkloch"],
      notifications: true,
    });
  });

  it("keeps secrets exactly as typed and leaves out the empty ones", () => {
    expect(
      buildValues(
        fieldsFromSchema(blueskySecrets),
        { identifier: "", appPassword: " abcd-efgh " },
        { trim: false },
      ),
    ).toEqual({ appPassword: " abcd-efgh " });
  });

  it("sends numbers as numbers and anything else as typed", () => {
    const numeric = [
      { name: "limit", label: "Limit", type: "number" as const, required: false, options: [] },
    ];
    expect(buildValues(numeric, { limit: "25" }, { trim: true })).toEqual({ limit: 25 });
    expect(buildValues(numeric, { limit: "many" }, { trim: true })).toEqual({ limit: "many" });
  });

  it("names required fields that are empty, unless the server already holds the secret", () => {
    const config = fieldsFromSchema(blueskyConfig);
    expect(missingRequired(config, initialValues(config))).toEqual(["queries"]);
    expect(missingRequired(config, { ...initialValues(config), queries: " , " })).toEqual(["queries"]);
    expect(missingRequired(config, { ...initialValues(config), queries: "nordwind" })).toEqual([]);
    const secrets = fieldsFromSchema({ ...blueskySecrets, required: ["identifier", "appPassword"] });
    expect(missingRequired(secrets, { identifier: "", appPassword: "" }, ["identifier"])).toEqual([
      "appPassword",
    ]);
  });
});

describe("the server's field messages next to the right input", () => {
  const problems = [
    { field: "config.feedUrl", message: "Invalid URL" },
    { field: "config.hashtags.2", message: "Invalid string" },
    { field: "config.hashtags.4", message: "Invalid string" },
    { field: "secrets.signingSecret", message: "Too small" },
  ];

  it("finds the message of a field and of its list items, once each", () => {
    expect(fieldProblem(problems, "config.feedUrl")).toBe("Invalid URL");
    expect(fieldProblem(problems, "config.hashtags")).toBe("Invalid string");
    expect(fieldProblem(problems, "secrets.signingSecret")).toBe("Too small");
    expect(fieldProblem(problems, "config.feed")).toBeUndefined();
  });
});
