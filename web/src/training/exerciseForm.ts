/** The speeds the console offers (scenario minutes per real minute). */
export const speedChoices = [0.5, 1, 2, 5, 10, 20] as const;

/** Most teams an exercise may have (the server's limit). */
export const maxTeams = 20;
/** Longest team name (the server's limit). */
export const maxTeamNameLength = 80;

/**
 * Team names from the form's text area, one per line: trimmed, empty lines dropped, each name once
 * (ignoring case), cut to the server's limits. An empty result means "one team, Team 1".
 */
export function parseTeamNames(text: string): string[] {
  const names: string[] = [];
  const seen = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const name = line.trim().slice(0, maxTeamNameLength).trim();
    const key = name.toLocaleLowerCase();
    if (!name || seen.has(key)) continue;
    seen.add(key);
    names.push(name);
    if (names.length === maxTeams) break;
  }
  return names;
}

/** The speed choices, with the exercise's current speed added in order when it is not one of them. */
export function speedOptions(current: number): number[] {
  const choices: number[] = [...speedChoices];
  if (!choices.includes(current) && Number.isFinite(current) && current > 0) choices.push(current);
  return choices.sort((a, b) => a - b);
}

/** A speed as people read it in their language: "0,5×" in German, "0.5×" in English. */
export function formatSpeed(speed: number, uiLanguage: string): string {
  return `${new Intl.NumberFormat(uiLanguage, { maximumFractionDigits: 2 }).format(speed)}×`;
}
