import { and, asc, eq } from "drizzle-orm";
import type { Actor } from "../orgs/orgs.policy.ts";
import { actorLabel } from "../orgs/orgs.policy.ts";
import type { AppContext } from "../platform/context.ts";
import type { Db, Tx } from "../platform/db/client.ts";
import type { IncidentEventRead } from "./incidents.schema.ts";
import { incidentConversations, incidentEvents } from "./incidents.table.ts";

/** Kinds of timeline entries the product writes; other domains may add their own (`notice_*`, `clock_*`). */
export type IncidentEventKind =
  | "opened"
  | "alert"
  | "level_change"
  | "post_attached"
  | "reply_sent"
  | "approval"
  | "evidence_captured"
  | "task_created"
  | "task_done"
  | "status_update"
  | "role_assigned"
  | "status_change"
  | "note"
  | "playbook_run"
  | "clock_started"
  | `clock_${string}`
  | `notice_${string}`;

type EventRow = typeof incidentEvents.$inferSelect;

/** The actor as the timeline names it. */
export const timelineActor = (actor: Actor | { orgId: string; system: true }) =>
  "system" in actor ? "system" : actorLabel(actor);

/** Writes one entry on an incident's timeline inside the caller's transaction. */
export async function recordIncidentEvent(
  tx: Tx,
  ctx: Pick<AppContext, "clock" | "ids">,
  input: {
    orgId: string;
    incidentId: string;
    kind: string;
    actor: Actor | { orgId: string; system: true };
    title: { de: string; en: string };
    entityType?: string;
    entityId?: string;
    detail?: Record<string, unknown>;
    /** When it happened, if not now (a note about something earlier). */
    at?: Date;
  },
): Promise<void> {
  await tx.insert(incidentEvents).values({
    id: ctx.ids.id(),
    orgId: input.orgId,
    incidentId: input.incidentId,
    kind: input.kind,
    actor: timelineActor(input.actor),
    title: input.title,
    entityType: input.entityType ?? null,
    entityId: input.entityId ?? null,
    detail: input.detail ?? {},
    at: input.at ?? ctx.clock.now(),
  });
}

/** The entry of a kind about one object (e.g. the `alert` entry of an alert), to update instead of repeating it. */
export async function findIncidentEvent(
  tx: Tx,
  incidentId: string,
  kind: string,
  entityId: string,
): Promise<EventRow | undefined> {
  const [row] = await tx
    .select()
    .from(incidentEvents)
    .where(
      and(
        eq(incidentEvents.incidentId, incidentId),
        eq(incidentEvents.kind, kind),
        eq(incidentEvents.entityId, entityId),
      ),
    )
    .limit(1);
  return row;
}

/** Replaces the title and detail of a timeline entry (a folded alert's new occurrence count). */
export async function updateIncidentEvent(
  tx: Tx,
  id: string,
  set: { title?: { de: string; en: string }; detail?: Record<string, unknown> },
) {
  await tx.update(incidentEvents).set(set).where(eq(incidentEvents.id, id));
}

function present(row: EventRow): IncidentEventRead {
  return {
    id: row.id,
    kind: row.kind,
    actor: row.actor,
    title: row.title,
    entityType: row.entityType,
    entityId: row.entityId,
    detail: row.detail,
    at: row.at.toISOString(),
  };
}

/** An incident's timeline, oldest first. */
export async function listIncidentTimeline(
  db: Db,
  orgId: string,
  incidentId: string,
): Promise<IncidentEventRead[]> {
  const rows = await db
    .select()
    .from(incidentEvents)
    .where(and(eq(incidentEvents.orgId, orgId), eq(incidentEvents.incidentId, incidentId)))
    .orderBy(asc(incidentEvents.at), asc(incidentEvents.seq));
  return rows.map(present);
}

/** The incidents an inbox conversation is linked to (its replies and approvals go on their timelines). */
export async function incidentIdsForConversation(
  db: Db,
  orgId: string,
  conversationId: string,
): Promise<string[]> {
  const rows = await db
    .select({ id: incidentConversations.incidentId })
    .from(incidentConversations)
    .where(
      and(eq(incidentConversations.orgId, orgId), eq(incidentConversations.conversationId, conversationId)),
    );
  return rows.map((r) => r.id);
}
