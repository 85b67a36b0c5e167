import { describe, expect, it } from "vitest";
import * as evidence from "../evidence/evidence.policy.ts";
import * as inbox from "../inbox/inbox.policy.ts";
import * as incidents from "../incidents/incidents.policy.ts";
import * as publishing from "../publishing/publishing.policy.ts";
import * as risk from "../risk/risk.policy.ts";
import * as training from "../training/training.policy.ts";
import * as orgs from "./orgs.policy.ts";
import { Role } from "./orgs.schema.ts";

// Every permission that is decided on the role alone, with the roles that hold it. The server's routes and
// the web app's controls ask these same functions (the app with its session), so this table is what both do.
const managersUp = ["admin", "manager"] as const;
const agentsUp = ["admin", "manager", "agent"] as const;
const table: [string, (holder: orgs.RoleHolder) => boolean, readonly Role[]][] = [
  ["members", orgs.canManageMembers, ["admin"]],
  ["API tokens", orgs.canManageTokens, ["admin"]],
  ["topics", orgs.canEditTopics, managersUp],
  ["ingest posts", orgs.canIngestPosts, agentsUp],
  ["export mentions", orgs.canExportPosts, agentsUp],
  ["incidents (and account lockdown)", orgs.canEditIncidents, agentsUp],
  ["audit log", orgs.canReadAudit, managersUp],
  ["handle alerts", orgs.canHandleAlerts, agentsUp],
  ["alert rules", orgs.canManageAlertRules, managersUp],
  ["alert channels", orgs.canManageAlertChannels, ["admin"]],
  ["stakeholder map", orgs.canEditStakeholders, managersUp],
  ["connectors", orgs.canManageConnectors, ["admin"]],
  ["account security", orgs.canEditAccountSecurity, managersUp],
  ["capture evidence", evidence.canCaptureEvidence, agentsUp],
  ["legal hold", evidence.canHoldEvidence, managersUp],
  ["evidence bundle", evidence.canExportEvidence, managersUp],
  ["evidence settings", evidence.canEditEvidenceSettings, ["admin"]],
  ["read the inbox", inbox.canReadInbox, Role.options],
  ["work the inbox", inbox.canWorkInbox, agentsUp],
  ["inbox settings", inbox.canManageInbox, managersUp],
  ["incident settings", incidents.canChangeIncidentSettings, managersUp],
  ["playbooks", incidents.canEditPlaybooks, managersUp],
  ["write drafts", publishing.canWriteDrafts, agentsUp],
  ["others' drafts", publishing.canEditOthersDrafts, managersUp],
  ["approve drafts", publishing.canApproveDrafts, managersUp],
  ["publishing rules", publishing.canManagePublishingRules, managersUp],
  ["risk profile", risk.canEditRiskProfile, managersUp],
  ["analyse texts", risk.canAnalyze, ["admin", "manager", "agent", "trainer", "trainee"]],
  ["run exercises", training.canRunTraining, ["admin", "manager", "trainer"]],
];

describe("who may do what", () => {
  it.each(table)("%s", (_name, allows, roles) => {
    const allowed = Role.options.filter((role) => allows({ role }));
    expect(allowed).toEqual(Role.options.filter((role) => roles.includes(role)));
  });

  it("decides on the role alone, for an actor as for the web app's session", () => {
    const actor: orgs.Actor = { orgId: "o", role: "agent", userId: "u", tokenId: null };
    for (const [, allows] of table) expect(allows(actor)).toBe(allows({ role: "agent" }));
  });

  it("refuses an approval by a viewer, an API token or the draft's author, in both languages", () => {
    const manager: orgs.Actor = { orgId: "o", role: "manager", userId: "m", tokenId: null };
    expect(publishing.approvalRefusal(manager, "user:a")).toBeNull();
    expect(publishing.approvalRefusal({ ...manager, role: "agent" }, "user:a")?.en).toMatch(/managers/);
    expect(publishing.approvalRefusal({ ...manager, userId: null, tokenId: "t" }, "user:a")?.en).toMatch(
      /token/,
    );
    expect(publishing.approvalRefusal(manager, "user:m")?.de).toMatch(/eigenen Entwurf/);
  });
});
