import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { RiskCategory, RiskResult } from "../risk/risk.types.ts";
import {
  type CheckInput,
  checkOutgoing,
  defaultPublishingRules,
  type FindingCode,
  outgoingCategories,
  type PublishingRules,
} from "./check.ts";
import { findPhrase } from "./phrases.ts";

const rules = (overrides: Partial<PublishingRules> = {}): PublishingRules => ({
  ...defaultPublishingRules,
  ...overrides,
});

/** A flagged verdict on the stretch of `text` where `needle` stands. */
function flagged(text: string, needle: string, score = 0.9): RiskResult {
  const start = text.indexOf(needle);
  if (start < 0) throw new Error(`${needle} is not in the text`);
  return { score, flagged: true, spans: [{ start, end: start + needle.length, reason: "test" }] };
}

function check(text: string, extra: Partial<CheckInput> = {}) {
  return checkOutgoing({ text, risks: {}, rules: rules(), withinStaffedHours: true, ...extra });
}

const spanTexts = (text: string, spans: { start: number; end: number }[]) =>
  spans.map((s) => text.slice(s.start, s.end));

describe("checkOutgoing: findings of the risk engine", () => {
  const cases: {
    code: FindingCode & RiskCategory;
    lang: string;
    text: string;
    needle: string;
    severity: string;
    blocked: boolean;
  }[] = [
    {
      code: "leak_secret",
      lang: "de",
      text: "Hier der Zugang: token ghp_abcdefghijklmnopqrstuvwxyz0123456789",
      needle: "ghp_abcdefghijklmnopqrstuvwxyz0123456789",
      severity: "block",
      blocked: true,
    },
    {
      code: "leak_secret",
      lang: "en",
      text: "Use the key AKIAIOSFODNN7EXAMPLE to log in",
      needle: "AKIAIOSFODNN7EXAMPLE",
      severity: "block",
      blocked: true,
    },
    {
      code: "leak_pii",
      lang: "de",
      text: "Frau Schulz erreichen Sie unter 0171 2345678.",
      needle: "0171 2345678",
      severity: "warning",
      blocked: false,
    },
    {
      code: "leak_pii",
      lang: "en",
      text: "Mr Smith's e-mail is john.smith@example.com",
      needle: "john.smith@example.com",
      severity: "warning",
      blocked: false,
    },
    {
      code: "leak_confidential",
      lang: "de",
      text: "Projekt Polarstern startet nächste Woche.",
      needle: "Polarstern",
      severity: "warning",
      blocked: false,
    },
    {
      code: "leak_confidential",
      lang: "en",
      text: "INTERNAL ONLY: the outage was our fault",
      needle: "INTERNAL ONLY",
      severity: "warning",
      blocked: false,
    },
    {
      code: "toxic",
      lang: "de",
      text: "Sie sind ein Idiot, lesen Sie die FAQ.",
      needle: "Idiot",
      severity: "warning",
      blocked: false,
    },
    {
      code: "toxic",
      lang: "en",
      text: "You are an idiot, read the FAQ.",
      needle: "idiot",
      severity: "warning",
      blocked: false,
    },
    {
      code: "defamation",
      lang: "de",
      text: "Herr Meyer hat die Kasse betrogen.",
      needle: "hat die Kasse betrogen",
      severity: "warning",
      blocked: false,
    },
    {
      code: "defamation",
      lang: "en",
      text: "Mr Meyer stole from the till.",
      needle: "stole from the till",
      severity: "warning",
      blocked: false,
    },
    {
      code: "hate",
      lang: "de",
      text: "Solche Leute wie die gehören nicht hierher.",
      needle: "Solche Leute wie die",
      severity: "block",
      blocked: true,
    },
    {
      code: "threat",
      lang: "en",
      text: "We will find you and you will regret it.",
      needle: "We will find you",
      severity: "block",
      blocked: true,
    },
    {
      code: "malicious_link",
      lang: "de",
      text: "Hier entlang: https://nordwlnd-mobil.de/login",
      needle: "https://nordwlnd-mobil.de/login",
      severity: "block",
      blocked: true,
    },
    {
      code: "malicious_link",
      lang: "en",
      text: "Click https://bit.ly/abc for the refund form",
      needle: "https://bit.ly/abc",
      severity: "block",
      blocked: true,
    },
  ];

  it.each(cases)("reports $code ($lang) with its span, severity $severity", (c) => {
    const result = check(c.text, { risks: { [c.code]: flagged(c.text, c.needle) } });
    const finding = result.findings.find((f) => f.code === c.code);
    expect(finding?.severity).toBe(c.severity);
    expect(spanTexts(c.text, finding?.spans ?? [])).toEqual([c.needle]);
    expect(finding?.message.de).not.toBe("");
    expect(finding?.message.en).not.toBe("");
    expect(result.blocked).toBe(c.blocked);
    expect(result.score).toBe(0.9);
    expect(result.needsApproval).toBe(true);
  });

  it("leaves a text with low scores alone and sends it without approval", () => {
    const text = "Danke für Ihre Geduld, wir melden uns heute noch.";
    const risks = Object.fromEntries(
      outgoingCategories.map((c) => [c, { score: 0.12, flagged: false, spans: [] }]),
    );
    expect(check(text, { risks })).toEqual({
      findings: [],
      score: 0.12,
      needsApproval: false,
      blocked: false,
    });
  });

  it("asks for approval when an unflagged score reaches the organisation's threshold", () => {
    const text = "That was not clever of you.";
    const risks = { toxic: { score: 0.35, flagged: false, spans: [] } };
    expect(check(text, { risks }).needsApproval).toBe(false);
    const strict = check(text, { risks, rules: rules({ approvalThreshold: 0.3 }) });
    expect(strict.needsApproval).toBe(true);
    expect(strict.findings.map((f) => f.code)).toEqual(["toxic"]);
  });

  it("ignores categories the outgoing check does not read (a complaint is no risk in our own reply)", () => {
    const text = "Wir verstehen Ihren Ärger über die Störung.";
    const result = check(text, {
      risks: { complaint: flagged(text, "Störung"), negative: flagged(text, "Ärger") },
    });
    expect(result).toEqual({ findings: [], score: 0, needsApproval: false, blocked: false });
  });

  it("clamps spans that reach past the text and drops empty ones", () => {
    const text = "kurz";
    const result = check(text, {
      risks: {
        leak_pii: {
          score: 0.8,
          flagged: true,
          spans: [
            { start: 2, end: 99, reason: "x" },
            { start: 3, end: 3, reason: "x" },
          ],
        },
      },
    });
    expect(result.findings[0]?.spans).toEqual([{ start: 2, end: 4 }]);
  });
});

describe("checkOutgoing: the organisation's rules", () => {
  it("blocks a blocked phrase in German, case-insensitive on word boundaries", () => {
    const text = "Das war ein TOTALER REINFALL, sorry. Totalerreinfall zählt nicht.";
    const result = check(text, { rules: rules({ blockedPhrases: ["totaler Reinfall"] }) });
    const finding = result.findings.find((f) => f.code === "blocked_phrase");
    expect(spanTexts(text, finding?.spans ?? [])).toEqual(["TOTALER REINFALL"]);
    expect(finding?.severity).toBe("block");
    expect(finding?.message.de).toContain("„totaler Reinfall“");
    expect(result.blocked).toBe(true);
  });

  it("blocks a blocked phrase in English across line breaks, not inside other words", () => {
    const text = "This is an epic\nfail. Not epic failure or repicfail.";
    const result = check(text, { rules: rules({ blockedPhrases: ["epic fail"] }) });
    expect(spanTexts(text, result.findings[0]?.spans ?? [])).toEqual(["epic\nfail"]);
  });

  it("holds German promises of money for legal approval (default phrases)", () => {
    const text = "Wir erstatten Ihnen den Betrag und zahlen eine Entschädigung, die Reparatur ist kostenlos.";
    const result = check(text);
    const finding = result.findings.find((f) => f.code === "legal_approval");
    expect(spanTexts(text, finding?.spans ?? [])).toEqual(["erstatten", "Entschädigung", "kostenlos"]);
    expect(result.needsApproval).toBe(true);
    expect(result.blocked).toBe(false);
  });

  it("holds English promises for legal approval (default phrases, any ending after *)", () => {
    const text = "We GUARANTEE a full refund and compensation within a week.";
    const result = check(text);
    const finding = result.findings.find((f) => f.code === "legal_approval");
    expect(spanTexts(text, finding?.spans ?? [])).toEqual(["GUARANTEE", "refund", "compensation"]);
    expect(result.needsApproval).toBe(true);
  });

  it("finds phrases after umlauts and before emoji as whole words", () => {
    const text = "Ärger? Kostenlos🙂 und überkostenlos nicht";
    const spans = findPhrase(text, "kostenlos");
    expect(spanTexts(text, spans)).toEqual(["Kostenlos"]);
    expect(spans[0]).toEqual({ start: 7, end: 16 });
  });

  it("needs approval outside staffed hours when the rule says so, and only tells otherwise", () => {
    const text = "Wir kümmern uns morgen früh darum.";
    const held = check(text, { withinStaffedHours: false });
    expect(held.needsApproval).toBe(true);
    expect(held.findings.map((f) => [f.code, f.severity])).toEqual([["outside_staffed_hours", "warning"]]);
    const told = check(text, {
      withinStaffedHours: false,
      rules: rules({ outsideHoursNeedsApproval: false }),
    });
    expect(told.needsApproval).toBe(false);
    expect(told.findings.map((f) => [f.code, f.severity])).toEqual([["outside_staffed_hours", "info"]]);
    expect(check(text, { withinStaffedHours: null }).findings).toEqual([]);
  });

  it("ignores empty phrases", () => {
    expect(check("Hallo", { rules: rules({ blockedPhrases: ["", "  ", "*"] }) }).findings).toEqual([]);
  });
});

describe("checkOutgoing: the platform's length limit", () => {
  it("blocks what does not fit, counting an emoji or an umlaut as one character", () => {
    const text = "Grüße 👋🏽 aus Kiel";
    const result = check(text, { maxLength: { characters: 8, platform: "bluesky" } });
    const finding = result.findings.find((f) => f.code === "too_long");
    expect(spanTexts(text, finding?.spans ?? [])).toEqual(["aus Kiel"]);
    expect(finding?.message.en).toBe(
      "Too long for bluesky: at most 8 characters; the marked rest does not fit.",
    );
    expect(result.blocked).toBe(true);
    expect(check(text, { maxLength: { characters: 16, platform: "x" } }).findings).toEqual([]);
  });
});

describe("checkOutgoing: properties", () => {
  const anyText = fc.string({ unit: "grapheme", maxLength: 80 });
  const word = fc.constantFrom("Refund", "erstatten", "kostenlos", "Entschädigung", "guarantee");

  it("puts every span inside the text, on whole characters, for any text and any risk spans", () => {
    fc.assert(
      fc.property(
        anyText,
        fc.array(
          fc.record({ start: fc.integer({ min: -5, max: 120 }), end: fc.integer({ min: -5, max: 120 }) }),
        ),
        fc.array(fc.string({ maxLength: 12 }), { maxLength: 3 }),
        (text, raw, phrases) => {
          const risks = {
            leak_pii: { score: 1, flagged: true, spans: raw.map((s) => ({ ...s, reason: "x" })) },
          };
          const result = checkOutgoing({
            text,
            risks,
            rules: rules({ blockedPhrases: phrases }),
            withinStaffedHours: null,
          });
          for (const span of result.findings.flatMap((f) => f.spans)) {
            expect(span.start).toBeGreaterThanOrEqual(0);
            expect(span.end).toBeLessThanOrEqual(text.length);
            expect(span.end).toBeGreaterThan(span.start);
            // Neither end splits a surrogate pair.
            const low = (i: number) => text.charCodeAt(i) >= 0xdc00 && text.charCodeAt(i) <= 0xdfff;
            expect(low(span.start)).toBe(false);
            if (span.end < text.length) expect(low(span.end)).toBe(false);
          }
        },
      ),
    );
  });

  it("finds a default phrase wherever it stands between non-letters, its span on exactly its characters", () => {
    const gap = fc.constantFrom(" ", "\n", ", ", "! ", "🙂", "(", "");
    fc.assert(
      fc.property(
        fc.string({ maxLength: 20 }),
        gap,
        word,
        gap,
        fc.boolean(),
        (before, left, phrase, right, upper) => {
          const shown = upper ? phrase.toUpperCase() : phrase;
          const prefix = `${before} ${left}`;
          const text = `${prefix}${shown}${right} ok`;
          const finding = check(text).findings.find((f) => f.code === "legal_approval");
          const hit = finding?.spans.find((s) => s.start === prefix.length);
          expect(hit && text.slice(hit.start, hit.end)).toBe(shown);
        },
      ),
    );
  });
});
