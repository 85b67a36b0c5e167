// The debrief's score: how a team did against the scenario's rubric. Every criterion is a number from 0 to 1
// with a concrete detail line, because trainees read them ("Erste Antwort nach 6 von 8 Minuten").
//
// The rules (times in scenario time since the exercise start):
// - response (rubric.responseMinutes = T): each posted inject that expects a reply scores by the minutes
//   to its first reply: within T → 1, then linearly down to 0 at 3T. A post still unanswered scores 0 once
//   T has passed (the team missed the target and nothing came); one posted less than T before the end and
//   unanswered is too late to judge and left out. The criterion is the mean, and absent when no post counts.
// - tone (rubric.tone, at least one reply): each reply scores 1 when empathetic or neutral, 0.3 when
//   defensive, 0 when hostile, minus half the pre-publication check's risk (never below 0); the mean.
// - incident (rubric.incident): when one is required, 1 if the first was opened within withinMinutes,
//   0.5 if later, 0 if never; when none is required, 1 if none was opened and 0.6 if one was
//   (over-escalating is a smaller fault than missing an incident).
// - playbook (rubric.playbook): 0 without a run of that playbook; else the best run's share of tasks done
//   against the share asked for, at most 1.
// - evidence (rubric.evidence): each listed inject that was posted scores 1 if captured before it was
//   deleted (or captured and never deleted), 0 if deleted first, 0.5 if neither; the mean. Listed injects
//   never posted are left out.
// - oneVoice (rubric.oneVoice, at least one reply): the share of replies approved by someone other than
//   their author (four-eyes principle, Vier-Augen-Prinzip).
// The total is the weighted mean of the criteria present (rubric.weights; a weight of 0 leaves a criterion
// out) × 100, rounded to one decimal; passed when it reaches rubric.passScore. No criterion: 0, not passed.
// What went well: criteria at 0.8 or more. To improve: criteria under 0.5, and the note of every branch
// that fired because the team fell short (no reply, a defensive or hostile reply, no incident, no evidence).
import type { Branch, TrainingScenario } from "./training.schema.ts";
import type { ToneJudgement } from "./training.tone.ts";

/** What happened in one team's exercise, in scenario milliseconds since the start. */
export interface ScoreInput {
  scenario: TrainingScenario;
  /** Scenario ms when the exercise ended (or now, for a running one). */
  endMs: number;
  /** Every scripted or branch inject that was posted. */
  posts: { injectId: string; postedMs: number; deletedMs: number | null; expectReply: boolean }[];
  /** Replies and new posts the team sent (simulated send), in send order. */
  replies: {
    /** The inject answered; null: a new post or an answer to a post that is not an inject. */
    injectId: string | null;
    sentMs: number;
    text: string;
    authorUserId: string | null;
    /** Null: went out without four-eyes approval. */
    approvedByUserId: string | null;
    tone: ToneJudgement;
    /** 0..1 risk of the pre-publication check (0 = clean). */
    checkScore: number;
    /** Codes of the check's findings (e.g. "pii", "insult"). */
    findings: string[];
  }[];
  incidents: { openedMs: number; openedByUserId: string | null; severity: string }[];
  playbookRuns: { key: string; startedMs: number; tasksTotal: number; tasksDone: number }[];
  evidence: { injectId: string; capturedMs: number; byUserId: string | null }[];
  firedBranches: { branchId: string; firedMs: number }[];
}

/** The criteria of the rubric. */
export type CriterionKey = "response" | "tone" | "incident" | "playbook" | "evidence" | "oneVoice";

/** One criterion's score, with what it is made of in words. */
export interface CriterionScore {
  key: CriterionKey;
  /** Its relative weight in the total. */
  weight: number;
  /** 0..1. */
  score: number;
  detail: { de: string; en: string };
}

/** The debrief's verdict on one team. */
export interface ScoreResult {
  /** 0..100, one decimal. */
  score: number;
  passed: boolean;
  criteria: CriterionScore[];
  wentWell: { de: string; en: string }[];
  toImprove: { de: string; en: string }[];
}

/** The criteria's names, for the debrief and the certificate. */
export const criterionLabels: Record<CriterionKey, { de: string; en: string }> = {
  response: { de: "Reaktionszeit", en: "Response time" },
  tone: { de: "Tonalität", en: "Tone" },
  incident: { de: "Vorfall", en: "Incident" },
  playbook: { de: "Playbook", en: "Playbook" },
  evidence: { de: "Beweissicherung", en: "Evidence" },
  oneVoice: { de: "Vier-Augen-Prinzip", en: "One voice (four-eyes approval)" },
};

type Text = { de: string; en: string };
type Criterion = { score: number; detail: Text };

const minute = 60_000;

/** Minutes with at most one decimal, German with a decimal comma: "6", "6,5" / "6.5". */
function minutes(ms: number): Text {
  const value = Math.round((Math.max(0, ms) / minute) * 10) / 10;
  return { de: String(value).replace(".", ","), en: String(value) };
}

/** "a, b und c" / "a, b and c". */
function list(items: string[], and: string): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${and} ${items.at(-1)}`;
}

const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;

function responseCriterion(input: ScoreInput): Criterion | undefined {
  const target = input.scenario.rubric.responseMinutes * minute;
  const judged: { delayMs: number | null; score: number }[] = [];
  for (const post of input.posts) {
    if (!post.expectReply) continue;
    const first = input.replies.find((r) => r.injectId === post.injectId);
    if (first) {
      const delay = Math.max(0, first.sentMs - post.postedMs);
      const score = delay <= target ? 1 : Math.max(0, 1 - (delay - target) / (2 * target));
      judged.push({ delayMs: delay, score });
    } else if (input.endMs - post.postedMs >= target) {
      judged.push({ delayMs: null, score: 0 });
    }
  }
  if (judged.length === 0) return undefined;
  const goal = minutes(target);
  const answered = judged.flatMap((j) => (j.delayMs === null ? [] : [j.delayMs]));
  const score = mean(judged.map((j) => j.score));
  if (judged.length === 1) {
    const delay = answered[0];
    const detail =
      delay === undefined
        ? { de: `Keine Antwort (Ziel: ${goal.de} Minuten)`, en: `No reply (target: ${goal.en} minutes)` }
        : {
            de: `Erste Antwort nach ${minutes(delay).de} von ${goal.de} Minuten`,
            en: `First reply after ${minutes(delay).en} of ${goal.en} minutes`,
          };
    return { score, detail };
  }
  const times = answered.map(minutes);
  return {
    score,
    detail: {
      de:
        `${answered.length} von ${judged.length} Beiträgen beantwortet` +
        (times.length > 0
          ? `, erste Antworten nach ${list(
              times.map((t) => t.de),
              "und",
            )} Minuten`
          : "") +
        ` (Ziel: ${goal.de} Minuten)`,
      en:
        `${answered.length} of ${judged.length} posts answered` +
        (times.length > 0
          ? `, first replies after ${list(
              times.map((t) => t.en),
              "and",
            )} minutes`
          : "") +
        ` (target: ${goal.en} minutes)`,
    },
  };
}

const toneScore = { empathetic: 1, neutral: 1, defensive: 0.3, hostile: 0 } as const;

function toneCriterion(input: ScoreInput): Criterion | undefined {
  if (!input.scenario.rubric.tone || input.replies.length === 0) return undefined;
  const scores = input.replies.map((r) =>
    Math.max(0, toneScore[r.tone.tone] - Math.min(1, Math.max(0, r.checkScore)) * 0.5),
  );
  const count = (tones: string[]) => input.replies.filter((r) => tones.includes(r.tone.tone)).length;
  const good = count(["empathetic", "neutral"]);
  const defensive = count(["defensive"]);
  const hostile = count(["hostile"]);
  const findings = [...new Set(input.replies.flatMap((r) => r.findings))];
  const n = input.replies.length;
  return {
    score: mean(scores),
    detail: {
      de:
        `${good} von ${n} Antworten einfühlsam oder sachlich, ${defensive} abwehrend, ${hostile} feindselig` +
        (findings.length > 0 ? `; Befunde der Prüfung: ${findings.join(", ")}` : ""),
      en:
        `${good} of ${n} replies empathetic or neutral, ${defensive} defensive, ${hostile} hostile` +
        (findings.length > 0 ? `; findings of the check: ${findings.join(", ")}` : ""),
    },
  };
}

function incidentCriterion(input: ScoreInput): Criterion | undefined {
  const rule = input.scenario.rubric.incident;
  if (!rule) return undefined;
  const first = input.incidents.length > 0 ? Math.min(...input.incidents.map((i) => i.openedMs)) : undefined;
  if (!rule.required) {
    return first === undefined
      ? {
          score: 1,
          detail: {
            de: "Kein Vorfall eröffnet: richtig, die Lage erforderte keinen",
            en: "No incident opened: right, the situation did not call for one",
          },
        }
      : {
          score: 0.6,
          detail: {
            de: `Vorfall nach ${minutes(first).de} Minuten eröffnet, obwohl die Lage keinen erforderte`,
            en: `Incident opened after ${minutes(first).en} minutes although the situation did not call for one`,
          },
        };
  }
  const goal = minutes(rule.withinMinutes * minute);
  if (first === undefined) {
    return {
      score: 0,
      detail: {
        de: `Kein Vorfall eröffnet (Ziel: binnen ${goal.de} Minuten)`,
        en: `No incident opened (target: within ${goal.en} minutes)`,
      },
    };
  }
  return {
    score: first <= rule.withinMinutes * minute ? 1 : 0.5,
    detail: {
      de: `Vorfall nach ${minutes(first).de} von ${goal.de} Minuten eröffnet`,
      en: `Incident opened after ${minutes(first).en} of ${goal.en} minutes`,
    },
  };
}

const percent = (share: number) => `${Math.round(share * 100)} %`;

function playbookCriterion(input: ScoreInput): Criterion | undefined {
  const rule = input.scenario.rubric.playbook;
  if (!rule) return undefined;
  const runs = input.playbookRuns.filter((r) => r.key === rule.key);
  const goal = percent(rule.doneShare);
  if (runs.length === 0) {
    return {
      score: 0,
      detail: {
        de: `Playbook „${rule.key}“ nicht gestartet (Ziel: ${goal} der Aufgaben erledigt)`,
        en: `Playbook "${rule.key}" not started (target: ${goal} of its tasks done)`,
      },
    };
  }
  // A playbook without tasks has nothing left to do.
  const share = (r: { tasksTotal: number; tasksDone: number }) =>
    r.tasksTotal > 0 ? Math.min(1, r.tasksDone / r.tasksTotal) : 1;
  const best = runs.reduce((a, b) => (share(b) > share(a) ? b : a));
  const done = share(best);
  return {
    score: rule.doneShare === 0 ? 1 : Math.min(1, done / rule.doneShare),
    detail: {
      de: `Playbook „${rule.key}“ gestartet, ${best.tasksDone} von ${best.tasksTotal} Aufgaben erledigt (Ziel: ${goal})`,
      en: `Playbook "${rule.key}" started, ${best.tasksDone} of ${best.tasksTotal} tasks done (target: ${goal})`,
    },
  };
}

function evidenceCriterion(input: ScoreInput): Criterion | undefined {
  const scores: number[] = [];
  let captured = 0;
  let lost = 0;
  for (const injectId of new Set(input.scenario.rubric.evidence)) {
    const post = input.posts.find((p) => p.injectId === injectId);
    if (!post) continue;
    const times = input.evidence.filter((e) => e.injectId === injectId).map((e) => e.capturedMs);
    const capturedMs = times.length > 0 ? Math.min(...times) : undefined;
    if (capturedMs !== undefined && (post.deletedMs === null || capturedMs <= post.deletedMs)) {
      scores.push(1);
      captured += 1;
    } else if (post.deletedMs !== null) {
      scores.push(0);
      lost += 1;
    } else {
      scores.push(0.5);
    }
  }
  if (scores.length === 0) return undefined;
  const n = scores.length;
  return {
    score: mean(scores),
    detail: {
      de: `${captured} von ${n} Beiträgen gesichert, ${lost} vor der Sicherung gelöscht`,
      en: `${captured} of ${n} posts captured, ${lost} deleted before capture`,
    },
  };
}

function oneVoiceCriterion(input: ScoreInput): Criterion | undefined {
  if (!input.scenario.rubric.oneVoice || input.replies.length === 0) return undefined;
  const approved = input.replies.filter(
    (r) => r.approvedByUserId !== null && r.approvedByUserId !== r.authorUserId,
  ).length;
  const n = input.replies.length;
  return {
    score: approved / n,
    detail: {
      de: `${approved} von ${n} Antworten im Vier-Augen-Prinzip freigegeben`,
      en: `${approved} of ${n} replies approved by a second person`,
    },
  };
}

const criteria: [CriterionKey, (input: ScoreInput) => Criterion | undefined][] = [
  ["response", responseCriterion],
  ["tone", toneCriterion],
  ["incident", incidentCriterion],
  ["playbook", playbookCriterion],
  ["evidence", evidenceCriterion],
  ["oneVoice", oneVoiceCriterion],
];

/** Branches that fire because the team fell short; their notes say what to do better. */
function punishes(branch: Branch): boolean {
  const when = branch.when;
  switch (when.kind) {
    case "no_reply":
    case "no_incident":
    case "no_evidence":
      return true;
    case "reply_tone":
      return when.tone === "defensive" || when.tone === "hostile";
    case "incident_opened":
      return false;
  }
}

/** Scores one team's exercise against the scenario's rubric (the rules are at the top of this file). */
export function scoreExercise(input: ScoreInput): ScoreResult {
  const weights = input.scenario.rubric.weights;
  const present: CriterionScore[] = criteria.flatMap(([key, score]) => {
    const weight = weights[key];
    if (weight <= 0) return [];
    const result = score(input);
    if (!result) return [];
    // Six decimals: enough for every rule here, and no 0.19999999999999998 in the debrief.
    return [{ key, weight, score: Math.round(result.score * 1e6) / 1e6, detail: result.detail }];
  });
  const totalWeight = present.reduce((sum, c) => sum + c.weight, 0);
  const total =
    totalWeight > 0
      ? Math.round((present.reduce((sum, c) => sum + c.weight * c.score, 0) / totalWeight) * 1000) / 10
      : 0;

  const fired = [...input.firedBranches].sort((a, b) => a.firedMs - b.firedMs);
  const branchNotes = [...new Set(fired.map((f) => f.branchId))].flatMap((id) => {
    const branch = input.scenario.branches.find((b) => b.id === id);
    return branch && punishes(branch) ? [{ de: branch.note.de, en: branch.note.en }] : [];
  });
  return {
    score: total,
    passed: present.length > 0 && total >= input.scenario.rubric.passScore,
    criteria: present,
    wentWell: present.filter((c) => c.score >= 0.8).map((c) => c.detail),
    toImprove: [...present.filter((c) => c.score < 0.5).map((c) => c.detail), ...branchNotes],
  };
}
