// Saved replies: per organisation, German and English, with variables filled in for a conversation.
import { recordAudit } from "../audit/audit.service.ts";
import { fillTemplate } from "../core/inbox/template.ts";
import { isOfficialHandle } from "../core/risk/risk.types.ts";
import type { Actor } from "../orgs/orgs.policy.ts";
import { memberNames, organisationName } from "../orgs/orgs.service.ts";
import type { AppContext } from "../platform/context.ts";
import { AppError, forbidden, notFound } from "../platform/http/errors.ts";
import { getRiskProfile } from "../risk/risk.service.ts";
import { defaultSavedReplies } from "./inbox.defaults.ts";
import { canManageInbox, canReadInbox } from "./inbox.policy.ts";
import * as repo from "./inbox.repo.ts";
import type { SavedReplyCreate, SavedReplyRead, SavedReplyUpdate } from "./inbox.schema.ts";
import { settingsOf } from "./inbox.service.ts";

const presentReply = (row: repo.SavedReplyRow): SavedReplyRead => ({
  id: row.id,
  title: row.title,
  lang: row.lang as "de" | "en",
  text: row.text,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

/** Saved replies, searched by title or text; the first listing writes the defaults in German and English. */
export async function listSavedReplies(
  ctx: AppContext,
  actor: Actor,
  query: { q?: string | undefined; lang?: "de" | "en" | undefined },
): Promise<SavedReplyRead[]> {
  if (!canReadInbox(actor)) throw forbidden("read the inbox");
  await ctx.db.transaction(async (tx) => {
    const now = ctx.clock.now();
    await repo.lockInboxSync(tx, actor.orgId);
    const settings = await settingsOf(tx, actor.orgId, now);
    if (settings.savedRepliesSeeded) return;
    await repo.insertSavedReplies(
      tx,
      defaultSavedReplies.map((r) => ({
        id: ctx.ids.id(),
        orgId: actor.orgId,
        ...r,
        createdAt: now,
        updatedAt: now,
      })),
    );
    await repo.updateSettings(tx, actor.orgId, { savedRepliesSeeded: true });
  });
  return (await repo.listSavedReplies(ctx.db, actor.orgId, query)).map(presentReply);
}

/** Creates a saved reply (managers). */
export async function createSavedReply(
  ctx: AppContext,
  actor: Actor,
  input: SavedReplyCreate,
): Promise<SavedReplyRead> {
  if (!canManageInbox(actor)) throw forbidden("manage saved replies");
  const now = ctx.clock.now();
  const row: repo.SavedReplyRow = {
    id: ctx.ids.id(),
    orgId: actor.orgId,
    ...input,
    createdAt: now,
    updatedAt: now,
  };
  await ctx.db.transaction(async (tx) => {
    await repo.insertSavedReplies(tx, [row]);
    await recordAudit(tx, ctx, actor, {
      action: "saved_reply.create",
      entityType: "saved_reply",
      entityId: row.id,
      detail: { title: input.title, lang: input.lang },
    });
  });
  return presentReply(row);
}

/** Changes a saved reply (managers). */
export async function updateSavedReply(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: SavedReplyUpdate,
): Promise<SavedReplyRead> {
  if (!canManageInbox(actor)) throw forbidden("manage saved replies");
  return ctx.db.transaction(async (tx) => {
    if (!(await repo.findSavedReply(tx, actor.orgId, id))) throw notFound("Saved reply");
    await repo.updateSavedReply(tx, actor.orgId, id, { ...input, updatedAt: ctx.clock.now() });
    await recordAudit(tx, ctx, actor, {
      action: "saved_reply.update",
      entityType: "saved_reply",
      entityId: id,
      detail: { fields: Object.keys(input) },
    });
    const row = await repo.findSavedReply(tx, actor.orgId, id);
    if (!row) throw notFound("Saved reply");
    return presentReply(row);
  });
}

/** Deletes a saved reply (managers). */
export async function deleteSavedReply(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  if (!canManageInbox(actor)) throw forbidden("manage saved replies");
  await ctx.db.transaction(async (tx) => {
    if (!(await repo.deleteSavedReply(tx, actor.orgId, id))) throw notFound("Saved reply");
    await recordAudit(tx, ctx, actor, {
      action: "saved_reply.delete",
      entityType: "saved_reply",
      entityId: id,
    });
  });
}

/** A saved reply filled in for a conversation: its author, ticket, the signed-in person and the organisation. */
export async function fillSavedReply(
  ctx: AppContext,
  actor: Actor,
  conversationId: string,
  savedReplyId: string,
): Promise<{ text: string; lang: "de" | "en" }> {
  if (!canReadInbox(actor)) throw forbidden("read the inbox");
  // The conversation in the path first: another organisation's conversation is not found, whatever the body says.
  const conversation = await repo.findConversation(ctx.db, actor.orgId, conversationId);
  if (!conversation) throw notFound("Conversation");
  const reply = await repo.findSavedReply(ctx.db, actor.orgId, savedReplyId);
  if (!reply) {
    throw new AppError("validation_failed", "Unknown saved reply", [
      { field: "savedReplyId", message: `no saved reply ${savedReplyId}` },
    ]);
  }
  const accounts = (await getRiskProfile(ctx, actor.orgId)).officialAccounts;
  const posts = await repo.postsOfConversation(ctx.db, actor.orgId, conversationId);
  // The customer is the author of the latest post that is not ours.
  const customer = [...posts].reverse().find((p) => !isOfficialHandle(accounts, p.platform, p.handle));
  const me = actor.userId
    ? (await memberNames(ctx.db, actor.orgId, [actor.userId])).get(actor.userId)
    : undefined;
  const result = fillTemplate(reply.text, {
    author: customer ? `@${customer.handle}` : "",
    name: customer?.displayName ?? (customer ? `@${customer.handle}` : ""),
    ticket: `#${conversation.ticket}`,
    agent: me ?? "",
    org: (await organisationName(ctx, actor.orgId)) ?? "",
  });
  if (!result.ok) {
    throw new AppError("validation_failed", "The saved reply uses unknown variables", [
      {
        field: "savedReplyId",
        message: `unknown variables ${result.unknown.map((u) => `{${u}}`).join(", ")}`,
      },
    ]);
  }
  return { text: result.text, lang: reply.lang as "de" | "en" };
}
