import { createHash } from "node:crypto";
import { z } from "zod";
import type { OutgoingMessage } from "../platform/bus/bus.ts";
import { Lang, PostCreate, PostRead } from "../posts/posts.schema.ts";
import { RiskResultRead } from "../risk/risk.schema.ts";

/** `posts.ingested`: a valid post entering the pipeline for one organisation. */
export const IngestedPost = z.object({
  orgId: z.string(),
  sourceId: z.string().nullable(),
  post: PostCreate,
});
export type IngestedPost = z.infer<typeof IngestedPost>;

/**
 * A `posts.ingested` message: a page of valid posts of one organisation and source, as a connector, the API or
 * an import hands them over (one bus message per post was most of the bus's work). Workers of an earlier
 * version publish one `IngestedPost` per message; `ingestedPostsOf` reads both.
 */
export const IngestedPage = z.object({
  orgId: z.string(),
  sourceId: z.string().nullable(),
  posts: z.array(z.unknown()).min(1),
});

/**
 * The posts of one `posts.ingested` message, each checked on its own so that one malformed entry does not take
 * the valid ones with it; `malformed` holds the problems of those dropped (for the log).
 */
export function ingestedPostsOf(payload: unknown): {
  posts: IngestedPost[];
  malformed: z.core.$ZodIssue[][];
} {
  const page = IngestedPage.safeParse(payload);
  const entries = page.success
    ? page.data.posts.map((post) => ({ orgId: page.data.orgId, sourceId: page.data.sourceId, post }))
    : [payload];
  return parseEach(entries, IngestedPost);
}

/** Parses each entry on its own: the valid ones, and the problems of the others. */
function parseEach<T>(
  entries: readonly unknown[],
  schema: z.ZodType<T>,
): { posts: T[]; malformed: z.core.$ZodIssue[][] } {
  const posts: T[] = [];
  const malformed: z.core.$ZodIssue[][] = [];
  for (const entry of entries) {
    const parsed = schema.safeParse(entry);
    if (parsed.success) posts.push(parsed.data);
    else malformed.push(parsed.error.issues);
  }
  return { posts, malformed };
}

/**
 * Splits items into bus messages of at most `maxItems` and about `maxBytes` each (`bytesOf` estimates an item's
 * JSON from above; an item alone is never split). Each message's id is a digest of its items' ids, so the same
 * message sent again is dropped by a bus that drops duplicates.
 */
export function chunkMessages<T>(
  items: readonly T[],
  opts: {
    maxItems: number;
    maxBytes: number;
    bytesOf: (item: T) => number;
    idOf: (item: T) => string;
    payload: (items: T[]) => unknown;
  },
): OutgoingMessage[] {
  const messages: OutgoingMessage[] = [];
  let chunk: T[] = [];
  let bytes = 0;
  const flush = () => {
    if (chunk.length === 0) return;
    const digest = createHash("sha256");
    for (const item of chunk) digest.update(`${opts.idOf(item)}\n`);
    messages.push({ payload: opts.payload(chunk), id: `batch:${digest.digest("base64url")}` });
    chunk = [];
    bytes = 0;
  };
  for (const item of items) {
    const size = opts.bytesOf(item);
    if (chunk.length >= opts.maxItems || (chunk.length > 0 && bytes + size > opts.maxBytes)) flush();
    chunk.push(item);
    bytes += size;
  }
  flush();
  return messages;
}

/**
 * An upper bound of a post's JSON on the bus: every code unit of its text as up to 3 bytes, its spans, the
 * bytes of the original payload a connector keeps as evidence (`raw`, `rawBytes`), and 4 kB for the rest.
 */
export function postBytes(text: string, spans: number, rawBytes: number): number {
  return 3 * text.length + 200 * spans + rawBytes + 4096;
}

/** The bytes of a post's original payload as JSON (0 without one). */
export function rawBytesOf(raw: unknown): number {
  return raw === undefined ? 0 : Buffer.byteLength(JSON.stringify(raw) ?? "");
}

/** A bus message stays far below NATS's default limit of 1 MB. */
export const maxMessageBytes = 512 * 1024;

/**
 * The bus's message id of a post on its way to the store: the same post sent again is one message, an edit
 * of it (a later `editedAt`) another, which a bus that drops duplicates by id must let through.
 */
export function postMessageId(orgId: string, post: Pick<PostCreate, "platform" | "externalId" | "editedAt">) {
  const base = `${orgId}:${post.platform}:${post.externalId}`;
  return post.editedAt ? `${base}:edited:${post.editedAt.toISOString()}` : base;
}

/** The assessment stage's verdict, stored beside the post. */
export const Assessment = z.object({
  /** Name and version of what produced it, e.g. `baseline@1`. */
  engine: z.string(),
  lang: Lang,
  priority: z.number().min(0).max(1),
  /** Every category's verdict, keyed by category. */
  categories: z.record(z.string(), RiskResultRead),
});
export type Assessment = z.infer<typeof Assessment>;

/** `posts.assessed`: a post with its language, matched topics and assessment. */
export const AssessedPost = IngestedPost.extend({
  lang: Lang,
  topicIds: z.array(z.string()),
  assessment: Assessment,
});
export type AssessedPost = z.infer<typeof AssessedPost>;

/** `posts.stored`: a post that was new and is now stored, or whose text an edit replaced, as the API shows it. */
export const StoredPost = z.object({
  orgId: z.string(),
  post: PostRead,
  /**
   * The post was stored before and an edit of its author replaced its text (and assessment): live views
   * replace it, post alert rules evaluate it again, and whatever counts volume must skip it.
   */
  edited: z.boolean().optional(),
});
export type StoredPost = z.infer<typeof StoredPost>;

/**
 * A `posts.stored` message: the posts one store step stored or replaced, in one message (one bus message per
 * post was most of the bus's work: every process receives every announcement). Workers of an earlier version
 * announce one `StoredPost` per message; `storedPostsOf` reads both.
 */
export const StoredPosts = z.object({ posts: z.array(z.unknown()).min(1) });

/**
 * The announcements of one `posts.stored` message, each checked on its own so that one malformed entry does
 * not take the valid ones with it; `malformed` counts those dropped (for the log).
 */
export function storedPostsOf(payload: unknown): { posts: StoredPost[]; malformed: z.core.$ZodIssue[][] } {
  const batch = StoredPosts.safeParse(payload);
  return parseEach(batch.success ? batch.data.posts : [payload], StoredPost);
}

/** `topics.changed`: an organisation's topics changed; caches of compiled queries must reload. */
export const TopicsChanged = z.object({ orgId: z.string() });
