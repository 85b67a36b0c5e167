// The connector form is generated from each kind's JSON Schema (`GET /api/connector-kinds`, written by
// zod's toJSONSchema with io "input"), so a new connector kind needs no new form code.
import type { FieldProblem } from "../app/api.ts";

/** How a property is entered: a line of text, a URL, a number, a switch, a list (one per line) or a choice. */
export type SchemaFieldType = "text" | "url" | "number" | "boolean" | "list" | "choice";

/** One input of the connector form, for one property of a kind's settings or secrets. */
export interface SchemaField {
  /** The property's name, also its key in `config` or `secrets`. */
  name: string;
  /** The name written for people: `feedUrl` → "Feed URL". */
  label: string;
  type: SchemaFieldType;
  required: boolean;
  /** The allowed values of a `choice`. */
  options: string[];
  /** The schema's own description, if it has one (English). */
  description?: string;
  maxLength?: number;
  /** The schema's default for the field, used when it is left empty; shown as placeholder or initial state. */
  defaultValue?: string | boolean | string[];
}

/** What the form holds per field: text (lists as typed, one item per line or comma-separated) or a switch. */
export type FieldValues = Record<string, string | boolean>;

// Written in capitals in labels ("Feed URL", "Client ID", "PDS URL").
const acronyms = new Set(["api", "id", "ig", "json", "pds", "rss", "uri", "url", "xml"]);

/** A property name written for people: `feedUrl` → "Feed URL", `igUserId` → "IG user ID", `include_comments` → "Include comments". */
export function humanizeName(name: string): string {
  const words = name
    .replace(/[_\-.]+/gu, " ")
    .replace(/([\p{Ll}\d])(\p{Lu})/gu, "$1 $2")
    .replace(/(\p{Lu}+)(\p{Lu}\p{Ll})/gu, "$1 $2")
    .trim()
    .split(/\s+/u)
    .filter((word) => word.length > 0);
  return words
    .map((word, index) => {
      const lower = word.toLowerCase();
      if (acronyms.has(lower)) return lower.toUpperCase();
      return index === 0 ? lower.charAt(0).toUpperCase() + lower.slice(1) : lower;
    })
    .join(" ");
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];

// `type` may be a list (`["string", "null"]` for a nullable field); the first non-null one counts.
function typeOf(property: Record<string, unknown>): string | undefined {
  const { type } = property;
  if (typeof type === "string") return type;
  return strings(type).find((t) => t !== "null");
}

// zod writes a nullable field as `anyOf: [{ type: "string" }, { type: "null" }]`; the form enters the non-null one.
function withoutNull(property: Record<string, unknown>): Record<string, unknown> {
  const variants = property.anyOf ?? property.oneOf;
  if (!Array.isArray(variants)) return property;
  const others = variants.filter(isRecord).filter((variant) => variant.type !== "null");
  const [only] = others;
  return only && others.length === 1 ? { ...property, ...only } : property;
}

function fieldType(property: Record<string, unknown>): SchemaFieldType | null {
  if (strings(property.enum).length > 0) return "choice";
  switch (typeOf(property)) {
    case "string":
      return property.format === "uri" || property.format === "url" ? "url" : "text";
    case "boolean":
      return "boolean";
    case "number":
    case "integer":
      return "number";
    case "array": {
      const items = isRecord(property.items) ? property.items : {};
      return typeOf(items) === "string" || strings(items.enum).length > 0 ? "list" : null;
    }
    default:
      return null;
  }
}

function defaultOf(value: unknown): SchemaField["defaultValue"] {
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return String(value);
  if (Array.isArray(value)) return strings(value);
  return undefined;
}

/**
 * The form fields of a JSON Schema object, in the order of its `properties`. Properties of a type the
 * form cannot enter (nested objects, arrays of objects) are left out; the server names them if needed.
 */
export function fieldsFromSchema(schema: Record<string, unknown>): SchemaField[] {
  const properties = isRecord(schema.properties) ? schema.properties : {};
  const required = new Set(strings(schema.required));
  const fields: SchemaField[] = [];
  for (const [name, raw] of Object.entries(properties)) {
    if (!isRecord(raw)) continue;
    const property = withoutNull(raw);
    const type = fieldType(property);
    if (type === null) continue;
    const defaultValue = defaultOf(property.default);
    fields.push({
      name,
      label: humanizeName(name),
      type,
      required: required.has(name),
      options: strings(property.enum),
      ...(typeof property.description === "string" ? { description: property.description } : {}),
      ...(typeof property.maxLength === "number" ? { maxLength: property.maxLength } : {}),
      ...(defaultValue !== undefined ? { defaultValue } : {}),
    });
  }
  return fields;
}

/**
 * The items of a list as typed: one per line when there are several lines (so an item may contain a
 * comma), else separated by commas; trimmed, empty ones dropped, each once.
 */
export function parseList(text: string): string[] {
  const parts = /[\r\n]/u.test(text) ? text.split(/\r?\n|\r/u) : text.split(",");
  return [...new Set(parts.map((part) => part.trim()).filter((part) => part.length > 0))];
}

/** A stored list as the textarea shows it: one item per line. */
export function formatList(value: unknown): string {
  return strings(value).join("\n");
}

/**
 * The form's starting values: the connector's current settings when editing, else the schema's
 * defaults for switches and the first option of a required choice. Text stays empty so that the
 * default (shown as placeholder) applies.
 */
export function initialValues(
  fields: readonly SchemaField[],
  current: Record<string, unknown> = {},
): FieldValues {
  const values: FieldValues = {};
  for (const field of fields) {
    const value = current[field.name];
    switch (field.type) {
      case "boolean":
        values[field.name] = typeof value === "boolean" ? value : field.defaultValue === true;
        break;
      case "list":
        values[field.name] = formatList(value);
        break;
      case "choice":
        values[field.name] =
          typeof value === "string" ? value : field.required ? (field.options[0] ?? "") : "";
        break;
      default:
        values[field.name] = typeof value === "string" || typeof value === "number" ? String(value) : "";
    }
  }
  return values;
}

/**
 * The object the API takes from the form's values: lists split into items, numbers as numbers, empty
 * fields left out (so the schema's default applies). Settings are trimmed; secrets are kept exactly as
 * typed, because spaces may be part of a token.
 */
export function buildValues(
  fields: readonly SchemaField[],
  values: FieldValues,
  { trim }: { trim: boolean },
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const field of fields) {
    const value = values[field.name];
    if (typeof value === "boolean") {
      if (field.type === "boolean") result[field.name] = value;
      continue;
    }
    if (value === undefined) continue;
    const text = trim ? value.trim() : value;
    if (text === "") continue;
    if (field.type === "list") {
      const items = parseList(text);
      if (items.length > 0) result[field.name] = items;
    } else if (field.type === "number") {
      const number = Number(text);
      // Something that is not a number is sent as typed, so the server's message names the field.
      result[field.name] = Number.isFinite(number) ? number : text;
    } else {
      result[field.name] = text;
    }
  }
  return result;
}

/** The names of required fields that are still empty; `alreadySet` are secrets the server holds. */
export function missingRequired(
  fields: readonly SchemaField[],
  values: FieldValues,
  alreadySet: readonly string[] = [],
): string[] {
  return fields
    .filter((field) => field.required && field.type !== "boolean" && !alreadySet.includes(field.name))
    .filter((field) => {
      const value = values[field.name];
      if (typeof value !== "string") return true;
      return field.type === "list" ? parseList(value).length === 0 : value.trim() === "";
    })
    .map((field) => field.name);
}

/** The server's messages for one input, e.g. `config.hashtags` also collects `config.hashtags.2`. */
export function fieldProblem(problems: readonly FieldProblem[], path: string): string | undefined {
  const messages = problems
    .filter((problem) => problem.field === path || problem.field.startsWith(`${path}.`))
    .map((problem) => problem.message);
  return messages.length > 0 ? [...new Set(messages)].join("; ") : undefined;
}
