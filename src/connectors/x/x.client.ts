// The X API v2 client both the poll and the filtered stream use: app-only Bearer authentication, X's
// rate-limit headers, and error messages that never hold the token.
import { OutboundError, type OutboundRequest, type OutboundResponse } from "../../platform/net/outbound.ts";
import { type ConnectorContext, ConnectorError, checkResponse, retryAfterMs } from "../connector.ts";
import { xTweetFields, xUserFields } from "./x.schema.ts";

/** The most bytes of one answer that are read: 100 posts with their authors stay far below. */
export const xBodyLimit = 4 * 1024 * 1024;

/** The fields and expansions both recent search and the filtered stream ask for, so one mapper reads both. */
export const xPostFields = {
  "tweet.fields": xTweetFields,
  expansions: "author_id",
  "user.fields": xUserFields,
} as const;

/**
 * One request to the X API with the app's Bearer token (app-only authentication); a failure or an answer
 * that is not 2xx becomes a ConnectorError whose message never holds the token.
 */
export async function requestX(
  ctx: ConnectorContext,
  req: OutboundRequest,
  token: string,
  what: string,
): Promise<OutboundResponse> {
  let res: OutboundResponse;
  try {
    res = await ctx.request(
      {
        ...req,
        headers: { authorization: `Bearer ${token}`, accept: "application/json", ...req.headers },
      },
      { bodyLimit: xBodyLimit },
    );
  } catch (err) {
    if (!(err instanceof OutboundError)) throw err;
    const kind = err.reason === "timeout" || err.reason === "network" ? "transient" : "config";
    throw new ConnectorError(redactToken(`${what}: ${err.message}`, token), kind);
  }
  try {
    checkXResponse(res, ctx.now(), what);
  } catch (err) {
    if (!(err instanceof ConnectorError)) throw err;
    throw new ConnectorError(redactToken(err.message, token), err.kind, err.retryAfterMs);
  }
  return res;
}

/**
 * Like checkResponse, with X's rate limit: a 429 waits until `x-rate-limit-reset` (Unix seconds, X API
 * "Rate limits"), or Retry-After when that header is missing.
 */
export function checkXResponse(res: OutboundResponse, now: Date, what = "X recent search"): void {
  if (res.status === 429) {
    const reset = res.headers["x-rate-limit-reset"]?.trim();
    const untilReset =
      reset && /^\d+$/u.test(reset)
        ? Math.min(Math.max(0, Number(reset) * 1000 - now.getTime()), 86_400_000)
        : null;
    const wait = untilReset ?? retryAfterMs(res.headers["retry-after"], now) ?? undefined;
    throw new ConnectorError(`${what}: HTTP 429 (rate limit reached)`, "rate_limited", wait);
  }
  checkResponse(res, what, now);
}

/** The message with every occurrence of the token masked. */
export function redactToken(message: string, token: string): string {
  return token === "" ? message : message.replaceAll(token, "[token]");
}
