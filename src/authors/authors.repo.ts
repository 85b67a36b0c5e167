import { sql } from "drizzle-orm";
import type { Tx } from "../platform/db/client.ts";
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
  const rows = await tx
    .insert(authors)
    .values(
      [...unique.values()].map((s) => ({
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
    )
    .onConflictDoUpdate({
      target: [authors.orgId, authors.platform, authors.handle],
      set: {
        displayName: sql`coalesce(excluded.display_name, ${authors.displayName})`,
        followers: sql`coalesce(excluded.followers, ${authors.followers})`,
        accountCreatedAt: sql`coalesce(excluded.account_created_at, ${authors.accountCreatedAt})`,
        firstSeenAt: sql`least(excluded.first_seen_at, ${authors.firstSeenAt})`,
        lastSeenAt: sql`greatest(excluded.last_seen_at, ${authors.lastSeenAt})`,
      },
    })
    .returning({ id: authors.id, orgId: authors.orgId, platform: authors.platform, handle: authors.handle });
  for (const r of rows) ids.set(authorKey(r.orgId, r.platform, r.handle), r.id);
  return ids;
}

/** The key `upsertAuthors` uses in its result. */
export function authorKey(orgId: string, platform: string, handle: string): string {
  return `${orgId}\u0000${platform}\u0000${handle}`;
}
