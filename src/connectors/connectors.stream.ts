// The live connections of one process. Connectors whose kind can `stream` (and whose `live` setting is not
// false) are claimed with a lease on their row, so that exactly one process in the installation holds each
// connection and the poll runner leaves them alone (it skips held connectors). The lease is renewed while
// the connection is open; a renewal that finds the connector switched off, deleted or changed by a person
// ends the connection. Each connection first catches up with a poll (what was written while none was
// open), then streams; when the platform closes it, both run again after a short pause.
import { setTimeout as sleep } from "node:timers/promises";
import type { AppContext } from "../platform/context.ts";
import { categoryLogger } from "../platform/logger.ts";
import {
  type OutboundStream,
  type OutboundWebSocket,
  openOutboundStream,
  openOutboundWebSocket,
} from "../platform/net/outbound.stream.ts";
import { storedExternalIds } from "../posts/posts.service.ts";
import type { StreamContext } from "./connector.ts";
import { connectorKinds } from "./connectors.registry.ts";
import * as repo from "./connectors.repo.ts";
import {
  type AnyConnector,
  classifyFailure,
  connectorContext,
  handOver,
  type PollDeps,
  pollAndHandOver,
  retryWaitMs,
  usableSettings,
} from "./connectors.service.ts";

/** Counters of live connections for /metrics (src/platform/http/metrics.ts). */
export interface StreamMetrics {
  connectorPolled(kind: string, outcome: string, posts: number): void;
  /** Posts a live connection handed over. */
  connectorStreamed(kind: string, posts: number): void;
  /** Messages a live connection could not use, by reason. */
  connectorStreamSkipped(kind: string, reason: string, count: number): void;
  connectionOpened(kind: string): void;
  /** `closed` (by the platform), `stopped` (by this process), or the failure's kind. */
  connectionEnded(kind: string, outcome: string): void;
}

/** What the stream runner needs: the SSRF policy, optionally metrics and (tests) other connector kinds. */
export interface StreamDeps extends Omit<PollDeps, "metrics"> {
  metrics?: StreamMetrics;
}

/** Timing of the stream runner; the defaults suit production, tests shorten them. */
export interface StreamRunnerOptions {
  /** How often free connectors are looked for; default 5 s. */
  intervalMs?: number;
  /** How long a claim holds without renewal (another process takes over after); default 60 s. */
  leaseMs?: number;
  /** How often the lease is renewed (and a change of the connector noticed); default 20 s. */
  renewMs?: number;
  /**
   * The pause before reconnecting after the platform closed a connection; default 5 s. It doubles with
   * each connection in a row that closed within `stableMs`, up to `maxReconnectMs`.
   */
  reconnectMs?: number;
  /** The longest pause before reconnecting; default 5 min. */
  maxReconnectMs?: number;
  /** How long a connection must have been open for the pause to start again at `reconnectMs`; default 60 s. */
  stableMs?: number;
  /** The most connections this process holds; default 100. */
  maxConnections?: number;
  /** How long stop() waits for connections to end before freeing their leases anyway; default 10 s. */
  stopGraceMs?: number;
  /** How long a connector whose settings cannot stream is left to the poll runner; default 5 min. */
  recheckMs?: number;
}

// A catch-up poll that keeps saying "more" is cut off here; the stream takes over from the newest.
const maxCatchUpPages = 20;

interface Connection {
  abort: AbortController;
  hold: repo.Hold;
  done: Promise<void>;
}

/**
 * Starts this process's live connections; stop() ends them (the signal aborts each) and frees their
 * leases. Several processes may run it: each connector is held by one at a time.
 */
export function startStreamRunner(
  ctx: AppContext,
  deps: StreamDeps,
  options: StreamRunnerOptions = {},
): { stop(): Promise<void> } {
  const log = categoryLogger(ctx.log, "connectors");
  const kinds = deps.kinds ?? connectorKinds;
  const streaming = [...kinds.values()].filter((c) => c.stream && c.mode !== "push").map((c) => c.kind);
  const leaseMs = options.leaseMs ?? 60_000;
  const maxConnections = options.maxConnections ?? 100;
  const connections = new Map<string, Connection>();
  // Connectors whose settings cannot stream (canStream false) are left to the poll runner; looked at again
  // after a while, when their settings may have changed.
  const notStreamable = new Map<string, number>();
  const recheckMs = options.recheckMs ?? 5 * 60_000;
  let stopped = false;
  let passing: Promise<void> | null = null;

  const pass = () => {
    if (passing || stopped || streaming.length === 0) return;
    passing = (async () => {
      try {
        const room = maxConnections - connections.size;
        if (room <= 0) return;
        const now = ctx.clock.now();
        for (const [id, until] of notStreamable) if (until <= now.getTime()) notStreamable.delete(id);
        const claimed = await ctx.db.transaction((tx) =>
          repo.claimStreamConnectors(tx, now, new Date(now.getTime() + leaseMs), streaming, room, [
            ...notStreamable.keys(),
          ]),
        );
        for (const row of claimed) {
          const hold = { id: row.id, lease: row.lockedUntil ?? now, since: row.updatedAt };
          const connector = kinds.get(row.kind);
          // Our own lease ran out and was claimed again (the database was away): the old connection ends
          // at its next renewal, and the next pass starts afresh.
          if (stopped || !connector || connections.has(row.id)) {
            await repo.releaseHold(ctx.db, hold);
            continue;
          }
          if (!canStream(ctx, row, connector)) {
            notStreamable.set(row.id, now.getTime() + recheckMs);
            await repo.releaseHold(ctx.db, hold);
            continue;
          }
          const abort = new AbortController();
          const connection: Connection = { abort, hold, done: Promise.resolve() };
          connection.done = holdConnection(ctx, row, connector, hold, abort, deps, options)
            .catch((error: unknown) =>
              log.error({ err: error, connectorId: row.id }, "live connection ended unexpectedly"),
            )
            .finally(() => connections.delete(row.id));
          connections.set(row.id, connection);
        }
      } catch (error) {
        log.error({ err: error }, "stream runner pass failed; trying again at the next interval");
      } finally {
        passing = null;
      }
    })();
  };
  const timer = setInterval(pass, options.intervalMs ?? 5_000);
  timer.unref();
  pass();

  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await passing;
      const open = [...connections.values()];
      for (const c of open) c.abort.abort();
      const grace = sleep(options.stopGraceMs ?? 10_000, undefined, { ref: false });
      await Promise.race([Promise.allSettled(open.map((c) => c.done)), grace]);
      // A connector that ignores its signal keeps running, but its lease is free for another process.
      for (const c of open) await repo.releaseHold(ctx.db, c.hold).catch(() => {});
    },
  };
}

/** False when the connector's own check says these settings cannot stream; unusable settings go on (the connection records why). */
function canStream(ctx: AppContext, row: repo.ConnectorRow, connector: AnyConnector): boolean {
  if (!connector.canStream) return true;
  try {
    const { config, secrets } = usableSettings(ctx, row, connector);
    return connector.canStream(config, secrets);
  } catch {
    return true;
  }
}

/**
 * Holds one claimed connector's live connection until the signal aborts, the hold is lost or the
 * connection fails: catch-up poll, stream, and again after the platform closed it. A failure is recorded
 * as a failed poll is (state, error, back-off in `next_run_at`); the lease is freed at the end.
 */
async function holdConnection(
  ctx: AppContext,
  row: repo.ConnectorRow,
  connector: AnyConnector,
  hold: repo.Hold,
  abort: AbortController,
  deps: StreamDeps,
  options: StreamRunnerOptions,
): Promise<void> {
  const log = categoryLogger(ctx.log, "connectors");
  const leaseMs = options.leaseMs ?? 60_000;
  const pollDeps: PollDeps = { policy: deps.policy, ...(deps.kinds ? { kinds: deps.kinds } : {}) };
  // Writes of this hold run one after another: each checks the lease the previous renewal set.
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(write: () => Promise<T>): Promise<T> => {
    const next = chain.then(write);
    chain = next.catch(() => {});
    return next;
  };
  const write = (set: Partial<repo.ConnectorRow>, addPosts = 0) =>
    serial(async () => {
      const held = await repo.updateHeldConnector(ctx.db, hold, set, addPosts);
      if (!held) abort.abort();
      return held;
    });
  // The error count is reset once a connection proved itself (delivered, or stayed open a lease long), not
  // by the catch-up poll alone: a stream that fails at once must back off further each time.
  let consecutiveErrors = row.consecutiveErrors;
  // When the current connection was opened (performance.now()); undefined while none is open.
  let openSince: number | undefined;
  const proven = (delivered: boolean) => {
    if (openSince === undefined || consecutiveErrors === 0) return {};
    if (!delivered && performance.now() - openSince < leaseMs) return {};
    consecutiveErrors = 0;
    return { consecutiveErrors: 0 };
  };
  const renewal = setInterval(() => {
    const lease = new Date(ctx.clock.now().getTime() + leaseMs);
    serial(async () => {
      if (await repo.updateHeldConnector(ctx.db, hold, { lockedUntil: lease, ...proven(false) }))
        hold.lease = lease;
      else abort.abort();
    }).catch((error: unknown) =>
      log.warn({ err: error, connectorId: row.id }, "could not renew a live connection's lease"),
    );
  }, options.renewMs ?? 20_000);
  renewal.unref();

  // Connections the connector opened are closed when the signal aborts, should it not close them itself.
  const opened = new Set<OutboundStream | OutboundWebSocket>();
  const closeOpened = () => {
    for (const c of opened) c.close();
  };
  abort.signal.addEventListener("abort", closeOpened);

  let connectionOpen = false;
  // Connections in a row the platform closed soon after they opened: each doubles the pause before the next.
  let quickCloses = 0;
  try {
    const settings = usableSettings(ctx, row, connector);
    let cursor: unknown = row.cursor;
    while (!abort.signal.aborted) {
      for (let page = 0; page < maxCatchUpPages && !abort.signal.aborted; page++) {
        const caught = await pollAndHandOver(ctx, row, connector, settings, cursor, pollDeps, abort.signal);
        cursor = caught.cursor;
        await write({ cursor, lastSuccessAt: ctx.clock.now() }, caught.published);
        deps.metrics?.connectorPolled(row.kind, "ok", caught.published);
        if (!caught.more) break;
      }
      if (abort.signal.aborted || !(await write({ state: "live" }))) break;
      const base = await connectorContext(ctx, row.orgId, pollDeps, abort.signal);
      const streamCtx: StreamContext = {
        ...base,
        async emit(batch) {
          const done = await handOver(ctx, row, connector, batch);
          if (batch.cursor !== undefined) cursor = batch.cursor;
          await write(
            {
              lastSuccessAt: ctx.clock.now(),
              ...(batch.cursor !== undefined ? { cursor: batch.cursor ?? null } : {}),
              ...proven(true),
            },
            done.published,
          );
          deps.metrics?.connectorStreamed(row.kind, done.published);
        },
        skipped(reason, count = 1) {
          deps.metrics?.connectorStreamSkipped(row.kind, reason, count);
        },
        stored: (externalIds) => storedExternalIds(ctx, row.orgId, connector.platform, externalIds),
        async openStream(req, streamOptions) {
          const stream = await openOutboundStream(req, { policy: deps.policy, ...streamOptions });
          opened.add(stream);
          if (abort.signal.aborted) stream.close();
          return stream;
        },
        async openWebSocket(url, socketOptions) {
          const socket = await openOutboundWebSocket(url, { policy: deps.policy, ...socketOptions });
          opened.add(socket);
          if (abort.signal.aborted) socket.close();
          return socket;
        },
      };
      deps.metrics?.connectionOpened(row.kind);
      connectionOpen = true;
      log.info({ connectorId: row.id, kind: row.kind }, "live connection open");
      const openedAt = performance.now();
      openSince = openedAt;
      try {
        await connector.stream?.(settings.config, settings.secrets, cursor, streamCtx);
      } finally {
        closeOpened();
        opened.clear();
        openSince = undefined;
      }
      connectionOpen = false;
      deps.metrics?.connectionEnded(row.kind, abort.signal.aborted ? "stopped" : "closed");
      if (abort.signal.aborted) break;
      // A platform that closes every connection at once (an overloaded relay, a revoked subscription that
      // still accepts the handshake) is not asked again every few seconds, each time after a catch-up poll.
      quickCloses = performance.now() - openedAt < (options.stableMs ?? 60_000) ? quickCloses + 1 : 0;
      const pauseMs = Math.min(
        (options.reconnectMs ?? 5_000) * 2 ** Math.max(0, quickCloses - 1),
        options.maxReconnectMs ?? 300_000,
      );
      log.info(
        { connectorId: row.id, kind: row.kind, pauseMs, quickCloses },
        "the platform closed the live connection; reconnecting",
      );
      await sleep(pauseMs, undefined, { signal: abort.signal }).catch(() => {});
    }
  } catch (error) {
    if (connectionOpen)
      deps.metrics?.connectionEnded(row.kind, abort.signal.aborted ? "stopped" : classifyFailure(error).kind);
    // What the connector throws after the signal aborted is the end this process asked for.
    if (!abort.signal.aborted) {
      const { kind, message, retryAfterMs } = classifyFailure(error);
      const errors = consecutiveErrors + 1;
      const wait = retryWaitMs(kind, errors, retryAfterMs);
      const now = ctx.clock.now();
      if (!connectionOpen) deps.metrics?.connectorPolled(row.kind, kind, 0);
      await serial(() =>
        repo.updateHeldConnector(ctx.db, hold, {
          state: kind,
          lastError: message.slice(0, 500),
          lastErrorAt: now,
          consecutiveErrors: errors,
          nextRunAt: new Date(now.getTime() + wait),
          lockedUntil: null,
        }),
      );
      log.warn(
        { connectorId: row.id, kind: row.kind, state: kind, error: message, retryInMs: wait },
        "live connection failed",
      );
    }
  } finally {
    clearInterval(renewal);
    abort.signal.removeEventListener("abort", closeOpened);
    await chain;
    await repo.releaseHold(ctx.db, hold);
  }
}
