import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildPost } from "../../test/factories.ts";
import { databaseKinds, seedOrganisation, startTestRuntime } from "../../test/harness.ts";
import { storeAssessedPosts, storedExternalIds } from "../posts/posts.service.ts";
import { loadMatchableTopics } from "../topics/topics.service.ts";
import { assessIngestedPost } from "./assess.stage.ts";
import { type AssessedPost, IngestedPost } from "./pipeline.messages.ts";

describe.each(databaseKinds)("pipeline stages on %s", (kind) => {
  let runtime: Awaited<ReturnType<typeof startTestRuntime>>;
  let orgId = "";

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
  });
  afterAll(async () => {
    await runtime?.dispose();
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
