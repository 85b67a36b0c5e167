import { describe, expect, it } from "vitest";
import { compileQuery, type MatchableDoc, matchQuery, parseQuery, prepareDoc } from "./index.ts";

function post(text: string, overrides: Partial<MatchableDoc> = {}): MatchableDoc {
  return { text, authorHandle: "kundin_koeln", lang: "de", platform: "mastodon", ...overrides };
}

function matches(query: string, doc: MatchableDoc): boolean {
  const result = parseQuery(query);
  if (!result.ok) throw new Error(`expected ${query} to parse: ${result.error.message}`);
  return matchQuery(compileQuery(result.ast), doc);
}

const topic = '(Nordwind OR "Nordwind Mobil") AND (störung* OR ausfall) NOT lang:en';

describe("matchQuery", () => {
  it.each<{ query: string; doc: MatchableDoc; expected: boolean }>([
    { query: topic, doc: post("Schon wieder eine Störung bei Nordwind, nichts geht."), expected: true },
    { query: topic, doc: post("NORDWIND MOBIL: Stoerungen im Netz seit 8 Uhr"), expected: true },
    { query: topic, doc: post("Totalausfall bei Nordwind"), expected: false },
    { query: topic, doc: post("Ausfall bei #Nordwind in Köln"), expected: true },
    { query: topic, doc: post("Nordwind outage, störung everywhere", { lang: "en" }), expected: false },
    { query: topic, doc: post("Nordwind ist super"), expected: false },
    { query: "kündig* NEAR/3 vertrag", doc: post("Ich kündige meinen Vertrag"), expected: true },
    {
      query: "kündig* NEAR/3 vertrag",
      doc: post("Der Vertrag ist gekündigt, Kündigung läuft"),
      expected: true,
    },
    {
      query: "kündig* NEAR/3 vertrag",
      doc: post("Vertrag? Ich habe gestern endlich und wirklich gekündigt. Kündigung!"),
      expected: false,
    },
    { query: "kündig* NEAR/1 vertrag", doc: post("Kündigung meines Vertrags"), expected: false },
    { query: "kündig* NEAR/1 vertrag", doc: post("Kündigung meines Vertrag"), expected: true },
    { query: "(kündig* OR storno) NEAR/0 (vertrag OR abo)", doc: post("Storno Abo bitte"), expected: true },
    {
      query: '"Nordwind Mobil" NEAR/2 ärger',
      doc: post("Nur Ärger mit der neuen Nordwind Mobil App"),
      expected: false,
    },
    { query: '"Nordwind Mobil" NEAR/2 ärger', doc: post("Nordwind Mobil macht nur Ärger"), expected: true },
    { query: "Gebühren", doc: post("Die Gebuehren sind zu hoch"), expected: true },
    { query: "Gebuehren", doc: post("Die GEBÜHREN sind zu hoch"), expected: true },
    { query: "Straße", doc: post("Strasse gesperrt"), expected: true },
    { query: "cafe", doc: post("Café geschlossen"), expected: true },
    { query: "Nordwind", doc: post("Nordwindmobil"), expected: false },
    { query: "nordwind*", doc: post("Nordwindmobil"), expected: true },
    { query: "and", doc: post("salt and pepper", { lang: "en" }), expected: true },
    { query: '"customer service"', doc: post("Worst customer service ever", { lang: "en" }), expected: true },
    { query: '"customer service"', doc: post("service for the customer", { lang: "en" }), expected: false },
    { query: "#bahnstreik", doc: post("Heute #Bahnstreik in Berlin"), expected: true },
    { query: "#bahnstreik", doc: post("Heute Bahnstreik in Berlin"), expected: false },
    { query: "bahnstreik", doc: post("Heute #Bahnstreik in Berlin"), expected: true },
    { query: "@nordwind_mobil", doc: post("@Nordwind_Mobil hilfe!"), expected: true },
    { query: "@nordwind_mobil", doc: post("nordwind_mobil hilfe"), expected: false },
    { query: "#bahn*", doc: post("#Bahnchaos überall"), expected: true },
    { query: "e-mail", doc: post("Ihre E-Mail kam nie an"), expected: true },
    { query: "e-mail", doc: post("Mail an E. kam nie an"), expected: false },
    { query: "author:@Kundin_Koeln Nordwind", doc: post("Nordwind!"), expected: true },
    { query: "author:someone_else Nordwind", doc: post("Nordwind!"), expected: false },
    { query: "platform:mastodon Nordwind", doc: post("Nordwind!"), expected: true },
    { query: "platform:reddit Nordwind", doc: post("Nordwind!"), expected: false },
    { query: "lang:other Nordwind", doc: post("Nordwind!", { lang: "other" }), expected: true },
    { query: "Nordwind NOT (Werbung OR Gewinnspiel)", doc: post("Nordwind Gewinnspiel!"), expected: false },
    { query: "Nordwind NOT (Werbung OR Gewinnspiel)", doc: post("Nordwind kaputt"), expected: true },
  ])("$query on $doc.text: $expected", ({ query, doc, expected }) => {
    expect(matches(query, doc)).toBe(expected);
  });

  it("gives the same answer for a prepared document as for the plain one", () => {
    const doc = post("Ich kündige meinen Vertrag bei Nordwind wegen der Störung");
    const prepared = prepareDoc(doc);
    for (const query of [topic, "kündig* NEAR/3 vertrag", "NOT x AND y", "Nordwind OR Bahn"]) {
      const result = parseQuery(query);
      if (!result.ok) continue;
      const compiled = compileQuery(result.ast);
      expect(matchQuery(compiled, prepared)).toBe(matchQuery(compiled, doc));
    }
  });

  it("needs two separate occurrences for NEAR between the same word", () => {
    expect(matches("bahn NEAR/2 bahn", post("Bahn"))).toBe(false);
    expect(matches("bahn NEAR/2 bahn", post("Bahn, Bahn"))).toBe(true);
  });
});
