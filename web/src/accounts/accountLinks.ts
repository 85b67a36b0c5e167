/** Settings → Risk profile, where official accounts are added and removed. */
export const riskProfileSettings = "/settings?tab=risk";
