import type { Crowd, Persona, Scenario, ScenarioLang, StakeholderGroup } from "./scenario.schema.ts";
import { drawPlaceholderValues, fillTemplate } from "./scenario.template.ts";
import { drawInt, drawLogInt, drawWeighted, seededRandom } from "./seeded-random.ts";

/** Who writes a planned post: a named persona or one member of a crowd. */
export interface ScenarioAuthor {
  /** The persona's id, or `<crowd>.<n>` for the n-th member of a crowd (1-based). */
  personaId: string;
  /** Handle without "@". */
  handle: string;
  /** Name shown on the platform. */
  displayName: string;
  /** The stakeholder group. */
  group: StakeholderGroup;
  /** Follower count. */
  followers: number;
  /** The language the author writes in. */
  lang: ScenarioLang;
  /** Days between account creation and the scenario start. */
  accountAgeDays: number;
}

/** A named persona as an author. */
export function personaAuthor(persona: Persona): ScenarioAuthor {
  return {
    personaId: persona.id,
    handle: persona.handle,
    displayName: persona.displayName,
    group: persona.group,
    followers: persona.followers,
    lang: persona.lang,
    accountAgeDays: persona.accountAgeDays,
  };
}

/** The member with 0-based `index` of a crowd; the same scenario seed always yields the same member. */
export function crowdMember(scenario: Scenario, crowd: Crowd, index: number): ScenarioAuthor {
  const random = seededRandom(scenario.seed, "crowd", crowd.id, index);
  const values = {
    ...drawPlaceholderValues([crowd.handle, crowd.displayName], scenario.variables, random),
    n: String(index + 1),
  };
  return {
    personaId: `${crowd.id}.${index + 1}`,
    handle: toHandle(fillTemplate(crowd.handle, values)),
    displayName: fillTemplate(crowd.displayName, values),
    group: crowd.group,
    followers: drawLogInt(random, crowd.followers.min, crowd.followers.max),
    lang: drawWeighted(random, crowd.lang),
    accountAgeDays: drawInt(random, crowd.accountAgeDays.min, crowd.accountAgeDays.max),
  };
}

/** How many authors a stream can draw from: its personas plus every member of its crowds. */
export function authorPoolSize(
  scenario: Scenario,
  personaIds: readonly string[],
  crowdIds: readonly string[],
) {
  return personaIds.length + crowdIds.reduce((sum, id) => sum + (findCrowd(scenario, id)?.count ?? 0), 0);
}

/** The author at `index` of a stream's pool (personas first, then each crowd's members in order). */
export function authorAt(
  scenario: Scenario,
  personaIds: readonly string[],
  crowdIds: readonly string[],
  index: number,
): ScenarioAuthor {
  const personaId = personaIds[index];
  if (personaId !== undefined) return personaAuthor(findPersona(scenario, personaId));
  let rest = index - personaIds.length;
  for (const crowdId of crowdIds) {
    const crowd = findCrowd(scenario, crowdId);
    if (crowd === undefined) continue;
    if (rest < crowd.count) return crowdMember(scenario, crowd, rest);
    rest -= crowd.count;
  }
  throw new RangeError(`author ${index} is outside the pool`);
}

/** The persona with this id; loadScenario has checked that every referenced id exists. */
export function findPersona(scenario: Scenario, id: string): Persona {
  const persona = scenario.personas.find((candidate) => candidate.id === id);
  if (persona === undefined) throw new RangeError(`no persona has the id "${id}"`);
  return persona;
}

function findCrowd(scenario: Scenario, id: string): Crowd | undefined {
  return scenario.crowds.find((candidate) => candidate.id === id);
}

const TRANSLITERATION: Record<string, string> = {
  ä: "ae",
  ö: "oe",
  ü: "ue",
  Ä: "Ae",
  Ö: "Oe",
  Ü: "Ue",
  ß: "ss",
};

/** Turns a filled pattern into a handle as platforms allow it: umlauts spelled out, no spaces or symbols. */
function toHandle(text: string): string {
  const handle = text
    .replace(/[äöüÄÖÜßı]/g, (char) => TRANSLITERATION[char] ?? "")
    .normalize("NFKD")
    .replace(/[^A-Za-z0-9_.]/g, "");
  return handle === "" ? "user" : handle;
}
