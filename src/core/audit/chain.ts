import { createHash } from "node:crypto";
import { canonicalJson, type JsonValue } from "./jcs.ts";

/** The "previous hash" of an organisation's first entry: 64 zeros. */
export const genesisHash = "0".repeat(64);

/** The fields of an audit entry that its hash covers (docs/EVIDENCE.md). */
export interface AuditEntryContent {
  /** Position in the log; ascending within an organisation, gaps allowed. */
  seq: number;
  orgId: string;
  actor: string;
  action: string;
  entityType: string;
  entityId: string | null;
  detail: { [key: string]: JsonValue };
  /** ISO 8601 UTC with milliseconds: `2026-12-02T12:00:00.000Z`. */
  at: string;
}

/** An entry of the chain as exported: its content and `hash`. */
export interface AuditChainEntry extends AuditEntryContent {
  hash: string;
}

/** The first broken link of a chain, or that it is intact. */
export type ChainCheck =
  | { ok: true; entries: number }
  | { ok: false /** intact entries before the broken one */; entries: number; seq: number; reason: string };

/** Exactly the hashed fields, so that extra properties of a row can never slip into the hash. */
function content(entry: AuditEntryContent): AuditEntryContent {
  const { seq, orgId, actor, action, entityType, entityId, detail, at } = entry;
  return { seq, orgId, actor, action, entityType, entityId, detail, at };
}

/** The JCS text an entry's hash covers. */
export function canonicalEntry(entry: AuditEntryContent): string {
  return canonicalJson(content(entry));
}

/** `hash = lowercase hex SHA-256(UTF-8(previousHash ‖ JCS(entry without hash)))`. */
export function entryHash(previousHash: string, entry: AuditEntryContent): string {
  return createHash("sha256")
    .update(previousHash, "utf8")
    .update(canonicalEntry(entry), "utf8")
    .digest("hex");
}

// PostgreSQL text and jsonb cannot hold U+0000 and jsonb refuses lone surrogates (\ud800): both become
// U+FFFD REPLACEMENT CHARACTER before hashing and storing, so what is hashed is what is stored.
const loneSurrogate = /\p{Cs}/gu;

/** A text as PostgreSQL can store it: U+0000 and lone surrogates replaced by U+FFFD. */
export function storableText(text: string): string {
  return text.replaceAll("\u0000", "\ufffd").replace(loneSurrogate, "\ufffd");
}

function storableValue(value: JsonValue): JsonValue {
  if (typeof value === "string") return storableText(value);
  if (Array.isArray(value)) return value.map(storableValue);
  if (value === null || typeof value !== "object") return value;
  const out: { [key: string]: JsonValue } = {};
  for (const [key, member] of Object.entries(value)) out[storableText(key)] = storableValue(member);
  return out;
}

/**
 * The detail as jsonb will give it back: the JSON round trip (drops undefined, turns Dates into ISO
 * strings and -0 into 0, non-finite numbers into null), then storable text. Hash and store this value.
 */
export function storableDetail(detail: Record<string, unknown>): { [key: string]: JsonValue } {
  const roundTripped = JSON.parse(JSON.stringify(detail)) as { [key: string]: JsonValue };
  return storableValue(roundTripped) as { [key: string]: JsonValue };
}

/** Checks one link: the reason it is broken, or null when `entry.hash` is right. */
export function checkLink(
  previousHash: string,
  previous: { seq: number } | null,
  entry: AuditEntryContent & { hash: string | null },
): string | null {
  if (previous !== null && entry.seq <= previous.seq) {
    return `seq ${entry.seq} does not follow seq ${previous.seq}`;
  }
  if (entry.hash === null) return "the entry has no hash (the backlog was not sealed)";
  if (entryHash(previousHash, entry) === entry.hash) return null;
  const removal =
    previous === null
      ? "or an entry before it was removed"
      : entry.seq - previous.seq > 1
        ? `or an entry between seq ${previous.seq} and ${entry.seq} was removed`
        : `or the hash of entry seq ${previous.seq} was rewritten`;
  return `its hash does not match its content and the previous entry's hash: the entry was changed, ${removal}`;
}

/**
 * Checks a stretch of one organisation's chain in seq order, starting from the hash of the entry
 * before it (`genesisHash` for the whole chain); reports the first broken entry.
 */
export function verifyChain(
  previousHash: string,
  entries: Iterable<AuditEntryContent & { hash: string | null }>,
): ChainCheck {
  let prevHash = previousHash;
  let previous: { seq: number; orgId: string } | null = null;
  let intact = 0;
  for (const entry of entries) {
    const reason =
      previous !== null && entry.orgId !== previous.orgId
        ? `the entry belongs to organisation ${entry.orgId}, not ${previous.orgId}`
        : checkLink(prevHash, previous, entry);
    if (reason !== null) return { ok: false, entries: intact, seq: entry.seq, reason };
    prevHash = entry.hash as string;
    previous = entry;
    intact++;
  }
  return { ok: true, entries: intact };
}
