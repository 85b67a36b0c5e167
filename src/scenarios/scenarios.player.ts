import { planScenario } from "../core/scenario/scenario.plan.ts";
import type { Scenario } from "../core/scenario/scenario.schema.ts";
import type { Clock } from "../platform/clock.ts";
import type { PostCreate } from "../posts/posts.schema.ts";

/** What the scenario player needs: the scenario, when it started, where its posts go. */
export interface ScenarioPlayerOptions {
  /** A scenario from `loadScenario`. */
  scenario: Scenario;
  /** Wall-clock time of scenario time 0; in the past after a restart, so the player catches up first. */
  startedAt: Date;
  /** Source of time; `ManualClock` in tests. */
  clock: Clock;
  /** Wall-clock milliseconds between two deliveries once caught up. */
  tickMs?: number;
  /** Scenario milliseconds per wall-clock millisecond (2 plays twice as fast, for training). */
  speed?: number;
  /** Scenario time already delivered by an earlier run; catch-up starts here instead of at 0. */
  resumeFromMs?: number;
  /** Longest span of scenario time planned at once while catching up. */
  catchUpWindowMs?: number;
  /** Most posts handed to `sink` in one call (`POST /api/posts` takes 1,000). */
  maxBatchSize?: number;
  /** Takes the due posts into the normal ingest path; the player waits for it (backpressure). */
  sink: (posts: PostCreate[]) => Promise<void>;
  /** Told about every failed delivery; the player then retries the same window after a back-off. */
  onError: (error: unknown) => void;
  /** Aborting it stops the player like `stop()`. */
  signal?: AbortSignal;
}

/** A running scenario player. */
export interface ScenarioPlayer {
  /** Stops after the delivery in progress and resolves when the player has stopped. */
  stop(): Promise<void>;
  /** Scenario time (ms) up to which every post has been delivered; pass it as `resumeFromMs` after a restart. */
  elapsedMs(): number;
}

const MAX_RETRY_MS = 30_000;

/**
 * Plays a scenario into `sink` in real time: each tick it plans the scenario time since the last tick and
 * awaits the sink, so a slow sink slows the player. Posts already due (a start in the past) go out first, in
 * batches. Delivery is at-least-once: a failed window is reported to `onError` and sent again, in full, after
 * a back-off; ingest drops the repeats by (platform, external id). A scenario with `afterScript: stop`
 * ends by itself at the end of its script.
 */
export function startScenarioPlayer(options: ScenarioPlayerOptions): ScenarioPlayer {
  const {
    scenario,
    startedAt,
    clock,
    tickMs = 1000,
    speed = 1,
    catchUpWindowMs = 60_000,
    maxBatchSize = 500,
    sink,
    onError,
  } = options;
  if (!(tickMs > 0) || !(speed > 0) || !(catchUpWindowMs > 0) || !(maxBatchSize >= 1)) {
    throw new RangeError("tickMs, speed, catchUpWindowMs and maxBatchSize must be positive");
  }
  const stopping = new AbortController();
  const stopOnAbort = () => stopping.abort();
  options.signal?.addEventListener("abort", stopOnAbort, { once: true });
  if (options.signal?.aborted) stopping.abort();

  const endMs =
    scenario.afterScript === "stop" ? scenario.durationMinutes * 60_000 : Number.POSITIVE_INFINITY;
  let deliveredMs = Math.max(0, options.resumeFromMs ?? 0);

  const dueMs = () => Math.min(endMs, Math.floor((clock.now().getTime() - startedAt.getTime()) * speed));
  // Scenario time runs `speed` times faster than the wall clock, so posts are dated on the wall clock.
  const dated = (offsetMs: number, post: PostCreate): PostCreate =>
    speed === 1 ? post : { ...post, postedAt: new Date(startedAt.getTime() + offsetMs / speed) };

  async function deliver(fromMs: number, toMs: number): Promise<void> {
    const planned = planScenario(scenario, { fromMs, toMs, startedAt });
    for (let i = 0; i < planned.length; i += maxBatchSize) {
      await sink(planned.slice(i, i + maxBatchSize).map(({ offsetMs, post }) => dated(offsetMs, post)));
    }
  }

  async function play(): Promise<void> {
    let failures = 0;
    while (!stopping.signal.aborted && deliveredMs < endMs) {
      const due = dueMs();
      const behindMs = due - deliveredMs;
      // Less than a tick behind: wait for the rest of the tick instead of sending slivers of time.
      if (behindMs < tickMs * speed && due < endMs) {
        await clock.sleep(Math.ceil((tickMs * speed - behindMs) / speed), stopping.signal);
        continue;
      }
      const untilMs = Math.min(due, deliveredMs + catchUpWindowMs);
      try {
        await deliver(deliveredMs, untilMs);
        deliveredMs = untilMs;
        failures = 0;
      } catch (error) {
        failures++;
        report(error);
        await clock.sleep(Math.min(MAX_RETRY_MS, tickMs * 2 ** (failures - 1)), stopping.signal);
      }
    }
    options.signal?.removeEventListener("abort", stopOnAbort);
  }

  function report(error: unknown): void {
    try {
      onError(error);
    } catch {
      // A throwing error handler must not end the player: it would stop the demo stream for good.
    }
  }

  const playing = play();
  return {
    stop: () => {
      stopping.abort();
      return playing;
    },
    elapsedMs: () => deliveredMs,
  };
}
