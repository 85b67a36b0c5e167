import { describe, expect, it } from "vitest";
import {
  evaluatePriorityRule,
  evaluateRiskCountRule,
  evaluateTakeoverRule,
  evaluateTopicRule,
  mergePostIds,
  type RuleRef,
  raiseOrFold,
} from "./rules.ts";

const topic = { id: "t1", name: "Netzausfall" };
const state = {
  level: 4,
  explanation: { de: "Stufe 4: 7,3× normales Volumen", en: "level 4: 7.3× normal volume" },
  anomalyScore: 0.93,
};
const rule = (condition: RuleRef["condition"]): RuleRef => ({ id: "r1", condition, severity: "warning" });
const minute = 60_000;

describe("evaluateTopicRule", () => {
  it("fires a level rule from its level on, ranked by the level, with the level's explanation", () => {
    const candidate = evaluateTopicRule(rule({ kind: "level_reached", minLevel: 3 }), topic, state, false);
    expect(candidate).toMatchObject({
      trigger: "level_reached",
      dedupKey: "r1:t1:level",
      rank: 4,
      fresh: true,
      title: { de: "Eskalationsstufe 4 bei „Netzausfall“", en: "Escalation level 4 on “Netzausfall”" },
      explanation: state.explanation,
    });
    expect(evaluateTopicRule(rule({ kind: "level_reached", minLevel: 5 }), topic, state, false)).toBeNull();
  });

  it("marks a state that persists since the last check as not fresh", () => {
    expect(evaluateTopicRule(rule({ kind: "level_reached", minLevel: 3 }), topic, state, true)?.fresh).toBe(
      false,
    );
  });

  it("fires an anomaly rule from its score on and explains the score in both languages", () => {
    const candidate = evaluateTopicRule(rule({ kind: "anomaly", minScore: 0.9 }), topic, state, false);
    expect(candidate?.explanation.de).toContain("Anomaliewert 0,93");
    expect(candidate?.explanation.en).toContain("Anomaly score 0.93");
    expect(evaluateTopicRule(rule({ kind: "anomaly", minScore: 0.95 }), topic, state, false)).toBeNull();
  });

  it("ignores post rules", () => {
    expect(
      evaluateTopicRule(rule({ kind: "priority_post", minPriority: 0.5 }), topic, state, false),
    ).toBeNull();
  });
});

describe("evaluatePriorityRule", () => {
  const post = {
    id: "p1",
    text: "Ihr seid Betrüger!\nIch zeige euch an.",
    author: "x:wut",
    priority: 0.91,
    flags: ["toxic", "threat"],
  };

  it("fires on a post from the rule's priority on, quoting the post on one line with its flags", () => {
    const candidate = evaluatePriorityRule(rule({ kind: "priority_post", minPriority: 0.9 }), topic, post);
    expect(candidate).toMatchObject({ postIds: ["p1"], dedupKey: "r1:t1:priority", fresh: true });
    expect(candidate?.title.de).toBe("Beitrag mit Priorität 0,91 bei „Netzausfall“");
    expect(candidate?.explanation.de).toBe(
      "x:wut: „Ihr seid Betrüger! Ich zeige euch an.“ — erkannt: toxisch, Drohung",
    );
    expect(candidate?.explanation.en).toContain("flagged: toxic, threat");
  });

  it("does not fire below the threshold and works without a topic", () => {
    expect(evaluatePriorityRule(rule({ kind: "priority_post", minPriority: 0.95 }), topic, post)).toBeNull();
    expect(
      evaluatePriorityRule(rule({ kind: "priority_post", minPriority: 0.5 }), null, post)?.dedupKey,
    ).toBe("r1:-:priority");
  });
});

describe("evaluateRiskCountRule", () => {
  const countRule = rule({ kind: "risk_count", category: "toxic", count: 10, windowMinutes: 15 });

  it("fires when the count reaches the threshold, keyed by topic and category", () => {
    const candidate = evaluateRiskCountRule(countRule, topic, 12, ["p3", "p2"]);
    expect(candidate).toMatchObject({ dedupKey: "r1:t1:risk:toxic", postIds: ["p3", "p2"] });
    expect(candidate?.title.en).toBe("12 “toxic” posts in 15 minutes on “Netzausfall”");
    expect(evaluateRiskCountRule(countRule, topic, 9, [])).toBeNull();
  });
});

describe("raiseOrFold", () => {
  const open = { state: "open" as const, rank: 4, lastSeenMs: 0, updatedMs: 0 };

  it("raises the first alert of a cause", () => {
    expect(raiseOrFold({ rank: 0 }, undefined, 0, 30)).toBe("raise");
  });

  it("folds a repeat within the cooldown of the last sighting and raises after it", () => {
    expect(raiseOrFold({ rank: 4 }, open, 29 * minute, 30)).toBe("fold");
    expect(raiseOrFold({ rank: 4 }, open, 30 * minute, 30)).toBe("raise");
    expect(raiseOrFold({ rank: 3 }, { ...open, state: "acknowledged" }, 10 * minute, 30)).toBe("fold");
  });

  it("raises at once when the cause escalates", () => {
    expect(raiseOrFold({ rank: 5 }, open, minute, 30)).toBe("raise");
  });

  it("keeps a resolved cause quiet for the cooldown after it was resolved", () => {
    const resolved = { ...open, state: "resolved" as const, updatedMs: 20 * minute };
    expect(raiseOrFold({ rank: 4 }, resolved, 40 * minute, 30)).toBe("fold");
    expect(raiseOrFold({ rank: 4 }, resolved, 50 * minute, 30)).toBe("raise");
  });

  it("never folds with a cooldown of zero", () => {
    expect(raiseOrFold({ rank: 0 }, open, 0, 0)).toBe("raise");
    // The previous alert was raised by another process after this raise read the clock.
    expect(raiseOrFold({ rank: 0 }, { ...open, lastSeenMs: 1500 }, 1000, 0)).toBe("raise");
    expect(raiseOrFold({ rank: 0 }, { ...open, state: "resolved", updatedMs: 1500 }, 1000, 0)).toBe("raise");
  });
});

describe("evaluateTakeoverRule", () => {
  const rule = { id: "r1", condition: { kind: "account_takeover" as const }, severity: "critical" as const };
  const post = {
    id: "p1",
    text: "Gratis iPhone!\nJetzt Daten eingeben: http://gewinn.example",
    author: "x:Nordwind_Hilfe",
    priority: 0.9,
    flags: ["scam", "malicious_link", "negative"],
  };

  it("fires on an official account's post flagged for what an organisation never posts, per account", () => {
    const candidate = evaluateTakeoverRule(rule, post, "@nordwind_hilfe");
    expect(candidate).toMatchObject({
      ruleId: "r1",
      topicId: null,
      trigger: "account_takeover",
      severity: "critical",
      dedupKey: "r1:account:@nordwind_hilfe",
      postIds: ["p1"],
      title: { en: "Official account @nordwind_hilfe may be hacked" },
    });
    expect(candidate?.explanation.en).toContain("x:Nordwind_Hilfe posted:");
    expect(candidate?.explanation.en).toContain("flagged: scam, malicious link.");
    expect(candidate?.explanation.de).toContain("„Gratis iPhone! Jetzt Daten eingeben");
  });

  it("stays quiet for other authors, for ordinary own posts and for other kinds of rule", () => {
    expect(evaluateTakeoverRule(rule, post, null)).toBeNull();
    expect(
      evaluateTakeoverRule(
        rule,
        { ...post, flags: ["negative", "leak_pii", "fact_claim"] },
        "@nordwind_hilfe",
      ),
    ).toBeNull();
    const other = { ...rule, condition: { kind: "priority_post" as const, minPriority: 0.5 } };
    expect(evaluateTakeoverRule(other, post, "@nordwind_hilfe")).toBeNull();
  });
});

describe("mergePostIds", () => {
  it("puts new post ids first without repeats, capped", () => {
    expect(mergePostIds(["c", "b"], ["b", "a"])).toEqual(["c", "b", "a"]);
    expect(mergePostIds(["d", "c"], ["b", "a"], 3)).toEqual(["d", "c", "b"]);
  });
});

describe("operational conditions", () => {
  it("never fire on a topic's state or on a post: the inbox and incidents raise them", () => {
    const post = {
      id: "p1",
      text: "Alles kaputt",
      author: "mastodon:kim",
      priority: 1,
      flags: ["complaint"],
    };
    for (const kind of ["sla_breach", "deadline_due"] as const) {
      expect(
        evaluateTopicRule(rule({ kind }), topic, { ...state, level: 6, anomalyScore: 1 }, false),
      ).toBeNull();
      expect(evaluatePriorityRule(rule({ kind }), topic, post)).toBeNull();
      expect(evaluateRiskCountRule(rule({ kind }), topic, 1000, ["p1"])).toBeNull();
    }
  });
});
