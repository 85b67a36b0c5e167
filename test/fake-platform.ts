// A local stand-in for a platform's API: routes answer with recorded payloads shaped as the platform's
// public documentation shows them; every request is recorded so tests can check paging and auth.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { ConnectorContext } from "../src/connectors/connector.ts";
import { requestOutbound } from "../src/platform/net/outbound.ts";

/** A request the fake platform received. */
export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** What a route answers. */
export interface FakeResponse {
  status?: number;
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string as it is. */
  body?: unknown;
}

/** `METHOD /path` (no query) → handler; a missing route answers 404. */
export type FakeRoutes = Record<string, (req: FakeRequest) => FakeResponse | Promise<FakeResponse>>;

/** Starts a fake platform on 127.0.0.1 with the given routes. */
export async function startFakePlatform(routes: FakeRoutes) {
  const requests: FakeRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const url = new URL(req.url ?? "/", "http://fake");
      const request: FakeRequest = {
        method: req.method ?? "GET",
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      requests.push(request);
      const handler = routes[`${request.method} ${request.path}`];
      const answer: FakeResponse = handler
        ? await handler(request)
        : { status: 404, body: { error: "not found" } };
      const isText = typeof answer.body === "string";
      res.writeHead(answer.status ?? 200, {
        "content-type": isText ? "text/plain; charset=utf-8" : "application/json; charset=utf-8",
        ...answer.headers,
      });
      res.end(
        answer.body === undefined ? "" : isText ? (answer.body as string) : JSON.stringify(answer.body),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A connector context whose requests may reach 127.0.0.1 (the fake platform) and nothing else private. */
export function fakeConnectorContext(overrides: Partial<ConnectorContext> = {}): ConnectorContext {
  return {
    request: (req, options) => requestOutbound(req, { policy: { allow: ["127.0.0.1"] }, ...options }),
    now: () => new Date("2026-11-25T12:00:00Z"),
    signal: new AbortController().signal,
    searchTerms: ["nordwind"],
    ...overrides,
  };
}
