import type { Logger } from "./logger.ts";

/** A background loop of one process; `stop` waits for a run in progress. */
export interface BackgroundJob {
  stop(): Promise<void>;
}

/** Runs `run` every `intervalMs` (never two at once) until stopped; a failed run is logged and tried again next time. */
export function every(
  intervalMs: number,
  run: () => Promise<unknown>,
  log: Logger,
  what: string,
): BackgroundJob {
  let running: Promise<unknown> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = run()
      .catch((error) => log.error({ err: error }, `${what} failed; trying again at the next interval`))
      .finally(() => {
        running = null;
      });
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
