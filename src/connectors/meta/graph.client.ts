// Reading the Meta Graph API (Facebook Pages and Instagram share it): one GET through the SSRF guard, with
// the access token as the `access_token` query parameter, and Graph's error object turned into the
// ConnectorError the runner understands.
import { OutboundError, type OutboundResponse } from "../../platform/net/outbound.ts";
import {
  type ConnectorContext,
  ConnectorError,
  type ConnectorErrorKind,
  retryAfterMs,
} from "../connector.ts";
import { GraphError, GraphPage } from "./graph.schema.ts";

// Graph API guide "Handling Errors" and "Rate Limits" (developers.facebook.com/docs/graph-api/overview/rate-limiting):
// 4 app, 17 user, 32 page, 613 custom throttling; 80001 (Pages) and 80002 (Instagram) are the Business Use
// Case limits that page and system-user tokens are counted against.
const rateLimitCodes = new Set([4, 17, 32, 613, 80001, 80002]);
// 190 access token expired or invalid, 102 API session: a person has to connect the account again.
const authCodes = new Set([102, 190]);
// 1 API unknown, 2 API service: "temporary issue due to downtime, wait and retry".
const transientCodes = new Set([1, 2]);

/** Whether a Graph error code says a permission is missing (10, 200-299): the account has to be connected again with it. */
function isPermissionCode(code: number): boolean {
  return code === 10 || (code >= 200 && code <= 299);
}

/** The most bytes of one answer that are read: a page of 100 comments with their fields stays far below. */
export const graphBodyLimit = 4 * 1024 * 1024;

/** One GET on the Graph API. */
export interface GraphGet {
  /** `https://graph.facebook.com/v21.0`, without a trailing slash or with one. */
  base: string;
  /** Node and edge, e.g. `104857392817465/feed`; each segment is encoded here. */
  path: readonly string[];
  params: Record<string, string | undefined>;
  token: string;
  /** What is read, for messages: "Facebook page feed". */
  what: string;
}

/** A poll's Graph reader: pages of one node's edges with the connector's token, at most `budget` requests. */
export function graphReader(ctx: ConnectorContext, base: string, token: string, budget: number) {
  let requests = 0;
  return {
    /** Whether the poll may make another request. */
    canRequest: () => requests < budget && !ctx.signal.aborted,
    get(path: string[], params: Record<string, string | undefined>, what: string): Promise<GraphPage> {
      requests += 1;
      return graphGetPage(ctx, { base, path, params, token, what });
    },
  };
}

/** Builds the request URL: the base, the encoded path segments, the parameters and the token. */
export function graphUrl(req: GraphGet): string {
  const path = req.path.map((segment) => encodeURIComponent(segment)).join("/");
  const url = new URL(`${req.base.replace(/\/+$/u, "")}/${path}`);
  for (const [name, value] of Object.entries(req.params)) {
    if (value !== undefined) url.searchParams.set(name, value);
  }
  // Graph API guide "Access Tokens": the token travels as the access_token parameter.
  url.searchParams.set("access_token", req.token);
  return url.toString();
}

/** Sends one GET and returns the parsed JSON body; every failure is a ConnectorError without the token in it. */
export async function graphGet(ctx: ConnectorContext, req: GraphGet): Promise<unknown> {
  let res: OutboundResponse;
  try {
    res = await ctx.request(
      { method: "GET", url: graphUrl(req), headers: { accept: "application/json" } },
      { bodyLimit: graphBodyLimit },
    );
  } catch (err) {
    throw redacted(outboundFailure(err, req.what), req.token);
  }
  if (res.status < 200 || res.status >= 300)
    throw redacted(graphFailure(res, req.what, ctx.now()), req.token);
  if (res.truncated) {
    throw new ConnectorError(`${req.what}: answer longer than ${graphBodyLimit} bytes`, "transient");
  }
  try {
    return JSON.parse(res.body);
  } catch {
    throw new ConnectorError(`${req.what}: answer is not JSON`, "transient");
  }
}

/** Reads one page of an edge (`{ data: [...], paging }`); the items are left for the caller to check. */
export async function graphGetPage(ctx: ConnectorContext, req: GraphGet): Promise<GraphPage> {
  const page = GraphPage.safeParse(await graphGet(ctx, req));
  if (!page.success) throw new ConnectorError(`${req.what}: answer is not a page of items`, "transient");
  return page.data;
}

/** Network failures may pass (timeout, unreachable); a refused or malformed address needs other settings. */
export function outboundFailure(err: unknown, what: string): ConnectorError {
  if (!(err instanceof OutboundError)) throw err;
  const kind: ConnectorErrorKind =
    err.reason === "timeout" || err.reason === "network" ? "transient" : "config";
  return new ConnectorError(`${what}: ${err.message}`, kind);
}

/**
 * Classifies a failed Graph answer. Graph reports most errors as HTTP 400 or 403 with an error object, so
 * the code decides, not the status: rate limits wait, expired tokens and missing permissions need a person,
 * the rest needs other settings; 5xx and errors Graph marks transient are retried.
 */
export function graphFailure(res: OutboundResponse, what: string, now: Date): ConnectorError {
  const parsed = GraphError.safeParse(parseJson(res.body));
  const serverSide = res.status >= 500 || res.status === 408;
  if (!parsed.success) {
    const detail = res.body.slice(0, 200).replace(/\s+/gu, " ").trim();
    const message = `${what}: HTTP ${res.status}${detail ? ` (${detail})` : ""}`;
    return new ConnectorError(message, classifyStatus(res.status), waitOf(res, now));
  }
  const { code, error_subcode, message, fbtrace_id, is_transient } = parsed.data.error;
  const codes = error_subcode === undefined ? `${code}` : `${code}/${error_subcode}`;
  const trace = fbtrace_id ? `, fbtrace_id ${fbtrace_id}` : "";
  const text = `${what}: Graph API error ${codes}: ${message} (HTTP ${res.status}${trace})`;
  if (rateLimitCodes.has(code) || res.status === 429) {
    return new ConnectorError(text, "rate_limited", waitOf(res, now));
  }
  if (authCodes.has(code) || isPermissionCode(code)) return new ConnectorError(text, "auth");
  if (serverSide || is_transient === true || transientCodes.has(code)) {
    return new ConnectorError(text, "transient", waitOf(res, now));
  }
  return new ConnectorError(text, "config");
}

function classifyStatus(status: number): ConnectorErrorKind {
  if (status === 429) return "rate_limited";
  if (status >= 500 || status === 408) return "transient";
  if (status === 401 || status === 403) return "auth";
  return "config";
}

/**
 * How long Graph asks to wait, in ms: the Business Use Case header's `estimated_time_to_regain_access`
 * (minutes; Graph API "Rate Limits"), else Retry-After; undefined when neither says.
 */
export function waitOf(res: OutboundResponse, now: Date): number | undefined {
  const minutes = regainAccessMinutes(res.headers["x-business-use-case-usage"]);
  if (minutes !== null) return Math.min(minutes * 60_000, 86_400_000);
  return retryAfterMs(res.headers["retry-after"], now) ?? undefined;
}

/** The longest `estimated_time_to_regain_access` of `{ "<id>": [{ type, call_count, …, estimated_time_to_regain_access }] }`. */
function regainAccessMinutes(header: string | undefined): number | null {
  const usage = parseJson(header ?? "");
  if (typeof usage !== "object" || usage === null) return null;
  let longest: number | null = null;
  for (const entries of Object.values(usage)) {
    if (!Array.isArray(entries)) continue;
    for (const entry of entries) {
      const minutes = (entry as { estimated_time_to_regain_access?: unknown })
        .estimated_time_to_regain_access;
      if (typeof minutes === "number" && minutes > 0) longest = Math.max(longest ?? 0, minutes);
    }
  }
  return longest;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The same error with every occurrence of the token masked: messages end up in health and logs. */
export function redacted(err: ConnectorError, token: string): ConnectorError {
  if (token === "") return err;
  const forms = [token, encodeURIComponent(token)];
  if (!forms.some((form) => err.message.includes(form))) return err;
  const message = forms.reduce((text, form) => text.replaceAll(form, "[token]"), err.message);
  return new ConnectorError(message, err.kind, err.retryAfterMs);
}
