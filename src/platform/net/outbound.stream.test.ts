import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type WebSocket as ServerSocket, WebSocketServer } from "ws";
import {
  OutboundStatusError,
  type OutboundStream,
  openOutboundStream,
  openOutboundWebSocket,
} from "./outbound.stream.ts";
import { OutboundError } from "./outbound.ts";

const loopback = { policy: { allow: ["127.0.0.1"] } };

/** Waits until `check` holds, polling; generous, so a loaded machine does not flake. */
async function until(check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

async function readAll(stream: OutboundStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream.body) chunks.push(chunk);
  return Buffer.concat(chunks).toString("utf8");
}

describe("openOutboundStream", () => {
  let server: http.Server;
  let origin: string;
  // Responses of /live that the test writes to while they are open.
  const open: http.ServerResponse[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === "/live") {
        res.writeHead(200, { "content-type": "application/x-ndjson" });
        res.write('{"n":1}\n');
        open.push(res);
        return;
      }
      if (req.url === "/silent") {
        res.writeHead(200, { "content-type": "text/event-stream" });
        res.flushHeaders();
        open.push(res);
        return;
      }
      if (req.url === "/drop") {
        res.writeHead(200, { "content-type": "application/x-ndjson" });
        res.write('{"n":1}\n');
        setTimeout(() => res.socket?.destroy(), 50);
        return;
      }
      if (req.url === "/limited") {
        res.writeHead(429, { "retry-after": "30", "content-type": "application/json" });
        res.end(
          '{"title":"Too Many Requests","detail":"This stream is currently at the maximum allowed connection limit."}',
        );
        return;
      }
      if (req.url === "/moved") {
        res.writeHead(302, { location: "http://169.254.169.254/" });
        res.end();
        return;
      }
      res.writeHead(200);
      res.end("done");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const res of open) res.destroy();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it("refuses loopback by default, as a literal address and as the name localhost", async () => {
    const literal = await caught(
      openOutboundStream({ method: "GET", url: `${origin}/live` }, { policy: { allow: [] } }),
    );
    expect(literal).toBeInstanceOf(OutboundError);
    expect(literal).toMatchObject({ reason: "blocked" });
    const port = new URL(origin).port;
    const named = await caught(
      openOutboundStream({ method: "GET", url: `http://localhost:${port}/live` }, { policy: { allow: [] } }),
    );
    expect(named).toMatchObject({ reason: "blocked" });
    expect((named as Error).message).toMatch(/localhost resolves to/);
  });

  it("allows loopback by policy and hands over chunks before the answer ends", async () => {
    const before = open.length;
    const stream = await openOutboundStream({ method: "GET", url: `${origin}/live` }, loopback);
    expect(stream.status).toBe(200);
    expect(stream.headers["content-type"]).toBe("application/x-ndjson");
    const iterator = stream.body[Symbol.asyncIterator]();
    expect((await iterator.next()).value?.toString()).toBe('{"n":1}\n');
    await until(() => open.length > before);
    open[before]?.write('{"n":2}\n');
    expect((await iterator.next()).value?.toString()).toBe('{"n":2}\n');
    open[before]?.end();
    expect((await iterator.next()).done).toBe(true);
  });

  it("allows the name localhost when the policy names it", async () => {
    const port = new URL(origin).port;
    const stream = await openOutboundStream(
      { method: "GET", url: `http://localhost:${port}/done` },
      { policy: { allow: ["localhost"] } },
    );
    expect(await readAll(stream)).toBe("done");
  });

  it("ends the body when closed", async () => {
    const stream = await openOutboundStream({ method: "GET", url: `${origin}/live` }, loopback);
    const read = readAll(stream);
    stream.close();
    stream.close();
    await expect(read).resolves.toBeTypeOf("string");
  });

  it("gives up a silent connection after the idle timeout", async () => {
    const stream = await openOutboundStream(
      { method: "GET", url: `${origin}/silent` },
      { ...loopback, idleTimeoutMs: 200 },
    );
    const error = await caught(readAll(stream));
    expect(error).toMatchObject({ reason: "timeout" });
  });

  it("reports a connection dropped mid-answer as a network error", async () => {
    const stream = await openOutboundStream({ method: "GET", url: `${origin}/drop` }, loopback);
    const error = await caught(readAll(stream));
    expect(error).toMatchObject({ reason: "network" });
  });

  it("returns a refused answer with its status, headers and text", async () => {
    const stream = await openOutboundStream({ method: "GET", url: `${origin}/limited` }, loopback);
    expect(stream.status).toBe(429);
    expect(stream.headers["retry-after"]).toBe("30");
    expect(await stream.text()).toMatch(/maximum allowed connection limit/);
  });

  it("returns a redirect without following it", async () => {
    const stream = await openOutboundStream({ method: "GET", url: `${origin}/moved` }, loopback);
    expect(stream.status).toBe(302);
    expect(stream.headers.location).toBe("http://169.254.169.254/");
    stream.close();
  });

  it("times out when the headers do not come", async () => {
    const quiet = http.createServer(() => {});
    await new Promise<void>((resolve) => quiet.listen(0, "127.0.0.1", resolve));
    const port = (quiet.address() as AddressInfo).port;
    const error = await caught(
      openOutboundStream(
        { method: "GET", url: `http://127.0.0.1:${port}/` },
        { ...loopback, connectTimeoutMs: 200 },
      ),
    );
    expect(error).toMatchObject({ reason: "timeout" });
    quiet.closeAllConnections();
    await new Promise((r) => quiet.close(r));
  });
});

describe("openOutboundWebSocket", () => {
  let http1: http.Server;
  let wss: WebSocketServer;
  let origin: string;
  const received: string[] = [];
  const sockets: ServerSocket[] = [];

  beforeAll(async () => {
    http1 = http.createServer();
    wss = new WebSocketServer({ noServer: true });
    http1.on("upgrade", (req, socket, head) => {
      const path = new URL(req.url ?? "/", "http://x").pathname;
      if (path === "/unauthorized") {
        socket.end(
          'HTTP/1.1 401 Unauthorized\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{"error":"invalid_token"}',
        );
        return;
      }
      if (path === "/limited") {
        socket.end("HTTP/1.1 429 Too Many Requests\r\nRetry-After: 120\r\nConnection: close\r\n\r\n");
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => {
        sockets.push(ws);
        ws.on("message", (data) => received.push(data.toString()));
        if (path === "/feed") {
          for (const n of [1, 2, 3]) ws.send(JSON.stringify({ kind: "commit", time_us: n }));
        }
        if (path === "/drop") {
          ws.send("one");
          setTimeout(() => ws.terminate(), 50);
        }
        if (path === "/bye") {
          ws.send("last");
          ws.close(1000, "bye");
        }
      });
    });
    await new Promise<void>((resolve) => http1.listen(0, "127.0.0.1", resolve));
    origin = `ws://127.0.0.1:${(http1.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const ws of sockets) ws.terminate();
    wss.close();
    http1.closeAllConnections();
    await new Promise((r) => http1.close(r));
  });

  it("refuses loopback by default and http URLs", async () => {
    expect(await caught(openOutboundWebSocket(`${origin}/feed`, { policy: { allow: [] } }))).toMatchObject({
      reason: "blocked",
    });
    const port = new URL(origin).port;
    expect(
      await caught(openOutboundWebSocket(`ws://localhost:${port}/feed`, { policy: { allow: [] } })),
    ).toMatchObject({ reason: "blocked" });
    expect(await caught(openOutboundWebSocket(`http://127.0.0.1:${port}/feed`, loopback))).toMatchObject({
      reason: "unsupported_protocol",
    });
  });

  it("hands over messages in order, sends, and closes", async () => {
    const socket = await openOutboundWebSocket(`${origin}/feed`, loopback);
    socket.send('{"type":"subscribe","stream":"public"}');
    const got: string[] = [];
    for await (const message of socket.messages) {
      got.push(message);
      if (got.length === 3) break; // breaking out closes the connection
    }
    expect(got.map((m) => JSON.parse(m).time_us)).toEqual([1, 2, 3]);
    await until(() => received.includes('{"type":"subscribe","stream":"public"}'));
    expect(() => socket.send("late")).toThrow(OutboundError);
  });

  it("ends the messages when closed by us or by the server", async () => {
    const ours = await openOutboundWebSocket(`${origin}/feed`, loopback);
    ours.close();
    ours.close();
    const left: string[] = [];
    for await (const m of ours.messages) left.push(m);
    expect(left).toEqual([]);

    const theirs = await openOutboundWebSocket(`${origin}/bye`, loopback);
    const got: string[] = [];
    for await (const m of theirs.messages) got.push(m);
    expect(got).toEqual(["last"]);
  });

  it("gives up a silent connection after the idle timeout", async () => {
    const socket = await openOutboundWebSocket(`${origin}/quiet`, { ...loopback, idleTimeoutMs: 200 });
    const error = await caught(
      (async () => {
        for await (const _ of socket.messages) {
        }
      })(),
    );
    expect(error).toMatchObject({ reason: "timeout" });
  });

  it("reports a refused upgrade with its status: 401, and 429 with Retry-After", async () => {
    const refused = await caught(openOutboundWebSocket(`${origin}/unauthorized`, loopback));
    expect(refused).toBeInstanceOf(OutboundStatusError);
    expect(refused).toMatchObject({ status: 401 });
    expect((refused as Error).message).toMatch(/HTTP 401.*invalid_token/);
    const limited = await caught(openOutboundWebSocket(`${origin}/limited`, loopback));
    expect(limited).toMatchObject({ status: 429, retryAfter: "120" });
  });

  it("reports a dropped connection as a network error after the messages before it", async () => {
    const socket = await openOutboundWebSocket(`${origin}/drop`, loopback);
    const got: string[] = [];
    const error = await caught(
      (async () => {
        for await (const m of socket.messages) got.push(m);
      })(),
    );
    expect(got).toEqual(["one"]);
    expect(error).toMatchObject({ reason: "network" });
  });

  it("stops reading while the reader falls behind and loses nothing", async () => {
    const count = 300;
    const big = "x".repeat(64 * 1024); // 300 × 64 KiB is more than the 8 MiB the buffer holds
    const server = new WebSocketServer({ port: 0, host: "127.0.0.1" });
    await new Promise((r) => server.once("listening", r));
    server.on("connection", (ws) => {
      for (let i = 0; i < count; i++) ws.send(`${i}:${big}`);
      ws.close(1000);
    });
    const port = (server.address() as AddressInfo).port;
    const socket = await openOutboundWebSocket(`ws://127.0.0.1:${port}/`, loopback);
    let seen = 0;
    for await (const m of socket.messages) {
      expect(m.startsWith(`${seen}:`)).toBe(true);
      seen++;
      if (seen % 50 === 0) await new Promise((r) => setTimeout(r, 20));
    }
    expect(seen).toBe(count);
    await new Promise((r) => server.close(r));
  });
});
