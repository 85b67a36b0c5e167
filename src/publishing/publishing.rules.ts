// The organisation's publishing rules and the pre-publication check that applies them with the risk
// engine (outgoing mode) and the inbox's staffed hours.
import { recordAudit } from "../audit/audit.service.ts";
import { connectorKinds } from "../connectors/connectors.registry.ts";
import { openConnectorAccount } from "../connectors/connectors.service.ts";
import {
  checkOutgoing,
  defaultLegalApprovalPhrases,
  defaultPublishingRules,
  type PublishingRules,
} from "../core/publishing/check.ts";
import { isWithinBusinessHours } from "../core/sla/calendar.ts";
import { getServiceCalendar } from "../inbox/inbox.service.ts";
import type { Actor } from "../orgs/orgs.policy.ts";
import type { AppContext } from "../platform/context.ts";
import { forbidden } from "../platform/http/errors.ts";
import type { RiskAssessor } from "../risk/risk.service.ts";
import { canManagePublishingRules } from "./publishing.policy.ts";
import * as repo from "./publishing.repo.ts";
import type { CheckRead, PublishingRulesBody } from "./publishing.schema.ts";

/** The organisation's rules, or the defaults until someone saves them. */
export async function getPublishingRules(ctx: AppContext, orgId: string): Promise<PublishingRules> {
  const row = await repo.findRules(ctx.db, orgId);
  if (!row) return { ...defaultPublishingRules, legalApprovalPhrases: [...defaultLegalApprovalPhrases] };
  return {
    blockedPhrases: row.blockedPhrases,
    legalApprovalPhrases: row.legalApprovalPhrases,
    approvalThreshold: row.approvalThreshold,
    outsideHoursNeedsApproval: row.outsideHoursNeedsApproval,
    everyDraftNeedsApproval: row.everyDraftNeedsApproval,
  };
}

/** The rules as the API shows them, with the built-in phrases to restore. */
export async function readPublishingRules(ctx: AppContext, actor: Actor) {
  return {
    ...(await getPublishingRules(ctx, actor.orgId)),
    defaultLegalApprovalPhrases: [...defaultLegalApprovalPhrases],
  };
}

/** Replaces the organisation's rules (managers and admins); audited. */
export async function savePublishingRules(ctx: AppContext, actor: Actor, input: PublishingRulesBody) {
  if (!canManagePublishingRules(actor)) throw forbidden("change the publishing rules");
  const dedupe = (phrases: string[]) => [...new Map(phrases.map((p) => [p.toLowerCase(), p])).values()];
  const rules: PublishingRules = {
    blockedPhrases: dedupe(input.blockedPhrases),
    legalApprovalPhrases: dedupe(input.legalApprovalPhrases),
    approvalThreshold: input.approvalThreshold,
    outsideHoursNeedsApproval: input.outsideHoursNeedsApproval,
    everyDraftNeedsApproval: input.everyDraftNeedsApproval,
  };
  await ctx.db.transaction(async (tx) => {
    await repo.upsertRules(tx, { orgId: actor.orgId, ...rules, updatedAt: ctx.clock.now() });
    await recordAudit(tx, ctx, actor, {
      action: "publishing_rules.update",
      entityType: "publishing_rules",
      entityId: actor.orgId,
      detail: { ...rules },
    });
  });
  return readPublishingRules(ctx, actor);
}

/** Runs the pre-publication check on a text for the organisation, now. */
export async function checkDraftText(
  ctx: AppContext,
  risk: RiskAssessor,
  orgId: string,
  text: string,
  lang: "de" | "en" | "other" | undefined,
  /** The connector it goes out through, for the platform's length limit. */
  connectorId?: string | null,
): Promise<CheckRead> {
  const connector = connectorId ? (await openConnectorAccount(ctx, orgId, connectorId))?.kind : undefined;
  const kind = connector ? connectorKinds.get(connector) : undefined;
  const [assessment, rules, calendar] = await Promise.all([
    risk.assess(orgId, { text, lang, direction: "outgoing" }),
    getPublishingRules(ctx, orgId),
    getServiceCalendar(ctx.db, orgId),
  ]);
  const result = checkOutgoing({
    text,
    risks: assessment.risks,
    rules,
    withinStaffedHours: isWithinBusinessHours(calendar, ctx.clock.now()),
    maxLength:
      kind?.publish && kind.maxTextLength
        ? { characters: kind.maxTextLength, platform: kind.title.en }
        : undefined,
  });
  return { ...result, threshold: rules.approvalThreshold };
}
