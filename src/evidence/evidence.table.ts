import {
  boolean,
  customType,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
import { incidents } from "../incidents/incidents.table.ts";
import { organisations } from "../orgs/orgs.table.ts";
import { posts } from "../posts/posts.table.ts";

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
  // pg returns a Buffer, PGlite a Uint8Array: both are Uint8Arrays.
  fromDriver: (value) => new Uint8Array(value),
  toDriver: (value) => Buffer.from(value.buffer, value.byteOffset, value.byteLength),
});

/** A post captured as evidence: who captured it when, what was seen, legal hold and trusted timestamp. */
export const evidenceItems = pgTable(
  "evidence_items",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    /** Null once the post is deleted: the snapshot keeps its content. */
    postId: text("post_id").references(() => posts.id, { onDelete: "set null" }),
    incidentId: text("incident_id").references(() => incidents.id, { onDelete: "set null" }),
    note: text("note"),
    /** The audit log's name of the capturer (`user:<id>`, `token:<id>`). */
    capturedBy: text("captured_by").notNull(),
    capturedAt: timestamp("captured_at", { withTimezone: true }).notNull(),
    /** When Brandwache first saw the post (its ingest time). */
    firstSeenAt: timestamp("first_seen_at", { withTimezone: true }).notNull(),
    postUrl: text("post_url"),
    profileUrl: text("profile_url"),
    /** A short plain-text excerpt of the post for lists. */
    excerpt: text("excerpt").notNull(),
    platform: text("platform").notNull(),
    authorHandle: text("author_handle").notNull(),
    legalHold: boolean("legal_hold").notNull().default(false),
    legalHoldBy: text("legal_hold_by"),
    legalHoldAt: timestamp("legal_hold_at", { withTimezone: true }),
    legalHoldReason: text("legal_hold_reason"),
    /** RFC 3161 timestamp: the TSA's time, its URL and the token's serial number. */
    timestampGenTime: timestamp("timestamp_gen_time", { withTimezone: true }),
    timestampTsaUrl: text("timestamp_tsa_url"),
    timestampSerial: text("timestamp_serial"),
    timestampError: text("timestamp_error"),
    /** Why the PNG/PDF rendering failed; null when it worked. */
    renderError: text("render_error"),
  },
  (t) => [
    index("evidence_items_org_idx").on(t.orgId, t.capturedAt.desc().nullsFirst()),
    index("evidence_items_incident_idx").on(t.orgId, t.incidentId),
  ],
);

/** The files of an evidence item (`snapshot.json`, `post.png`, `post.pdf`, `timestamp.tsr`) with their hashes. */
export const evidenceFiles = pgTable(
  "evidence_files",
  {
    itemId: text("item_id")
      .notNull()
      .references(() => evidenceItems.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    mediaType: text("media_type").notNull(),
    bytes: bytea("bytes").notNull(),
    /** Lower-case hex SHA-256 of `bytes`. */
    sha256: text("sha256").notNull(),
    size: integer("size").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.name] })],
);

/** Evidence settings of an organisation. */
export const evidenceSettings = pgTable("evidence_settings", {
  orgId: text("org_id")
    .primaryKey()
    .references(() => organisations.id, { onDelete: "cascade" }),
  /** Items older than this are removed unless on hold or of an open incident; null keeps them forever. */
  retentionDays: integer("retention_days"),
  /** The time-stamping authority of this organisation; null uses BRANDWACHE_TSA_URL. */
  tsaUrl: text("tsa_url"),
  /** Whether every capture gets an RFC 3161 timestamp. */
  timestampEveryCapture: boolean("timestamp_every_capture").notNull().default(false),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});
