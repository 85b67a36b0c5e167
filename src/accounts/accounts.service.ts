import { recordAudit } from "../audit/audit.service.ts";
import { type AccountSecurity, assessPosture } from "../core/accounts/posture.ts";
import { detectTakeover } from "../core/accounts/takeover.ts";
import { isOfficialHandle, normalHandle, officialAccountLabel } from "../core/risk/risk.types.ts";
import { attachPosts, openIncident } from "../incidents/incidents.service.ts";
import type { Actor } from "../orgs/orgs.policy.ts";
import { canEditAccountSecurity, canEditIncidents } from "../orgs/orgs.policy.ts";
import type { AppContext } from "../platform/context.ts";
import { AppError, forbidden } from "../platform/http/errors.ts";
import { listPlaybooks, runPlaybook } from "../playbooks/playbooks.service.ts";
import { findPosts } from "../posts/posts.repo.ts";
import type { RiskProfile } from "../risk/risk.schema.ts";
import { getRiskProfile } from "../risk/risk.service.ts";
import * as repo from "./accounts.repo.ts";
import {
  type AccountLockdown,
  type AccountLockdownResult,
  type AccountSecurityRead,
  type AccountSecurityWrite,
  type AccountsOverview,
  type LookalikeRead,
  maxLockdownPosts,
  type OfficialAccountRead,
  type TwoFactorMethod,
} from "./accounts.schema.ts";

const hourMs = 3_600_000;
/** Activity and takeover signals look back a week; lookalikes a month. */
export const activityDays = 7;
export const lookalikeDays = 30;
/** At most this many flagged own posts and lookalike accounts are read. */
const signalLimit = 500;
const lookalikeLimit = 100;

type RegistryEntry = RiskProfile["officialAccounts"][number];

/** The stable key of a registry entry: `platform:handle`, `*:handle` for an entry of every platform. */
export function accountKey(platform: string | undefined | null, handle: string): string {
  return `${platform ? platform.toLowerCase() : "*"}:${normalHandle(handle)}`;
}

function findEntry(profile: RiskProfile, platform: string | undefined, handle: string) {
  const key = accountKey(platform, handle);
  return profile.officialAccounts.find((a) => accountKey(a.platform, a.handle) === key);
}

function notInRegistry(platform: string | undefined, handle: string) {
  return new AppError(
    "not_found",
    `@${normalHandle(handle)}${platform ? ` on ${platform}` : ""} is not in the official-accounts registry (Settings → Risk profile)`,
    [{ field: "handle", message: "not an official account of the organisation" }],
  );
}

function securityOf(row: repo.AccountSecurityRow): AccountSecurity {
  return {
    owner: row.owner,
    posters: row.posters,
    twoFactor: row.twoFactor as TwoFactorMethod,
    recoveryContact: row.recoveryContact,
    recoveryVerifiedAt: row.recoveryVerifiedOn ? new Date(`${row.recoveryVerifiedOn}T00:00:00Z`) : null,
    accessReviewedAt: row.accessReviewedOn ? new Date(`${row.accessReviewedOn}T00:00:00Z`) : null,
    connectedApps: row.connectedApps,
  };
}

function presentSecurity(row: repo.AccountSecurityRow): AccountSecurityRead {
  return {
    owner: row.owner,
    posters: row.posters,
    twoFactor: row.twoFactor as TwoFactorMethod,
    recoveryContact: row.recoveryContact,
    recoveryVerifiedOn: row.recoveryVerifiedOn,
    accessReviewedOn: row.accessReviewedOn,
    connectedApps: row.connectedApps,
    note: row.note,
    updatedAt: row.updatedAt.toISOString(),
  };
}

const iso = (at: string | Date | null): string | null => (at ? new Date(at).toISOString() : null);

/** What the imitation findings' details name ("handle "x" imitates @nordwind_hilfe" → "@nordwind_hilfe"). */
export function imitatedNames(details: readonly string[]): string[] {
  const names = new Set<string>();
  for (const detail of details) {
    const match = / (?:imitates|contains) (.+)$/u.exec(detail);
    if (match?.[1]) names.add(match[1]);
  }
  return [...names].sort();
}

/**
 * The official accounts (the risk profile's registry) with their recorded security, its findings, their
 * posts of the last week and any sign of a takeover; and the accounts that imitate them.
 */
export async function accountsOverview(ctx: AppContext, actor: Actor): Promise<AccountsOverview> {
  const [items, lookalikes] = await Promise.all([
    officialAccounts(ctx, actor.orgId),
    lookalikeAccounts(ctx, actor.orgId),
  ]);
  return { items, lookalikes, windows: { activityDays, lookalikeDays } };
}

/** The registry's accounts with their recorded security, findings, week's activity and takeover signs. */
async function officialAccounts(ctx: AppContext, orgId: string): Promise<OfficialAccountRead[]> {
  const profile = await getRiskProfile(ctx, orgId);
  const now = ctx.clock.now();
  const since = new Date(now.getTime() - activityDays * 24 * hourMs);
  const lastHourFrom = new Date(now.getTime() - hourMs);
  const handles = [...new Set(profile.officialAccounts.map((a) => normalHandle(a.handle)))];
  const [security, activity, hourly, flagged] = await Promise.all([
    repo.listSecurity(ctx.db, orgId),
    repo.authorActivity(ctx.db, orgId, handles, since, lastHourFrom),
    repo.hourlyCounts(ctx.db, orgId, handles, new Date(since.getTime() - hourMs), lastHourFrom),
    repo.flaggedOwnPosts(ctx.db, orgId, handles, since, signalLimit),
  ]);
  const securityByKey = new Map(security.map((row) => [accountKey(row.platform, row.handle), row]));
  const covers = (entry: RegistryEntry, row: { platform: string; handle: string }) =>
    isOfficialHandle([entry], row.platform, row.handle);

  return profile.officialAccounts.map((entry): OfficialAccountRead => {
    const key = accountKey(entry.platform, entry.handle);
    const row = securityByKey.get(key);
    const own = activity.filter((a) => covers(entry, a));
    const perHour = new Map<string, number>();
    for (const h of hourly.filter((h) => covers(entry, h))) {
      perHour.set(h.hour, (perHour.get(h.hour) ?? 0) + h.count);
    }
    const lastPost = own.reduce<string | null>((latest, a) => {
      const at = iso(a.lastPostAt);
      return at && (!latest || at > latest) ? at : latest;
    }, null);
    const followers = own.reduce<number | null>(
      (most, a) => (a.followers !== null && (most === null || a.followers > most) ? a.followers : most),
      null,
    );
    const takeover = detectTakeover(
      flagged
        .filter((p) => covers(entry, p))
        .map((p) => ({ id: p.id, postedAt: p.postedAt, text: p.text, flags: p.flags })),
      own.reduce((sum, a) => sum + a.lastHour, 0),
      Math.max(0, ...perHour.values()),
    );
    return {
      key,
      platform: entry.platform ?? null,
      handle: normalHandle(entry.handle),
      displayName: entry.displayName ?? null,
      security: row ? presentSecurity(row) : null,
      posture: assessPosture(row ? securityOf(row) : null, now),
      activity: { posts7d: own.reduce((sum, a) => sum + a.posts7d, 0), lastPostAt: lastPost, followers },
      takeover: {
        suspected: takeover.suspected,
        signals: takeover.signals.slice(0, maxLockdownPosts).map((s) => ({
          postId: s.postId,
          postedAt: s.postedAt.toISOString(),
          categories: s.categories,
          excerpt: s.excerpt,
        })),
        burst: takeover.burst,
      },
    };
  });
}

/** Authors flagged for impersonation in the last `lookalikeDays`, newest first. */
async function lookalikeAccounts(ctx: AppContext, orgId: string): Promise<LookalikeRead[]> {
  const now = ctx.clock.now();
  const since = new Date(now.getTime() - lookalikeDays * 24 * hourMs);
  return (await repo.impersonators(ctx.db, orgId, since, lookalikeLimit)).map((l) => ({
    platform: l.platform,
    handle: l.handle,
    displayName: l.displayName,
    followers: l.followers,
    accountCreatedAt: iso(l.accountCreatedAt),
    posts: l.posts,
    lastPostAt: iso(l.lastPostAt) ?? now.toISOString(),
    imitates: imitatedNames(l.details ?? []),
    known: l.known,
  }));
}

/** Records an official account's security (managers and admins; the system when it seeds the demo). */
export async function recordSecurity(
  ctx: AppContext,
  actor: Actor | { orgId: string; system: true },
  input: AccountSecurityWrite,
): Promise<void> {
  if (!("system" in actor) && !canEditAccountSecurity(actor)) throw forbidden("record account security");
  const profile = await getRiskProfile(ctx, actor.orgId);
  const entry = findEntry(profile, input.platform, input.handle);
  if (!entry) throw notInRegistry(input.platform, input.handle);
  const now = ctx.clock.now();
  const { platform: _platform, handle: _handle, ...recorded } = input;
  await ctx.db.transaction(async (tx) => {
    await repo.upsertSecurity(tx, {
      id: ctx.ids.id(),
      orgId: actor.orgId,
      platform: entry.platform?.toLowerCase() ?? "",
      handle: normalHandle(entry.handle),
      owner: recorded.owner,
      posters: [...new Set(recorded.posters)],
      twoFactor: recorded.twoFactor,
      recoveryContact: recorded.recoveryContact,
      recoveryVerifiedOn: recorded.recoveryVerifiedOn,
      accessReviewedOn: recorded.accessReviewedOn,
      connectedApps: [...new Set(recorded.connectedApps)],
      note: recorded.note,
      createdAt: now,
      updatedAt: now,
    });
    await recordAudit(tx, ctx, actor, {
      action: "account_security.update",
      entityType: "official_account",
      entityId: accountKey(entry.platform, entry.handle),
      detail: recorded,
    });
  });
}

/** Records an account's security and returns the account as the overview shows it. */
export async function updateSecurity(
  ctx: AppContext,
  actor: Actor,
  input: AccountSecurityWrite,
): Promise<OfficialAccountRead> {
  await recordSecurity(ctx, actor, input);
  const key = accountKey(input.platform, input.handle);
  // Only the accounts: the lookalikes are not part of the answer.
  const account = (await officialAccounts(ctx, actor.orgId)).find((a) => a.key === key);
  if (!account) throw notInRegistry(input.platform, input.handle);
  return account;
}

/**
 * Starts the lockdown of an account that may be in someone else's hands: an incident (sev1 when posts
 * show it, sev2 on a suspicion from elsewhere) with the posts attached and the `hacked_account` playbook's
 * tasks — secure the account, preserve evidence, remove the posts and inform followers, …
 */
export async function startLockdown(
  ctx: AppContext,
  actor: Actor,
  input: AccountLockdown,
): Promise<AccountLockdownResult> {
  if (!canEditIncidents(actor)) throw forbidden("open incidents");
  const entry = findEntry(await getRiskProfile(ctx, actor.orgId), input.platform, input.handle);
  if (!entry) throw notInRegistry(input.platform, input.handle);
  const postIds = [...new Set(input.postIds)];
  const found = new Set((await findPosts(ctx.db, actor.orgId, postIds)).map((p) => p.id));
  const unknown = postIds.map((id, i) => ({ id, i })).filter(({ id }) => !found.has(id));
  if (unknown.length > 0) {
    throw new AppError(
      "validation_failed",
      "Unknown post",
      unknown.map(({ id, i }) => ({ field: `postIds.${i}`, message: `no post ${id}` })),
    );
  }
  const playbook = (await listPlaybooks(ctx, actor)).find((p) => p.key === "hacked_account");
  if (!playbook) throw new AppError("conflict", "The organisation has no hacked_account playbook");
  const handle = officialAccountLabel(entry);
  const de = input.lang === "de";
  const incident = await openIncident(ctx, actor, {
    title: de ? `Konto ${handle} möglicherweise gehackt` : `Account ${handle} possibly hacked`,
    severity: postIds.length > 0 ? "sev1" : "sev2",
    description: de
      ? `Sperrung des offiziellen Kontos ${handle} eingeleitet${postIds.length > 0 ? `; ${postIds.length} verdächtige Beiträge angehängt` : ""}.`
      : `Lockdown of the official account ${handle} started${postIds.length > 0 ? `; ${postIds.length} suspicious post${postIds.length === 1 ? "" : "s"} attached` : ""}.`,
    source: { kind: "manual" },
    lang: input.lang,
  });
  if (postIds.length > 0) await attachPosts(ctx, actor, incident.id, postIds);
  const run = await runPlaybook(ctx, actor, incident.id, playbook.id);
  return { incidentId: incident.id, playbookRunId: run.id };
}
