import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildPost } from "../../test/factories.ts";
import { databaseKinds, seedOrganisation, startTestRuntime } from "../../test/harness.ts";
import { ingestPosts, storeAssessedPosts, storedExternalIds } from "../posts/posts.service.ts";
import { loadMatchableTopics } from "../topics/topics.service.ts";
import { assessIngestedPost } from "./assess.stage.ts";
import { type AssessedPost, IngestedPost, type StoredPost, storedPostsOf } from "./pipeline.messages.ts";

describe.each(databaseKinds)("pipeline stages on %s", (kind) => {
  let runtime: Awaited<ReturnType<typeof startTestRuntime>>;
  let orgId = "";
  const announced: StoredPost[] = [];
  const assessedMessages: unknown[] = [];

  /** What the assess stage makes of a post. */
  const assessed = async (post: Record<string, unknown>): Promise<AssessedPost> => {
    const item = IngestedPost.parse({ orgId, sourceId: null, post });
    const verdict = await runtime.risk.assess(orgId, {
      text: item.post.text,
      author: { handle: item.post.author.handle, platform: item.post.platform },
    });
    return assessIngestedPost(item, await loadMatchableTopics(runtime.ctx, orgId), verdict);
  };
  const storedCount = async (externalIds: string[]) =>
    (await storedExternalIds(runtime.ctx, orgId, "mastodon", externalIds)).size;

  beforeAll(async () => {
    runtime = await startTestRuntime(kind, { alertLoops: false });
    orgId = (await seedOrganisation(runtime, "pipeline")).org.id;
    runtime.ctx.bus.listen("posts.stored", (payload) => announced.push(...storedPostsOf(payload).posts));
    runtime.ctx.bus.listen("posts.assessed", (payload) => assessedMessages.push(payload));
  });
  afterAll(async () => {
    await runtime?.dispose();
  });

  it("assesses and stores a batch in one stage: no posts.assessed message on the way", async () => {
    announced.length = 0;
    assessedMessages.length = 0;
    const posts = Array.from({ length: 30 }, () => buildPost());
    const result = await ingestPosts(runtime.ctx, { orgId, system: true }, posts);
    expect(result.rejected).toBe(0);
    await runtime.ctx.bus.idle();
    expect(await storedCount(posts.map((p) => String(p.externalId)))).toBe(30);
    expect(announced.map((s) => s.post.externalId).sort()).toEqual(
      posts.map((p) => String(p.externalId)).sort(),
    );
    expect(announced.every((s) => s.post.lang === "de" && s.post.assessment !== null)).toBe(true);
    expect(assessedMessages).toEqual([]);
  });

  it("assesses pages and the one-post messages of an earlier version alike, and keeps a page's valid posts", async () => {
    announced.length = 0;
    const [a, b, c] = [buildPost(), buildPost(), buildPost()];
    await runtime.ctx.bus.publish("posts.ingested", { orgId, sourceId: null, post: a });
    await runtime.ctx.bus.publish("posts.ingested", { orgId, sourceId: null, posts: [b, { text: 42 }, c] });
    await runtime.ctx.bus.idle();
    const ids = [a, b, c].map((p) => String(p.externalId));
    expect(await storedCount(ids)).toBe(3);
    expect(announced.map((s) => s.post.externalId).sort()).toEqual([...ids].sort());
  });

  it("stores what workers of an earlier version publish on posts.assessed, once", async () => {
    announced.length = 0;
    const post = buildPost({ text: "Nordwind, seit Stunden kein Netz in Kiel. Wann geht es wieder?" });
    const message = JSON.parse(JSON.stringify(await assessed(post)));
    await runtime.ctx.bus.publish("posts.assessed", message);
    await runtime.ctx.bus.publish("posts.assessed", message);
    await runtime.ctx.bus.idle();
    expect(await storedCount([String(post.externalId)])).toBe(1);
    expect(announced.map((s) => s.post.externalId)).toEqual([String(post.externalId)]);
  });

  it("stores two batches of the same authors and posts in opposite orders at once without a deadlock", async () => {
    // Two workers with overlapping batches (a redelivery racing the original) upsert the same authors and
    // insert the same posts; in different orders they would wait for each other's row locks.
    for (let round = 0; round < 3; round++) {
      const items = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          assessed(buildPost({ author: { handle: `kundin-${round}-${i}`, followers: i } })),
        ),
      );
      const [first, second] = await Promise.all([
        storeAssessedPosts(runtime.ctx, items),
        storeAssessedPosts(runtime.ctx, [...items].reverse()),
      ]);
      // Each post is new to exactly one of the two.
      expect((first?.length ?? 0) + (second?.length ?? 0)).toBe(40);
      expect(await storedCount(items.map((i) => i.post.externalId))).toBe(40);
    }
  });
});
