/** The three cost profiles of NAB, as named in its config/profiles.json. */
export type NabProfileName = "standard" | "reward_low_FP_rate" | "reward_low_FN_rate";

/** What a detection inside a window earns and what a false alarm and a missed window cost. */
export interface NabCostMatrix {
  /** Reward of a detection on the first row of a window. */
  tpWeight: number;
  /** Cost of a detection far from every window. */
  fpWeight: number;
  /** Cost of a window without any detection. */
  fnWeight: number;
}

/** The cost matrices of NAB's profiles, copied from numenta/NAB config/profiles.json (tnWeight is unused). */
export const nabProfiles: Readonly<Record<NabProfileName, NabCostMatrix>> = {
  standard: { tpWeight: 1, fpWeight: 0.11, fnWeight: 1 },
  reward_low_FP_rate: { tpWeight: 1, fpWeight: 0.22, fnWeight: 1 },
  reward_low_FN_rate: { tpWeight: 1, fpWeight: 0.11, fnWeight: 2 },
};

/** The profile names in NAB's order of reporting. */
export const nabProfileNames: readonly NabProfileName[] = [
  "standard",
  "reward_low_FP_rate",
  "reward_low_FN_rate",
];
