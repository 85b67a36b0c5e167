// What a team did in its exercise workspace, read from the response modules' own tables (read-only): the
// scenario's posts, the replies sent, incidents, playbook runs and their tasks, evidence and every audited
// action of a person. The branches, the live feed and the debrief's score are made from this.
import { and, asc, eq, inArray, isNotNull, like } from "drizzle-orm";
import { auditLog } from "../audit/audit.table.ts";
import { evidenceItems } from "../evidence/evidence.table.ts";
import { incidents, incidentTasks } from "../incidents/incidents.table.ts";
import type { Db } from "../platform/db/client.ts";
import { playbookRuns, playbooks } from "../playbooks/playbooks.table.ts";
import { posts } from "../posts/posts.table.ts";
import { drafts } from "../publishing/publishing.table.ts";

/** A post of the scenario (scripted, branch or hand-sent inject) in the workspace. */
export interface InjectPost {
  postId: string;
  injectId: string;
  externalId: string;
  text: string;
  platform: string;
  authorHandle: string | null;
  postedAt: Date;
  ingestedAt: Date;
  deletedAt: Date | null;
}

/** Everything the training module reads from one team's workspace. */
export interface WorkspaceActivity {
  injectPosts: InjectPost[];
  /** Sent replies and posts with the inject they answer (through the thread), oldest first. */
  replies: {
    draftId: string;
    injectId: string | null;
    text: string;
    lang: string;
    sentAt: Date;
    authorUserId: string | null;
    approvedByUserId: string | null;
    checkScore: number;
    findings: string[];
  }[];
  incidents: { id: string; createdAt: Date; createdBy: string | null; severity: string }[];
  playbookRuns: { key: string; runAt: Date; tasksTotal: number; tasksDone: number }[];
  evidence: { injectId: string; capturedAt: Date; byUserId: string | null }[];
  /** Audited actions of people (not the system), oldest first. */
  actions: {
    seq: number;
    at: Date;
    userId: string;
    action: string;
    entityType: string;
    entityId: string | null;
    detail: Record<string, unknown>;
  }[];
}

/** The inject id of a scenario post's external id (`<scenario>:<inject>:0`), if it is one of `injectIds`. */
export function injectIdOf(externalId: string, scenarioId: string, injectIds: ReadonlySet<string>) {
  const prefix = `${scenarioId}:`;
  if (!externalId.startsWith(prefix) || !externalId.endsWith(":0")) return null;
  const id = externalId.slice(prefix.length, -2);
  return injectIds.has(id) ? id : null;
}

const userOf = (label: string | null) => (label?.startsWith("user:") ? label.slice(5) : null);

// Actions that are about being there, not about handling the crisis.
const quietActions = new Set(["auth.login", "auth.logout", "auth.switch_workspace", "member.add"]);

/** Reads a team's activity; `injectIds` are every inject the scenario has or was given. */
export async function readWorkspaceActivity(
  db: Db,
  workspaceId: string,
  scenarioId: string,
  injectIds: ReadonlySet<string>,
  options: { actions?: boolean } = {},
): Promise<WorkspaceActivity> {
  const scenarioPosts = await db
    .select({
      id: posts.id,
      externalId: posts.externalId,
      inReplyTo: posts.inReplyTo,
      text: posts.text,
      platform: posts.platform,
      postedAt: posts.postedAt,
      ingestedAt: posts.ingestedAt,
      deletedAt: posts.deletedAt,
    })
    .from(posts)
    .where(and(eq(posts.orgId, workspaceId), like(posts.externalId, `${scenarioId}:%`)));
  const byId = new Map(scenarioPosts.map((p) => [p.id, p]));
  const byExternal = new Map(scenarioPosts.map((p) => [p.externalId, p]));
  // The inject a post belongs to: itself, or the first inject up its reply chain.
  const threadInject = (postId: string | null): string | null => {
    let post = postId ? byId.get(postId) : undefined;
    for (let hops = 0; post && hops < 20; hops++) {
      const own = injectIdOf(post.externalId, scenarioId, injectIds);
      if (own) return own;
      post = post.inReplyTo ? byExternal.get(post.inReplyTo) : undefined;
    }
    return null;
  };

  const injectPosts: InjectPost[] = [];
  for (const p of scenarioPosts) {
    const injectId = injectIdOf(p.externalId, scenarioId, injectIds);
    if (!injectId) continue;
    injectPosts.push({
      postId: p.id,
      injectId,
      externalId: p.externalId,
      text: p.text,
      platform: p.platform,
      authorHandle: null,
      postedAt: p.postedAt,
      ingestedAt: p.ingestedAt,
      deletedAt: p.deletedAt,
    });
  }
  injectPosts.sort((a, b) => a.postedAt.getTime() - b.postedAt.getTime());

  const sent = await db
    .select({
      id: drafts.id,
      inReplyToPostId: drafts.inReplyToPostId,
      text: drafts.text,
      lang: drafts.lang,
      sentAt: drafts.sentAt,
      authorUserId: drafts.authorUserId,
      approvedByUserId: drafts.approvedByUserId,
      check: drafts.check,
    })
    .from(drafts)
    .where(and(eq(drafts.orgId, workspaceId), eq(drafts.state, "sent"), isNotNull(drafts.sentAt)))
    .orderBy(asc(drafts.sentAt));
  const replies = sent.map((d) => {
    const check = d.check as { score?: number; findings?: { code?: string }[] };
    return {
      draftId: d.id,
      injectId: threadInject(d.inReplyToPostId),
      text: d.text,
      lang: d.lang,
      sentAt: d.sentAt as Date,
      authorUserId: d.authorUserId,
      approvedByUserId: d.approvedByUserId,
      checkScore: typeof check.score === "number" ? check.score : 0,
      findings: (check.findings ?? []).map((f) => String(f.code ?? "")).filter(Boolean),
    };
  });

  const openedIncidents = await db
    .select({
      id: incidents.id,
      createdAt: incidents.createdAt,
      createdBy: incidents.createdBy,
      severity: incidents.severity,
    })
    .from(incidents)
    .where(eq(incidents.orgId, workspaceId))
    .orderBy(asc(incidents.createdAt));

  const runs = await db
    .select({ id: playbookRuns.id, key: playbooks.key, runAt: playbookRuns.runAt })
    .from(playbookRuns)
    .innerJoin(playbooks, eq(playbooks.id, playbookRuns.playbookId))
    .where(eq(playbookRuns.orgId, workspaceId));
  const tasks = runs.length
    ? await db
        .select({ runId: incidentTasks.playbookRunId, status: incidentTasks.status })
        .from(incidentTasks)
        .where(
          and(
            eq(incidentTasks.orgId, workspaceId),
            inArray(
              incidentTasks.playbookRunId,
              runs.map((r) => r.id),
            ),
          ),
        )
    : [];
  const playbookRunsRead = runs.map((run) => {
    const own = tasks.filter((t) => t.runId === run.id);
    return {
      key: run.key,
      runAt: run.runAt,
      tasksTotal: own.length,
      tasksDone: own.filter((t) => t.status === "done").length,
    };
  });

  const captured = await db
    .select({
      postId: evidenceItems.postId,
      capturedAt: evidenceItems.capturedAt,
      by: evidenceItems.capturedBy,
    })
    .from(evidenceItems)
    .where(eq(evidenceItems.orgId, workspaceId))
    .orderBy(asc(evidenceItems.capturedAt));
  const evidence = captured.flatMap((e) => {
    const injectId = e.postId ? threadInjectOwn(e.postId) : null;
    return injectId ? [{ injectId, capturedAt: e.capturedAt, byUserId: userOf(e.by) }] : [];
  });
  function threadInjectOwn(postId: string) {
    const post = byId.get(postId);
    return post ? injectIdOf(post.externalId, scenarioId, injectIds) : null;
  }

  // The runner judges branches every second and needs no audit log: it leaves `actions` empty.
  const audited =
    options.actions === false
      ? []
      : await db
          .select({
            seq: auditLog.seq,
            at: auditLog.at,
            actor: auditLog.actor,
            action: auditLog.action,
            entityType: auditLog.entityType,
            entityId: auditLog.entityId,
            detail: auditLog.detail,
          })
          .from(auditLog)
          .where(and(eq(auditLog.orgId, workspaceId), like(auditLog.actor, "user:%")))
          .orderBy(asc(auditLog.seq));
  const actions = audited.flatMap((a) => {
    const userId = userOf(a.actor);
    if (!userId || quietActions.has(a.action)) return [];
    return [{ ...a, userId }];
  });

  return {
    injectPosts,
    replies,
    incidents: openedIncidents,
    playbookRuns: playbookRunsRead,
    evidence,
    actions,
  };
}
