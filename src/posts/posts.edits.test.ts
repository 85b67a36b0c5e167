import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { buildPost, buildTopic } from "../../test/factories.ts";
import {
  databaseKinds,
  seedOrganisation,
  signIn,
  startTestApp,
  startTestRuntime,
} from "../../test/harness.ts";
import { assessIngestedPost } from "../pipeline/assess.stage.ts";
import {
  type AssessedPost,
  IngestedPost,
  type StoredPost,
  storedPostsOf,
} from "../pipeline/pipeline.messages.ts";
import { loadMatchableTopics } from "../topics/topics.service.ts";
import * as repo from "./posts.repo.ts";
import type { PostList, PostRead, PostRevisionList } from "./posts.schema.ts";
import { ingestPosts, markDeletedByAuthor, storeAssessedPosts } from "./posts.service.ts";

/** A post as a connector sends it, with the fields these tests read typed as strings. */
function postOf(overrides: Parameters<typeof buildPost>[0] = {}) {
  const post = buildPost(overrides);
  return { ...post, externalId: String(post.externalId), postedAt: String(post.postedAt) };
}

const original =
  "Seit heute Morgen habe ich bei Nordwind kein Netz mehr. Was ist da los? Danke für die schnelle Hilfe!";
const firstEdit = "Seit heute Morgen habe ich bei Nordwind kein Netz mehr. Die Hotline legt einfach auf.";
const secondEdit =
  "Nordwind ist ein Saftladen, die Hotline legt auf und keiner hilft. Ich kündige und erzähle es allen!";

describe.each(databaseKinds)("edited and deleted posts on %s", (kind) => {
  let runtime: Awaited<ReturnType<typeof startTestRuntime>>;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let session: Awaited<ReturnType<typeof signIn>>;
  let orgId = "";
  let otherOrgId = "";
  const announced: StoredPost[] = [];

  const get = async <T>(url: string) => {
    const res = await app.inject({ method: "GET", url, headers: session.headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as T;
  };
  /** Sends posts through the whole pipeline (ingest → assess → store) and waits until they are stored. */
  const send = async (org: string, ...items: Record<string, unknown>[]) => {
    const result = await ingestPosts(runtime.ctx, { orgId: org, system: true }, items);
    expect(result.rejected).toBe(0);
    await runtime.ctx.bus.idle();
  };
  const postByExternalId = async (externalId: string) => {
    const list = await get<PostList>("/api/posts?limit=200");
    const found = list.items.find((p) => p.externalId === externalId);
    if (!found) throw new Error(`post ${externalId} not listed`);
    return found;
  };
  const revisionsOf = (id: string) => get<PostRevisionList>(`/api/posts/${id}/revisions`);
  /** What the assess stage makes of a post, for driving the store stage directly. */
  const assessed = async (org: string, post: Record<string, unknown>): Promise<AssessedPost> => {
    const item = IngestedPost.parse({ orgId: org, sourceId: null, post });
    const verdict = await runtime.risk.assess(org, {
      text: item.post.text,
      author: { handle: item.post.author.handle, platform: item.post.platform },
    });
    return assessIngestedPost(item, await loadMatchableTopics(runtime.ctx, org), verdict);
  };

  beforeAll(async () => {
    runtime = await startTestRuntime(kind, { alertLoops: false });
    app = await startTestApp(runtime);
    const seeded = await seedOrganisation(runtime, "edits");
    orgId = seeded.org.id;
    otherOrgId = (await seedOrganisation(runtime, "edits-other")).org.id;
    session = await signIn(app, seeded.email);
    runtime.ctx.bus.listen("posts.stored", (payload) => announced.push(...storedPostsOf(payload).posts));
  });
  afterAll(async () => {
    await app?.close();
    await runtime?.dispose();
  });

  it("replaces the text with a later edit and keeps the earlier text as a revision", async () => {
    const topic = await app.inject({
      method: "POST",
      url: "/api/topics",
      headers: session.headers,
      payload: buildTopic({ name: "Hotline", query: "hotline" }),
    });
    expect(topic.statusCode, topic.body).toBe(201);
    const topicId = (topic.json() as { id: string }).id;
    await runtime.ctx.bus.idle();
    const post = postOf({ text: original, metrics: { likes: 2 } });
    await send(orgId, post);
    const before = await postByExternalId(post.externalId);
    expect(before.editedAt).toBeNull();
    expect(before.topicIds).not.toContain(topicId);
    announced.length = 0;

    const editedAt = "2026-11-25T11:00:00.000Z";
    await send(orgId, { ...post, text: firstEdit, editedAt, metrics: { likes: 7, replies: 1 } });

    const after = await get<PostRead>(`/api/posts/${before.id}`);
    expect(after).toMatchObject({
      id: before.id,
      text: firstEdit,
      editedAt,
      deletedAt: null,
      metrics: { likes: 7, replies: 1 },
      ingestedAt: before.ingestedAt,
    });
    // The assess stage matched the new text: the topic that only the edit mentions now holds the post.
    expect(after.topicIds).toContain(topicId);
    expect(await revisionsOf(before.id)).toEqual({
      items: [{ text: original, lang: before.lang, writtenAt: before.postedAt, replacedAt: editedAt }],
    });
    // Announced as an edit, not as a new post.
    expect(announced.map((a) => [a.post.id, a.post.text, a.edited])).toEqual([[before.id, firstEdit, true]]);
    const listed = await get<PostList>("/api/posts?limit=200");
    expect(listed.items.filter((p) => p.externalId === post.externalId)).toHaveLength(1);
  });

  it("does not count an edit as one more post in its topic's volume", async () => {
    const topic = await app.inject({
      method: "POST",
      url: "/api/topics",
      headers: session.headers,
      payload: buildTopic({ name: "Funkloch", query: "funkloch" }),
    });
    const topicId = (topic.json() as { id: string }).id;
    await runtime.ctx.bus.idle();
    const volume = async () =>
      (await get<{ minutes: { volume: number }[] }>(`/api/escalation/${topicId}`)).minutes.reduce(
        (sum, m) => sum + m.volume,
        0,
      );
    // Counting starts before the post is stored, so the post (and an edit of it) reach it as announcements.
    expect(await volume()).toBe(0);
    const post = postOf({
      text: "Schon wieder ein Funkloch bei Nordwind.",
      postedAt: new Date().toISOString(),
    });
    await send(orgId, post);
    await vi.waitFor(async () => expect(await volume()).toBe(1), { timeout: 10_000 });

    await send(orgId, {
      ...post,
      text: "Schon wieder ein Funkloch bei Nordwind, seit Stunden!",
      editedAt: new Date().toISOString(),
    });
    expect((await postByExternalId(post.externalId)).text).toContain("seit Stunden");

    // The announcement of the edit has reached every listener; the volume stays one post.
    await runtime.ctx.bus.idle();
    expect(await volume()).toBe(1);
  });

  it("replaces the assessment with the verdict on the edited text", async () => {
    const post = postOf({ text: original });
    await send(orgId, post);
    const before = await postByExternalId(post.externalId);
    const twin = postOf({ text: secondEdit });
    await send(orgId, twin);
    const expected = (await postByExternalId(twin.externalId)).assessment;

    await send(orgId, { ...post, text: secondEdit, editedAt: "2026-11-25T12:00:00.000Z" });

    const after = await get<PostRead>(`/api/posts/${before.id}`);
    expect(after.assessment).toEqual(expected);
    expect(after.assessment).not.toEqual(before.assessment);
  });

  it("ignores an edit older than the stored one, but keeps its text as a revision", async () => {
    const post = postOf({ text: original });
    await send(orgId, post);
    const { id } = await postByExternalId(post.externalId);
    await send(orgId, { ...post, text: secondEdit, editedAt: "2026-11-25T12:00:00.000Z" });
    announced.length = 0;

    await send(orgId, { ...post, text: firstEdit, editedAt: "2026-11-25T11:00:00.000Z" });

    const after = await get<PostRead>(`/api/posts/${id}`);
    expect(after.text).toBe(secondEdit);
    expect(after.editedAt).toBe("2026-11-25T12:00:00.000Z");
    expect((await revisionsOf(id)).items).toEqual([
      { text: original, lang: after.lang, writtenAt: post.postedAt, replacedAt: "2026-11-25T11:00:00.000Z" },
      {
        text: firstEdit,
        lang: after.lang,
        writtenAt: "2026-11-25T11:00:00.000Z",
        replacedAt: "2026-11-25T12:00:00.000Z",
      },
    ]);
    expect(announced).toEqual([]);
  });

  it("changes nothing when the same edit comes again, or a later one with the same text", async () => {
    const post = postOf({ text: original });
    await send(orgId, post);
    const { id } = await postByExternalId(post.externalId);
    const edit = { ...post, text: firstEdit, editedAt: "2026-11-25T11:00:00.000Z", metrics: { likes: 3 } };
    await send(orgId, edit);
    const once = await get<PostRead>(`/api/posts/${id}`);
    announced.length = 0;

    await send(orgId, edit);
    await send(orgId, { ...edit, editedAt: "2026-11-25T13:00:00.000Z", metrics: { likes: 99 } });
    // Another text claiming the very time of the stored version cannot be placed: it changes nothing.
    await send(orgId, { ...edit, text: secondEdit });
    // Redelivered to the store stage itself, not only sent again.
    await storeAssessedPosts(runtime.ctx, [await assessed(orgId, edit), await assessed(orgId, edit)]);

    expect(await get<PostRead>(`/api/posts/${id}`)).toEqual(once);
    expect((await revisionsOf(id)).items.map((r) => r.text)).toEqual([original]);
    expect(announced).toEqual([]);
  });

  it("keeps a post first seen already edited as one new post without revisions", async () => {
    const post = postOf({ text: firstEdit, editedAt: "2026-11-25T11:00:00.000Z" });
    announced.length = 0;
    await send(orgId, post);
    const stored = await postByExternalId(post.externalId);
    expect(stored.editedAt).toBe("2026-11-25T11:00:00.000Z");
    expect((await revisionsOf(stored.id)).items).toEqual([]);
    expect(announced.map((a) => a.edited)).toEqual([undefined]);
  });

  it("stores both edits of one batch in order of their time", async () => {
    const post = postOf({ text: original });
    await send(orgId, post);
    const { id } = await postByExternalId(post.externalId);
    const later = { ...post, text: secondEdit, editedAt: "2026-11-25T12:00:00.000Z" };
    const earlier = { ...post, text: firstEdit, editedAt: "2026-11-25T11:00:00.000Z" };

    await storeAssessedPosts(runtime.ctx, [await assessed(orgId, later), await assessed(orgId, earlier)]);

    expect((await get<PostRead>(`/api/posts/${id}`)).text).toBe(secondEdit);
    expect((await revisionsOf(id)).items.map((r) => r.text)).toEqual([original, firstEdit]);
  });

  it.each([
    ["the older edit first", false],
    ["the newer edit first", true],
  ])(
    "ends with the newest text and every earlier one when two workers store edits at once (%s)",
    async (_, newerFirst) => {
      const post = postOf({ text: original });
      await send(orgId, post);
      const { id } = await postByExternalId(post.externalId);
      const first = await assessed(orgId, { ...post, text: firstEdit, editedAt: "2026-11-25T11:00:00.000Z" });
      const second = await assessed(orgId, {
        ...post,
        text: secondEdit,
        editedAt: "2026-11-25T12:00:00.000Z",
      });
      const [a, b] = newerFirst ? [second, first] : [first, second];

      // On PostgreSQL these are two transactions on two connections; the row lock serialises them.
      const results = await Promise.all([
        storeAssessedPosts(runtime.ctx, [a]),
        storeAssessedPosts(runtime.ctx, [b]),
      ]);

      const after = await get<PostRead>(`/api/posts/${id}`);
      expect(after.text).toBe(secondEdit);
      expect(after.editedAt).toBe("2026-11-25T12:00:00.000Z");
      expect((await revisionsOf(id)).items.map((r) => [r.text, r.writtenAt])).toEqual([
        [original, post.postedAt],
        [firstEdit, "2026-11-25T11:00:00.000Z"],
      ]);
      expect(results.flat().every((s) => s.edited)).toBe(true);
    },
  );

  it("keeps posts deleted by their author listed with deletedAt, marked only for that platform and org", async () => {
    const shared = `gone-${kind}`;
    const mastodon = postOf({ platform: "mastodon", externalId: shared });
    const bluesky = postOf({ platform: "bluesky", externalId: shared });
    await send(orgId, mastodon, bluesky);
    await send(otherOrgId, postOf({ platform: "mastodon", externalId: shared }));

    expect(await markDeletedByAuthor(runtime.ctx, orgId, "mastodon", [shared, shared, "never-stored"])).toBe(
      1,
    );
    // Reported again (a reconnect replays deletions): already marked, nothing changes.
    expect(await markDeletedByAuthor(runtime.ctx, orgId, "mastodon", [shared])).toBe(0);

    const ours = (await get<PostList>("/api/posts?limit=200")).items.filter((p) => p.externalId === shared);
    expect(ours.map((p) => [p.platform, p.deletedAt !== null]).sort()).toEqual([
      ["bluesky", false],
      ["mastodon", true],
    ]);
    const hidden = await get<PostList>("/api/posts?limit=200&deleted=hide");
    expect(hidden.items.filter((p) => p.externalId === shared).map((p) => p.platform)).toEqual(["bluesky"]);
    const only = await get<PostList>("/api/posts?limit=200&deleted=only");
    expect(only.items.map((p) => [p.platform, p.externalId])).toEqual([["mastodon", shared]]);
    const [theirs] = await runtime.ctx.db.query.posts.findMany({
      where: (p, { and, eq }) => and(eq(p.orgId, otherOrgId), eq(p.externalId, shared)),
    });
    expect(theirs?.deletedAt).toBeNull();
  });

  it("applies a deletion reported before its post was stored, and forgets such reports after a day", async () => {
    const early = `early-${kind}`;
    // A live connection reports the deletion while the post is still on its way through the pipeline.
    expect(await markDeletedByAuthor(runtime.ctx, orgId, "mastodon", [early])).toBe(0);
    const before = announced.length;
    await send(orgId, postOf({ platform: "mastodon", externalId: early }));
    await send(orgId, postOf({ platform: "bluesky", externalId: early }));
    await send(otherOrgId, postOf({ platform: "mastodon", externalId: early }));

    const ours = (await get<PostList>("/api/posts?limit=200")).items.filter((p) => p.externalId === early);
    expect(ours.map((p) => [p.platform, p.deletedAt !== null]).sort()).toEqual([
      ["bluesky", false],
      ["mastodon", true],
    ]);
    const announcedNow = announced.slice(before).filter((s) => s.post.externalId === early);
    expect(
      announcedNow.map((s) => [s.orgId === orgId, s.post.platform, s.post.deletedAt !== null]).sort(),
    ).toEqual([
      [false, "mastodon", false],
      [true, "bluesky", false],
      [true, "mastodon", true],
    ]);

    // A report older than a day is dropped the next time deletions come in.
    const stale = `stale-${kind}`;
    await repo.insertPostDeletions(runtime.ctx.db, [
      { orgId, platform: "mastodon", externalId: stale, deletedAt: new Date(Date.now() - 2 * 86_400_000) },
    ]);
    await markDeletedByAuthor(runtime.ctx, orgId, "mastodon", [`unrelated-${kind}`]);
    await send(orgId, postOf({ platform: "mastodon", externalId: stale }));
    expect((await postByExternalId(stale)).deletedAt).toBeNull();
  });

  it("keeps the earlier text of a post edited before it was deleted", async () => {
    const post = postOf({ text: original });
    await send(orgId, post);
    await send(orgId, { ...post, text: firstEdit, editedAt: "2026-11-25T11:00:00.000Z" });
    await markDeletedByAuthor(runtime.ctx, orgId, "mastodon", [post.externalId]);
    const gone = await postByExternalId(post.externalId);
    expect(gone.deletedAt).not.toBeNull();
    expect(gone.editedAt).toBe("2026-11-25T11:00:00.000Z");
    expect((await revisionsOf(gone.id)).items.map((r) => r.text)).toEqual([original]);
  });

  it("raises a post alert when an edit makes a harmless post important", async () => {
    // A threat (found by rules, so the test does not hang on a trained model's exact score).
    const threat = `${secondEdit} Wenn ich euren Filialleiter erwische, schlag ich ihn tot!`;
    const priorityOf = async (text: string) =>
      (await runtime.risk.assess(orgId, { text, author: { handle: "kundin", platform: "mastodon" } }))
        .priority;
    const [harmless, risky] = [await priorityOf(original), await priorityOf(threat)];
    expect(risky).toBeGreaterThan(harmless);
    const rule = await app.inject({
      method: "POST",
      url: "/api/alert-rules",
      headers: session.headers,
      payload: {
        name: "Wichtige Beiträge",
        condition: { kind: "priority_post", minPriority: (harmless + risky) / 2 },
        channelIds: [],
      },
    });
    expect(rule.statusCode, rule.body).toBe(201);
    await runtime.ctx.bus.idle();
    const post = postOf({ text: original });
    await send(orgId, post);
    const { id } = await postByExternalId(post.externalId);
    const alertsOf = async () =>
      (await get<{ items: { postIds: string[] }[] }>("/api/alerts")).items.filter((a) =>
        a.postIds.includes(id),
      );
    expect(await alertsOf()).toEqual([]);

    await send(orgId, { ...post, text: threat, editedAt: "2026-11-25T12:00:00.000Z" });

    await vi.waitFor(async () => expect(await alertsOf()).toHaveLength(1), { timeout: 10_000 });
  });

  it("answers 404 for the revisions of a post that does not exist", async () => {
    const res = await app.inject({
      method: "GET",
      url: "/api/posts/nope/revisions",
      headers: session.headers,
    });
    expect(res.statusCode).toBe(404);
  });
});
