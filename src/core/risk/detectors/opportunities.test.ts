import { describe, expect, it } from "vitest";
import { contextFor } from "./detectors.fixture.ts";
import { detectOpportunities, type OpportunityResults } from "./opportunities.ts";

function flagged(text: string): Array<keyof OpportunityResults> {
  const results = detectOpportunities(text, contextFor());
  return (Object.keys(results) as Array<keyof OpportunityResults>).filter((key) => results[key].flagged);
}

describe("detectOpportunities", () => {
  it.each([
    ["Wie kann ich meinen Vertrag bei @nordwind_mobil kündigen?", ["opportunity_question"]],
    ["Weiß jemand, ob Nordwind auch eSIM kann?", ["opportunity_question"]],
    ["Does anyone know if Nordwind supports eSIM?", ["opportunity_question"]],
    ["Danke, super Service! 👍", ["opportunity_praise"]],
    ["Thanks Nordwind, great support today ❤️", ["opportunity_praise"]],
    // Words that praise on their own; "danke" or "great" alone do not (below).
    ["Großes Lob an Kim von der Hotline!", ["opportunity_praise"]],
    ["Preis-Leistung passt, kann ich nur empfehlen.", ["opportunity_praise"]],
    ["The new app actually delivers. Impressed.", ["opportunity_praise"]],
    ["Shout-out to the shop team in Altona", ["opportunity_praise"]],
    ["Ich will zu euch wechseln, was kostet der Tarif?", ["opportunity_question", "opportunity_lead"]],
    ["Looking for a new provider, any recommendations?", ["opportunity_question", "opportunity_lead"]],
    ["Suche einen neuen Handyvertrag", ["opportunity_lead"]],
    ["Habt ihr noch einen Ausbildungsplatz frei?", ["opportunity_question", "opportunity_recruiting"]],
    ["Are you hiring? I'd love to work for you", ["opportunity_question", "opportunity_recruiting"]],
    ["Meine Bewerbung als Werkstudent ist raus", ["opportunity_recruiting"]],
  ])("reads %j as %j", (text, expected) => {
    expect(flagged(text)).toEqual(expected);
  });

  it.each([
    ["Danke für nichts, toller Service 🙄"],
    ["Danke."],
    ["Great."],
    ["Not impressed by the new tariffs"],
    ["Bin nicht begeistert vom neuen Tarif"],
    ["Na toll, schon wieder kein Netz"],
    ["Der Service war nicht gut"],
    ["An dieser Stelle kein Netz."],
    ["Seit drei Tagen kein Internet."],
  ])("finds no chance in %j", (text) => {
    expect(flagged(text)).toEqual([]);
  });
});

describe("question spans", () => {
  it("point at the pronoun that addresses the company, not at the question mark twice", () => {
    const text = "Hallo zusammen. Könnt ihr mir sagen, wann das Netz wieder geht?";
    const spans = detectOpportunities(text, contextFor()).opportunity_question.spans;
    const shown = spans.map((span) => [span.reason, text.slice(span.start, span.end)]);
    expect(shown).toContainEqual(["question.addressed", "ihr"]);
    expect(shown).toContainEqual(["question.mark", "?"]);
    expect(shown.filter(([, part]) => part === "?")).toHaveLength(1);
  });

  it("mark the question phrase, not the separator before it, and not a word inside it again", () => {
    const text = "Hallo. Wie kann ich kündigen? Danke";
    const spans = detectOpportunities(text, contextFor()).opportunity_question.spans.filter(
      (span) => span.reason === "question.phrase",
    );
    expect(spans.map((span) => text.slice(span.start, span.end))).toEqual(["Wie kann ich"]);
  });
});
