// Which branches of a scenario fire now, from what the team has done so far. Pure: the service gathers the
// team's state from its workspace, the runner adds the posts of the branches that fire.
import type { Branch, TrainingScenario } from "./training.schema.ts";
import type { Tone } from "./training.tone.ts";

/** What a team has done, in scenario ms since the start. */
export interface TeamState {
  /** Scenario time now. */
  nowMs: number;
  /** Injects whose posts are in the workspace, with the scenario time they were posted at. */
  posted: ReadonlyMap<string, number>;
  /** Replies sent, with the inject they answer (null: something else) and their tone. */
  replies: readonly { injectId: string | null; sentMs: number; tone: Tone }[];
  /** When incidents were opened. */
  incidentsOpenedMs: readonly number[];
  /** Injects whose posts were captured as evidence, with the first capture. */
  evidence: ReadonlyMap<string, number>;
  /** Branches that have fired already. */
  fired: ReadonlySet<string>;
}

/** Whether a reply's tone counts for a `reply_tone` condition: a hostile reply is defensive too. */
function toneMatches(wanted: "defensive" | "hostile" | "empathetic", tone: Tone): boolean {
  return wanted === "defensive" ? tone === "defensive" || tone === "hostile" : tone === wanted;
}

/** Whether a branch's condition holds at `state.nowMs`. */
export function conditionHolds(branch: Branch, state: TeamState): boolean {
  const when = branch.when;
  switch (when.kind) {
    case "no_reply": {
      const postedMs = state.posted.get(when.to);
      if (postedMs === undefined) return false;
      const deadline = postedMs + when.within;
      if (state.nowMs < deadline) return false;
      return !state.replies.some((r) => r.injectId === when.to && r.sentMs <= deadline);
    }
    case "reply_tone":
      return state.replies.some((r) => r.injectId === when.to && toneMatches(when.tone, r.tone));
    case "no_incident":
      return state.nowMs >= when.within && !state.incidentsOpenedMs.some((ms) => ms <= when.within);
    case "incident_opened":
      return state.incidentsOpenedMs.length > 0;
    case "no_evidence": {
      const postedMs = state.posted.get(when.of);
      if (postedMs === undefined) return false;
      const deadline = postedMs + when.within;
      if (state.nowMs < deadline) return false;
      const captured = state.evidence.get(when.of);
      return captured === undefined || captured > deadline;
    }
  }
}

/** The branches that have not fired yet and whose condition holds now, in file order. */
export function branchesToFire(scenario: TrainingScenario, state: TeamState): Branch[] {
  return scenario.branches.filter((branch) => !state.fired.has(branch.id) && conditionHolds(branch, state));
}

/** Whether a fired branch punished the team (a missed answer, a defensive tone, no incident, lost evidence). */
export function isPenaltyBranch(branch: Branch): boolean {
  const when = branch.when;
  if (when.kind === "reply_tone") return when.tone !== "empathetic";
  return when.kind !== "incident_opened";
}
