import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadTrainingScenario } from "./training.scenario.ts";
import { Rubric, type TrainingScenario } from "./training.schema.ts";
import { type ScoreInput, scoreExercise } from "./training.score.ts";
import { judgeTone, type ToneJudgement } from "./training.tone.ts";

const fileName = "scenarios/training/complaint-escalates.yaml";
const loaded = loadTrainingScenario(readFileSync(fileName, "utf8"), fileName);
if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
const complaintEscalates = loaded.scenario;

const min = 60_000;

/** The library scenario with another rubric (only what a test names; the rest at the schema's defaults). */
function scenarioWith(rubric: Record<string, unknown>): TrainingScenario {
  return { ...complaintEscalates, rubric: Rubric.parse(rubric) };
}

const tone = (value: ToneJudgement["tone"]): ToneJudgement => ({ tone: value, spans: [], reasons: [] });

type Reply = ScoreInput["replies"][number];
function reply(overrides: Partial<Reply> = {}): Reply {
  return {
    injectId: "complaint",
    sentMs: 2 * min,
    text: "Das tut uns leid, wir kümmern uns.",
    authorUserId: "anna",
    approvedByUserId: "ben",
    tone: tone("empathetic"),
    checkScore: 0,
    findings: [],
    ...overrides,
  };
}

function input(overrides: Partial<ScoreInput> = {}): ScoreInput {
  return {
    scenario: scenarioWith({}),
    endMs: 60 * min,
    posts: [],
    replies: [],
    incidents: [],
    playbookRuns: [],
    evidence: [],
    firedBranches: [],
    ...overrides,
  };
}

const criterion = (result: ReturnType<typeof scoreExercise>, key: string) =>
  result.criteria.find((c) => c.key === key);

// Only the response criterion: the others have nothing to score or are switched off.
const responseOnly = (responseMinutes: number) =>
  scenarioWith({ responseMinutes, tone: false, oneVoice: false });

describe("scoreExercise: response", () => {
  const post = { injectId: "complaint", postedMs: 0, deletedMs: null, expectReply: true };

  it.each([
    [0, 1],
    [8, 1],
    [12, 0.75],
    [16, 0.5],
    [20, 0.25],
    [24, 0],
    [40, 0],
  ])("scores a first reply after %d of 8 minutes %d", (after, expected) => {
    const result = scoreExercise(
      input({ scenario: responseOnly(8), posts: [post], replies: [reply({ sentMs: after * min })] }),
    );
    expect(criterion(result, "response")?.score).toBe(expected);
  });

  it("names the minutes concretely", () => {
    const result = scoreExercise(
      input({ scenario: responseOnly(8), posts: [post], replies: [reply({ sentMs: 6 * min })] }),
    );
    expect(criterion(result, "response")?.detail).toEqual({
      de: "Erste Antwort nach 6 von 8 Minuten",
      en: "First reply after 6 of 8 minutes",
    });
  });

  it("times only the first reply to a post, and only replies to that post", () => {
    const result = scoreExercise(
      input({
        scenario: responseOnly(8),
        posts: [post],
        replies: [
          reply({ injectId: null, sentMs: 1 * min }),
          reply({ injectId: "neighbour-too", sentMs: 2 * min }),
          reply({ sentMs: 16 * min }),
          reply({ sentMs: 17 * min }),
        ],
      }),
    );
    expect(criterion(result, "response")?.score).toBe(0.5);
  });

  it("scores an unanswered post 0 once its target time has passed", () => {
    for (const endMin of [8, 20, 24, 60]) {
      const result = scoreExercise(input({ scenario: responseOnly(8), endMs: endMin * min, posts: [post] }));
      expect(criterion(result, "response")).toMatchObject({
        score: 0,
        detail: { de: "Keine Antwort (Ziel: 8 Minuten)", en: "No reply (target: 8 minutes)" },
      });
    }
  });

  it("leaves out a post that came too late to judge, and the criterion with it", () => {
    const result = scoreExercise(input({ scenario: responseOnly(8), endMs: 7.9 * min, posts: [post] }));
    expect(criterion(result, "response")).toBeUndefined();
    expect(result).toMatchObject({ score: 0, passed: false, criteria: [] });
  });

  it("ignores posts that expect no reply", () => {
    const result = scoreExercise(
      input({ scenario: responseOnly(8), posts: [{ ...post, expectReply: false }] }),
    );
    expect(result.criteria).toEqual([]);
  });

  it("averages several posts and lists their times", () => {
    const result = scoreExercise(
      input({
        scenario: responseOnly(8),
        posts: [
          post,
          { ...post, injectId: "public-post", postedMs: 10 * min },
          { ...post, injectId: "press-asks", postedMs: 12 * min },
        ],
        replies: [reply({ sentMs: 2.5 * min }), reply({ injectId: "public-post", sentMs: 26 * min })],
      }),
    );
    // 1, then 16 minutes after the post (0.5), then unanswered for 48 minutes (0).
    expect(criterion(result, "response")).toEqual({
      key: "response",
      weight: 1,
      score: 0.5,
      detail: {
        de: "2 von 3 Beiträgen beantwortet, erste Antworten nach 2,5 und 16 Minuten (Ziel: 8 Minuten)",
        en: "2 of 3 posts answered, first replies after 2.5 and 16 minutes (target: 8 minutes)",
      },
    });
  });
});

describe("scoreExercise: tone", () => {
  const toneOnly = scenarioWith({ oneVoice: false });

  it.each([
    ["empathetic", 0, 1],
    ["neutral", 0, 1],
    ["defensive", 0, 0.3],
    ["hostile", 0, 0],
    ["empathetic", 0.4, 0.8],
    ["defensive", 0.4, 0.1],
    ["defensive", 1, 0],
    ["hostile", 1, 0],
  ] as const)("scores a %s reply with check risk %d as %d", (value, checkScore, expected) => {
    const result = scoreExercise(
      input({ scenario: toneOnly, replies: [reply({ tone: tone(value), checkScore })] }),
    );
    expect(criterion(result, "tone")?.score).toBe(expected);
  });

  it("averages the replies and counts them by tone, with the check's findings", () => {
    const result = scoreExercise(
      input({
        scenario: toneOnly,
        replies: [
          reply({ tone: tone("empathetic") }),
          reply({ tone: tone("defensive"), findings: ["pii"] }),
          reply({ tone: tone("hostile"), findings: ["insult", "pii"] }),
        ],
      }),
    );
    expect(criterion(result, "tone")?.score).toBe(0.433333); // 1.3 / 3, six decimals
    expect(criterion(result, "tone")?.detail).toEqual({
      de: "1 von 3 Antworten einfühlsam oder sachlich, 1 abwehrend, 1 feindselig; Befunde der Prüfung: pii, insult",
      en: "1 of 3 replies empathetic or neutral, 1 defensive, 1 hostile; findings of the check: pii, insult",
    });
  });

  it("is left out without replies or when the rubric does not score tone", () => {
    expect(criterion(scoreExercise(input({ scenario: toneOnly })), "tone")).toBeUndefined();
    const off = scenarioWith({ tone: false });
    expect(criterion(scoreExercise(input({ scenario: off, replies: [reply()] })), "tone")).toBeUndefined();
  });
});

describe("scoreExercise: incident", () => {
  const required = scenarioWith({
    tone: false,
    oneVoice: false,
    incident: { required: true, withinMinutes: 15 },
  });
  const notRequired = scenarioWith({ tone: false, oneVoice: false, incident: { required: false } });
  const opened = (openedMs: number) => ({ openedMs, openedByUserId: "anna", severity: "high" });

  it.each([
    [[], 0],
    [[opened(15 * min)], 1],
    [[opened(15 * min + 1)], 0.5],
    [[opened(30 * min), opened(5 * min)], 1],
  ])("scores a required incident opened at %j as %d", (incidents, expected) => {
    expect(criterion(scoreExercise(input({ scenario: required, incidents })), "incident")?.score).toBe(
      expected,
    );
  });

  it("names when the incident was opened against the target", () => {
    const result = scoreExercise(input({ scenario: required, incidents: [opened(12 * min)] }));
    expect(criterion(result, "incident")?.detail).toEqual({
      de: "Vorfall nach 12 von 15 Minuten eröffnet",
      en: "Incident opened after 12 of 15 minutes",
    });
  });

  it("marks over-escalation down less than a missing incident", () => {
    expect(criterion(scoreExercise(input({ scenario: notRequired })), "incident")?.score).toBe(1);
    expect(
      criterion(scoreExercise(input({ scenario: notRequired, incidents: [opened(3 * min)] })), "incident")
        ?.score,
    ).toBe(0.6);
  });

  it("is left out when the rubric names no incident", () => {
    const result = scoreExercise(input({ scenario: scenarioWith({}), incidents: [opened(1)] }));
    expect(criterion(result, "incident")).toBeUndefined();
  });
});

describe("scoreExercise: playbook", () => {
  const scenario = scenarioWith({
    tone: false,
    oneVoice: false,
    playbook: { key: "shitstorm", doneShare: 0.5 },
  });
  const run = (key: string, tasksDone: number, tasksTotal = 8) => ({
    key,
    startedMs: min,
    tasksTotal,
    tasksDone,
  });

  it.each([
    ["no run", [], 0],
    ["a run of another playbook", [run("data_leak", 8)], 0],
    ["no task done", [run("shitstorm", 0)], 0],
    ["a quarter of the tasks", [run("shitstorm", 2)], 0.5],
    ["half of the tasks", [run("shitstorm", 4)], 1],
    ["all tasks", [run("shitstorm", 8)], 1],
    ["the best of two runs", [run("shitstorm", 1), run("shitstorm", 3)], 0.75],
    ["a run without tasks", [run("shitstorm", 0, 0)], 1],
  ])("scores %s", (_name, playbookRuns, expected) => {
    expect(criterion(scoreExercise(input({ scenario, playbookRuns })), "playbook")?.score).toBe(expected);
  });

  it("gives full marks for any run when no task share is asked for", () => {
    const lenient = scenarioWith({
      tone: false,
      oneVoice: false,
      playbook: { key: "shitstorm", doneShare: 0 },
    });
    expect(
      criterion(scoreExercise(input({ scenario: lenient, playbookRuns: [run("shitstorm", 0)] })), "playbook")
        ?.score,
    ).toBe(1);
  });

  it("says how many tasks were done", () => {
    const result = scoreExercise(input({ scenario, playbookRuns: [run("shitstorm", 3)] }));
    expect(criterion(result, "playbook")?.detail).toEqual({
      de: "Playbook „shitstorm“ gestartet, 3 von 8 Aufgaben erledigt (Ziel: 50 %)",
      en: 'Playbook "shitstorm" started, 3 of 8 tasks done (target: 50 %)',
    });
  });
});

describe("scoreExercise: evidence", () => {
  const scenario = scenarioWith({
    tone: false,
    oneVoice: false,
    evidence: ["complaint", "neighbour-too", "angry-1"],
  });
  const posted = (injectId: string, deletedMs: number | null) => ({
    injectId,
    postedMs: min,
    deletedMs,
    expectReply: false,
  });
  const captured = (injectId: string, capturedMs: number) => ({ injectId, capturedMs, byUserId: "anna" });

  it.each([
    ["captured, never deleted", null, [captured("complaint", 2 * min)], 1],
    ["captured before deletion", 5 * min, [captured("complaint", 2 * min)], 1],
    ["captured in the deleting moment", 5 * min, [captured("complaint", 5 * min)], 1],
    ["deleted before capture", 5 * min, [captured("complaint", 6 * min)], 0],
    ["deleted, never captured", 5 * min, [], 0],
    ["neither captured nor deleted", null, [], 0.5],
  ])("scores a post %s", (_name, deletedMs, evidence, expected) => {
    const result = scoreExercise(input({ scenario, posts: [posted("complaint", deletedMs)], evidence }));
    expect(criterion(result, "evidence")?.score).toBe(expected);
  });

  it("leaves out listed injects that were never posted, and averages the rest", () => {
    const result = scoreExercise(
      input({
        scenario,
        posts: [posted("complaint", null), posted("neighbour-too", 3 * min)],
        evidence: [captured("complaint", 2 * min)],
      }),
    );
    expect(criterion(result, "evidence")).toMatchObject({
      score: 0.5,
      detail: {
        de: "1 von 2 Beiträgen gesichert, 1 vor der Sicherung gelöscht",
        en: "1 of 2 posts captured, 1 deleted before capture",
      },
    });
  });

  it("is left out when no listed inject was posted or none is listed", () => {
    expect(criterion(scoreExercise(input({ scenario })), "evidence")).toBeUndefined();
    const none = scenarioWith({ tone: false, oneVoice: false });
    expect(
      criterion(scoreExercise(input({ scenario: none, posts: [posted("complaint", null)] })), "evidence"),
    ).toBeUndefined();
  });
});

describe("scoreExercise: one voice", () => {
  const scenario = scenarioWith({ tone: false });

  it("counts the replies approved by someone other than their author", () => {
    const result = scoreExercise(
      input({
        scenario,
        replies: [
          reply({ authorUserId: "anna", approvedByUserId: "ben" }),
          reply({ authorUserId: "anna", approvedByUserId: "anna" }),
          reply({ authorUserId: "anna", approvedByUserId: null }),
          reply({ authorUserId: null, approvedByUserId: "ben" }),
        ],
      }),
    );
    expect(criterion(result, "oneVoice")).toMatchObject({
      score: 0.5,
      detail: {
        de: "2 von 4 Antworten im Vier-Augen-Prinzip freigegeben",
        en: "2 of 4 replies approved by a second person",
      },
    });
  });

  it("is left out without replies or when the rubric does not ask for it", () => {
    expect(criterion(scoreExercise(input({ scenario })), "oneVoice")).toBeUndefined();
    const off = scenarioWith({ tone: false, oneVoice: false });
    expect(
      criterion(scoreExercise(input({ scenario: off, replies: [reply()] })), "oneVoice"),
    ).toBeUndefined();
  });
});

describe("scoreExercise: total", () => {
  const post = { injectId: "complaint", postedMs: 0, deletedMs: null, expectReply: true };

  it("is the weighted mean of the present criteria, rounded to one decimal", () => {
    const scenario = scenarioWith({
      responseMinutes: 8,
      weights: { response: 2, tone: 1, oneVoice: 0.5 },
    });
    // response 0.75 (12 min), tone 0.3 (defensive), oneVoice 0 (not approved).
    const result = scoreExercise(
      input({
        scenario,
        posts: [post],
        replies: [reply({ sentMs: 12 * min, tone: tone("defensive"), approvedByUserId: null })],
      }),
    );
    expect(result.criteria.map((c) => [c.key, c.weight, c.score])).toEqual([
      ["response", 2, 0.75],
      ["tone", 1, 0.3],
      ["oneVoice", 0.5, 0],
    ]);
    expect(result.score).toBe(51.4); // (1.5 + 0.3) / 3.5 = 0.51428…
  });

  it("leaves out a criterion whose weight is 0", () => {
    const scenario = scenarioWith({ weights: { tone: 0 } });
    const result = scoreExercise(input({ scenario, replies: [reply({ tone: tone("hostile") })] }));
    expect(result.criteria.map((c) => c.key)).toEqual(["oneVoice"]);
    expect(result.score).toBe(100);
  });

  it.each([
    [59.9, false],
    [60, true],
  ])("passes at the pass score: %d → %s", (score, passed) => {
    // One criterion of one reply: tone 1 − checkScore/2 gives any score.
    const scenario = scenarioWith({ oneVoice: false, passScore: 60 });
    const checkScore = (1 - score / 100) * 2;
    const result = scoreExercise(input({ scenario, replies: [reply({ checkScore })] }));
    expect(result.score).toBe(score);
    expect(result.passed).toBe(passed);
  });

  it("scores 0 and fails when no criterion is present, even with a pass score of 0", () => {
    const result = scoreExercise(input({ scenario: scenarioWith({ passScore: 0 }) }));
    expect(result).toEqual({ score: 0, passed: false, criteria: [], wentWell: [], toImprove: [] });
  });

  it("lists criteria at 0.8 or more as went well and under 0.5 as to improve", () => {
    const scenario = scenarioWith({ responseMinutes: 8, tone: true, oneVoice: true });
    const result = scoreExercise(
      input({
        scenario,
        posts: [post],
        // response 0.8125 (11 min), tone 0.5 (empathetic, check 1), oneVoice 0.
        replies: [reply({ sentMs: 11 * min, checkScore: 1, approvedByUserId: null })],
      }),
    );
    expect(result.wentWell).toEqual([criterion(result, "response")?.detail]);
    expect(result.toImprove).toEqual([criterion(result, "oneVoice")?.detail]);
  });
});

describe("scoreExercise: the complaint-escalates scenario", () => {
  it("passes a team that answers fast, kindly and with approval, and does not over-escalate", () => {
    const text = "Das tut uns sehr leid, Frau Krause! Wir kümmern uns und erstatten den doppelten Abschlag.";
    const result = scoreExercise({
      scenario: complaintEscalates,
      endMs: 20 * min,
      posts: [
        { injectId: "complaint", postedMs: 0.5 * min, deletedMs: null, expectReply: true },
        { injectId: "neighbour-too", postedMs: 4 * min, deletedMs: null, expectReply: false },
      ],
      replies: [reply({ sentMs: 3.5 * min, text, tone: judgeTone(text, "de", []) })],
      incidents: [],
      playbookRuns: [],
      evidence: [],
      firedBranches: [],
    });
    expect(result.criteria.map((c) => [c.key, c.score])).toEqual([
      ["response", 1],
      ["tone", 1],
      ["incident", 1],
      ["oneVoice", 1],
    ]);
    expect(result).toMatchObject({ score: 100, passed: true, toImprove: [] });
    expect(result.wentWell).toContainEqual({
      de: "Erste Antwort nach 3 von 8 Minuten",
      en: "First reply after 3 of 8 minutes",
    });
  });

  it("fails a team that answers late, defensively, alone, and opens an incident", () => {
    const text = "Kein Fehler unsererseits. Laut AGB wird der Abschlag monatlich eingezogen.";
    const result = scoreExercise({
      scenario: complaintEscalates,
      endMs: 20 * min,
      posts: [
        { injectId: "complaint", postedMs: 0.5 * min, deletedMs: null, expectReply: true },
        { injectId: "neighbour-too", postedMs: 4 * min, deletedMs: null, expectReply: false },
        { injectId: "public-post", postedMs: 10.5 * min, deletedMs: null, expectReply: true },
        { injectId: "press-asks", postedMs: 12.5 * min, deletedMs: null, expectReply: true },
        { injectId: "angry-1", postedMs: 12.5 * min, deletedMs: null, expectReply: false },
      ],
      replies: [
        reply({
          sentMs: 12 * min,
          text,
          authorUserId: "anna",
          approvedByUserId: null,
          tone: judgeTone(text, "de", []),
          checkScore: 0.2,
        }),
      ],
      incidents: [{ openedMs: 14 * min, openedByUserId: "anna", severity: "low" }],
      playbookRuns: [],
      evidence: [],
      firedBranches: [
        { branchId: "goes-public", firedMs: 10.5 * min },
        { branchId: "more-voices", firedMs: 12 * min },
      ],
    });
    // response: complaint after 11.5 min (0.78125), public-post unanswered for 9.5 min (0), press-asks
    // too late to judge; tone 0.3 − 0.1; incident over-escalated 0.6; no approval 0.
    expect(result.criteria.map((c) => [c.key, c.score])).toEqual([
      ["response", 0.390625],
      ["tone", 0.2],
      ["incident", 0.6],
      ["oneVoice", 0],
    ]);
    expect(result.score).toBe(29.8);
    expect(result.passed).toBe(false);
    expect(result.wentWell).toEqual([]);
    expect(result.toImprove).toEqual([
      criterion(result, "response")?.detail,
      criterion(result, "tone")?.detail,
      criterion(result, "oneVoice")?.detail,
      complaintEscalates.branches[0]?.note,
      complaintEscalates.branches[1]?.note,
    ]);
  });

  it("does not list a branch that rewards the team, or one the scenario does not know", () => {
    const scenario: TrainingScenario = {
      ...complaintEscalates,
      branches: [
        ...complaintEscalates.branches,
        {
          id: "press-thanks",
          when: { kind: "reply_tone", to: "complaint", tone: "empathetic" },
          injects: [],
          deletes: ["neighbour-too"],
          note: { de: "Die Kundin bedankt sich.", en: "The customer says thank you." },
        },
      ],
    };
    const result = scoreExercise(
      input({
        scenario,
        firedBranches: [
          { branchId: "press-thanks", firedMs: min },
          { branchId: "unknown", firedMs: min },
        ],
      }),
    );
    expect(result.toImprove).toEqual([]);
  });
});
