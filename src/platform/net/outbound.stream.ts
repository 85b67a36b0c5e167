// Long-lived outbound connections for streaming APIs (server-sent events, NDJSON, WebSocket), through the
// same SSRF guard as `requestOutbound`: every address that is not public is refused unless the policy
// allows it, checked on the address actually connected to.
import type http from "node:http";
import WebSocket from "ws";
import {
  guardOutboundTarget,
  OutboundError,
  type OutboundOptions,
  type OutboundRequest,
  outboundNetworkError,
  parseOutboundTarget,
  startOutboundRequest,
} from "./outbound.ts";

/** An open streaming HTTP answer: status and headers at once, the body as it arrives. */
export interface OutboundStream {
  status: number;
  /** Response headers, names in lower case. */
  headers: Record<string, string>;
  /**
   * The body in chunks as they arrive. Ends when the server closes the answer; throws an OutboundError
   * (`timeout`) when nothing arrived for the idle timeout, or (`network`) when the connection broke.
   */
  body: AsyncIterable<Buffer>;
  /** Reads the rest of a (short, non-2xx) answer as UTF-8, at most `limit` bytes; for error messages. */
  text(limit?: number): Promise<string>;
  /** Ends the connection; the body iterator ends. Safe to call more than once. */
  close(): void;
}

/** An open WebSocket. */
export interface OutboundWebSocket {
  /**
   * Text frames as strings (binary frames as UTF-8), in order. Ends when either side closes; throws an
   * OutboundError (`timeout`) when nothing arrived for the idle timeout, or (`network`) on a broken
   * connection.
   */
  messages: AsyncIterable<string>;
  send(data: string): void;
  /** Closes the connection; the message iterator ends. Safe to call more than once. */
  close(): void;
}

/** Options of a streaming connection. */
export interface OutboundStreamOptions {
  /** Connecting and receiving the response headers (or the WebSocket upgrade); default 10 s. */
  connectTimeoutMs?: number;
  /** The longest silence before the connection is given up as dead; default 90 s. */
  idleTimeoutMs?: number;
}

/** The most bytes a WebSocket message may have (ws `maxPayload`); a longer one ends the connection. */
export const webSocketMaxPayload = 4 * 1024 * 1024;
// Received but not yet read: past this many bytes the connection stops reading (TCP backpressure) until the
// consumer has taken half of it, so a slow consumer holds the platform back instead of filling memory.
const bufferHighWater = 8 * 1024 * 1024;
const defaultConnectTimeoutMs = 10_000;
const defaultIdleTimeoutMs = 90_000;
const errorBodyLimit = 4096;

/**
 * A refused WebSocket upgrade (any answer but 101): the status and headers are kept, so a caller can tell
 * refused credentials (401/403) and rate limits (429 with `retryAfter`) from outages.
 */
export class OutboundStatusError extends OutboundError {
  constructor(
    host: string,
    /** The HTTP status of the answer. */
    readonly status: number,
    /** Response headers, names in lower case. */
    readonly headers: Record<string, string>,
    /** The start of the answer's body, for messages. */
    readonly body: string,
  ) {
    const detail = body.slice(0, 200).replace(/\s+/gu, " ").trim();
    super(
      "network",
      host,
      `${host} refused the WebSocket upgrade: HTTP ${status}${detail ? ` (${detail})` : ""}`,
    );
    this.name = "OutboundStatusError";
  }

  /** The Retry-After header as sent (delta-seconds or an HTTP date); read it with `retryAfterMs`. */
  get retryAfter(): string | undefined {
    return this.headers["retry-after"];
  }
}

function lowerCaseHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

/**
 * What arrived and was not read yet: a queue bounded by bytes that pauses its producer when full and
 * resumes it when half empty; read as an async iterable (once). Breaking out of the loop calls `onReturn`.
 */
class ArrivalQueue<T> implements AsyncIterable<T> {
  private items: { item: T; size: number }[] = [];
  private bytes = 0;
  private paused = false;
  private done = false;
  private error: Error | null = null;
  private wake: (() => void) | null = null;

  constructor(
    private readonly flow: { pause(): void; resume(): void; onReturn(): void },
    private readonly highWater = bufferHighWater,
  ) {}

  get isPaused(): boolean {
    return this.paused;
  }

  get isDone(): boolean {
    return this.done;
  }

  push(item: T, size: number): void {
    if (this.done) return;
    this.items.push({ item, size });
    this.bytes += size;
    if (!this.paused && this.bytes >= this.highWater) {
      this.paused = true;
      this.flow.pause();
    }
    this.notify();
  }

  /** The end: what was received is still read, then the iteration ends. */
  end(): void {
    this.done = true;
    this.notify();
  }

  /** A failure: what was received is still read, then the iteration throws. */
  fail(error: Error): void {
    if (this.done) return;
    this.error = error;
    this.done = true;
    this.notify();
  }

  /** Ends at once, dropping what was not read (the connection was closed by its owner). */
  discard(): void {
    this.items = [];
    this.bytes = 0;
    this.error = null;
    this.end();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    try {
      while (true) {
        const next = this.items.shift();
        if (next) {
          this.bytes -= next.size;
          if (this.paused && !this.done && this.bytes <= this.highWater / 2) {
            this.paused = false;
            this.flow.resume();
          }
          yield next.item;
          continue;
        }
        if (this.error) throw this.error;
        if (this.done) return;
        await new Promise<void>((resolve) => {
          this.wake = resolve;
        });
      }
    } finally {
      this.flow.onReturn();
    }
  }
}

/** A timer that fails the connection after a silence; stopped while the reader is paused. */
function idleTimer(ms: number, onIdle: () => void) {
  let timer: NodeJS.Timeout | undefined;
  return {
    arm() {
      clearTimeout(timer);
      timer = setTimeout(onIdle, ms);
    },
    stop() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}

/**
 * Opens a long-lived request (server-sent events, NDJSON) through the SSRF guard, as `requestOutbound`
 * does: every address that is not public is refused unless the policy allows it, checked on the address
 * connected to; redirects are returned, not followed. Resolves when the response headers arrive (within
 * the connect timeout; `timeoutMs` counts as the connect timeout when that is not given) with the body as
 * it comes; any status is returned, a non-2xx one can be read with `text()`.
 */
export async function openOutboundStream(
  req: OutboundRequest,
  options: OutboundOptions & OutboundStreamOptions,
): Promise<OutboundStream> {
  const target = parseOutboundTarget(req.url);
  const { lookup } = guardOutboundTarget(target, options.policy);
  const connectTimeoutMs = options.connectTimeoutMs ?? options.timeoutMs ?? defaultConnectTimeoutMs;
  const idleTimeoutMs = options.idleTimeoutMs ?? defaultIdleTimeoutMs;

  return new Promise<OutboundStream>((resolve, reject) => {
    let settled = false;
    const fail = (err: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      reject(outboundNetworkError(err, target.host));
    };
    let request: http.ClientRequest;
    try {
      request = startOutboundRequest(target, lookup, req);
    } catch (err) {
      reject(err);
      return;
    }
    const connectTimer = setTimeout(() => {
      fail(
        new OutboundError(
          "timeout",
          target.host,
          `no answer from ${target.host} within ${connectTimeoutMs} ms`,
        ),
      );
      request.destroy();
    }, connectTimeoutMs);
    // The body's queue, once the headers arrived: a later request error ends it.
    let queue: ArrivalQueue<Buffer> | undefined;
    request.on("error", (err) => {
      fail(err);
      queue?.fail(outboundNetworkError(err, target.host));
    });
    request.on("response", (response) => {
      if (settled) {
        response.destroy();
        return;
      }
      settled = true;
      clearTimeout(connectTimer);
      let closed = false;
      const close = () => {
        if (closed) return;
        closed = true;
        idle.stop();
        queue?.discard();
        request.destroy();
      };
      const idle = idleTimer(idleTimeoutMs, () => {
        queue?.fail(
          new OutboundError("timeout", target.host, `${target.host} sent nothing for ${idleTimeoutMs} ms`),
        );
        idle.stop();
        request.destroy();
      });
      const arrivals = new ArrivalQueue<Buffer>({
        pause: () => {
          idle.stop();
          response.pause();
        },
        resume: () => {
          idle.arm();
          response.resume();
        },
        onReturn: close,
      });
      queue = arrivals;
      response.on("data", (chunk: Buffer) => {
        if (!arrivals.isPaused) idle.arm();
        arrivals.push(chunk, chunk.length);
      });
      response.on("end", () => {
        idle.stop();
        arrivals.end();
      });
      response.on("error", (err) => {
        idle.stop();
        arrivals.fail(outboundNetworkError(err, target.host));
      });
      response.on("close", () => {
        idle.stop();
        if (!response.complete)
          arrivals.fail(
            new OutboundError("network", target.host, `${target.host} closed the connection mid-answer`),
          );
      });
      idle.arm();
      resolve({
        status: response.statusCode ?? 0,
        headers: lowerCaseHeaders(response.headers),
        body: arrivals,
        async text(limit = options.bodyLimit ?? errorBodyLimit) {
          const chunks: Buffer[] = [];
          let size = 0;
          try {
            for await (const chunk of arrivals) {
              chunks.push(chunk);
              size += chunk.length;
              if (size >= limit) break;
            }
          } catch {
            // An error answer cut short is still worth its first bytes.
          }
          close();
          return Buffer.concat(chunks).subarray(0, limit).toString("utf8");
        },
        close,
      });
    });
    request.end(req.body);
  });
}

/**
 * Opens a WebSocket (`ws:` or `wss:` only; an http(s) URL is refused as `unsupported_protocol`) through
 * the SSRF guard: the same address check as `requestOutbound` on the address connected to, no pooled
 * socket, redirects not followed. Resolves once the upgrade succeeded (within the connect timeout); an
 * answer other than 101 rejects with an OutboundStatusError carrying the status and Retry-After. Messages
 * longer than 4 MiB end the connection; when the reader falls behind, reading stops (memory stays bounded).
 */
export async function openOutboundWebSocket(
  url: string,
  options: OutboundOptions & OutboundStreamOptions & { headers?: Record<string, string> },
): Promise<OutboundWebSocket> {
  const target = parseOutboundTarget(url, ["ws:", "wss:"]);
  const { lookup } = guardOutboundTarget(target, options.policy);
  const connectTimeoutMs = options.connectTimeoutMs ?? options.timeoutMs ?? defaultConnectTimeoutMs;
  const idleTimeoutMs = options.idleTimeoutMs ?? defaultIdleTimeoutMs;
  // ws hands these on to http.request and its connect: `lookup` guards the address, and with its own
  // `createConnection` no pooling agent is used.
  const clientOptions: WebSocket.ClientOptions & { lookup?: typeof lookup } = {
    headers: options.headers ?? {},
    followRedirects: false,
    handshakeTimeout: connectTimeoutMs,
    maxPayload: webSocketMaxPayload,
    perMessageDeflate: false,
    ...(lookup ? { lookup } : {}),
  };
  let socket: WebSocket;
  try {
    socket = new WebSocket(target.url, clientOptions);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new OutboundError("invalid_request", target.host, `invalid request to ${target.host}: ${detail}`);
  }

  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    idle.stop();
    queue.discard();
    if (socket.readyState === WebSocket.OPEN) {
      socket.close(1000);
      // A peer that never answers the close frame is not waited for.
      setTimeout(() => socket.terminate(), 5_000).unref();
    } else socket.terminate();
  };
  const queue = new ArrivalQueue<string>({
    pause: () => {
      idle.stop();
      socket.pause();
    },
    resume: () => {
      idle.arm();
      socket.resume();
    },
    onReturn: close,
  });
  const idle = idleTimer(idleTimeoutMs, () => {
    queue.fail(
      new OutboundError("timeout", target.host, `${target.host} sent nothing for ${idleTimeoutMs} ms`),
    );
    idle.stop();
    socket.terminate();
  });

  await new Promise<void>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      outcome();
    };
    const connectTimer = setTimeout(() => {
      settle(() =>
        reject(
          new OutboundError(
            "timeout",
            target.host,
            `no answer from ${target.host} within ${connectTimeoutMs} ms`,
          ),
        ),
      );
      socket.terminate();
    }, connectTimeoutMs);
    socket.on("unexpected-response", (request, response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const refuse = () => {
        settle(() =>
          reject(
            new OutboundStatusError(
              target.host,
              response.statusCode ?? 0,
              lowerCaseHeaders(response.headers),
              Buffer.concat(chunks).toString("utf8"),
            ),
          ),
        );
        request.destroy();
      };
      response.on("data", (chunk: Buffer) => {
        if (size < errorBodyLimit) chunks.push(chunk.subarray(0, errorBodyLimit - size));
        size += chunk.length;
        if (size >= errorBodyLimit) refuse();
      });
      response.on("end", refuse);
      response.on("error", refuse);
      response.on("close", refuse);
    });
    socket.on("open", () => settle(resolve));
    socket.on("error", (err) => {
      const error = outboundNetworkError(err, target.host);
      settle(() => reject(error));
      queue.fail(error);
      idle.stop();
    });
    socket.on("close", (code) => {
      idle.stop();
      settle(() =>
        reject(new OutboundError("network", target.host, `${target.host} closed the connection (${code})`)),
      );
      // 1006: the connection broke without a close frame.
      if (code === 1006)
        queue.fail(new OutboundError("network", target.host, `the connection to ${target.host} broke`));
      else queue.end();
    });
    socket.on("message", (data: WebSocket.RawData) => {
      if (!queue.isPaused) idle.arm();
      // The default binaryType hands over a Buffer; the other shapes only for other settings.
      const bytes = Buffer.isBuffer(data)
        ? data
        : Array.isArray(data)
          ? Buffer.concat(data)
          : Buffer.from(data);
      queue.push(bytes.toString("utf8"), bytes.length);
    });
    socket.on("ping", () => {
      if (!queue.isPaused) idle.arm();
    });
  });
  idle.arm();

  return {
    messages: queue,
    send(data: string) {
      if (socket.readyState !== WebSocket.OPEN)
        throw new OutboundError("network", target.host, `the connection to ${target.host} is closed`);
      socket.send(data);
    },
    close,
  };
}
