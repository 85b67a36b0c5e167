import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildPost } from "../../test/factories.ts";
import {
  databaseKinds,
  seedOrganisation,
  signIn,
  startTestApp,
  startTestRuntime,
} from "../../test/harness.ts";
import { riskCategories } from "../core/risk/risk.types.ts";
import { addMember } from "../orgs/orgs.service.ts";
import { exportColumns, exportPosts } from "./posts.export.ts";
import { PostExportQuery } from "./posts.schema.ts";

const readCsv = (body: string, delimiter = ",") =>
  parse(body, { delimiter, bom: true, columns: true }) as Record<string, string>[];

describe.each(databaseKinds)("mentions export on %s", (kind) => {
  let runtime: Awaited<ReturnType<typeof startTestRuntime>>;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let headers: Record<string, string>;
  let orgId = "";
  let adminId = "";

  const get = (query: string, as = headers) =>
    app.inject({ method: "GET", url: `/api/posts/export?${query}`, headers: as });

  beforeAll(async () => {
    runtime = await startTestRuntime(kind, { alertLoops: false });
    app = await startTestApp(runtime);
    const seeded = await seedOrganisation(runtime, "export");
    orgId = seeded.org.id;
    adminId = seeded.member.id;
    headers = (await signIn(app, seeded.email)).headers;
    await app.inject({
      method: "POST",
      url: "/api/topics",
      headers,
      payload: { name: "Netz, Störung", query: "nordwind AND netz" },
    });
    const posts = [
      buildPost({
        externalId: "x-1",
        platform: "x",
        text: 'Seit Tagen kein Netz bei Nordwind. "Wir arbeiten dran" – ja klar.\nZweite Zeile; mit Semikolon.',
        postedAt: "2026-11-25T09:00:03Z",
        author: { handle: "kundin_a", displayName: "Anna, Hamburg", followers: 1200 },
        metrics: { likes: 4, shares: 1 },
      }),
      buildPost({
        externalId: "x-2",
        platform: "x",
        text: '=HYPERLINK("http://evil.example","Gutschein") Nordwind verschenkt Guthaben!',
        postedAt: "2026-11-25T09:00:02Z",
        author: { handle: "angreifer" },
      }),
      buildPost({
        externalId: "x-3",
        platform: "x",
        text: "Great coverage from Nordwind in Kiel today, thanks!",
        lang: "en",
        postedAt: "2026-11-25T09:00:01Z",
      }),
      buildPost({ externalId: "m-1", platform: "mastodon", postedAt: "2026-11-25T09:00:00Z" }),
    ];
    await app.inject({ method: "POST", url: "/api/posts", headers, payload: { posts } });
    await runtime.ctx.bus.idle();
  });
  afterAll(async () => {
    await app.close();
    await runtime.dispose();
  });

  it("writes the filtered posts as CSV, newest first, that a spreadsheet reads cell for cell", async () => {
    const res = await get("platform=x");
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.headers["content-disposition"]).toMatch(
      /^attachment; filename="brandwache-mentions-\d{8}T\d{4}Z\.csv"$/,
    );
    expect(res.body.startsWith("\uFEFF")).toBe(true);
    const rows = readCsv(res.body);
    expect(Object.keys(rows[0] ?? {})).toEqual([...exportColumns]);
    expect(rows.map((r) => r.external_id)).toEqual(["x-1", "x-2", "x-3"]);
    const [first, formula, english] = rows as [
      Record<string, string>,
      Record<string, string>,
      Record<string, string>,
    ];
    expect(first.text).toBe(
      'Seit Tagen kein Netz bei Nordwind. "Wir arbeiten dran" – ja klar.\nZweite Zeile; mit Semikolon.',
    );
    expect(first).toMatchObject({
      platform: "x",
      posted_at: "2026-11-25T09:00:03.000Z",
      author_handle: "kundin_a",
      author_name: "Anna, Hamburg",
      author_followers: "1200",
      lang: "de",
      topics: "Netz, Störung",
      likes: "4",
      shares: "1",
      replies: "",
      deleted_at: "",
    });
    // The engine's verdict: priority, flags and a score for every category.
    expect(Number(first.priority)).toBeGreaterThan(0);
    expect((first.flags ?? "").split(" ")).toContain("complaint");
    for (const category of riskCategories) expect(first[`score_${category}`]).toMatch(/^\d(\.\d+)?$/);
    expect(Number(first.score_complaint)).toBeGreaterThan(0.5);
    // A formula a stranger wrote arrives as text.
    expect(formula.text).toBe(`'=HYPERLINK("http://evil.example","Gutschein") Nordwind verschenkt Guthaben!`);
    expect(english).toMatchObject({ lang: "en", topics: "" });
  });

  it("writes semicolons and decimal commas for spreadsheets set to German", async () => {
    const res = await get("platform=x&separator=semicolon&limit=1");
    expect(res.statusCode).toBe(200);
    const [row] = readCsv(res.body, ";");
    expect(row?.external_id).toBe("x-1");
    expect(row?.priority).toMatch(/^\d,\d+$/);
    expect(row?.text).toContain("Zweite Zeile; mit Semikolon.");
  });

  it("writes JSONL: each post as the list returns it, with every category's score", async () => {
    const res = await get("format=jsonl&sort=priority");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/x-ndjson; charset=utf-8");
    expect(res.headers["content-disposition"]).toMatch(/\.jsonl"$/);
    const lines = res.body
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line));
    const list = (
      await app.inject({ method: "GET", url: "/api/posts?sort=priority&limit=200", headers })
    ).json();
    expect(lines.map((p) => p.id)).toEqual(list.items.map((p: { id: string }) => p.id));
    for (const [i, line] of lines.entries()) {
      const { scores, ...post } = line;
      expect(post).toEqual(list.items[i]);
      expect(Object.keys(scores).sort()).toEqual([...riskCategories].sort());
    }
  });

  it("pages through more posts than one read holds, and stops at the limit", async () => {
    const posts = Array.from({ length: 520 }, (_, i) =>
      buildPost({ externalId: `bulk-${i}`, platform: "reddit", text: `Beitrag ${i} über Nordwind` }),
    );
    for (let i = 0; i < posts.length; i += 1000)
      await app.inject({
        method: "POST",
        url: "/api/posts",
        headers,
        payload: { posts: posts.slice(i, i + 1000) },
      });
    await runtime.ctx.bus.idle();
    const all = readCsv((await get("platform=reddit")).body);
    expect(all).toHaveLength(520);
    expect(new Set(all.map((r) => r.external_id)).size).toBe(520);
    const sorted = [...all].sort(
      (a, b) =>
        (b.posted_at ?? "").localeCompare(a.posted_at ?? "") || (b.id ?? "").localeCompare(a.id ?? ""),
    );
    expect(all.map((r) => r.id)).toEqual(sorted.map((r) => r.id));
    const limited = readCsv((await get("platform=reddit&limit=501")).body);
    expect(limited.map((r) => r.id)).toEqual(all.slice(0, 501).map((r) => r.id));
    expect(readCsv((await get("platform=youtube")).body)).toEqual([]);
  });

  it("writes every export to the audit log with its filters and size", async () => {
    await get("platform=x&q=netz");
    const audit = (await app.inject({ method: "GET", url: "/api/audit?limit=20", headers })).json();
    const entry = audit.items.find((e: { action: string }) => e.action === "posts.export");
    expect(entry.detail).toEqual({
      format: "csv",
      posts: 1,
      complete: true,
      filters: { platform: "x", q: "netz", sort: "time", limit: 100_000 },
    });
  });

  it("records a download that broke off as incomplete", async () => {
    const file = await exportPosts(
      runtime.ctx,
      { orgId, role: "admin", userId: adminId, tokenId: null },
      PostExportQuery.parse({ platform: "reddit" }),
    );
    await file.body.next();
    await file.body.return();
    const audit = (await app.inject({ method: "GET", url: "/api/audit?limit=5", headers })).json();
    const entry = audit.items.find((e: { action: string }) => e.action === "posts.export");
    expect(entry.detail).toMatchObject({ posts: 0, complete: false });
  });

  it("refuses viewers and names a bad parameter", async () => {
    await addMember(
      runtime.ctx,
      { orgId, system: true },
      { email: "viewer@export.example", name: "Viewer", role: "viewer", password: "test-password-123" },
    );
    const viewer = (await signIn(app, "viewer@export.example")).headers;
    const refused = await get("platform=x", viewer);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toMatch(/export mentions/);
    const bad = await get("separator=tab");
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe("querystring.separator");
    const tooMany = await get("limit=100001");
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().errors[0].field).toBe("querystring.limit");
  });
});
