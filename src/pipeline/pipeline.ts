import type { AppContext } from "../platform/context.ts";
import type { RiskAssessor } from "../risk/risk.service.ts";
import { startAssessStage } from "./assess.stage.ts";
import { startStoreStage } from "./store.stage.ts";

/** The running stages of this process. */
export interface Pipeline {
  /** Stops consuming after the batches in hand are done. */
  stop(): Promise<void>;
}

/** Starts the stages in data-path order: ingest → assess → store (escalate and alert follow in later stages). */
export function startPipeline(
  ctx: AppContext,
  risk: RiskAssessor,
  metrics?: { stored(n: number): void },
): Pipeline {
  const stages = [startStoreStage(ctx, metrics), startAssessStage(ctx, risk)];
  return {
    async stop() {
      // Upstream first, so nothing is handed to a stage that has already stopped.
      for (const s of [...stages].reverse()) await s.stop();
    },
  };
}
