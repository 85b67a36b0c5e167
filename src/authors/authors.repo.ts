import { sql } from "drizzle-orm";
import type { Tx } from "../platform/db/client.ts";
import { insertUnnest } from "../platform/db/unnest.ts";
import { authors } from "./authors.table.ts";

/** An author as seen on an incoming post. */
export interface AuthorSighting {
  orgId: string;
  platform: string;
  handle: string;
  displayName: string | null;
  followers: number | null;
  accountCreatedAt: Date | null;
  seenAt: Date;
}

/** Inserts new authors and refreshes known ones; returns the id of each by `platform\u0000handle`. */
export async function upsertAuthors(
  tx: Tx,
  sightings: AuthorSighting[],
  newId: () => string,
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  if (sightings.length === 0) return ids;
  // One row per author, or PostgreSQL refuses to update the same row twice in one statement.
  const unique = new Map<string, AuthorSighting>();
  for (const s of sightings) unique.set(authorKey(s.orgId, s.platform, s.handle), s);
  // Rows in key order, so that two workers upserting overlapping authors lock them in the same order and
  // cannot deadlock.
  const ordered = [...unique].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, s]) => s);
  const rows = await insertUnnest(
    tx,
    authors,
    ordered.map((s) => ({
      id: newId(),
      orgId: s.orgId,
      platform: s.platform,
      handle: s.handle,
      displayName: s.displayName,
      followers: s.followers,
      accountCreatedAt: s.accountCreatedAt,
      firstSeenAt: s.seenAt,
      lastSeenAt: s.seenAt,
    })),
    sql`on conflict (org_id, platform, handle) do update set
      display_name = coalesce(excluded.display_name, ${authors}.display_name),
      followers = coalesce(excluded.followers, ${authors}.followers),
      account_created_at = coalesce(excluded.account_created_at, ${authors}.account_created_at),
      first_seen_at = least(excluded.first_seen_at, ${authors}.first_seen_at),
      last_seen_at = greatest(excluded.last_seen_at, ${authors}.last_seen_at)
    returning id, org_id, platform, handle`,
  );
  for (const r of rows)
    ids.set(authorKey(String(r.org_id), String(r.platform), String(r.handle)), String(r.id));
  return ids;
}

/** The key `upsertAuthors` uses in its result. */
export function authorKey(orgId: string, platform: string, handle: string): string {
  return `${orgId}\u0000${platform}\u0000${handle}`;
}
