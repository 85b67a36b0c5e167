import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildPost } from "../../test/factories.ts";
import {
  databaseKinds,
  seedOrganisation,
  signIn,
  startTestApp,
  startTestRuntime,
  testPassword,
} from "../../test/harness.ts";
import { auditLog } from "../audit/audit.table.ts";
import { addBusinessMinutes, defaultServiceCalendar } from "../core/sla/calendar.ts";
import { defaultServiceTargets } from "../core/sla/targets.ts";
import { addMember } from "../orgs/orgs.service.ts";
import { ManualClock } from "../platform/clock.ts";
import { markDeletedByAuthor } from "../posts/posts.service.ts";
import { saveRiskProfile } from "../risk/risk.service.ts";
import { runInboxOnce } from "./inbox.jobs.ts";
import { conversationPostIds, getServiceCalendar, noteReplySent } from "./inbox.service.ts";
import { syncInbox } from "./inbox.sync.ts";

describe.each(databaseKinds)("inbox on %s", (kind) => {
  // Monday 30 November 2026, 10:00 in Berlin.
  const clock = new ManualClock("2026-11-30T09:00:00Z");
  let runtime: Awaited<ReturnType<typeof startTestRuntime>>;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let orgId: string;
  let admin: Awaited<ReturnType<typeof signIn>>;
  let anna: Awaited<ReturnType<typeof signIn>>;
  let viewer: Awaited<ReturnType<typeof signIn>>;
  let other: Awaited<ReturnType<typeof signIn>>;
  let annaId: string;
  let seq = 0;

  const api = async (
    method: "GET" | "POST" | "PATCH" | "DELETE",
    url: string,
    payload?: unknown,
    as = admin,
  ) =>
    app.inject({
      method,
      url,
      headers: as.headers,
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });

  /** Posts through the API, lets the pipeline store them, moves past the settle time and syncs. */
  const ingest = async (posts: unknown[], as = admin) => {
    const res = await api("POST", "/api/posts", { posts }, as);
    expect(res.statusCode).toBe(202);
    await runtime.ctx.bus.idle();
    await clock.advance(10_000);
    return syncInbox(runtime.ctx);
  };
  /**
   * `ingest`, with the flags of some posts (by external id) set before the sync: tests of how threads are
   * built must not hang on what the classifiers make of a text.
   */
  const ingestFlagged = async (posts: unknown[], flags: Record<string, string[]>) => {
    const res = await api("POST", "/api/posts", { posts });
    expect(res.statusCode).toBe(202);
    await runtime.ctx.bus.idle();
    for (const [externalId, set] of Object.entries(flags)) {
      await runtime.ctx.db.execute(
        sql`update assessments set priority = 0, flags = ${sql.raw(`'{${set.join(",")}}'::text[]`)}
            where post_id = (select id from posts where org_id = ${orgId} and external_id = ${externalId})`,
      );
    }
    await clock.advance(10_000);
    return syncInbox(runtime.ctx);
  };
  const thread = () => `t${++seq}-${kind}`;
  const conversations = async (query = "", as = admin) =>
    (await api("GET", `/api/inbox/conversations${query}`, undefined, as)).json();

  beforeAll(async () => {
    runtime = await startTestRuntime(kind, { clock, alertLoops: false });
    app = await startTestApp(runtime);
    const seeded = await seedOrganisation(runtime, "nordwind");
    orgId = seeded.org.id;
    admin = await signIn(app, seeded.email);
    const member = await addMember(
      runtime.ctx,
      { orgId, system: true },
      { email: "anna@nordwind.example", name: "Anna Beck", role: "agent", password: testPassword },
    );
    annaId = member.id;
    await addMember(
      runtime.ctx,
      { orgId, system: true },
      { email: "viewer@nordwind.example", name: "Vera Viewer", role: "viewer", password: testPassword },
    );
    anna = await signIn(app, "anna@nordwind.example");
    viewer = await signIn(app, "viewer@nordwind.example");
    await saveRiskProfile(
      runtime.ctx,
      { orgId, system: true },
      {
        brandNames: ["Nordwind"],
        domains: [],
        officialAccounts: [{ platform: "mastodon", handle: "nordwind" }],
        executives: [],
        watchlist: [],
      },
    );
    const elsewhere = await seedOrganisation(runtime, "suedwind");
    other = await signIn(app, elsewhere.email);
  });
  afterAll(async () => {
    await app.close();
    await runtime.dispose();
  });

  describe("building conversations", () => {
    let conversationId: string;
    const t = thread();

    it("opens a conversation for a post mentioning the official account, with the thread above it", async () => {
      const posted = new Date(clock.now().getTime() - 60_000);
      const counts = await ingest([
        buildPost({
          externalId: `${t}-root`,
          text: "Schönes Wetter heute in Kiel.",
          postedAt: new Date(posted.getTime() - 60_000).toISOString(),
        }),
        buildPost({
          externalId: `${t}-q`,
          inReplyTo: `${t}-root`,
          text: "@nordwind seit heute Morgen kein Netz in Kiel, wann geht es wieder?",
          postedAt: posted.toISOString(),
        }),
        buildPost({
          externalId: `${t}-else`,
          text: "Ganz anderes Thema: Fußball.",
          postedAt: posted.toISOString(),
        }),
      ]);
      expect(counts.opened).toBe(1);
      const list = await conversations();
      expect(list.items).toHaveLength(1);
      const [item] = list.items;
      conversationId = item.id;
      expect(item).toMatchObject({ ticket: 1001, platform: "mastodon", status: "new", postCount: 2 });
      expect(item.subject).toContain("kein Netz");
      const due = addBusinessMinutes(
        defaultServiceCalendar,
        posted,
        defaultServiceTargets[item.band as "low"].firstResponseMinutes,
      );
      expect(item.sla.firstResponseDueAt).toBe(due.toISOString());
      const detail = (await api("GET", `/api/inbox/conversations/${conversationId}`)).json();
      expect(detail.posts.map((p: { externalId: string }) => p.externalId)).toEqual([`${t}-root`, `${t}-q`]);
      expect(await conversationPostIds(runtime.ctx.db, orgId, conversationId)).toEqual(
        detail.posts.map((p: { id: string }) => p.id),
      );
    });

    it("does nothing more when the same posts are synced again", async () => {
      await clock.advance(10_000);
      expect(await syncInbox(runtime.ctx)).toEqual({ opened: 0, added: 0 });
      expect((await conversations()).items).toHaveLength(1);
    });

    it("files later posts of the thread into it and reopens it when it was done", async () => {
      const done = await api("PATCH", `/api/inbox/conversations/${conversationId}`, { status: "done" }, anna);
      expect(done.statusCode).toBe(200);
      expect(done.json().sla.resolvedAt).not.toBeNull();
      await ingest([
        buildPost({ externalId: `${t}-thanks`, inReplyTo: `${t}-q`, text: "Jetzt geht es wieder." }),
      ]);
      const detail = (await api("GET", `/api/inbox/conversations/${conversationId}`)).json();
      expect(detail.status).toBe("open");
      expect(detail.sla.resolvedAt).toBeNull();
      expect(detail.postCount).toBe(3);
    });

    it("shows in the thread which posts their authors edited or deleted", async () => {
      await ingest([
        buildPost({
          externalId: `${t}-q`,
          inReplyTo: `${t}-root`,
          text: "@nordwind seit heute Morgen kein Netz in Kiel, und die Hotline legt auf!",
          editedAt: clock.now().toISOString(),
        }),
      ]);
      expect(await markDeletedByAuthor(runtime.ctx, orgId, "mastodon", [`${t}-thanks`])).toBe(1);
      const detail = (await api("GET", `/api/inbox/conversations/${conversationId}`)).json();
      const byId = new Map(
        detail.posts.map((p: { externalId: string; editedAt: string | null; deletedAt: string | null }) => [
          p.externalId,
          { edited: p.editedAt !== null, deleted: p.deletedAt !== null },
        ]),
      );
      expect(Object.fromEntries(byId)).toEqual({
        [`${t}-root`]: { edited: false, deleted: false },
        [`${t}-q`]: { edited: true, deleted: false },
        [`${t}-thanks`]: { edited: false, deleted: true },
      });
      const edited = detail.posts.find((p: { externalId: string }) => p.externalId === `${t}-q`);
      expect(edited.text).toContain("die Hotline legt auf");
    });

    it("opens a conversation for a reply to an official post, rooted at our post", async () => {
      const r = thread();
      await ingest([
        buildPost({
          externalId: `${r}-ours`,
          author: { handle: "nordwind" },
          text: "Wartungsarbeiten heute Nacht.",
          postedAt: "2026-11-25T20:00:00Z",
        }),
        buildPost({
          externalId: `${r}-reply`,
          inReplyTo: `${r}-ours`,
          text: "Ok, und die Wartung dauert bis wann?",
          postedAt: "2026-11-25T20:05:00Z",
        }),
      ]);
      const list = await conversations("?q=Wartung");
      expect(list.items).toHaveLength(1);
      const detail = (await api("GET", `/api/inbox/conversations/${list.items[0].id}`)).json();
      expect(detail.posts.map((p: { official: boolean }) => p.official)).toEqual([true, false]);
      expect(detail.ticket).toBe(1002);
    });

    it("files replies that were stored before the post they answer, however deep", async () => {
      const r = thread();
      await ingestFlagged(
        [
          buildPost({
            externalId: `${r}-1`,
            inReplyTo: `${r}-root`,
            text: "Bei mir auch, seit gestern.",
            postedAt: "2026-11-30T08:05:00Z",
          }),
          buildPost({
            externalId: `${r}-2`,
            inReplyTo: `${r}-1`,
            text: "Hier ebenfalls.",
            postedAt: "2026-11-30T08:06:00Z",
          }),
          buildPost({ externalId: `${r}-x`, inReplyTo: `${r}-elsewhere`, text: "Anderer Faden." }),
        ],
        { [`${r}-1`]: [], [`${r}-2`]: [], [`${r}-x`]: [] },
      );
      expect((await conversations("?q=Stromzähler")).items).toHaveLength(0);
      const counts = await ingest([
        buildPost({
          externalId: `${r}-root`,
          text: "@nordwind Stromzähler zeigt viel zu hohen Verbrauch an!",
          postedAt: "2026-11-30T08:00:00Z",
        }),
      ]);
      expect(counts).toEqual({ opened: 1, added: 3 });
      const [item] = (await conversations("?q=Stromzähler")).items;
      const detail = (await api("GET", `/api/inbox/conversations/${item.id}`)).json();
      expect(detail.posts.map((p: { externalId: string }) => p.externalId)).toEqual([
        `${r}-root`,
        `${r}-1`,
        `${r}-2`,
      ]);
    });

    it("keeps a thread whose reply came first in one conversation, rooted at the post it answers", async () => {
      const r = thread();
      const first = await ingestFlagged(
        [
          buildPost({
            externalId: `${r}-1`,
            inReplyTo: `${r}-root`,
            text: "Gleiches Problem, Abschlag viel zu hoch.",
            postedAt: "2026-11-30T08:05:00Z",
          }),
          buildPost({
            externalId: `${r}-2`,
            inReplyTo: `${r}-1`,
            text: "Hier ebenfalls.",
            postedAt: "2026-11-30T08:06:00Z",
          }),
        ],
        { [`${r}-1`]: ["complaint"], [`${r}-2`]: [] },
      );
      expect(first).toEqual({ opened: 1, added: 2 });
      const [opened] = (await conversations("?q=Abschlag")).items;
      expect(opened.subject).toBe("Gleiches Problem, Abschlag viel zu hoch.");
      // The team answered and closed it before the post it answers was stored.
      expect(
        (await api("PATCH", `/api/inbox/conversations/${opened.id}`, { status: "done" })).statusCode,
      ).toBe(200);
      const later = await ingestFlagged(
        [
          buildPost({
            externalId: `${r}-root`,
            text: "Neue Tarife ab Januar, Abschläge werden angepasst.",
            postedAt: "2026-11-30T08:00:00Z",
          }),
        ],
        { [`${r}-root`]: ["complaint"] },
      );
      // It joins as the root: no second conversation, and the thread it started does not reopen the first.
      expect(later).toEqual({ opened: 0, added: 1 });
      expect((await conversations("?q=Abschl")).items).toHaveLength(1);
      const detail = (await api("GET", `/api/inbox/conversations/${opened.id}`)).json();
      expect(detail.ticket).toBe(opened.ticket);
      expect(detail.subject).toBe(opened.subject);
      expect(detail.status).toBe("done");
      expect(detail.posts.map((p: { externalId: string }) => p.externalId)).toEqual([
        `${r}-root`,
        `${r}-1`,
        `${r}-2`,
      ]);
      const moves = await runtime.ctx.db
        .select({ detail: auditLog.detail })
        .from(auditLog)
        .where(and(eq(auditLog.action, "conversation.reroot"), eq(auditLog.entityId, opened.id)));
      expect(moves.map((m) => m.detail)).toEqual([
        expect.objectContaining({ ticket: opened.ticket, from: `${r}-1`, to: `${r}-root` }),
      ]);
      // A reply to the new root finds the thread, and a customer writing again reopens it.
      expect(
        await ingestFlagged(
          [buildPost({ externalId: `${r}-3`, inReplyTo: `${r}-root`, text: "Und jetzt?" })],
          { [`${r}-3`]: [] },
        ),
      ).toEqual({ opened: 0, added: 1 });
      const reopened = (await api("GET", `/api/inbox/conversations/${opened.id}`)).json();
      expect(reopened.status).toBe("open");
      expect(reopened.postCount).toBe(4);
    });

    it("keeps two early replies that opened conversations apart, rooting the lower ticket", async () => {
      const r = thread();
      await ingestFlagged(
        [
          buildPost({ externalId: `${r}-a`, inReplyTo: `${r}-root`, text: "Zählerstand falsch abgelesen." }),
          buildPost({
            externalId: `${r}-b`,
            inReplyTo: `${r}-root`,
            text: "Zählerstand bei mir auch falsch.",
          }),
        ],
        { [`${r}-a`]: ["complaint"], [`${r}-b`]: ["complaint"] },
      );
      const before = (await conversations("?q=Zählerstand")).items;
      expect(before).toHaveLength(2);
      const lower = Math.min(...before.map((c: { ticket: number }) => c.ticket));
      expect(
        await ingestFlagged(
          [
            buildPost({
              externalId: `${r}-root`,
              text: "Ablesung läuft.",
              postedAt: "2026-11-25T08:00:00Z",
            }),
          ],
          {
            [`${r}-root`]: [],
          },
        ),
      ).toEqual({ opened: 0, added: 1 });
      const after = (await conversations("?q=Zählerstand")).items;
      expect(after).toHaveLength(2);
      const rooted = after.find((c: { ticket: number }) => c.ticket === lower);
      const detail = (await api("GET", `/api/inbox/conversations/${rooted.id}`)).json();
      expect(detail.posts[0].externalId).toBe(`${r}-root`);
      expect(detail.postCount).toBe(2);
    });

    it.runIf(kind === "postgres")("files a thread once when two syncs run at the same time", async () => {
      const r = thread();
      const res = await api("POST", "/api/posts", {
        posts: [
          buildPost({ externalId: `${r}-a`, text: "@nordwind Rechnung doppelt abgebucht!" }),
          ...Array.from({ length: 8 }, (_, i) =>
            buildPost({ externalId: `${r}-${i}`, inReplyTo: `${r}-a`, text: `Bei mir auch (${i})` }),
          ),
        ],
      });
      expect(res.statusCode).toBe(202);
      await runtime.ctx.bus.idle();
      await clock.advance(10_000);
      const [one, two] = await Promise.all([syncInbox(runtime.ctx), syncInbox(runtime.ctx)]);
      expect(one.opened + two.opened).toBe(1);
      expect(one.added + two.added).toBe(9);
      const list = await conversations("?q=doppelt");
      expect(list.items).toHaveLength(1);
      expect(list.items[0].postCount).toBe(9);
    });

    it("takes a sent reply as the first response and waits for the customer", async () => {
      const sentAt = clock.now();
      await runtime.ctx.db.transaction((tx) =>
        noteReplySent(tx, runtime.ctx, {
          orgId,
          conversationId,
          sentAt,
          actor: { orgId, role: "agent", userId: annaId, tokenId: null },
        }),
      );
      const detail = (await api("GET", `/api/inbox/conversations/${conversationId}`)).json();
      expect(detail.status).toBe("waiting");
      expect(detail.sla.firstRespondedAt).toBe(sentAt.toISOString());
    });
  });

  describe("service levels", () => {
    it("raises one in-app alert per missed target and marks the conversation", async () => {
      const r = thread();
      await ingest([buildPost({ externalId: `${r}-late`, text: "@nordwind Hallo? Niemand da?" })]);
      const item = (await conversations("?q=Niemand")).items[0];
      // The posts are from last week: already overdue, unless the clock must still move past the due time.
      await clock.advance(
        Math.max(0, new Date(item.sla.firstResponseDueAt).getTime() + 60_000 - clock.now().getTime()),
      );
      const first = await runInboxOnce(runtime.ctx);
      const mine = first.alerts;
      expect(mine.length).toBeGreaterThanOrEqual(1);
      const alerts = (await api("GET", "/api/alerts")).json().items;
      const breach = alerts.find(
        (a: { trigger: string; title: { en: string } }) =>
          a.trigger === "sla_breach" &&
          a.title.en === `Service level missed: first response for #${item.ticket}`,
      );
      expect(breach).toBeDefined();
      expect(breach.title.de).toBe(`Service-Level verfehlt: Erstantwort für #${item.ticket}`);
      const again = await runInboxOnce(runtime.ctx);
      expect(again.alerts.filter((a) => mine.some((m) => m.alertId === a.alertId))).toHaveLength(0);
      const after = (await api("GET", `/api/inbox/conversations/${item.id}`)).json();
      expect(after.sla.firstResponseBreached).toBe(true);
      const figures = (await api("GET", "/api/inbox/figures?days=7")).json();
      expect(figures.breaches).toBeGreaterThanOrEqual(1);
    });

    it("reports response-time figures in business minutes", async () => {
      const figures = (await api("GET", "/api/inbox/figures?days=30")).json();
      expect(figures.days).toBe(30);
      expect(figures.open).toBeGreaterThanOrEqual(1);
      expect(figures.firstResponse.count).toBeGreaterThanOrEqual(1);
      expect(figures.firstResponse.median).toBeGreaterThanOrEqual(0);
      expect(Object.keys(figures.byBand)).toEqual(["urgent", "high", "normal", "low"]);
      const bad = await api("GET", "/api/inbox/figures?days=0");
      expect(bad.statusCode).toBe(400);
      expect(bad.json().errors[0].field).toBe("querystring.days");
    });
  });

  describe("working on a conversation", () => {
    let id: string;
    beforeAll(async () => {
      const r = thread();
      await ingest([buildPost({ externalId: `${r}-w`, text: "@nordwind Vertrag kündigen, wie geht das?" })]);
      id = (await conversations(`?q=${encodeURIComponent("kündigen")}`)).items[0].id;
    });

    it("assigns to a person or a team and filters by assignee", async () => {
      const team = await api("POST", "/api/inbox/teams", { name: "Social Care", memberIds: [annaId] });
      expect(team.statusCode).toBe(201);
      const toTeam = await api("PATCH", `/api/inbox/conversations/${id}`, {
        assignee: { kind: "team", id: team.json().id },
      });
      expect(toTeam.json()).toMatchObject({
        status: "open",
        assignee: { kind: "team", name: "Social Care" },
      });
      expect((await conversations("?assignee=me", anna)).items.map((c: { id: string }) => c.id)).toContain(
        id,
      );
      const toAnna = await api("PATCH", `/api/inbox/conversations/${id}`, {
        assignee: { kind: "user", id: annaId },
      });
      expect(toAnna.json().assignee).toEqual({ kind: "user", id: annaId, name: "Anna Beck" });
      expect(
        (await conversations("?assignee=unassigned")).items.map((c: { id: string }) => c.id),
      ).not.toContain(id);
      const nobody = await api("PATCH", `/api/inbox/conversations/${id}`, {
        assignee: { kind: "user", id: "no-such-user" },
      });
      expect(nobody.statusCode).toBe(400);
      expect(nobody.json().errors[0].field).toBe("assignee.id");
      const badStatus = await api("PATCH", `/api/inbox/conversations/${id}`, { status: "closed" });
      expect(badStatus.statusCode).toBe(400);
      expect(badStatus.json().errors[0].field).toBe("status");
    });

    it("resolves @mentions in notes and lists them under mentions=me", async () => {
      const note = await api("POST", `/api/inbox/conversations/${id}/notes`, {
        text: "@anna kannst du das übernehmen? @niemand weiß Bescheid.",
      });
      expect(note.statusCode).toBe(201);
      expect(note.json().mentions).toEqual([{ id: annaId, name: "Anna Beck" }]);
      const mine = await conversations("?mentions=me", anna);
      expect(mine.items.map((c: { id: string }) => c.id)).toEqual([id]);
      expect(mine.mentionsMeCount).toBe(1);
      expect(mine.items[0].mentionsMe).toBe(true);
      expect((await conversations("?mentions=me")).items).toHaveLength(0);
      const detail = (await api("GET", `/api/inbox/conversations/${id}`)).json();
      expect(detail.notes.at(-1).text).toContain("@anna");
      const empty = await api("POST", `/api/inbox/conversations/${id}/notes`, { text: "  " });
      expect(empty.statusCode).toBe(400);
      expect(empty.json().errors[0].field).toBe("text");
    });

    it("shows who else is answering until the heartbeat is 30 seconds old", async () => {
      const beat = await api("POST", `/api/inbox/conversations/${id}/presence`, { composing: true }, anna);
      expect(beat.statusCode).toBe(204);
      const seen = (await api("GET", `/api/inbox/conversations/${id}`)).json();
      expect(seen.composing).toEqual([{ userId: annaId, name: "Anna Beck" }]);
      expect((await api("GET", `/api/inbox/conversations/${id}`, undefined, anna)).json().composing).toEqual(
        [],
      );
      await clock.advance(31_000);
      expect((await api("GET", `/api/inbox/conversations/${id}`)).json().composing).toEqual([]);
      await api("POST", `/api/inbox/conversations/${id}/presence`, { composing: true }, anna);
      await api("POST", `/api/inbox/conversations/${id}/presence`, { composing: false }, anna);
      expect((await api("GET", `/api/inbox/conversations/${id}`)).json().composing).toEqual([]);
    });

    it("lets viewers read but not change, and hides conversations from other organisations", async () => {
      expect((await api("GET", `/api/inbox/conversations/${id}`, undefined, viewer)).statusCode).toBe(200);
      expect(
        (await api("PATCH", `/api/inbox/conversations/${id}`, { status: "done" }, viewer)).statusCode,
      ).toBe(403);
      expect(
        (await api("POST", `/api/inbox/conversations/${id}/notes`, { text: "x" }, viewer)).statusCode,
      ).toBe(403);
      expect((await api("GET", `/api/inbox/conversations/${id}`, undefined, other)).statusCode).toBe(404);
      expect(
        (await api("PATCH", `/api/inbox/conversations/${id}`, { status: "done" }, other)).statusCode,
      ).toBe(404);
      expect((await conversations("", other)).items).toEqual([]);
    });
  });

  describe("settings, teams and saved replies", () => {
    it("keeps settings for managers only and names the bad field", async () => {
      const calendar = {
        timeZone: "Europe/Berlin",
        weekly: [[{ start: "07:00", end: "20:00" }], [], [], [], [], [], []],
        holidays: ["2026-12-25"],
      };
      expect((await api("PATCH", "/api/inbox/settings", { attentionThreshold: 0.7 }, anna)).statusCode).toBe(
        403,
      );
      const saved = await api("PATCH", "/api/inbox/settings", { attentionThreshold: 0.7, calendar });
      expect(saved.statusCode).toBe(200);
      expect((await getServiceCalendar(runtime.ctx.db, orgId)).weekly[0]).toEqual([
        { start: "07:00", end: "20:00" },
      ]);
      const zone = await api("PATCH", "/api/inbox/settings", {
        calendar: { ...calendar, timeZone: "Mars/Olympus" },
      });
      expect(zone.statusCode).toBe(400);
      expect(zone.json().errors[0].field).toBe("calendar.timeZone");
      const closed = await api("PATCH", "/api/inbox/settings", {
        calendar: { ...calendar, weekly: [[], [], [], [], [], [], []] },
      });
      expect(closed.json().errors[0].field).toBe("calendar.weekly");
      const hour = await api("PATCH", "/api/inbox/settings", {
        calendar: { ...calendar, weekly: [[{ start: "7:00", end: "20:00" }], [], [], [], [], [], []] },
      });
      expect(hour.json().errors[0].field).toBe("calendar.weekly.0.0.start");
      const holidays = (await api("GET", "/api/inbox/holidays?year=2026&state=BY")).json().items;
      expect(holidays.map((h: { date: string }) => h.date)).toContain("2026-06-04");
      expect((await api("GET", "/api/inbox/holidays?year=2026&state=XX")).json().errors[0].field).toBe(
        "querystring.state",
      );
    });

    it("refuses a second team of the same name and unknown members", async () => {
      expect((await api("POST", "/api/inbox/teams", { name: "Social Care" })).statusCode).toBe(409);
      const unknown = await api("POST", "/api/inbox/teams", { name: "Presse", memberIds: [annaId, "ghost"] });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().errors[0].field).toBe("memberIds.1");
      expect((await api("POST", "/api/inbox/teams", { name: "Presse" }, anna)).statusCode).toBe(403);
    });

    it("seeds saved replies in both languages once and searches them literally", async () => {
      const seeded = (await api("GET", "/api/inbox/saved-replies")).json().items;
      expect(seeded.filter((r: { lang: string }) => r.lang === "de").length).toBeGreaterThanOrEqual(4);
      expect(seeded.filter((r: { lang: string }) => r.lang === "en").length).toBeGreaterThanOrEqual(4);
      await api("DELETE", `/api/inbox/saved-replies/${seeded[0].id}`);
      expect((await api("GET", "/api/inbox/saved-replies")).json().items).toHaveLength(seeded.length - 1);
      const created = await api("POST", "/api/inbox/saved-replies", {
        title: "Rabatt 100% sicher",
        lang: "de",
        text: "Hallo {name}, 100% Gutschrift für {ticket}_a. {agent}",
      });
      expect(created.statusCode).toBe(201);
      const percent = (await api("GET", "/api/inbox/saved-replies?q=100%25")).json().items;
      expect(percent.map((r: { title: string }) => r.title)).toEqual(["Rabatt 100% sicher"]);
      expect((await api("GET", "/api/inbox/saved-replies?q=%25")).json().items).toHaveLength(1);
      expect((await api("GET", "/api/inbox/saved-replies?q=}_a")).json().items).toHaveLength(1);
      expect((await api("GET", "/api/inbox/saved-replies?q=x_y")).json().items).toHaveLength(0);
      const unknown = await api("POST", "/api/inbox/saved-replies", {
        title: "Falsch",
        lang: "de",
        text: "Hallo {kunde}, {vertrag}",
      });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().errors[0]).toMatchObject({ field: "text" });
      expect(unknown.json().errors[0].message).toContain("{kunde}, {vertrag}");
      expect(
        (await api("POST", "/api/inbox/saved-replies", { title: "x", lang: "de", text: "y" }, anna))
          .statusCode,
      ).toBe(403);
    });

    it("fills a saved reply for a conversation with the customer, ticket and agent", async () => {
      const reply = (await api("GET", "/api/inbox/saved-replies?q=Rabatt")).json().items[0];
      const conversation = (await conversations(`?q=${encodeURIComponent("kündigen")}`)).items[0];
      const filled = await api(
        "POST",
        `/api/inbox/conversations/${conversation.id}/fill-reply`,
        { savedReplyId: reply.id },
        anna,
      );
      expect(filled.statusCode).toBe(200);
      expect(filled.json().text).toMatch(
        new RegExp(`^Hallo Kundin \\d+, 100% Gutschrift für #${conversation.ticket}_a\\. Anna Beck$`),
      );
      const missing = await api("POST", `/api/inbox/conversations/${conversation.id}/fill-reply`, {
        savedReplyId: "nope",
      });
      expect(missing.json().errors[0].field).toBe("savedReplyId");
    });
  });
});
