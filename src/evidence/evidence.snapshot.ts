import { formatInstant } from "../core/evidence/instant.ts";
import { profileUrlFor } from "../core/evidence/profile-url.ts";
import type { Tx } from "../platform/db/client.ts";
import type { EvidenceView } from "../platform/render/chromium.ts";
import { listPostRevisions } from "../posts/posts.repo.ts";
import * as repo from "./evidence.repo.ts";

type PostWithAuthor = NonNullable<Awaited<ReturnType<typeof repo.findPostWithAuthor>>>;

/** A post of the thread around the captured one. */
export interface SnapshotThreadPost {
  id: string;
  externalId: string;
  url: string | null;
  authorHandle: string;
  authorDisplayName: string | null;
  text: string;
  postedAt: string;
}

/** An earlier version of an edited post. */
export interface SnapshotRevision {
  text: string;
  lang: string;
  /** When this version was written (the post's time for the first one, the edit's time for later ones). */
  writtenAt: string;
}

/**
 * What `snapshot.json` holds: the post as stored, its earlier versions if it was edited, its thread, its
 * author as seen, and who captured it when.
 */
export interface EvidenceSnapshot {
  format: "brandwache-evidence-snapshot/1";
  post: {
    id: string;
    platform: string;
    externalId: string;
    url: string | null;
    text: string;
    lang: string;
    postedAt: string;
    /** When the author last edited it, if they did (snapshots captured before edits were kept lack it). */
    editedAt?: string | null;
    /** When Brandwache first saw the post. */
    firstSeenAt: string;
    inReplyTo: string | null;
    metrics: Record<string, number>;
    /** The platform's payload as it was received. */
    raw: unknown;
  };
  author: {
    platform: string;
    handle: string;
    displayName: string | null;
    followers: number | null;
    accountCreatedAt: string | null;
    firstSeenAt: string;
    lastSeenAt: string;
    profileUrl: string | null;
  };
  /** The versions before the current text, oldest first; empty when it was never edited. */
  revisions?: SnapshotRevision[];
  thread: {
    /** The posts it answers, nearest first (as far as they are stored). */
    ancestors: SnapshotThreadPost[];
    /** Stored direct replies, oldest first. */
    replies: SnapshotThreadPost[];
  };
  capture: {
    itemId: string;
    orgId: string;
    incidentId: string | null;
    note: string | null;
    capturedAt: string;
    capturedBy: string;
  };
}

const maxAncestors = 20;
const maxReplies = 50;

function threadPost({ post, author }: PostWithAuthor): SnapshotThreadPost {
  return {
    id: post.id,
    externalId: post.externalId,
    url: post.url,
    authorHandle: author.handle,
    authorDisplayName: author.displayName,
    text: post.text,
    postedAt: post.postedAt.toISOString(),
  };
}

/** The thread around a post among the organisation's stored posts: ancestors via `inReplyTo`, direct replies. */
export async function loadThread(tx: Tx, orgId: string, found: PostWithAuthor) {
  const ancestors: SnapshotThreadPost[] = [];
  const seen = new Set([found.post.id]);
  let parentId = found.post.inReplyTo;
  while (parentId && ancestors.length < maxAncestors) {
    const parent = await repo.findPostByExternalId(tx, orgId, found.post.platform, parentId);
    if (!parent || seen.has(parent.post.id)) break;
    seen.add(parent.post.id);
    ancestors.push(threadPost(parent));
    parentId = parent.post.inReplyTo;
  }
  const replies = (
    await repo.findReplies(tx, orgId, found.post.platform, found.post.externalId, maxReplies)
  ).map(threadPost);
  return { ancestors, replies };
}

/** The earlier versions of a post as the snapshot holds them. */
export async function loadRevisions(tx: Tx, orgId: string, postId: string): Promise<SnapshotRevision[]> {
  return (await listPostRevisions(tx, orgId, postId)).map((version) => ({
    text: version.text,
    lang: version.lang,
    writtenAt: version.writtenAt.toISOString(),
  }));
}

/** Builds the snapshot of a stored post. */
export function buildSnapshot(
  found: PostWithAuthor,
  thread: EvidenceSnapshot["thread"],
  capture: EvidenceSnapshot["capture"],
  revisions: SnapshotRevision[] = [],
): EvidenceSnapshot {
  const { post, author } = found;
  return {
    format: "brandwache-evidence-snapshot/1",
    post: {
      id: post.id,
      platform: post.platform,
      externalId: post.externalId,
      url: post.url,
      text: post.text,
      lang: post.lang,
      postedAt: post.postedAt.toISOString(),
      editedAt: post.editedAt?.toISOString() ?? null,
      firstSeenAt: post.ingestedAt.toISOString(),
      inReplyTo: post.inReplyTo,
      metrics: { ...post.metrics } as Record<string, number>,
      raw: post.raw ?? null,
    },
    author: {
      platform: author.platform,
      handle: author.handle,
      displayName: author.displayName,
      followers: author.followers,
      accountCreatedAt: author.accountCreatedAt?.toISOString() ?? null,
      firstSeenAt: author.firstSeenAt.toISOString(),
      lastSeenAt: author.lastSeenAt.toISOString(),
      profileUrl: profileUrlFor(author.platform, author.handle),
    },
    revisions,
    thread,
    capture,
  };
}

const none = "—";

/** What the PNG/PDF rendering shows of a snapshot (bilingual labels; all plain text). */
export function viewOfSnapshot(snapshot: EvidenceSnapshot, snapshotSha256: string): EvidenceView {
  const metrics = Object.entries(snapshot.post.metrics)
    .map(([k, v]) => `${k} ${v}`)
    .join(" · ");
  const thread = [
    ...[...snapshot.thread.ancestors].reverse().map((p) => ({ relation: "Vorher / Earlier in thread", p })),
    ...snapshot.thread.replies.map((p) => ({ relation: "Antwort / Reply", p })),
  ].map(({ relation, p }) => ({
    relation,
    author: p.authorDisplayName ? `@${p.authorHandle} (${p.authorDisplayName})` : `@${p.authorHandle}`,
    postedAt: `${formatInstant(new Date(p.postedAt))}${p.url ? ` · ${p.url}` : ""}`,
    text: p.text,
  }));
  return {
    title: `Beweissicherung / Evidence — ${snapshot.post.platform}`,
    platform: `${snapshot.post.platform} (ID ${snapshot.post.externalId})`,
    authorHandle: snapshot.author.handle,
    authorDisplayName: snapshot.author.displayName ?? "",
    postedAt: formatInstant(new Date(snapshot.post.postedAt)),
    editedAt: snapshot.post.editedAt ? formatInstant(new Date(snapshot.post.editedAt)) : none,
    firstSeenAt: formatInstant(new Date(snapshot.post.firstSeenAt)),
    postUrl: snapshot.post.url ?? none,
    profileUrl: snapshot.author.profileUrl ?? none,
    text: snapshot.post.text,
    metrics: metrics || none,
    revisions: (snapshot.revisions ?? []).map((version) => ({
      writtenAt: formatInstant(new Date(version.writtenAt)),
      text: version.text,
    })),
    thread,
    capturedAt: formatInstant(new Date(snapshot.capture.capturedAt)),
    capturedBy: snapshot.capture.capturedBy,
    snapshotSha256,
  };
}
