import { createHash } from "node:crypto";
import { recordAudit } from "../audit/audit.service.ts";
import { canonicalJson } from "../core/audit/jcs.ts";
import { recordIncidentEvent } from "../incidents/incidents.timeline.ts";
import { type Actor, actorLabel } from "../orgs/orgs.policy.ts";
import { workspaceKind } from "../orgs/orgs.service.ts";
import type { AppContext } from "../platform/context.ts";
import { requestTimestamp } from "../platform/crypto/tsa.ts";
import { AppError, forbidden, notFound } from "../platform/http/errors.ts";
import { categoryLogger } from "../platform/logger.ts";
import type { OutboundPolicy } from "../platform/net/outbound.ts";
import { renderEvidence } from "../platform/render/chromium.ts";
import { canCaptureEvidence, canEditEvidenceSettings, canHoldEvidence } from "./evidence.policy.ts";
import * as repo from "./evidence.repo.ts";
import type {
  EvidenceCreate,
  EvidenceQuery,
  EvidenceRead,
  EvidenceSettings,
  EvidenceSettingsRead,
  EvidenceUpdate,
} from "./evidence.schema.ts";
import {
  buildSnapshot,
  type EvidenceSnapshot,
  loadRevisions,
  loadThread,
  viewOfSnapshot,
} from "./evidence.snapshot.ts";

/** What capturing needs from the process's configuration. */
export interface EvidenceOptions {
  /** Chromium for the PNG/PDF renderings (BRANDWACHE_CHROMIUM_PATH). */
  chromiumPath: string;
  /** The server's time-stamping authority (BRANDWACHE_TSA_URL); an organisation may set its own. */
  tsaUrl: string | null;
  /** The SSRF policy the request to the time-stamping authority goes through. */
  policy: OutboundPolicy;
  /** Time limit of one rendering; default 20 s. */
  renderTimeoutMs?: number;
}

/** Media types of the files an item may hold. */
export const evidenceMediaTypes: Record<string, string> = {
  "snapshot.json": "application/json",
  "post.png": "image/png",
  "post.pdf": "application/pdf",
  // RFC 3161 § 4: the whole TimeStampResp, as `openssl ts -reply -in` reads it.
  "timestamp.tsr": "application/timestamp-reply",
};

/** Lower-case hex SHA-256. */
export const sha256Hex = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

const excerptLength = 280;

function present(row: repo.EvidenceItemRow, files: repo.EvidenceFileMeta[]): EvidenceRead {
  return {
    id: row.id,
    postId: row.postId,
    incidentId: row.incidentId,
    note: row.note,
    platform: row.platform,
    authorHandle: row.authorHandle,
    excerpt: row.excerpt,
    postUrl: row.postUrl,
    profileUrl: row.profileUrl,
    firstSeenAt: row.firstSeenAt.toISOString(),
    capturedAt: row.capturedAt.toISOString(),
    capturedBy: row.capturedBy,
    legalHold: {
      on: row.legalHold,
      by: row.legalHoldBy,
      at: row.legalHoldAt?.toISOString() ?? null,
      reason: row.legalHoldReason,
    },
    timestamp:
      row.timestampGenTime && row.timestampTsaUrl
        ? {
            genTime: row.timestampGenTime.toISOString(),
            tsaUrl: row.timestampTsaUrl,
            serialNumber: row.timestampSerial ?? "",
          }
        : null,
    timestampError: row.timestampError,
    renderError: row.renderError,
    files: files
      .filter((f) => f.itemId === row.id)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((f) => ({ name: f.name, mediaType: f.mediaType, sha256: f.sha256, size: f.size })),
  };
}

function fileRow(ctx: AppContext, itemId: string, name: string, bytes: Uint8Array): repo.EvidenceFileRow {
  return {
    itemId,
    name,
    mediaType: evidenceMediaTypes[name] ?? "application/octet-stream",
    bytes,
    sha256: sha256Hex(bytes),
    size: bytes.byteLength,
    createdAt: ctx.clock.now(),
  };
}

/** Renders the snapshot to `post.png` and `post.pdf`, or says why it could not. */
async function renderFiles(
  ctx: AppContext,
  itemId: string,
  snapshot: EvidenceSnapshot,
  snapshotSha256: string,
  opts: EvidenceOptions,
): Promise<{ files: repo.EvidenceFileRow[]; error: string | null }> {
  try {
    const { png, pdf } = await renderEvidence(viewOfSnapshot(snapshot, snapshotSha256), {
      executablePath: opts.chromiumPath,
      ...(opts.renderTimeoutMs ? { timeoutMs: opts.renderTimeoutMs } : {}),
    });
    return {
      files: [fileRow(ctx, itemId, "post.png", png), fileRow(ctx, itemId, "post.pdf", pdf)],
      error: null,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    categoryLogger(ctx.log, "evidence").warn({ itemId, err: message }, "evidence rendering failed");
    return { files: [], error: message };
  }
}

/** The settings of an organisation, defaults when it never saved any. */
async function settingsOf(ctx: AppContext, orgId: string): Promise<EvidenceSettings> {
  const row = await repo.findSettings(ctx.db, orgId);
  return {
    retentionDays: row?.retentionDays ?? null,
    tsaUrl: row?.tsaUrl ?? null,
    timestampEveryCapture: row?.timestampEveryCapture ?? false,
  };
}

/**
 * Captures a stored post as evidence: snapshot.json (canonical JSON of the post, raw payload, thread,
 * author as seen, capture time and capturer), PNG and PDF renderings, SHA-256 of each file and, when
 * asked or configured, an RFC 3161 timestamp over the snapshot's SHA-256. A failed rendering or
 * timestamp is recorded on the item; the capture itself stands. One audited action (`evidence.capture`).
 */
export async function captureEvidence(
  ctx: AppContext,
  actor: Actor,
  input: EvidenceCreate,
  opts: EvidenceOptions,
): Promise<EvidenceRead> {
  if (!canCaptureEvidence(actor)) throw forbidden("capture evidence");
  const found = await repo.findPostWithAuthor(ctx.db, actor.orgId, input.postId);
  if (!found) {
    throw new AppError("not_found", `Post ${input.postId} not found`, [
      { field: "postId", message: "no such post in this organisation" },
    ]);
  }
  // What the author deleted can no longer be captured: the platform shows nothing any more.
  if (found.post.deletedAt) {
    throw new AppError(
      "conflict",
      `Post ${input.postId} was deleted by its author at ${found.post.deletedAt.toISOString()}; it can no longer be captured`,
      [{ field: "postId", message: "the post was deleted before it was captured" }],
    );
  }
  if (input.incidentId && !(await repo.findIncidentStatus(ctx.db, actor.orgId, input.incidentId))) {
    throw new AppError("not_found", `Incident ${input.incidentId} not found`, [
      { field: "incidentId", message: "no such incident in this organisation" },
    ]);
  }
  const settings = await settingsOf(ctx, actor.orgId);
  // An exercise reaches nothing outside the product, a time-stamping authority included.
  const exercise = (await workspaceKind(ctx, actor.orgId)).kind === "exercise";
  const tsaUrl = exercise ? null : (settings.tsaUrl ?? opts.tsaUrl);
  const wantsTimestamp = input.timestamp ?? settings.timestampEveryCapture;
  if (input.timestamp === true && !tsaUrl) {
    throw new AppError(
      "bad_request",
      exercise
        ? "Exercise workspaces do not ask a time-stamping authority"
        : "No time-stamping authority is configured",
      [
        {
          field: "timestamp",
          message: exercise
            ? "leave the timestamp out in an exercise"
            : "set a TSA URL in the evidence settings or BRANDWACHE_TSA_URL",
        },
      ],
    );
  }

  const itemId = ctx.ids.id();
  const capturedAt = ctx.clock.now();
  const capturedBy = actorLabel(actor);
  const thread = await loadThread(ctx.db, actor.orgId, found);
  const revisions = await loadRevisions(ctx.db, actor.orgId, found.post.id);
  const snapshot = buildSnapshot(
    found,
    thread,
    {
      itemId,
      orgId: actor.orgId,
      incidentId: input.incidentId ?? null,
      note: input.note ?? null,
      capturedAt: capturedAt.toISOString(),
      capturedBy,
    },
    revisions,
  );
  const snapshotBytes = new TextEncoder().encode(canonicalJson(snapshot));
  const snapshotFile = fileRow(ctx, itemId, "snapshot.json", snapshotBytes);
  const rendered = await renderFiles(ctx, itemId, snapshot, snapshotFile.sha256, opts);

  const stamp: Pick<
    repo.EvidenceItemRow,
    "timestampGenTime" | "timestampTsaUrl" | "timestampSerial" | "timestampError"
  > = { timestampGenTime: null, timestampTsaUrl: null, timestampSerial: null, timestampError: null };
  const files = [snapshotFile, ...rendered.files];
  if (wantsTimestamp && tsaUrl) {
    try {
      const result = await requestTimestamp(tsaUrl, Buffer.from(snapshotFile.sha256, "hex"), {
        policy: opts.policy,
      });
      files.push(fileRow(ctx, itemId, "timestamp.tsr", new Uint8Array(result.response)));
      Object.assign(stamp, {
        timestampGenTime: result.genTime,
        timestampTsaUrl: tsaUrl,
        timestampSerial: result.serialNumber,
      });
    } catch (error) {
      stamp.timestampError = error instanceof Error ? error.message : String(error);
    }
  }

  const { post, author } = found;
  const item: repo.EvidenceItemRow = {
    id: itemId,
    orgId: actor.orgId,
    postId: post.id,
    incidentId: input.incidentId ?? null,
    note: input.note ?? null,
    capturedBy,
    capturedAt,
    firstSeenAt: post.ingestedAt,
    postUrl: post.url,
    profileUrl: snapshot.author.profileUrl,
    excerpt: [...post.text].slice(0, excerptLength).join(""),
    platform: post.platform,
    authorHandle: author.handle,
    legalHold: false,
    legalHoldBy: null,
    legalHoldAt: null,
    legalHoldReason: null,
    ...stamp,
    renderError: rendered.error,
  };
  await ctx.db.transaction(async (tx) => {
    await repo.insertItem(tx, item, files);
    await recordAudit(tx, ctx, actor, {
      action: "evidence.capture",
      entityType: "evidence",
      entityId: itemId,
      detail: {
        postId: post.id,
        incidentId: item.incidentId,
        files: Object.fromEntries(files.map((f) => [f.name, f.sha256])),
        renderError: item.renderError,
        timestampError: item.timestampError,
      },
    });
    if (item.incidentId) {
      await recordIncidentEvent(tx, ctx, {
        orgId: actor.orgId,
        incidentId: item.incidentId,
        kind: "evidence_captured",
        actor,
        title: {
          de: `Beweis gesichert: Beitrag von @${author.handle}`,
          en: `Evidence captured: post by @${author.handle}`,
        },
        entityType: "evidence",
        entityId: itemId,
        detail: { postId: post.id, snapshotSha256: snapshotFile.sha256 },
      });
    }
  });
  return present(item, files);
}

/** Items of the organisation, newest first; any member may read them. */
export async function listEvidence(
  ctx: AppContext,
  actor: Actor,
  query: EvidenceQuery,
): Promise<EvidenceRead[]> {
  const rows = await repo.listItems(ctx.db, actor.orgId, query);
  const files = await repo.listFileMeta(
    ctx.db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => present(r, files));
}

/** One item with its files. */
export async function getEvidence(ctx: AppContext, actor: Actor, id: string): Promise<EvidenceRead> {
  const row = await repo.findItem(ctx.db, actor.orgId, id);
  if (!row) throw notFound("Evidence item");
  return present(row, await repo.listFileMeta(ctx.db, [id]));
}

/** One stored file of an item, with its bytes. */
export async function getEvidenceFile(ctx: AppContext, actor: Actor, id: string, name: string) {
  const file = await repo.findFile(ctx.db, actor.orgId, id, name);
  if (!file) throw notFound(`File ${name} of the evidence item`);
  return file;
}

/** Puts an item on legal hold or releases it (managers and admins; a reason is required). */
export async function setLegalHold(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: EvidenceUpdate,
): Promise<EvidenceRead> {
  if (!canHoldEvidence(actor)) throw forbidden("put evidence on legal hold or release it");
  await ctx.db.transaction(async (tx) => {
    const row = await repo.findItem(tx, actor.orgId, id);
    if (!row) throw notFound("Evidence item");
    await repo.updateItem(tx, actor.orgId, id, {
      legalHold: input.legalHold,
      legalHoldBy: actorLabel(actor),
      legalHoldAt: ctx.clock.now(),
      legalHoldReason: input.reason,
    });
    await recordAudit(tx, ctx, actor, {
      action: input.legalHold ? "evidence.hold" : "evidence.release",
      entityType: "evidence",
      entityId: id,
      detail: { reason: input.reason },
    });
  });
  return getEvidence(ctx, actor, id);
}

/** Renders an item again from its stored snapshot (after Chromium was missing or failed). */
export async function renderEvidenceAgain(
  ctx: AppContext,
  actor: Actor,
  id: string,
  opts: EvidenceOptions,
): Promise<EvidenceRead> {
  if (!canCaptureEvidence(actor)) throw forbidden("render evidence");
  const row = await repo.findItem(ctx.db, actor.orgId, id);
  if (!row) throw notFound("Evidence item");
  const stored = await repo.findFile(ctx.db, actor.orgId, id, "snapshot.json");
  if (!stored) throw notFound("snapshot.json of the evidence item");
  const snapshot = JSON.parse(new TextDecoder().decode(stored.bytes)) as EvidenceSnapshot;
  const rendered = await renderFiles(ctx, id, snapshot, stored.sha256, opts);
  await ctx.db.transaction(async (tx) => {
    await repo.upsertFiles(tx, rendered.files);
    await repo.updateItem(tx, actor.orgId, id, { renderError: rendered.error });
    await recordAudit(tx, ctx, actor, {
      action: "evidence.render",
      entityType: "evidence",
      entityId: id,
      detail: {
        files: Object.fromEntries(rendered.files.map((f) => [f.name, f.sha256])),
        renderError: rendered.error,
      },
    });
  });
  return getEvidence(ctx, actor, id);
}

/** The organisation's evidence settings; any member may read them. */
export async function getEvidenceSettings(
  ctx: AppContext,
  actor: Actor,
  opts: Pick<EvidenceOptions, "tsaUrl">,
): Promise<EvidenceSettingsRead> {
  return { ...(await settingsOf(ctx, actor.orgId)), serverTsaUrl: opts.tsaUrl };
}

/** Changes retention and the time-stamping authority (admins). */
export async function updateEvidenceSettings(
  ctx: AppContext,
  actor: Actor,
  input: EvidenceSettings,
  opts: Pick<EvidenceOptions, "tsaUrl">,
): Promise<EvidenceSettingsRead> {
  if (!canEditEvidenceSettings(actor)) throw forbidden("change the evidence settings");
  await ctx.db.transaction(async (tx) => {
    await repo.upsertSettings(tx, { orgId: actor.orgId, ...input, updatedAt: ctx.clock.now() });
    await recordAudit(tx, ctx, actor, {
      action: "evidence.settings",
      entityType: "evidence_settings",
      entityId: actor.orgId,
      detail: input,
    });
  });
  return getEvidenceSettings(ctx, actor, opts);
}
