import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { branchesToFire, conditionHolds, isPenaltyBranch, type TeamState } from "./training.branches.ts";
import { loadTrainingScenario } from "./training.scenario.ts";
import { Branch, type TrainingScenario } from "./training.schema.ts";
import type { Tone } from "./training.tone.ts";

const fileName = "scenarios/training/complaint-escalates.yaml";
const loaded = loadTrainingScenario(readFileSync(fileName, "utf8"), fileName);
if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
const complaintEscalates = loaded.scenario;

const min = 60_000;
const s = 1000;

/** A team that has done nothing yet at `nowMs`, with what a test names on top. */
function state(overrides: Partial<TeamState> = {}): TeamState {
  return {
    nowMs: 0,
    posted: new Map(),
    replies: [],
    incidentsOpenedMs: [],
    evidence: new Map(),
    fired: new Set(),
    ...overrides,
  };
}

/** A branch as the file would hold it (durations as strings, defaults filled by the schema). */
function branch(id: string, when: Record<string, unknown>): Branch {
  return Branch.parse({ id, when, note: { de: "Notiz", en: "Note" }, deletes: ["complaint"] });
}

const reply = (injectId: string | null, sentMs: number, tone: Tone = "empathetic") => ({
  injectId,
  sentMs,
  tone,
});

function libraryBranch(id: string): Branch {
  const found = complaintEscalates.branches.find((b) => b.id === id);
  if (!found) throw new Error(`complaint-escalates has no branch ${id}`);
  return found;
}

describe("the library file's branches", () => {
  it("are parsed with their conditions in ms", () => {
    expect(libraryBranch("goes-public").when).toEqual({
      kind: "no_reply",
      to: "complaint",
      within: 10 * min,
    });
    expect(libraryBranch("more-voices").when).toEqual({
      kind: "reply_tone",
      to: "complaint",
      tone: "defensive",
    });
  });
});

describe("conditionHolds: no_reply", () => {
  const goesPublic = libraryBranch("goes-public");
  // complaint is posted at 30s; the deadline is 10m30s.
  const posted = new Map([["complaint", 30 * s]]);

  it("does not hold before the inject is posted", () => {
    expect(conditionHolds(goesPublic, state({ nowMs: 60 * min }))).toBe(false);
    expect(conditionHolds(goesPublic, state({ nowMs: 60 * min, posted: new Map([["other", 0]]) }))).toBe(
      false,
    );
  });

  it("does not hold while the deadline runs", () => {
    expect(conditionHolds(goesPublic, state({ nowMs: 30 * s, posted }))).toBe(false);
    expect(conditionHolds(goesPublic, state({ nowMs: 10 * min + 30 * s - 1, posted }))).toBe(false);
  });

  it("holds from the deadline on when nobody answered", () => {
    expect(conditionHolds(goesPublic, state({ nowMs: 10 * min + 30 * s, posted }))).toBe(true);
    expect(conditionHolds(goesPublic, state({ nowMs: 60 * min, posted }))).toBe(true);
  });

  it("does not hold when the answer went out in time, even at the deadline's last ms", () => {
    for (const sentMs of [31 * s, 5 * min, 10 * min + 30 * s]) {
      expect(
        conditionHolds(goesPublic, state({ nowMs: 20 * min, posted, replies: [reply("complaint", sentMs)] })),
      ).toBe(false);
    }
  });

  it("holds when the answer came late, or answered another post", () => {
    expect(
      conditionHolds(
        goesPublic,
        state({ nowMs: 20 * min, posted, replies: [reply("complaint", 10 * min + 31 * s)] }),
      ),
    ).toBe(true);
    expect(
      conditionHolds(
        goesPublic,
        state({ nowMs: 20 * min, posted, replies: [reply("neighbour-too", 5 * min), reply(null, 2 * min)] }),
      ),
    ).toBe(true);
  });

  it("counts any tone as an answer", () => {
    expect(
      conditionHolds(
        goesPublic,
        state({ nowMs: 20 * min, posted, replies: [reply("complaint", min, "hostile")] }),
      ),
    ).toBe(false);
  });

  it("times the deadline from when the inject was posted, not from the start", () => {
    const late = new Map([["complaint", 8 * min]]);
    expect(conditionHolds(goesPublic, state({ nowMs: 17 * min, posted: late }))).toBe(false);
    expect(conditionHolds(goesPublic, state({ nowMs: 18 * min, posted: late }))).toBe(true);
  });
});

describe("conditionHolds: reply_tone", () => {
  const defensive = libraryBranch("more-voices");
  const hostile = branch("hostile", { kind: "reply_tone", to: "complaint", tone: "hostile" });
  const empathetic = branch("kind", { kind: "reply_tone", to: "complaint", tone: "empathetic" });

  it.each<[Tone, boolean, boolean, boolean]>([
    // tone of the reply, defensive holds, hostile holds, empathetic holds
    ["defensive", true, false, false],
    ["hostile", true, true, false],
    ["empathetic", false, false, true],
    ["neutral", false, false, false],
  ])("a %s reply: defensive %s, hostile %s, empathetic %s", (tone, asDefensive, asHostile, asEmpathetic) => {
    const team = state({ nowMs: 5 * min, replies: [reply("complaint", 2 * min, tone)] });
    expect(conditionHolds(defensive, team)).toBe(asDefensive);
    expect(conditionHolds(hostile, team)).toBe(asHostile);
    expect(conditionHolds(empathetic, team)).toBe(asEmpathetic);
  });

  it("holds when any of several replies to the inject has the tone", () => {
    const team = state({
      replies: [reply("complaint", min, "empathetic"), reply("complaint", 2 * min, "defensive")],
    });
    expect(conditionHolds(defensive, team)).toBe(true);
    expect(conditionHolds(empathetic, team)).toBe(true);
  });

  it("only looks at replies to that inject", () => {
    const team = state({ replies: [reply("neighbour-too", min, "hostile"), reply(null, min, "defensive")] });
    expect(conditionHolds(defensive, team)).toBe(false);
    expect(conditionHolds(defensive, state())).toBe(false);
  });
});

describe("conditionHolds: no_incident and incident_opened", () => {
  const noIncident = branch("no-incident", { kind: "no_incident", within: "15m" });
  const opened = branch("opened", { kind: "incident_opened" });

  it("no_incident waits for its deadline from the start", () => {
    expect(conditionHolds(noIncident, state({ nowMs: 15 * min - 1 }))).toBe(false);
    expect(conditionHolds(noIncident, state({ nowMs: 15 * min }))).toBe(true);
  });

  it("no_incident does not hold when one was opened by the deadline, and holds when it came later", () => {
    expect(conditionHolds(noIncident, state({ nowMs: 20 * min, incidentsOpenedMs: [15 * min] }))).toBe(false);
    expect(
      conditionHolds(noIncident, state({ nowMs: 20 * min, incidentsOpenedMs: [2 * min, 18 * min] })),
    ).toBe(false);
    expect(conditionHolds(noIncident, state({ nowMs: 20 * min, incidentsOpenedMs: [15 * min + 1] }))).toBe(
      true,
    );
  });

  it("incident_opened holds once any incident is open, whenever", () => {
    expect(conditionHolds(opened, state({ nowMs: 60 * min }))).toBe(false);
    expect(conditionHolds(opened, state({ incidentsOpenedMs: [0] }))).toBe(true);
    expect(conditionHolds(opened, state({ nowMs: 59 * min, incidentsOpenedMs: [58 * min] }))).toBe(true);
  });
});

describe("conditionHolds: no_evidence", () => {
  const noEvidence = branch("lost", { kind: "no_evidence", of: "complaint", within: "5m" });
  const posted = new Map([["complaint", 2 * min]]);

  it("does not hold before the post is there", () => {
    expect(conditionHolds(noEvidence, state({ nowMs: 60 * min }))).toBe(false);
  });

  it("does not hold while the deadline after the post runs", () => {
    expect(conditionHolds(noEvidence, state({ nowMs: 7 * min - 1, posted }))).toBe(false);
  });

  it("holds at the deadline when the post was never captured", () => {
    expect(conditionHolds(noEvidence, state({ nowMs: 7 * min, posted }))).toBe(true);
  });

  it("does not hold when captured by the deadline", () => {
    for (const capturedMs of [2 * min, 4 * min, 7 * min]) {
      const evidence = new Map([["complaint", capturedMs]]);
      expect(conditionHolds(noEvidence, state({ nowMs: 30 * min, posted, evidence }))).toBe(false);
    }
  });

  it("holds when the capture came after the deadline, or was of another post", () => {
    expect(
      conditionHolds(
        noEvidence,
        state({ nowMs: 30 * min, posted, evidence: new Map([["complaint", 7 * min + 1]]) }),
      ),
    ).toBe(true);
    expect(
      conditionHolds(
        noEvidence,
        state({ nowMs: 30 * min, posted, evidence: new Map([["neighbour-too", min]]) }),
      ),
    ).toBe(true);
  });
});

describe("branchesToFire", () => {
  const noIncident = branch("no-incident", { kind: "no_incident", within: "5m" });
  const opened = branch("opened", { kind: "incident_opened" });
  const scenario: TrainingScenario = {
    ...complaintEscalates,
    branches: [...complaintEscalates.branches, noIncident, opened],
  };
  const everything = state({
    nowMs: 15 * min,
    posted: new Map([["complaint", 30 * s]]),
    replies: [reply("complaint", 12 * min, "hostile")],
    incidentsOpenedMs: [10 * min],
  });

  it("returns every branch whose condition holds, in file order", () => {
    expect(branchesToFire(scenario, everything).map((b) => b.id)).toEqual([
      "goes-public",
      "more-voices",
      "no-incident",
      "opened",
    ]);
  });

  it("skips branches that have fired already", () => {
    const team = { ...everything, fired: new Set(["goes-public", "no-incident"]) };
    expect(branchesToFire(scenario, team).map((b) => b.id)).toEqual(["more-voices", "opened"]);
    const all = { ...everything, fired: new Set(scenario.branches.map((b) => b.id)) };
    expect(branchesToFire(scenario, all)).toEqual([]);
  });

  it("returns nothing for a team that is on time, kind and calm", () => {
    const good = state({
      nowMs: 15 * min,
      posted: new Map([["complaint", 30 * s]]),
      replies: [reply("complaint", 3 * min, "empathetic")],
    });
    expect(branchesToFire(complaintEscalates, good)).toEqual([]);
  });

  it("returns the branch objects of the scenario (with their injects)", () => {
    const fired = branchesToFire(
      complaintEscalates,
      state({ nowMs: 11 * min, posted: new Map([["complaint", 30 * s]]) }),
    );
    expect(fired).toHaveLength(1);
    expect(fired[0]).toBe(libraryBranch("goes-public"));
    expect(fired[0]?.injects.map((i) => i.id)).toEqual(["public-post", "press-asks"]);
  });

  it("returns nothing for a scenario without branches", () => {
    expect(branchesToFire({ ...complaintEscalates, branches: [] }, everything)).toEqual([]);
  });
});

describe("isPenaltyBranch", () => {
  it.each([
    [{ kind: "no_reply", to: "complaint", within: "5m" }, true],
    [{ kind: "reply_tone", to: "complaint", tone: "defensive" }, true],
    [{ kind: "reply_tone", to: "complaint", tone: "hostile" }, true],
    [{ kind: "reply_tone", to: "complaint", tone: "empathetic" }, false],
    [{ kind: "no_incident", within: "5m" }, true],
    [{ kind: "incident_opened" }, false],
    [{ kind: "no_evidence", of: "complaint", within: "5m" }, true],
  ])("%o punishes the team: %s", (when, penalty) => {
    expect(isPenaltyBranch(branch("b", when))).toBe(penalty);
  });

  it("judges the library file's branches as penalties", () => {
    expect(complaintEscalates.branches.map(isPenaltyBranch)).toEqual([true, true]);
  });
});
