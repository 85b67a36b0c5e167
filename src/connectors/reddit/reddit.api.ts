// Talking to Reddit: the app-only token, listing pages, and Reddit's answers turned into ConnectorErrors.
import { OutboundError, type OutboundRequest, type OutboundResponse } from "../../platform/net/outbound.ts";
import {
  type ConnectorContext,
  ConnectorError,
  checkResponse,
  jsonBody,
  retryAfterMs,
} from "../connector.ts";
import { RedditListing, type RedditSecrets, RedditToken, RedditTokenError } from "./reddit.schema.ts";

/** Sent when the secrets name no User-Agent; Reddit limits generic ones (wiki: API, "Rules"). */
export const defaultUserAgent = "server:brandwache-connector:v1 (self-hosted Brandwache)";

// A page of 100 links with their Markdown and HTML can pass a megabyte; the guard reads 64 KiB by default.
const bodyLimit = 8 * 1024 * 1024;
const timeoutMs = 30_000;

/** One poll's way into the OAuth API: the token, and what the last answer said about the rate limit. */
export interface RedditSession {
  ctx: ConnectorContext;
  apiBase: string;
  token: string;
  userAgent: string;
  /** `X-Ratelimit-Remaining` of the latest answer; undefined before the first. */
  remaining?: number;
}

/** Sends a request through the context's guarded client; network failures are retried, refusals are settings. */
async function send(ctx: ConnectorContext, req: OutboundRequest, what: string): Promise<OutboundResponse> {
  try {
    return await ctx.request(req, { bodyLimit, timeoutMs });
  } catch (error) {
    if (!(error instanceof OutboundError)) throw error;
    const retry = error.reason === "timeout" || error.reason === "network";
    throw new ConnectorError(`${what}: ${error.message}`, retry ? "transient" : "config");
  }
}

function readJson(res: OutboundResponse, what: string): unknown {
  return jsonBody(res, what, bodyLimit);
}

/**
 * Turns a failed answer into a ConnectorError. Reddit sends `X-Ratelimit-Reset` (seconds to the end of the
 * window, r/redditdev "Formal ratelimiting headers", 2014) and not always `Retry-After`, so a 429 waits for
 * either. Redirects (an unknown subreddit is redirected to the subreddit search) and private, banned or
 * quarantined subreddits (403/404 with a `reason`) are settings to fix, not credentials.
 */
export function redditError(res: OutboundResponse, what: string, now: Date): ConnectorError | null {
  if (res.status >= 200 && res.status < 300) return null;
  if (res.status === 429) {
    const wait = retryAfterMs(res.headers["retry-after"], now) ?? resetMs(res.headers["x-ratelimit-reset"]);
    return new ConnectorError(`${what}: HTTP 429 (rate limit)`, "rate_limited", wait);
  }
  if (res.status >= 300 && res.status < 400) {
    return new ConnectorError(
      `${what}: not found (Reddit redirects to ${res.headers.location ?? "another page"})`,
      "config",
    );
  }
  if (res.status === 403 || res.status === 404) {
    const reason = /"reason"\s*:\s*"([a-z_]+)"/u.exec(res.body)?.[1];
    if (reason)
      return new ConnectorError(`${what}: HTTP ${res.status} (${reason.replaceAll("_", " ")})`, "config");
  }
  try {
    checkResponse(res, what, now);
  } catch (error) {
    if (error instanceof ConnectorError) return error;
    throw error;
  }
  return null;
}

function resetMs(value: string | undefined): number | undefined {
  const seconds = Number(value);
  return value !== undefined && Number.isFinite(seconds) && seconds >= 0
    ? Math.min(Math.ceil(seconds) * 1000, 86_400_000)
    : undefined;
}

/**
 * Fetches an app-only token (OAuth2 wiki, "Application Only OAuth"): POST `grant_type=client_credentials`
 * with the client id and secret as HTTP Basic auth. Tokens last an hour; one is fetched per poll, so the
 * connector keeps no state besides its cursor.
 */
export async function fetchAppToken(
  ctx: ConnectorContext,
  authUrl: string,
  secrets: RedditSecrets,
  userAgent: string,
): Promise<string> {
  const what = "Reddit token";
  const basic = Buffer.from(`${secrets.clientId}:${secrets.clientSecret}`, "utf8").toString("base64");
  const res = await send(
    ctx,
    {
      method: "POST",
      url: authUrl,
      headers: {
        authorization: `Basic ${basic}`,
        "content-type": "application/x-www-form-urlencoded",
        accept: "application/json",
        "user-agent": userAgent,
      },
      body: "grant_type=client_credentials",
    },
    what,
  );
  const failure = redditError(res, what, ctx.now());
  if (failure) {
    if (res.status === 401)
      throw new ConnectorError(`${what}: Reddit refused the client id or secret (HTTP 401)`, "auth");
    throw failure;
  }
  const json = readJson(res, what);
  const token = RedditToken.safeParse(json);
  if (token.success) return token.data.access_token;
  const refused = RedditTokenError.safeParse(json);
  if (refused.success) throw new ConnectorError(`${what}: ${String(refused.data.error)}`, "auth");
  throw new ConnectorError(`${what}: the answer holds no access_token`, "transient");
}

/** True when the last answer said no request is left in this rate-limit window. */
export function rateLimitExhausted(session: RedditSession): boolean {
  return session.remaining !== undefined && session.remaining < 1;
}

/**
 * GETs one Listing page from the OAuth API with the bearer token. `raw_json=1` opts out of Reddit's
 * legacy escaping of `<`, `>` and `&` in every text (API docs, "response body encoding").
 */
export async function fetchListing(
  session: RedditSession,
  path: string,
  params: Record<string, string>,
  what: string,
): Promise<RedditListing["data"]> {
  const { ctx } = session;
  const query = new URLSearchParams({ ...params, raw_json: "1" });
  const res = await send(
    ctx,
    {
      method: "GET",
      url: `${session.apiBase.replace(/\/+$/u, "")}${path}?${query}`,
      headers: {
        authorization: `bearer ${session.token}`,
        accept: "application/json",
        "user-agent": session.userAgent,
      },
    },
    what,
  );
  const remaining = Number(res.headers["x-ratelimit-remaining"]);
  if (res.headers["x-ratelimit-remaining"] !== undefined && Number.isFinite(remaining))
    session.remaining = remaining;
  const failure = redditError(res, what, ctx.now());
  if (failure) throw failure;
  const listing = RedditListing.safeParse(readJson(res, what));
  if (!listing.success) throw new ConnectorError(`${what}: the answer is not a Listing`, "transient");
  return listing.data.data;
}
