import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildIncident, buildPost } from "../../test/factories.ts";
import {
  databaseKinds,
  seedOrganisation,
  signIn,
  startTestApp,
  startTestRuntime,
  testPassword,
} from "../../test/harness.ts";
import { listIncidentTimeline } from "../incidents/incidents.timeline.ts";
import type { Actor } from "../orgs/orgs.policy.ts";
import { addMember } from "../orgs/orgs.service.ts";
import { ManualClock } from "../platform/clock.ts";
import { closeRenderer } from "../platform/render/chromium.ts";
import { markDeletedByAuthor } from "../posts/posts.service.ts";
import { buildEvidenceBundle } from "./evidence.bundle.ts";
import { verifyBundleDir, writeBundleDir } from "./evidence.files.ts";
import { runEvidenceRetention } from "./evidence.jobs.ts";
import * as repo from "./evidence.repo.ts";
import type { EvidenceRead } from "./evidence.schema.ts";
import { captureEvidence } from "./evidence.service.ts";
import { startTestTsa } from "./evidence.tsa-fixture.ts";

// Tests read the browser's path here (not through src/platform/env.ts, which configures the product).
const chromiumPath = process.env.CHROME_PATH ?? "/usr/bin/chromium";
const haveChromium = fs.existsSync(chromiumPath);
if (!haveChromium)
  console.warn(`notice: no Chromium at ${chromiumPath}; evidence is checked without renderings.`);

const haveOpenssl = (() => {
  try {
    execFileSync("openssl", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();
if (!haveOpenssl) console.warn("notice: openssl is not installed; the RFC 3161 timestamp test is skipped.");

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const dayMs = 24 * 3_600_000;

afterAll(() => closeRenderer());

describe.each(databaseKinds)("evidence on %s", (kind) => {
  const clock = new ManualClock("2026-11-25T12:00:00Z");
  let runtime: Awaited<ReturnType<typeof startTestRuntime>>;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let tsa: Awaited<ReturnType<typeof startTestTsa>>;
  let orgId: string;
  let admin: Awaited<ReturnType<typeof signIn>>;
  let agent: Awaited<ReturnType<typeof signIn>>;
  let viewer: Awaited<ReturnType<typeof signIn>>;
  let adminActor: Actor;
  const posts = { root: "", insult: "", answer: "" };
  const api = (method: "GET" | "POST" | "PATCH" | "PUT", url: string, payload?: unknown, as = admin) =>
    app.inject({
      method,
      url,
      headers: as.headers,
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });

  beforeAll(async () => {
    tsa = await startTestTsa();
    runtime = await startTestRuntime(kind, {
      clock,
      alertLoops: false,
      alerting: { BRANDWACHE_OUTBOUND_ALLOW: "127.0.0.1" },
    });
    app = await startTestApp(runtime);
    const seeded = await seedOrganisation(runtime, "nordwind");
    orgId = seeded.org.id;
    adminActor = { orgId, role: "admin", userId: seeded.member.id, tokenId: null };
    admin = await signIn(app, seeded.email);
    for (const role of ["agent", "viewer"] as const) {
      await addMember(
        runtime.ctx,
        { orgId, system: true },
        { email: `${role}@nordwind.example`, name: role, role, password: testPassword },
      );
    }
    agent = await signIn(app, "agent@nordwind.example");
    viewer = await signIn(app, "viewer@nordwind.example");
    // A thread: the company's post, a hostile answer to it, and a reply to that answer.
    const thread = [
      buildPost({
        externalId: "root",
        text: "Wir arbeiten an der Störung.",
        author: { handle: "nordwind_hilfe@social.example" },
      }),
      buildPost({
        externalId: "insult",
        inReplyTo: "root",
        text: 'Ihr seid Betrüger! <script>alert(1)</script><img src=x onerror="alert(2)">',
        author: { handle: "wutbuerger@social.example", displayName: "Wut Bürger", followers: 12 },
        url: "https://social.example/@wutbuerger/111",
      }),
      buildPost({
        externalId: "answer",
        inReplyTo: "insult",
        text: "Bitte sachlich bleiben.",
        author: { handle: "mod@social.example" },
      }),
    ];
    expect((await api("POST", "/api/posts", { posts: thread })).statusCode).toBe(202);
    await runtime.ctx.bus.idle();
    for (const id of ["root", "insult", "answer"] as const) {
      const found = await repo.findPostByExternalId(runtime.ctx.db, orgId, "mastodon", id);
      if (!found) throw new Error(`post ${id} was not stored`);
      posts[id] = found.post.id;
    }
  }, 60_000);

  afterAll(async () => {
    await app.close();
    await runtime.dispose();
    await tsa?.stop();
  });

  it("captures a post with its snapshot, thread, author, hashes and an audit entry", async () => {
    const res = await api(
      "POST",
      "/api/evidence",
      { postId: posts.insult, note: "Beleidigung, § 185 StGB" },
      agent,
    );
    expect(res.statusCode).toBe(201);
    const item = res.json() as EvidenceRead;
    expect(item).toMatchObject({
      postId: posts.insult,
      platform: "mastodon",
      authorHandle: "wutbuerger@social.example",
      postUrl: "https://social.example/@wutbuerger/111",
      profileUrl: "https://social.example/@wutbuerger",
      capturedAt: clock.now().toISOString(),
      capturedBy: expect.stringMatching(/^user:/),
      legalHold: { on: false },
      timestamp: null,
    });
    expect(item.excerpt).toContain("<script>alert(1)</script>");
    const names = item.files.map((f) => f.name);
    expect(names).toEqual(haveChromium ? ["post.pdf", "post.png", "snapshot.json"] : ["snapshot.json"]);
    expect(item.renderError).toBe(haveChromium ? null : expect.stringContaining("Chromium"));

    for (const file of await repo.listFiles(runtime.ctx.db, item.id)) {
      expect(file.sha256).toBe(sha256(file.bytes));
      expect(file.size).toBe(file.bytes.byteLength);
    }
    const snapshotRes = await api("GET", `/api/evidence/${item.id}/files/snapshot.json`, undefined, viewer);
    expect(snapshotRes.statusCode).toBe(200);
    expect(snapshotRes.headers["content-type"]).toMatch(/^application\/json/);
    expect(snapshotRes.headers["content-disposition"]).toMatch(/^attachment; filename=/);
    expect(snapshotRes.headers["x-content-sha256"]).toBe(sha256(snapshotRes.rawPayload));
    const snapshot = JSON.parse(snapshotRes.body);
    expect(snapshot.post).toMatchObject({
      id: posts.insult,
      externalId: "insult",
      text: 'Ihr seid Betrüger! <script>alert(1)</script><img src=x onerror="alert(2)">',
      inReplyTo: "root",
      raw: null,
    });
    expect(snapshot.author).toMatchObject({
      handle: "wutbuerger@social.example",
      displayName: "Wut Bürger",
      followers: 12,
    });
    expect(snapshot.thread.ancestors.map((p: { externalId: string }) => p.externalId)).toEqual(["root"]);
    expect(snapshot.thread.replies.map((p: { externalId: string }) => p.externalId)).toEqual(["answer"]);
    expect(snapshot.capture).toMatchObject({ itemId: item.id, note: "Beleidigung, § 185 StGB" });

    if (haveChromium) {
      const png = await api("GET", `/api/evidence/${item.id}/files/post.png`);
      expect(png.headers["content-type"]).toBe("image/png");
      expect([...png.rawPayload.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
      const pdf = await api("GET", `/api/evidence/${item.id}/files/post.pdf`);
      expect(pdf.headers["content-type"]).toBe("application/pdf");
      expect(pdf.rawPayload.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    }

    const audit = (await api("GET", "/api/audit?limit=20")).json().items;
    expect(audit).toContainEqual(
      expect.objectContaining({ action: "evidence.capture", entityType: "evidence", entityId: item.id }),
    );
    const listed = (await api("GET", `/api/evidence?postId=${posts.insult}`, undefined, viewer)).json().items;
    expect(listed.map((i: EvidenceRead) => i.id)).toContain(item.id);
  });

  it("keeps an edited post's earlier versions in the snapshot, oldest first", async () => {
    const first = buildPost({
      externalId: "edited",
      text: "Der Vorstand hat die Kundengelder veruntreut!",
      postedAt: "2026-11-25T10:00:00.000Z",
      author: { handle: "wutbuerger@social.example" },
    });
    expect((await api("POST", "/api/posts", { posts: [first] })).statusCode).toBe(202);
    await runtime.ctx.bus.idle();
    const edit = { ...first, text: "Der Vorstand hat Fehler gemacht.", editedAt: "2026-11-25T11:00:00.000Z" };
    expect((await api("POST", "/api/posts", { posts: [edit] })).statusCode).toBe(202);
    await runtime.ctx.bus.idle();
    const found = await repo.findPostByExternalId(runtime.ctx.db, orgId, "mastodon", "edited");
    if (!found) throw new Error("the edited post was not stored");
    const res = await api("POST", "/api/evidence", { postId: found.post.id }, agent);
    expect(res.statusCode).toBe(201);
    const item = res.json() as EvidenceRead;
    const snapshot = (await api("GET", `/api/evidence/${item.id}/files/snapshot.json`)).json();
    expect(snapshot.post).toMatchObject({
      text: "Der Vorstand hat Fehler gemacht.",
      editedAt: "2026-11-25T11:00:00.000Z",
    });
    expect(snapshot.revisions).toEqual([
      {
        text: "Der Vorstand hat die Kundengelder veruntreut!",
        lang: "de",
        writtenAt: "2026-11-25T10:00:00.000Z",
      },
    ]);
    // An unedited post says so instead of leaving the reader to guess.
    const plain = (await api("POST", "/api/evidence", { postId: posts.root }, agent)).json() as EvidenceRead;
    const plainSnapshot = (await api("GET", `/api/evidence/${plain.id}/files/snapshot.json`)).json();
    expect(plainSnapshot.post.editedAt).toBeNull();
    expect(plainSnapshot.revisions).toEqual([]);
  });

  it("refuses to capture a post its author deleted, naming postId, and keeps what was captured before", async () => {
    const gone = buildPost({ externalId: "gone", text: "Ihr Laden ist ein Saftladen!" });
    expect((await api("POST", "/api/posts", { posts: [gone] })).statusCode).toBe(202);
    await runtime.ctx.bus.idle();
    const found = await repo.findPostByExternalId(runtime.ctx.db, orgId, "mastodon", "gone");
    if (!found) throw new Error("the post was not stored");
    const before = await api("POST", "/api/evidence", { postId: found.post.id }, agent);
    expect(before.statusCode).toBe(201);
    expect(await markDeletedByAuthor(runtime.ctx, orgId, "mastodon", ["gone"])).toBe(1);
    const after = await api("POST", "/api/evidence", { postId: found.post.id }, agent);
    expect(after.statusCode).toBe(409);
    expect(after.json().errors[0]).toMatchObject({ field: "postId" });
    const kept = await api("GET", `/api/evidence/${(before.json() as EvidenceRead).id}/files/snapshot.json`);
    expect(kept.statusCode).toBe(200);
    expect(kept.json().post.text).toBe("Ihr Laden ist ein Saftladen!");
  });

  it("answers bad input with the field, other organisations' objects with 404, viewers with 403", async () => {
    const missing = await api("POST", "/api/evidence", { postId: "nope" });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().errors[0].field).toBe("postId");
    const noIncident = await api("POST", "/api/evidence", { postId: posts.root, incidentId: "nope" });
    expect(noIncident.json().errors[0].field).toBe("incidentId");
    const bad = await api("POST", "/api/evidence", { postId: posts.root, extra: 1 });
    expect(bad.statusCode).toBe(400);
    expect((await api("POST", "/api/evidence", { postId: posts.root }, viewer)).statusCode).toBe(403);
    expect((await api("GET", "/api/evidence/nope")).statusCode).toBe(404);
    expect((await api("GET", "/api/evidence/nope/files/post.png")).statusCode).toBe(404);
    const badName = await api("GET", "/api/evidence/nope/files/evil.sh");
    expect(badName.statusCode).toBe(400);
    const settings = await api("PUT", "/api/evidence/settings", {
      retentionDays: 0,
      tsaUrl: "ftp://x",
      timestampEveryCapture: true,
    });
    expect(
      settings
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(["retentionDays", "tsaUrl"]);
    const noTsa = await api("POST", "/api/evidence", { postId: posts.root, timestamp: true });
    expect(noTsa.statusCode).toBe(400);
    expect(noTsa.json().errors[0].field).toBe("timestamp");
  });

  it("puts an item on legal hold (managers and admins, with a reason) and audits it", async () => {
    const item = (await api("POST", "/api/evidence", { postId: posts.root }, agent)).json() as EvidenceRead;
    expect(
      (await api("PATCH", `/api/evidence/${item.id}`, { legalHold: true, reason: "Anzeige" }, agent))
        .statusCode,
    ).toBe(403);
    expect(
      (await api("PATCH", `/api/evidence/${item.id}`, { legalHold: true, reason: "x" }, viewer)).statusCode,
    ).toBe(403);
    const noReason = await api("PATCH", `/api/evidence/${item.id}`, { legalHold: true, reason: " " });
    expect(noReason.json().errors[0].field).toBe("reason");
    const held = await api("PATCH", `/api/evidence/${item.id}`, {
      legalHold: true,
      reason: "Strafanzeige 2026/123",
    });
    expect(held.statusCode).toBe(200);
    expect(held.json().legalHold).toMatchObject({
      on: true,
      reason: "Strafanzeige 2026/123",
      by: expect.stringMatching(/^user:/),
    });
    const audit = (await api("GET", "/api/audit?limit=5")).json().items;
    expect(audit[0]).toMatchObject({
      action: "evidence.hold",
      entityId: item.id,
      detail: { reason: "Strafanzeige 2026/123" },
    });
  });

  it("keeps the item when Chromium is missing and renders it again later", async () => {
    const options = { chromiumPath: "/nonexistent/chromium", tsaUrl: null, policy: runtime.connectorPolicy };
    const item = await captureEvidence(runtime.ctx, adminActor, { postId: posts.answer }, options);
    expect(item.renderError).toMatch(/Chromium could not be started at \/nonexistent\/chromium/);
    expect(item.files.map((f) => f.name)).toEqual(["snapshot.json"]);
    if (!haveChromium) return;
    const again = await api("POST", `/api/evidence/${item.id}/render`, undefined, agent);
    expect(again.statusCode).toBe(200);
    expect(again.json().renderError).toBeNull();
    expect(again.json().files.map((f: { name: string }) => f.name)).toEqual([
      "post.pdf",
      "post.png",
      "snapshot.json",
    ]);
    expect(again.json().files.find((f: { name: string }) => f.name === "snapshot.json").sha256).toBe(
      item.files[0]?.sha256,
    );
  });

  it.skipIf(!haveOpenssl)(
    "timestamps the snapshot's SHA-256 at the organisation's TSA, verifiable with openssl",
    async () => {
      if (!tsa) throw new Error("the local TSA did not start");
      const saved = await api("PUT", "/api/evidence/settings", {
        retentionDays: null,
        tsaUrl: tsa.url,
        timestampEveryCapture: true,
      });
      expect(saved.statusCode).toBe(200);
      expect((await api("PUT", "/api/evidence/settings", saved.json(), agent)).statusCode).toBe(400);
      const item = (
        await api("POST", "/api/evidence", { postId: posts.insult }, agent)
      ).json() as EvidenceRead;
      expect(item.timestampError).toBeNull();
      expect(item.timestamp).toMatchObject({ tsaUrl: tsa.url, serialNumber: expect.any(String) });
      const tsr = await api("GET", `/api/evidence/${item.id}/files/timestamp.tsr`);
      expect(tsr.headers["content-type"]).toBe("application/timestamp-reply");
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bw-tsr-"));
      fs.writeFileSync(path.join(dir, "t.tsr"), tsr.rawPayload);
      const snapshotSha = item.files.find((f) => f.name === "snapshot.json")?.sha256 ?? "";
      const out = execFileSync(
        "openssl",
        ["ts", "-verify", "-digest", snapshotSha, "-in", path.join(dir, "t.tsr"), "-CAfile", tsa.certFile],
        { encoding: "utf8" },
      );
      expect(out).toContain("Verification: OK");
      fs.rmSync(dir, { recursive: true, force: true });
      // An unreachable authority leaves the item captured, with the error.
      await api("PUT", "/api/evidence/settings", {
        retentionDays: null,
        tsaUrl: "http://127.0.0.1:1/tsr",
        timestampEveryCapture: true,
      });
      const failed = (
        await api("POST", "/api/evidence", { postId: posts.root }, agent)
      ).json() as EvidenceRead;
      expect(failed.timestamp).toBeNull();
      expect(failed.timestampError).toEqual(expect.any(String));
      await api("PUT", "/api/evidence/settings", {
        retentionDays: null,
        tsaUrl: null,
        timestampEveryCapture: false,
      });
    },
  );

  it("removes expired items but never those on legal hold or of an open incident", async () => {
    const incident = (await api("POST", "/api/incidents", buildIncident())).json();
    const unheld = await captureEvidence(runtime.ctx, adminActor, { postId: posts.root }, noBrowser());
    const held = await captureEvidence(runtime.ctx, adminActor, { postId: posts.root }, noBrowser());
    const ofIncident = await captureEvidence(
      runtime.ctx,
      adminActor,
      { postId: posts.root, incidentId: incident.id },
      noBrowser(),
    );
    await api("PATCH", `/api/evidence/${held.id}`, { legalHold: true, reason: "Gerichtsverfahren" });
    await api("PUT", "/api/evidence/settings", {
      retentionDays: 30,
      tsaUrl: null,
      timestampEveryCapture: false,
    });
    await clock.advance(29 * dayMs);
    expect((await runEvidenceRetention(runtime.ctx)).get(orgId) ?? []).not.toContain(unheld.id);
    await clock.advance(2 * dayMs);
    // Sessions last 12 hours: sign in again after the month that passed.
    admin = await signIn(app, "admin@nordwind.example");
    agent = await signIn(app, "agent@nordwind.example");
    viewer = await signIn(app, "viewer@nordwind.example");
    const removed = (await runEvidenceRetention(runtime.ctx)).get(orgId) ?? [];
    expect(removed).toContain(unheld.id);
    expect(removed).not.toContain(held.id);
    expect(removed).not.toContain(ofIncident.id);
    expect((await api("GET", `/api/evidence/${unheld.id}`)).statusCode).toBe(404);
    expect((await api("GET", `/api/evidence/${held.id}`)).statusCode).toBe(200);
    // Once the incident is closed, its unheld items expire too.
    expect((await api("PATCH", `/api/incidents/${incident.id}`, { status: "closed" })).statusCode).toBe(200);
    expect((await runEvidenceRetention(runtime.ctx)).get(orgId)).toEqual([ofIncident.id]);
    const audit = (await api("GET", "/api/audit?limit=50")).json().items;
    expect(audit).toContainEqual(
      expect.objectContaining({ action: "evidence.expire", actor: "system", entityId: unheld.id }),
    );
    await api("PUT", "/api/evidence/settings", {
      retentionDays: null,
      tsaUrl: null,
      timestampEveryCapture: false,
    });
  });

  it("exports an incident's bundle that verifies, and names each changed, missing or extra file", async () => {
    const incident = (
      await api("POST", "/api/incidents", buildIncident({ title: "Beleidigungen gegen Mitarbeitende" }))
    ).json();
    const item = (
      await api("POST", "/api/evidence", { postId: posts.insult, incidentId: incident.id }, agent)
    ).json();
    const timeline = await listIncidentTimeline(runtime.ctx.db, orgId, incident.id);
    expect(timeline).toContainEqual(
      expect.objectContaining({ kind: "evidence_captured", entityId: item.id }),
    );

    const { files } = await buildEvidenceBundle(runtime.ctx, orgId, incident.id);
    const paths = files.map((f) => f.path);
    expect(paths.at(-1)).toBe("manifest.json");
    expect(paths).toEqual(
      expect.arrayContaining([
        `items/${item.id}/snapshot.json`,
        "incident.json",
        "timeline.json",
        "audit.jsonl",
        "summary.pdf",
      ]),
    );
    const summary = files.find((f) => f.path === "summary.pdf");
    expect(
      Buffer.from(summary?.bytes ?? [])
        .subarray(0, 5)
        .toString("latin1"),
    ).toBe("%PDF-");
    const audit = new TextDecoder().decode(files.find((f) => f.path === "audit.jsonl")?.bytes);
    expect(audit).toContain('"action":"evidence.capture"');

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bw-bundle-"));
    await writeBundleDir(dir, files);
    await expect(writeBundleDir(dir, files)).rejects.toThrow(/not empty/);
    expect(await verifyBundleDir(dir)).toMatchObject({
      ok: true,
      changed: [],
      missing: [],
      extra: [],
      auditChain: { ok: true },
    });

    const snapshotFile = path.join(dir, "items", item.id, "snapshot.json");
    const bytes = fs.readFileSync(snapshotFile);
    bytes[10] = (bytes[10] ?? 0) ^ 1;
    fs.writeFileSync(snapshotFile, bytes);
    fs.rmSync(path.join(dir, "summary.pdf"));
    fs.writeFileSync(path.join(dir, "notes.txt"), "added later");
    expect(await verifyBundleDir(dir)).toMatchObject({
      ok: false,
      changed: [`items/${item.id}/snapshot.json`],
      missing: ["summary.pdf"],
      extra: ["notes.txt"],
    });
    fs.writeFileSync(path.join(dir, "manifest.json"), '{"format":"something else"}');
    await expect(verifyBundleDir(dir)).rejects.toThrow(
      /manifest.json is not an evidence bundle manifest: format/,
    );
    fs.rmSync(dir, { recursive: true, force: true });

    const zip = await api("GET", `/api/incidents/${incident.id}/evidence-bundle`);
    expect(zip.statusCode).toBe(200);
    expect(zip.headers["content-type"]).toBe("application/zip");
    expect(Object.keys(unzipSync(new Uint8Array(zip.rawPayload)))).toContain("manifest.json");
    expect(
      (await api("GET", `/api/incidents/${incident.id}/evidence-bundle`, undefined, agent)).statusCode,
    ).toBe(403);
    expect((await api("GET", "/api/incidents/nope/evidence-bundle")).statusCode).toBe(404);
  });

  function noBrowser() {
    return { chromiumPath: "/nonexistent/chromium", tsaUrl: null, policy: runtime.connectorPolicy };
  }
});
