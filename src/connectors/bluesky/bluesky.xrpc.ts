// XRPC answers (GET and POST on /xrpc/<nsid>) turned into JSON or a ConnectorError.
import type { OutboundResponse } from "../../platform/net/outbound.ts";
import { checkResponse, jsonBody } from "../connector.ts";
import { XrpcError } from "./bluesky.schema.ts";

// 100 post views with their embeds run to a few hundred KiB, far above the guard's 64 KiB default.
export const bodyLimit = 4 * 1024 * 1024;
export const timeoutMs = 30_000;

/**
 * The body of a successful answer as JSON; a ConnectorError for everything else. Bluesky's services send
 * `RateLimit-Reset` as the Unix time the window ends (docs.bsky.app "Rate Limits": rate limit headers) and
 * not always `Retry-After`, so a 429 waits for either.
 */
export function readXrpcJson(res: OutboundResponse, what: string, now: Date): unknown {
  checkResponse(withResetAsRetryAfter(res), what, now);
  return jsonBody(res, what, bodyLimit);
}

/** The `error` name of an XRPC error answer, e.g. `ExpiredToken` or `BadQueryString`. */
export function xrpcErrorName(res: OutboundResponse): string | undefined {
  try {
    return XrpcError.safeParse(JSON.parse(res.body)).data?.error;
  } catch {
    return undefined;
  }
}

function withResetAsRetryAfter(res: OutboundResponse): OutboundResponse {
  const reset = Number(res.headers["ratelimit-reset"]);
  if (res.status !== 429 || res.headers["retry-after"] || !Number.isFinite(reset) || reset <= 0) return res;
  // A Unix time is far larger than any wait in seconds; the draft standard's delta-seconds are passed on.
  const retryAfter = reset > 1e9 ? new Date(reset * 1000).toUTCString() : String(Math.ceil(reset));
  return { ...res, headers: { ...res.headers, "retry-after": retryAfter } };
}
