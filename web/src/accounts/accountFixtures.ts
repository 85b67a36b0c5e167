// Official accounts and lookalikes shaped as `GET /api/accounts` returns them, for the tests beside this file.
import type {
  LookalikeRead,
  OfficialAccountRead,
  PostureFindingRead,
  PostureGrade,
} from "../../../src/accounts/accounts.schema.ts";

/** An official account of the Nordwind demo with nothing to worry about, changed by `overrides`. */
export function buildOfficialAccount(
  overrides: Partial<OfficialAccountRead> & { grade?: PostureGrade; findings?: PostureFindingRead[] } = {},
): OfficialAccountRead {
  const { grade = "good", findings = [], ...rest } = overrides;
  const handle = rest.handle ?? "nordwindmobil";
  return {
    key: `${rest.platform ?? "*"}:${handle}`,
    platform: null,
    handle,
    displayName: "Nordwind Mobil",
    security: {
      owner: "Katharina Brandt",
      posters: ["Katharina Brandt", "Ole Petersen"],
      twoFactor: "security_key",
      recoveryContact: "it-sicherheit@nordwind-mobil.de",
      recoveryVerifiedOn: "2026-03-02",
      accessReviewedOn: "2026-03-02",
      connectedApps: ["Planungstool"],
      note: null,
      updatedAt: "2026-03-02T09:00:00.000Z",
    },
    posture: { grade, findings },
    activity: { posts7d: 4, lastPostAt: "2026-04-14T08:00:00.000Z", followers: 48200 },
    takeover: { suspected: false, signals: [], burst: null },
    ...rest,
  };
}

/** A fake support account imitating the organisation, changed by `overrides`. */
export function buildLookalike(overrides: Partial<LookalikeRead> = {}): LookalikeRead {
  return {
    platform: "bluesky",
    handle: "nordwind_hilfe_service",
    displayName: "Nordwind Hilfe ✓",
    followers: 14,
    accountCreatedAt: "2026-04-15T06:00:00.000Z",
    posts: 3,
    lastPostAt: "2026-04-15T09:30:00.000Z",
    imitates: ["nordwind_hilfe"],
    known: false,
    ...overrides,
  };
}
