import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { RiskResult } from "../risk.types.ts";
import { detectConfidential } from "./confidential.ts";
import { detectFactualAccusation } from "./defamation.ts";
import { contextFor } from "./detectors.fixture.ts";
import { detectImpersonation } from "./impersonation.ts";
import { runRuleDetectors } from "./index.ts";
import { detectMaliciousLinks } from "./malicious-link.ts";
import { detectOpportunities } from "./opportunities.ts";
import { detectPii } from "./pii.ts";
import { detectScam } from "./scam.ts";
import { detectSecrets } from "./secrets.ts";
import { detectThreat } from "./threat.ts";

const tricky = fc.constantFrom(
  "\u200B",
  "\u202E",
  "\u202C",
  "\u0301",
  "\uFE0F",
  "\uD800",
  "\uDC00",
  "ä",
  "ß",
  "ẞ",
  "😀",
  "ⓘ",
  "ｆ",
  "@",
  "#",
  "://",
  ".de",
  " ",
  "\n",
  "0",
  "DE89",
  "eyJ",
  "-----BEGIN",
  "ghp_",
  "ich ",
  "bring dich um",
  "nordwind",
  "Passwort: ",
);
const postText = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 200 }),
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.array(fc.oneof(tricky, fc.string({ maxLength: 6 })), { maxLength: 40 }).map((parts) => parts.join("")),
);

function expectWellFormed(text: string, result: RiskResult): void {
  expect(result.score).toBeGreaterThanOrEqual(0);
  expect(result.score).toBeLessThanOrEqual(1);
  for (const span of result.spans) {
    expect(span.start).toBeGreaterThanOrEqual(0);
    expect(span.end).toBeLessThanOrEqual(text.length);
    expect(span.start).toBeLessThan(span.end);
  }
}

describe("all rule detectors", () => {
  it("never throw and keep every span inside the original text", () => {
    fc.assert(
      fc.property(postText, fc.option(fc.string({ maxLength: 30 }), { nil: undefined }), (text, handle) => {
        const ctx = contextFor(handle === undefined ? {} : { author: { handle, displayName: handle } });
        const results = runRuleDetectors(text, ctx);
        for (const result of Object.values(results)) {
          if (text.length > 0) expectWellFormed(text, result);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("never flag a link to the org's own domains", () => {
    const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?$/);
    const path = fc
      .array(fc.stringMatching(/^[a-zA-Z0-9._~-]{1,12}$/), { maxLength: 4 })
      .map((parts) => parts.join("/"));
    fc.assert(
      fc.property(
        fc.array(label, { maxLength: 3 }),
        fc.constantFrom("nordwind-mobil.de", "nordwind.group", "NORDWIND-MOBIL.DE"),
        path,
        fc.constantFrom("https://", "http://", ""),
        (subdomains, domain, rest, scheme) => {
          const host = [...subdomains, domain].join(".");
          const text = `Infos unter ${scheme}${host}/${rest} – login, konto, erstattung.exe`;
          expect(detectMaliciousLinks(text, contextFor()).spans).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });
});

const invisible = fc.constantFrom("\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u00AD");

/** Inserts invisible characters between the characters of `word`. */
function hide(word: string, positions: number[], characters: string[]): string {
  let hidden = "";
  for (let index = 0; index < word.length; index += 1) {
    hidden += word[index];
    const at = positions.indexOf(index);
    if (at >= 0 && index < word.length - 1) hidden += characters[at] ?? "";
  }
  return hidden;
}

describe("zero-width characters", () => {
  const cases: Array<[string, string, (text: string) => RiskResult]> = [
    ["secret", "ghp_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5", (text) => detectSecrets(text, contextFor())],
    ["threat", "Ich bring dich um", (text) => detectThreat(text, contextFor())],
    ["watchlist word", "Sturmvogel", (text) => detectConfidential(text, contextFor())],
    ["confidentiality marker", "Streng vertraulich", (text) => detectConfidential(text, contextFor())],
    ["IBAN", "DE89370400440532013000", (text) => detectPii(text, contextFor())],
    ["scam lure", "Seed phrase", (text) => detectScam(`${text} eingeben, nur heute`, contextFor())],
  ];
  it.each(cases)("do not hide a %s", (_name, word, detect) => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: word.length - 1 }), { maxLength: 6 }),
        fc.array(invisible, { minLength: 6, maxLength: 6 }),
        (positions, characters) => {
          const hidden = hide(word, positions, characters);
          const text = `Achtung: ${hidden} !`;
          const result = detect(text);
          expect(result.flagged).toBe(true);
          const covering = result.spans.find((span) => span.start <= 9 && span.end >= 9 + hidden.length - 1);
          expect(covering).toBeDefined();
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe("adversarial input", () => {
  const detectors: Array<[string, (text: string) => unknown]> = [
    ["pii", (text) => detectPii(text, contextFor())],
    ["secrets", (text) => detectSecrets(text, contextFor())],
    ["confidential", (text) => detectConfidential(text, contextFor())],
    ["malicious links", (text) => detectMaliciousLinks(text, contextFor())],
    [
      "impersonation",
      (text) => detectImpersonation(text, contextFor({ author: { handle: text.slice(0, 200) } })),
    ],
    ["scam", (text) => detectScam(text, contextFor())],
    ["threat", (text) => detectThreat(text, contextFor())],
    ["opportunities", (text) => detectOpportunities(text, contextFor())],
    ["factual accusation", (text) => detectFactualAccusation(text, contextFor())],
  ];
  const SIZE = 100_000;
  const inputs: Array<[string, string]> = [
    ["letters", "a".repeat(SIZE)],
    ["digits", "4".repeat(SIZE)],
    ["spaced digits", "1 ".repeat(SIZE / 2)],
    ["at signs", "a@".repeat(SIZE / 2)],
    ["jwt prefixes", "-eyJa".repeat(SIZE / 5)],
    ["key prefixes", "sk-ghp_AKIAxoxb-".repeat(SIZE / 16)],
    ["dotted hosts", "a.de".repeat(SIZE / 4)],
    ["spaced hosts", "x.de/ ".repeat(SIZE / 6)],
    ["schemes", "http://".repeat(SIZE / 7)],
    ["iban prefixes", "DE89 ".repeat(SIZE / 5)],
    ["streets", "Hauptstraße ".repeat(SIZE / 12)],
    ["phrase starts", "ich bin wir sind ".repeat(SIZE / 17)],
    ["zero-width", "a\u200B".repeat(SIZE / 2)],
    ["zalgo", "e\u0301\u0302\u0303".repeat(SIZE / 4)],
    ["overrides", "\u202Eab".repeat(SIZE / 3)],
    ["private key", "-----BEGIN RSA PRIVATE KEY-----".repeat(SIZE / 31)],
    ["password", "Passwort: ".repeat(SIZE / 10)],
    ["phone", "+49 170 ".repeat(SIZE / 8)],
  ];
  it.each(inputs)("handles 100 kB of %s in linear time", (_name, text) => {
    for (const [, detect] of detectors) detect(text.slice(0, 2_000));
    for (const [detector, detect] of detectors) {
      const started = performance.now();
      detect(text);
      const elapsed = performance.now() - started;
      // Not a speed target (that is bench:analyze): a guard against super-linear regular expressions.
      // A few to tens of ms normally; catastrophic backtracking on 100 kB would take minutes, so a
      // bound far above any normal figure keeps the test meaningful on a loaded CI runner.
      expect(elapsed, `${detector} took ${elapsed.toFixed(1)} ms`).toBeLessThan(5000);
    }
  });
});
