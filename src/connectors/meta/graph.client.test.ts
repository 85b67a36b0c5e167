import { describe, expect, it } from "vitest";
import type { OutboundResponse } from "../../platform/net/outbound.ts";
import rateLimit from "./fixtures/graph-error-rate-limit.json" with { type: "json" };
import expiredToken from "./fixtures/graph-error-token.json" with { type: "json" };
import unknownObject from "./fixtures/graph-error-unknown-path.json" with { type: "json" };
import { graphFailure, graphUrl, redacted } from "./graph.client.ts";

const now = new Date("2026-11-25T12:00:00Z");

function answer(status: number, body: unknown, headers: Record<string, string> = {}): OutboundResponse {
  return { status, headers, body: typeof body === "string" ? body : JSON.stringify(body), truncated: false };
}

function withCode(code: number, extra: Record<string, unknown> = {}) {
  return { error: { ...rateLimit.error, is_transient: undefined, code, ...extra } };
}

describe("graphFailure", () => {
  it.each([
    [4, 400],
    [17, 400],
    [32, 400],
    [613, 400],
    [80001, 400],
    [80002, 403],
  ])("reads error code %i (HTTP %i) as a rate limit", (code, status) => {
    expect(graphFailure(answer(status, withCode(code)), "Facebook page feed", now).kind).toBe("rate_limited");
  });

  it("waits as long as the Business Use Case header says (minutes)", () => {
    const usage = JSON.stringify({
      "104857392817465": [
        {
          type: "pages",
          call_count: 100,
          total_cputime: 12,
          total_time: 30,
          estimated_time_to_regain_access: 19,
        },
      ],
    });
    const error = graphFailure(answer(400, rateLimit, { "x-business-use-case-usage": usage }), "feed", now);
    expect(error).toMatchObject({ kind: "rate_limited", retryAfterMs: 19 * 60_000 });
  });

  it("falls back to Retry-After, and leaves the wait to the runner when neither header says", () => {
    expect(graphFailure(answer(400, rateLimit, { "retry-after": "120" }), "feed", now).retryAfterMs).toBe(
      120_000,
    );
    expect(graphFailure(answer(400, rateLimit), "feed", now).retryAfterMs).toBeUndefined();
  });

  it.each([
    [190, "an expired token"],
    [102, "an API session"],
    [10, "a missing permission"],
    [200, "a missing permission"],
  ])("reads code %i (%s) as credentials a person must renew", (code) => {
    expect(graphFailure(answer(400, withCode(code)), "feed", now).kind).toBe("auth");
  });

  it("names code, subcode and fbtrace_id in the message", () => {
    const error = graphFailure(answer(400, expiredToken), "Facebook page feed", now);
    expect(error.kind).toBe("auth");
    expect(error.message).toContain(
      "Facebook page feed: Graph API error 190/463: Error validating access token",
    );
    expect(error.message).toContain("fbtrace_id A9qWbL2xR7Tn0sYe4KfPd1M");
  });

  it("reads other codes (an unknown Page id) as settings to fix", () => {
    expect(graphFailure(answer(400, unknownObject), "feed", now).kind).toBe("config");
  });

  it("retries server errors, codes 1 and 2, and errors Graph marks transient", () => {
    expect(graphFailure(answer(500, withCode(100)), "feed", now).kind).toBe("transient");
    expect(graphFailure(answer(400, withCode(2)), "feed", now).kind).toBe("transient");
    expect(graphFailure(answer(400, withCode(100, { is_transient: true })), "feed", now).kind).toBe(
      "transient",
    );
  });

  it("classifies an answer without an error object by its status", () => {
    expect(graphFailure(answer(502, "<html>Bad Gateway</html>"), "feed", now).kind).toBe("transient");
    expect(graphFailure(answer(401, ""), "feed", now).kind).toBe("auth");
    expect(graphFailure(answer(404, "not found"), "feed", now).kind).toBe("config");
  });
});

describe("graphUrl", () => {
  it("encodes each path segment and puts the token in access_token", () => {
    const url = new URL(
      graphUrl({
        base: "https://graph.facebook.com/v21.0/",
        path: ["104857392817465_873920184756231", "comments"],
        params: { filter: "stream", after: undefined },
        token: "EAAB/token+1",
        what: "comments",
      }),
    );
    expect(url.pathname).toBe("/v21.0/104857392817465_873920184756231/comments");
    expect(url.searchParams.get("filter")).toBe("stream");
    expect(url.searchParams.has("after")).toBe(false);
    expect(url.searchParams.get("access_token")).toBe("EAAB/token+1");
  });
});

describe("redacted", () => {
  it("masks the token, also where it appears URL-encoded", () => {
    const error = graphFailure(
      answer(400, withCode(190, { message: "Invalid token EAAB/token+1 (EAAB%2Ftoken%2B1)" })),
      "feed",
      now,
    );
    const message = redacted(error, "EAAB/token+1").message;
    expect(message).not.toContain("EAAB");
    expect(message).toContain("Invalid token [token] ([token])");
  });
});
