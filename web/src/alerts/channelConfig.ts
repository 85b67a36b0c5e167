import { AlertChannelConfig, type AlertChannelKind } from "../../../src/alerts/alerts.schema.ts";

/** The kinds of delivery channel, in the order the form offers them. */
export const channelKinds: readonly AlertChannelKind[] = AlertChannelConfig.options.map(
  (o) => o.shape.kind.value,
);

/** What the channel form holds; only the fields of the chosen kind are used. */
export interface ChannelFields {
  /** E-mail recipients, separated by lines, commas, semicolons or spaces. */
  to: string;
  url: string;
  secret: string;
}

/** The e-mail addresses in a free-text list, each once, in order. */
export function splitRecipients(to: string): string[] {
  return [...new Set(to.split(/[\s,;]+/u).filter((address) => address.length > 0))];
}

/** The channel's configuration for the API from the form's fields for its kind. */
export function buildChannelConfig(kind: AlertChannelKind, fields: ChannelFields): AlertChannelConfig {
  switch (kind) {
    case "email":
      return { kind, to: splitRecipients(fields.to) };
    case "slack":
    case "teams":
      return { kind, url: fields.url.trim() };
    case "webhook":
      // The secret is kept as typed: spaces may be part of it.
      return { kind, url: fields.url.trim(), secret: fields.secret };
  }
}

/** The paths of the configuration's problems, e.g. `["to"]` or `["url", "secret"]`; empty when the API would accept it. */
export function channelConfigProblems(config: AlertChannelConfig): string[] {
  const result = AlertChannelConfig.safeParse(config);
  if (result.success) return [];
  return [...new Set(result.error.issues.map((issue) => String(issue.path[0] ?? "")))];
}
