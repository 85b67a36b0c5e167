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

/** What a fake platform's write endpoint received: the path and the parsed body (JSON or form fields). */
export interface FakePosted {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
}

function parsedBody(req: FakeRequest): Record<string, unknown> {
  const type = String(req.headers["content-type"] ?? "");
  if (type.startsWith("application/x-www-form-urlencoded"))
    return Object.fromEntries(new URLSearchParams(req.body));
  try {
    return JSON.parse(req.body) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/**
 * The write endpoints of the platforms Brandwache answers on, answering as their docs show: Mastodon
 * statuses, Bluesky createSession/getPosts/createRecord, YouTube comments and commentThreads, Graph comments,
 * replies and feed, X tweets. Every accepted write is recorded in `posted`; a Mastodon Idempotency-Key seen
 * before answers the same status again without posting twice, as the instance does.
 */
export function fakePublishRoutes() {
  const posted: FakePosted[] = [];
  let counter = 0;
  const next = () => String(++counter);
  const mastodonKeys = new Map<string, unknown>();
  const accept = (req: FakeRequest) => {
    const entry = { path: req.path, headers: req.headers, body: parsedBody(req) };
    posted.push(entry);
    return entry.body;
  };
  // A JWT whose `sub` is the account's DID, as a PDS issues it (only the payload is read).
  const payload = Buffer.from(JSON.stringify({ sub: "did:plc:nordwindsupport", exp: 4102444800 })).toString(
    "base64url",
  );
  const routes: FakeRoutes = {
    "POST /api/v1/statuses": (req) => {
      const key = req.headers["idempotency-key"];
      if (typeof key === "string" && mastodonKeys.has(key)) return { body: mastodonKeys.get(key) };
      const body = accept(req);
      const id = `11767${next().padStart(13, "0")}`;
      const status = {
        id,
        uri: `https://social.example/users/nordwind/statuses/${id}`,
        url: `https://social.example/@nordwind/${id}`,
        content: `<p>${String(body.status)}</p>`,
        in_reply_to_id: body.in_reply_to_id ?? null,
        visibility: "public",
      };
      if (typeof key === "string") mastodonKeys.set(key, status);
      return { body: status };
    },
    "POST /xrpc/com.atproto.server.createSession": () => ({
      body: {
        accessJwt: `eyJhbGciOiJIUzI1NiJ9.${payload}.sig`,
        refreshJwt: "refresh",
        handle: "nordwind-support.bsky.social",
        did: "did:plc:nordwindsupport",
      },
    }),
    "POST /xrpc/com.atproto.repo.createRecord": (req) => {
      accept(req);
      const rkey = `3lbw${next().padStart(9, "a")}`;
      return {
        body: {
          uri: `at://did:plc:nordwindsupport/app.bsky.feed.post/${rkey}`,
          cid: `bafyreicreated${rkey}`,
          commit: { cid: "bafyreicommit", rev: "3lbwrev" },
          validationStatus: "valid",
        },
      };
    },
    "POST /comments": (req) => {
      const body = accept(req) as { snippet?: { parentId?: string; textOriginal?: string } };
      return {
        body: {
          kind: "youtube#comment",
          etag: "etag",
          id: `${body.snippet?.parentId ?? "Ugx"}.AQ${next()}`,
          snippet: {
            channelId: "UCnordwindmobil0000000000",
            textOriginal: body.snippet?.textOriginal,
            parentId: body.snippet?.parentId,
            publishedAt: "2026-11-25T12:00:00Z",
          },
        },
      };
    },
    "POST /commentThreads": (req) => {
      const body = accept(req) as { snippet?: { videoId?: string } };
      return {
        body: {
          kind: "youtube#commentThread",
          id: `UgzNew${next()}`,
          snippet: { videoId: body.snippet?.videoId, channelId: "UCnordwindmobil0000000000" },
        },
      };
    },
    "POST /2/tweets": (req) => {
      const body = accept(req) as { text?: string };
      return { status: 201, body: { data: { id: `186${next().padStart(16, "0")}`, text: body.text } } };
    },
  };
  return {
    routes,
    posted,
    /** Graph write routes for a node: `/{node}/comments`, `/{node}/replies` or `/{node}/feed` under a version prefix. */
    graphRoute(prefix: string, node: string, edge: "comments" | "replies" | "feed"): FakeRoutes {
      return {
        [`POST ${prefix}/${node}/${edge}`]: (req) => {
          accept(req);
          return { body: { id: edge === "feed" ? `${node}_9${next()}` : `${node}_c${next()}` } };
        },
      };
    },
  };
}
