import type { PostureFindingRead } from "../../../src/accounts/accounts.schema.ts";
import { accessReviewDays, maxPosters, recoveryCheckDays } from "../../../src/core/accounts/posture.ts";

// The limit each finding names in its sentence: the same numbers the server grades by.
const limits: Partial<Record<PostureFindingRead["code"], number>> = {
  recovery_stale: recoveryCheckDays,
  access_review_due: accessReviewDays,
  many_posters: maxPosters,
};

/** The i18n key and values of the sentence that says what a finding means and what to do about it. */
export function findingMessage(finding: PostureFindingRead): {
  key: `accounts.findings.${PostureFindingRead["code"]}`;
  values: { days?: number; limit?: number };
} {
  const values: { days?: number; limit?: number } = {};
  if (finding.days !== undefined) values.days = finding.days;
  const limit = limits[finding.code];
  if (limit !== undefined) values.limit = limit;
  return { key: `accounts.findings.${finding.code}`, values };
}
