import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createOrganisation } from "../../src/orgs/orgs.service.ts";
import { DatabaseLockedError } from "../../src/platform/db/client.ts";
import { createLogger } from "../../src/platform/logger.ts";
import { openRuntime } from "../../src/platform/runtime.ts";
import { ingestPosts, listPosts } from "../../src/posts/posts.service.ts";
import { buildPost } from "../factories.ts";

const log = createLogger("silent");
const dirs: string[] = [];
function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "brandwache-persist-"));
  dirs.push(dir);
  return dir;
}
const open = (dataDir: string) =>
  openRuntime({ dataDir, DATABASE_URL: undefined, BRANDWACHE_BUS: "memory" }, log, { pipeline: true });

afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe("the embedded database on disk", { timeout: 60_000 }, () => {
  it("keeps every accepted post across a stop right after ingest (graceful shutdown finishes in-flight writes)", async () => {
    const dataDir = tempDir();
    const first = await open(dataDir);
    const org = await createOrganisation(first.ctx, { name: "Acme GmbH", slug: "acme" });
    const posts = Array.from({ length: 300 }, (_, i) => buildPost({ externalId: `persist-${i}` }));
    const result = await ingestPosts(first.ctx, { orgId: org.id, system: true }, posts);
    expect(result.accepted).toBe(300);
    await first.close(); // no waiting: close itself must drain the pipeline

    const second = await open(dataDir);
    try {
      const actor = { orgId: org.id, role: "viewer" as const, userId: null, tokenId: null };
      const page = await listPosts(second.ctx, actor, { limit: 200, sort: "time" });
      const next = await listPosts(second.ctx, actor, {
        limit: 200,
        sort: "time",
        cursor: page.nextCursor ?? undefined,
      });
      expect(page.items.length + next.items.length).toBe(300);
    } finally {
      await second.close();
    }
  });

  it("refuses a second process on the same folder with a message that says what to do", async () => {
    const dataDir = tempDir();
    const first = await open(dataDir);
    try {
      // Simulate another live process holding the lock.
      fs.writeFileSync(path.join(dataDir, "pglite.lock"), String(process.ppid));
      await expect(open(dataDir)).rejects.toThrow(DatabaseLockedError);
      await expect(open(dataDir)).rejects.toThrow(/DATABASE_URL|POST \/api\/posts/);
    } finally {
      fs.writeFileSync(path.join(dataDir, "pglite.lock"), String(process.pid));
      await first.close();
    }
  });

  it("takes over the lock of a process that died", async () => {
    const dataDir = tempDir();
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(path.join(dataDir, "pglite.lock"), "999999");
    const runtime = await open(dataDir);
    await runtime.close();
    expect(fs.existsSync(path.join(dataDir, "pglite.lock"))).toBe(false);
  });
});
