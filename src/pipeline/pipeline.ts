import type { AppContext } from "../platform/context.ts";
import type { RiskAssessor } from "../risk/risk.service.ts";
import { startAssessStage } from "./assess.stage.ts";
import { type StoredCounter, startStoreStage } from "./store.stage.ts";

/** The running stages of this process. */
export interface Pipeline {
  /** Stops consuming after the batches in hand are done. */
  stop(): Promise<void>;
}

/**
 * Starts the stages in data-path order: ingest → assess and store (escalate and alert follow in later stages),
 * and the store stage that drains `posts.assessed` of earlier versions.
 */
export function startPipeline(ctx: AppContext, risk: RiskAssessor, metrics?: StoredCounter): Pipeline {
  const stages = [startStoreStage(ctx, metrics), startAssessStage(ctx, risk, metrics)];
  return {
    async stop() {
      // Upstream first, so nothing is handed to a stage that has already stopped.
      for (const s of [...stages].reverse()) await s.stop();
    },
  };
}
