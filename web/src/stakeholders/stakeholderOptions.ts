import { StakeholderGroup, Stance } from "../../../src/stakeholders/stakeholders.schema.ts";

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** The influence levels the API accepts, 1 (little) to 5 (very influential). */
export const influenceLevels = [1, 2, 3, 4, 5] as const;

/** Every group, in the order of the list, with its label in the UI language. */
export function groupOptions(t: Translate) {
  return StakeholderGroup.options.map((group) => ({ value: group, label: t(`stakeholderGroups.${group}`) }));
}

/** Friend, neutral, foe, unknown with their labels. */
export function stanceOptions(t: Translate) {
  return Stance.options.map((stance) => ({ value: stance, label: t(`stakeholders.stances.${stance}`) }));
}

/** Influence 1-5, each with what it means ("4 – large reach"). */
export function influenceOptions(t: Translate) {
  return influenceLevels.map((level) => ({
    value: String(level),
    label: t(`stakeholders.influenceLevels.${level}`),
  }));
}

/** The influence level of a select's value; 3 (the API's default) for anything else. */
export function influenceFromInput(value: string): number {
  const level = Number(value);
  return influenceLevels.find((l) => l === level) ?? 3;
}
