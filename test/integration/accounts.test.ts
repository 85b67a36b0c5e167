import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember } from "../../src/orgs/orgs.service.ts";
import { ManualClock } from "../../src/platform/clock.ts";
import { buildPost } from "../factories.ts";
import {
  databaseKinds,
  seedOrganisation,
  signIn,
  startTestApp,
  startTestRuntime,
  testPassword,
} from "../harness.ts";

describe.each(databaseKinds)("official accounts: posture, takeover, lockdown, lookalikes on %s", (kind) => {
  const clock = new ManualClock("2026-11-25T12:00:00Z");
  const minutesAgo = (m: number) => new Date(clock.now().getTime() - m * 60_000).toISOString();
  let runtime: Awaited<ReturnType<typeof startTestRuntime>>;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let admin: Awaited<ReturnType<typeof signIn>>;
  let agent: Awaited<ReturnType<typeof signIn>>;
  let viewer: Awaited<ReturnType<typeof signIn>>;

  const api = async (method: "GET" | "POST" | "PUT", url: string, payload?: unknown, as = admin) =>
    app.inject({
      method,
      url,
      headers: as.headers,
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
  const overview = async (as = admin) => (await api("GET", "/api/accounts", undefined, as)).json();
  const account = async (key: string) => (await overview()).items.find((a: { key: string }) => a.key === key);
  const ingest = async (posts: unknown[]) => {
    expect((await api("POST", "/api/posts", { posts })).statusCode).toBe(202);
    await runtime.ctx.bus.idle();
  };

  beforeAll(async () => {
    runtime = await startTestRuntime(kind, { clock, alertLoops: false });
    app = await startTestApp(runtime);
    const seeded = await seedOrganisation(runtime, "nordwind");
    admin = await signIn(app, seeded.email);
    for (const role of ["agent", "viewer"] as const) {
      await addMember(
        runtime.ctx,
        { orgId: seeded.org.id, system: true },
        { email: `${role}@nordwind.example`, name: role, role, password: testPassword },
      );
    }
    agent = await signIn(app, "agent@nordwind.example");
    viewer = await signIn(app, "viewer@nordwind.example");
    const profile = await api("PUT", "/api/risk/profile", {
      brandNames: ["Nordwind"],
      domains: ["nordwind-mobil.de"],
      officialAccounts: [{ handle: "nordwind_hilfe" }, { platform: "x", handle: "NordwindMobil" }],
      executives: ["Anke Petersen"],
      watchlist: ["Leuchtturm"],
    });
    expect(profile.statusCode).toBe(200);
  });
  afterAll(async () => {
    await app.close();
    await runtime.dispose();
  });

  it("lists the registry's accounts, unrecorded ones as unknown with the finding to record them", async () => {
    const list = await overview(viewer);
    expect(list.items.map((a: { key: string }) => a.key)).toEqual(["*:nordwind_hilfe", "x:nordwindmobil"]);
    expect(list.items[0]).toMatchObject({
      platform: null,
      handle: "nordwind_hilfe",
      security: null,
      posture: { grade: "unknown", findings: [{ code: "no_record", severity: "high" }] },
      activity: { posts7d: 0, lastPostAt: null, followers: null },
      takeover: { suspected: false, signals: [], burst: null },
    });
    expect(list.lookalikes).toEqual([]);
    expect(list.windows).toEqual({ activityDays: 7, lookalikeDays: 30 });
  });

  it("records security for an account, judges it, and names the field of bad input", async () => {
    const saved = await api("PUT", "/api/accounts/security", {
      handle: "@NordWind_Hilfe",
      owner: "Lena Hoffmann",
      posters: ["Lena", "Jonas", "Aylin", "Tom", "Sven", "Jana"],
      twoFactor: "sms",
      recoveryContact: "service-leitung@nordwind-mobil.de",
      recoveryVerifiedOn: "2026-10-01",
      accessReviewedOn: "2026-06-01",
      connectedApps: ["Brandwache", "Brandwache"],
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({
      key: "*:nordwind_hilfe",
      security: {
        owner: "Lena Hoffmann",
        twoFactor: "sms",
        recoveryVerifiedOn: "2026-10-01",
        connectedApps: ["Brandwache"],
      },
      posture: {
        grade: "attention",
        findings: [
          { code: "two_factor_sms", severity: "medium" },
          { code: "access_review_due", severity: "low", days: 177 },
          { code: "many_posters", severity: "low" },
        ],
      },
    });

    // Recording again replaces the record: the account becomes good.
    const better = await api("PUT", "/api/accounts/security", {
      handle: "nordwind_hilfe",
      owner: "Lena Hoffmann",
      posters: ["Lena", "Jonas"],
      twoFactor: "security_key",
      recoveryContact: "service-leitung@nordwind-mobil.de",
      recoveryVerifiedOn: "2026-11-20",
      accessReviewedOn: "2026-11-20",
    });
    expect(better.json().posture).toEqual({ grade: "good", findings: [] });
    expect(better.json().security.connectedApps).toEqual([]);

    const badDate = await api("PUT", "/api/accounts/security", {
      handle: "nordwind_hilfe",
      recoveryVerifiedOn: "01.10.2026",
    });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().errors[0].field).toBe("recoveryVerifiedOn");
    const badMethod = await api("PUT", "/api/accounts/security", { handle: "x", twoFactor: "email" });
    expect(badMethod.json().errors[0].field).toBe("twoFactor");
    // The registry entry of x:nordwindmobil is only on x.
    const elsewhere = await api("PUT", "/api/accounts/security", {
      platform: "mastodon",
      handle: "nordwindmobil",
    });
    expect(elsewhere.statusCode).toBe(404);
    expect(elsewhere.json().errors[0].field).toBe("handle");
    const forbidden = await api(
      "PUT",
      "/api/accounts/security",
      { platform: "x", handle: "nordwindmobil", twoFactor: "app" },
      agent,
    );
    expect(forbidden.statusCode).toBe(403);
    expect((await account("x:nordwindmobil")).security).toBeNull();
    // Nothing that was recorded is lost by the refused writes.
    expect((await account("*:nordwind_hilfe")).posture.grade).toBe("good");
  });

  it("sees a takeover in own posts an organisation never writes and in a burst beyond the usual pace", async () => {
    const rule = await api("POST", "/api/alert-rules", {
      name: "Konto gehackt?",
      condition: { kind: "account_takeover" },
      severity: "critical",
      cooldownMinutes: 30,
    });
    expect(rule.statusCode).toBe(201);
    const own = (text: string, minutes: number, platform = "mastodon") =>
      buildPost({
        platform,
        text,
        postedAt: minutesAgo(minutes),
        author: { handle: "nordwind_hilfe", displayName: "Nordwind Hilfe", followers: 48_000 },
      });
    await ingest([
      // The usual pace: one support reply an hour, yesterday.
      ...Array.from({ length: 5 }, (_, i) =>
        own(
          `Das tut uns leid, bitte schreiben Sie uns eine DM mit Ihrer Kundennummer. (${i})`,
          24 * 60 + 60 * i,
        ),
      ),
      // Today, within the hour: a scam link, a leaked code name, and more posts than ever.
      own(
        "Gratis iPhone für alle Kunden! Jetzt Daten eingeben: http://nordwind-mobil.de.gewinn-now.xyz/login",
        5,
      ),
      own("Intern: Projekt Leuchtturm startet nächste Woche, bitte nicht weitergeben", 8, "x"),
      ...Array.from({ length: 4 }, (_, i) => own(`Guten Morgen, wir sind für Sie da (${i})`, 10 + i)),
    ]);
    const hilfe = await account("*:nordwind_hilfe");
    expect(hilfe.activity).toMatchObject({ posts7d: 11, followers: 48_000, lastPostAt: minutesAgo(5) });
    expect(hilfe.takeover.suspected).toBe(true);
    expect(hilfe.takeover.burst).toEqual({ lastHour: 6, usualMaxHour: 1 });
    expect(hilfe.takeover.signals.map((s: { postedAt: string }) => s.postedAt)).toEqual([
      minutesAgo(5),
      minutesAgo(8),
    ]);
    expect(hilfe.takeover.signals[0].categories).toContain("malicious_link");
    expect(hilfe.takeover.signals[1].categories).toContain("leak_confidential");
    expect(hilfe.takeover.signals[1].excerpt).toBe(
      "Intern: Projekt Leuchtturm startet nächste Woche, bitte nicht weitergeben",
    );
    // The entry for x only counts the post on x.
    const main = await account("x:nordwindmobil");
    expect(main.takeover.suspected).toBe(false);

    // The takeover rule raised one alert for the account (the second post folded into it), none for
    // the ordinary replies.
    const alerts = (await api("GET", "/api/alerts")).json().items;
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      trigger: "account_takeover",
      severity: "critical",
      occurrences: 2,
      title: { en: "Official account @nordwind_hilfe may be hacked" },
    });
    expect(alerts[0].postIds).toHaveLength(2);
  });

  it("lists accounts that imitate the official ones, with what they imitate", async () => {
    await ingest([
      buildPost({
        text: "Hallo, hier der offizielle Nordwind Support. Schick uns deine Kundennummer und PIN per DM!",
        postedAt: minutesAgo(30),
        author: { handle: "nordwind_hilfe_support", displayName: "Nordwind Hilfe", followers: 12 },
      }),
      buildPost({
        text: "Seit heute kein Netz in Altona.",
        postedAt: minutesAgo(20),
        author: { handle: "kundin_altona" },
      }),
    ]);
    const { lookalikes } = await overview();
    expect(lookalikes).toEqual([
      expect.objectContaining({
        platform: "mastodon",
        handle: "nordwind_hilfe_support",
        displayName: "Nordwind Hilfe",
        posts: 1,
        lastPostAt: minutesAgo(30),
        known: false,
      }),
    ]);
    // The engine's finding: the support account's handle with the word "support" added.
    expect(lookalikes[0].imitates).toEqual(["@nordwind_hilfe"]);
  });

  it("starts a lockdown: an incident with the suspicious posts and the hacked-account playbook", async () => {
    const hilfe = await account("*:nordwind_hilfe");
    const postIds = hilfe.takeover.signals.map((s: { postId: string }) => s.postId);

    const unknownPost = await api(
      "POST",
      "/api/accounts/lockdown",
      { handle: "nordwind_hilfe", lang: "en", postIds: [postIds[0], "nope"] },
      agent,
    );
    expect(unknownPost.statusCode).toBe(400);
    expect(unknownPost.json().errors[0].field).toBe("postIds.1");
    expect(
      (await api("POST", "/api/accounts/lockdown", { handle: "nordwind_hilfe", lang: "en" }, viewer))
        .statusCode,
    ).toBe(403);
    expect((await api("POST", "/api/accounts/lockdown", { handle: "someone_else" }, agent)).statusCode).toBe(
      404,
    );
    // None of the refused requests opened an incident.
    expect((await api("GET", "/api/incidents")).json().items).toHaveLength(0);

    const started = await api(
      "POST",
      "/api/accounts/lockdown",
      { handle: "nordwind_hilfe", lang: "en", postIds },
      agent,
    );
    expect(started.statusCode).toBe(201);
    const { incidentId, playbookRunId } = started.json();
    expect(playbookRunId).toEqual(expect.any(String));
    const incident = (await api("GET", `/api/incidents/${incidentId}`)).json();
    expect(incident).toMatchObject({ title: "Account @nordwind_hilfe possibly hacked", severity: "sev1" });
    const tasks = (await api("GET", `/api/incidents/${incidentId}/tasks`)).json().items;
    expect(tasks.map((t: { title: { en: string } }) => t.title.en)).toContain("Secure the account");
    const attached = (await api("GET", `/api/incidents/${incidentId}/posts`)).json().items;
    expect(attached.map((p: { id: string }) => p.id).sort()).toEqual([...postIds].sort());
  });
});
