// Talking to the YouTube Data API v3: list pages with the API key, and Google's error answers turned into
// ConnectorErrors by their reasons (developers.google.com/youtube/v3/docs/errors).
import { OutboundError, type OutboundResponse } from "../../platform/net/outbound.ts";
import {
  type ConnectorContext,
  ConnectorError,
  checkResponse,
  jsonBody,
  retryAfterMs,
} from "../connector.ts";
import { GoogleErrorResponse, YoutubeListResponse } from "./youtube.schema.ts";

// 100 comment threads with their replies can pass 64 KiB, the guard's default.
const bodyLimit = 8 * 1024 * 1024;
const timeoutMs = 30_000;

/** One poll's way into the Data API. */
export interface YoutubeSession {
  ctx: ConnectorContext;
  apiBase: string;
  apiKey: string;
}

// Quota spent: the daily quota resets at midnight Pacific Time (YouTube Data API, "Quota costs").
const quotaReasons = new Set(["quotaExceeded", "dailyLimitExceeded"]);
// Too many requests in a short time: retried after Retry-After or the runner's back-off.
const rateReasons = new Set(["rateLimitExceeded", "userRateLimitExceeded"]);
// The key is wrong, expired, restricted, or the API is not enabled for its project: a person must act.
const authReasons = new Set([
  "keyInvalid",
  "keyExpired",
  "API_KEY_INVALID",
  "API_KEY_SERVICE_BLOCKED",
  "accessNotConfigured",
  "SERVICE_DISABLED",
  "ipRefererBlocked",
  "forbidden",
]);
// The settings name something YouTube will not read.
const configReasons = new Set([
  "channelNotFound",
  "commentsDisabled",
  "invalidChannelId",
  "invalidSearchFilter",
]);

const pacific = new Intl.DateTimeFormat("en-US", {
  timeZone: "America/Los_Angeles",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

/** The wall-clock time in Los Angeles at `at`, read as if it were UTC, minus `at`: the zone's offset. */
function pacificOffsetMs(at: Date): number {
  const parts = Object.fromEntries(pacific.formatToParts(at).map((p) => [p.type, Number(p.value)]));
  const wall = Date.UTC(
    parts.year ?? 0,
    (parts.month ?? 1) - 1,
    parts.day,
    parts.hour,
    parts.minute,
    parts.second,
  );
  return wall - Math.floor(at.getTime() / 1000) * 1000;
}

/** The next midnight in Pacific Time (PST or PDT) after `now`, when YouTube's daily quota resets. */
export function nextPacificMidnight(now: Date): Date {
  const local = new Date(now.getTime() + pacificOffsetMs(now));
  const wallMidnight = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + 1);
  // The offset in force at midnight may differ from now's on the days the clocks change; once more settles it.
  const guess = wallMidnight - pacificOffsetMs(now);
  return new Date(wallMidnight - pacificOffsetMs(new Date(guess)));
}

/** Google's reasons for a failed answer: `errors[].reason` and, in newer answers, `details[].reason`. */
export function googleReasons(res: OutboundResponse): { reasons: string[]; message: string | undefined } {
  let json: unknown;
  try {
    json = JSON.parse(res.body);
  } catch {
    return { reasons: [], message: undefined };
  }
  const parsed = GoogleErrorResponse.safeParse(json);
  if (!parsed.success) return { reasons: [], message: undefined };
  const { error } = parsed.data;
  const reasons = [
    ...error.errors.map((e) => e.reason),
    ...(error.details ?? []).flatMap((d) => d.reason ?? []),
  ];
  // The quota message links to the docs with HTML; only its words are kept.
  return { reasons, message: error.message.replace(/<[^>]*>/gu, "").trim() };
}

/**
 * Turns a failed answer into a ConnectorError by Google's reasons: quota spent waits until midnight
 * Pacific Time; short-term rate limits wait for Retry-After; key and project problems are `auth`; a
 * missing channel or disabled comments are `config`; the rest goes by status (checkResponse).
 */
export function youtubeError(res: OutboundResponse, what: string, now: Date): ConnectorError | null {
  if (res.status >= 200 && res.status < 300) return null;
  const { reasons, message } = googleReasons(res);
  const text = `${what}: HTTP ${res.status}${message ? ` ${message}` : ""}${reasons.length ? ` (${reasons.join(", ")})` : ""}`;
  const has = (set: Set<string>) => reasons.some((r) => set.has(r));
  if (has(quotaReasons)) {
    return new ConnectorError(text, "rate_limited", nextPacificMidnight(now).getTime() - now.getTime());
  }
  if (has(rateReasons))
    return new ConnectorError(
      text,
      "rate_limited",
      retryAfterMs(res.headers["retry-after"], now) ?? undefined,
    );
  if (has(authReasons)) return new ConnectorError(text, "auth");
  if (has(configReasons)) return new ConnectorError(text, "config");
  try {
    checkResponse(res, what, now);
  } catch (error) {
    if (error instanceof ConnectorError) return new ConnectorError(text, error.kind, error.retryAfterMs);
    throw error;
  }
  return null;
}

/**
 * GETs one page of a list method (`commentThreads`, `search`) with the API key as the `key` parameter.
 * Returns `invalid_page_token` when YouTube refuses the page token (it expired), so the caller can start over.
 */
export async function fetchPage(
  session: YoutubeSession,
  method: "commentThreads" | "search",
  params: Record<string, string>,
  what: string,
): Promise<YoutubeListResponse | "invalid_page_token"> {
  const { ctx } = session;
  const query = new URLSearchParams({ ...params, key: session.apiKey });
  let res: OutboundResponse;
  try {
    res = await ctx.request(
      {
        method: "GET",
        url: `${session.apiBase.replace(/\/+$/u, "")}/${method}?${query}`,
        headers: { accept: "application/json" },
      },
      { bodyLimit, timeoutMs },
    );
  } catch (error) {
    if (!(error instanceof OutboundError)) throw error;
    const retry = error.reason === "timeout" || error.reason === "network";
    throw new ConnectorError(`${what}: ${error.message}`, retry ? "transient" : "config");
  }
  if (res.status === 400 && googleReasons(res).reasons.includes("invalidPageToken"))
    return "invalid_page_token";
  const failure = youtubeError(res, what, ctx.now());
  if (failure) throw failure;
  const page = YoutubeListResponse.safeParse(jsonBody(res, what, bodyLimit));
  if (!page.success) throw new ConnectorError(`${what}: the answer is not a ${method} list`, "transient");
  return page.data;
}
