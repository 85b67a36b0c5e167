import { eq, sql } from "drizzle-orm";
import type { Tx } from "../platform/db/client.ts";
import type { RiskProfile } from "./risk.schema.ts";
import { blockedHosts, riskProfiles } from "./risk.table.ts";

/** The organisation's risk profile, if one was saved. */
export async function findRiskProfile(tx: Tx, orgId: string): Promise<RiskProfile | undefined> {
  const [row] = await tx.select().from(riskProfiles).where(eq(riskProfiles.orgId, orgId));
  return row?.profile;
}

/** Saves the organisation's risk profile. */
export async function upsertRiskProfile(tx: Tx, orgId: string, profile: RiskProfile, at: Date) {
  await tx
    .insert(riskProfiles)
    .values({ orgId, profile, updatedAt: at })
    .onConflictDoUpdate({ target: riskProfiles.orgId, set: { profile, updatedAt: at } });
}

/** Adds hosts to the organisation's block list; hosts already there are kept. Returns how many were new. */
export async function insertBlockedHosts(
  tx: Tx,
  orgId: string,
  list: string,
  hosts: string[],
  at: Date,
): Promise<number> {
  if (hosts.length === 0) return 0;
  const inserted = await tx
    .insert(blockedHosts)
    .values(hosts.map((host) => ({ orgId, host, list, addedAt: at })))
    .onConflictDoNothing()
    .returning({ host: blockedHosts.host });
  return inserted.length;
}

/** Every blocked host of the organisation. */
export async function listBlockedHosts(tx: Tx, orgId: string): Promise<string[]> {
  const rows = await tx
    .select({ host: blockedHosts.host })
    .from(blockedHosts)
    .where(eq(blockedHosts.orgId, orgId));
  return rows.map((r) => r.host);
}

/** Block lists of the organisation with their sizes. */
export async function countBlockedHostsByList(tx: Tx, orgId: string) {
  return tx
    .select({ list: blockedHosts.list, hosts: sql<number>`count(*)::int` })
    .from(blockedHosts)
    .where(eq(blockedHosts.orgId, orgId))
    .groupBy(blockedHosts.list);
}
