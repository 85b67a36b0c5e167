import type { AppContext } from "../platform/context.ts";
import type { Metrics } from "../platform/http/metrics.ts";
import { categoryLogger } from "../platform/logger.ts";
import { connectorStates, type PollDeps, pollDueConnectors } from "./connectors.service.ts";

/**
 * The connector runner of one process: every `intervalMs` it claims the connectors that are due and polls
 * them. Several processes may run it; the claim makes sure each connector is polled by one at a time.
 */
export function startConnectorRunner(
  ctx: AppContext,
  deps: PollDeps & { metrics?: Metrics },
  intervalMs = 2_000,
): { stop(): Promise<void> } {
  const log = categoryLogger(ctx.log, "connectors");
  let running: Promise<void> | null = null;
  let stopped = false;
  const pass = () => {
    if (running || stopped) return;
    running = (async () => {
      try {
        // Keep going while connectors are due (a platform with more pages is polled again at once).
        while (!stopped && (await pollDueConnectors(ctx, deps)).length > 0) {}
        if (deps.metrics) {
          deps.metrics.connectorStates.reset();
          for (const { kind, state, count } of await connectorStates(ctx)) {
            deps.metrics.connectorStates.set({ kind, state }, count);
          }
        }
      } catch (error) {
        log.error({ err: error }, "connector runner pass failed; trying again at the next interval");
      } finally {
        running = null;
      }
    })();
  };
  const timer = setInterval(pass, intervalMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
