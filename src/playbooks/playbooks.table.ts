import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { incidents } from "../incidents/incidents.table.ts";
import { organisations } from "../orgs/orgs.table.ts";

/** Playbooks of an organisation, one per key (risk); their steps live in versions. */
export const playbooks = pgTable(
  "playbooks",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    /** Stable name, e.g. `shitstorm`. */
    key: text("key").notNull(),
    /** The risk it answers (one of the playbook risks). */
    risk: text("risk").notNull(),
    title: jsonb("title").$type<{ de: string; en: string }>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("playbooks_org_key_idx").on(t.orgId, t.key)],
);

/** Every edit of a playbook is a new version; runs name the version they used. */
export const playbookVersions = pgTable(
  "playbook_versions",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    playbookId: text("playbook_id")
      .notNull()
      .references(() => playbooks.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    /** The PlaybookStep list. */
    steps: jsonb("steps").$type<Record<string, unknown>[]>().notNull(),
    /** `user:<id>` or `system` (the built-in defaults). */
    createdBy: text("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("playbook_versions_idx").on(t.playbookId, t.version)],
);

/** A playbook version run on an incident; the same version runs once per incident. */
export const playbookRuns = pgTable(
  "playbook_runs",
  {
    id: text("id").primaryKey(),
    orgId: text("org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    incidentId: text("incident_id")
      .notNull()
      .references(() => incidents.id, { onDelete: "cascade" }),
    playbookId: text("playbook_id")
      .notNull()
      .references(() => playbooks.id, { onDelete: "cascade" }),
    versionId: text("version_id")
      .notNull()
      .references(() => playbookVersions.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    runBy: text("run_by").notNull(),
    runAt: timestamp("run_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("playbook_runs_once_idx").on(t.incidentId, t.versionId),
    index("playbook_runs_incident_idx").on(t.incidentId),
  ],
);
