import { describe, expect, it } from "vitest";
import { crowdMember } from "./scenario.authors.ts";
import { Crowd, Scenario } from "./scenario.schema.ts";

const scenario = Scenario.parse({
  id: "crowd-test",
  version: 1,
  title: { de: "Test", en: "Test" },
  summary: { de: "Test", en: "Test" },
  organisation: { name: "Nordwind Mobil GmbH" },
  seed: 3,
  durationMinutes: 5,
  variables: { first: ["Jörg", "Ayşe", "Björn", "Yılmaz"], last: ["Müller", "Weiß"] },
});
const crowd = Crowd.parse({
  id: "outraged",
  count: 500,
  handle: "{first}.{last}{n}",
  displayName: "{first} {last}",
  group: "public",
  followers: { min: 0, max: 900 },
  lang: { de: 7, en: 3 },
  accountAgeDays: { min: 0, max: 14 },
});

describe("crowdMember", () => {
  it("builds the same member for the same index every time", () => {
    expect(crowdMember(scenario, crowd, 41)).toEqual(crowdMember(scenario, crowd, 41));
  });

  it("numbers members from 1 and gives each a handle of its own", () => {
    const members = Array.from({ length: crowd.count }, (_, i) => crowdMember(scenario, crowd, i));
    expect(members[0]?.personaId).toBe("outraged.1");
    expect(new Set(members.map((member) => member.handle)).size).toBe(crowd.count);
  });

  it("spells out umlauts in handles but keeps them in display names", () => {
    const members = Array.from({ length: 60 }, (_, i) => crowdMember(scenario, crowd, i));
    for (const member of members) {
      expect(member.handle).toMatch(/^[A-Za-z0-9_.]+$/);
      expect(member.displayName).toMatch(/^(Jörg|Ayşe|Björn|Yılmaz) (Müller|Weiß)$/);
    }
    expect(members.some((member) => member.handle.startsWith("Joerg.Mueller"))).toBe(true);
  });

  it("draws followers, account age and language within the crowd's ranges", () => {
    const members = Array.from({ length: 500 }, (_, i) => crowdMember(scenario, crowd, i));
    expect(members.every((member) => member.followers >= 0 && member.followers <= 900)).toBe(true);
    expect(members.every((member) => member.accountAgeDays <= 14)).toBe(true);
    const english = members.filter((member) => member.lang === "en").length / members.length;
    expect(english).toBeGreaterThan(0.2);
    expect(english).toBeLessThan(0.4);
  });
});
