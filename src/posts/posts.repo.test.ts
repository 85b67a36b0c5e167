import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildPost } from "../../test/factories.ts";
import { databaseKinds, seedOrganisation, startTestRuntime } from "../../test/harness.ts";
import { listPostsQuery } from "./posts.repo.ts";
import { PostListQuery } from "./posts.schema.ts";
import { cursorAfter, ingestPosts, listPosts } from "./posts.service.ts";

interface PlanNode {
  "Node Type": string;
  "Index Name"?: string;
  "Sort Key"?: string[];
  Plans?: PlanNode[];
}

function nodesOf(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(nodesOf)];
}

describe.each(databaseKinds)("the Mentions list's query on %s", (kind) => {
  let runtime: Awaited<ReturnType<typeof startTestRuntime>>;
  let orgId = "";

  beforeAll(async () => {
    runtime = await startTestRuntime(kind, { alertLoops: false });
    const seeded = await seedOrganisation(runtime, "plans");
    orgId = seeded.org.id;
    const actor = { orgId, role: "admin" as const, userId: seeded.member.id, tokenId: null };
    const posts = Array.from({ length: 300 }, (_, i) =>
      buildPost({
        externalId: `plan-${i}`,
        // Pairs of posts share a second, so the id decides between them.
        postedAt: new Date(Date.UTC(2026, 10, 25, 8) + Math.floor(i / 2) * 1000).toISOString(),
      }),
    );
    await ingestPosts(runtime.ctx, actor, posts);
    await runtime.ctx.bus.idle();
    await runtime.ctx.db.execute(sql`analyze`);
  });
  afterAll(async () => {
    await runtime.dispose();
  });

  /** The plan of a page of the newest posts, with scans of whole tables priced out as on a large database. */
  async function planOf(cursor: Parameters<typeof listPostsQuery>[3]): Promise<PlanNode[]> {
    return runtime.ctx.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      await tx.execute(sql`set local enable_bitmapscan = off`);
      const query = listPostsQuery(tx, orgId, PostListQuery.parse({}), cursor, 51, "time");
      const result = (await tx.execute(sql`explain (format json) ${query}`)) as unknown as {
        rows: Record<string, unknown>[];
      };
      const rows = result.rows;
      const cell = Object.values(rows[0] ?? {})[0];
      const [explained] = (typeof cell === "string" ? JSON.parse(cell) : cell) as [{ Plan: PlanNode }];
      return nodesOf(explained.Plan);
    });
  }

  it("reads the newest posts in the order of the index, without sorting the organisation's posts", async () => {
    for (const cursor of [null, { postedAt: new Date(Date.UTC(2026, 10, 25, 8, 1)), id: "m" }]) {
      const nodes = await planOf(cursor);
      expect(nodes.some((n) => n["Index Name"] === "posts_org_posted_idx")).toBe(true);
      const sorts = nodes.filter(
        (n) => n["Node Type"] === "Sort" && n["Sort Key"]?.some((k) => k.includes("posted_at")),
      );
      expect(sorts, JSON.stringify(nodes.map((n) => n["Node Type"]))).toEqual([]);
    }
  });

  it("pages newest first, ties broken by id, without gaps or repeats", async () => {
    const actor = { orgId, role: "admin" as const, userId: null, tokenId: null };
    const seen: { postedAt: string; id: string }[] = [];
    let cursor: string | undefined;
    do {
      const page = await listPosts(runtime.ctx, actor, PostListQuery.parse({ limit: 7, cursor }));
      seen.push(...page.items.map((p) => ({ postedAt: p.postedAt, id: p.id })));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(300);
    const sorted = [...seen].sort((a, b) => b.postedAt.localeCompare(a.postedAt) || (b.id < a.id ? -1 : 1));
    expect(seen).toEqual(sorted);
    expect(cursorAfter({ postedAt: new Date(0), id: "x", priority: 0.5 }, "time")).toEqual({
      postedAt: new Date(0),
      id: "x",
    });
  });
});
