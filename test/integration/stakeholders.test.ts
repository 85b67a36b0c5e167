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

describe.each(databaseKinds)("the stakeholder map on %s", (kind) => {
  const clock = new ManualClock("2026-11-25T12:00:00Z");
  let runtime: Awaited<ReturnType<typeof startTestRuntime>>;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let admin: Awaited<ReturnType<typeof signIn>>;
  let agent: Awaited<ReturnType<typeof signIn>>;
  let topicId: string;

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

  beforeAll(async () => {
    runtime = await startTestRuntime(kind, { clock, alertLoops: false });
    app = await startTestApp(runtime);
    const seeded = await seedOrganisation(runtime, "nordwind");
    admin = await signIn(app, seeded.email);
    await addMember(
      runtime.ctx,
      { orgId: seeded.org.id, system: true },
      { email: "agent@nordwind.example", name: "Agent", role: "agent", password: testPassword },
    );
    agent = await signIn(app, "agent@nordwind.example");
    topicId = (await api("POST", "/api/topics", { name: "Marke", query: "nordwind" })).json().id;
  });
  afterAll(async () => {
    await app.close();
    await runtime.dispose();
  });

  it("keeps accounts with group, stance and influence, handles normalised", async () => {
    const res = await api("POST", "/api/stakeholders", {
      platform: "x",
      handle: "@HanseKurier",
      group: "press",
      stance: "neutral",
      influence: 5,
      name: "Hanse-Kurier",
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ handle: "hansekurier", group: "press", posts7d: 0, followers: null });
    const official = await api("POST", "/api/stakeholders", {
      platform: "mastodon",
      handle: "nordwind_hilfe",
      group: "official_account",
      stance: "friend",
    });
    expect(official.json().influence).toBe(3);
  });

  it("names the field of a bad or duplicate account, and lets only managers and admins edit", async () => {
    const bad = await api("POST", "/api/stakeholders", { platform: "x", handle: "a b", group: "press" });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe("handle");
    const group = await api("POST", "/api/stakeholders", {
      platform: "x",
      handle: "ab",
      group: "journalists",
    });
    expect(group.json().errors[0].field).toBe("group");
    const duplicate = await api("POST", "/api/stakeholders", {
      platform: "x",
      handle: "hansekurier",
      group: "tv",
    });
    expect(duplicate.statusCode).toBe(409);
    const forbidden = await api(
      "POST",
      "/api/stakeholders",
      { platform: "x", handle: "ab", group: "press" },
      agent,
    );
    expect(forbidden.statusCode).toBe(403);
    expect((await api("GET", "/api/stakeholders", undefined, agent)).json().items).toHaveLength(2);
  });

  it("shows what each account posted in the last week, and counts media in the escalation level", async () => {
    await api("POST", "/api/posts", {
      posts: [
        buildPost({
          platform: "x",
          text: "Nordwind: Netzausfall in Hamburg, Kunden wütend. Wir haben nachgefragt.",
          postedAt: new Date(clock.now().getTime() - 10 * 60_000).toISOString(),
          author: { handle: "HanseKurier", followers: 96_000 },
        }),
      ],
    });
    // New voices that address the official account.
    await api("POST", "/api/posts", {
      posts: Array.from({ length: 12 }, (_, i) =>
        buildPost({
          platform: "mastodon",
          text: `@nordwind_hilfe Nordwind, seit Stunden kein Netz! Unverschämt, ich kündige (${i})`,
          postedAt: new Date(clock.now().getTime() - (12 - i) * 60_000).toISOString(),
          author: { handle: `neu${i}` },
        }),
      ),
    });
    await runtime.ctx.bus.idle();
    await new Promise((r) => setTimeout(r, 50)); // the monitor counts stored posts asynchronously

    const press = (await api("GET", "/api/stakeholders"))
      .json()
      .items.find((s: { handle: string }) => s.handle === "hansekurier");
    expect(press).toMatchObject({ posts7d: 1, followers: 96_000 });
    expect(press.lastPostAt).toBe(new Date(clock.now().getTime() - 10 * 60_000).toISOString());

    const detail = (await api("GET", `/api/escalation/${topicId}`)).json();
    expect(detail.metrics.mediaAccounts).toBe(1);
    expect(detail.newVoices.groups).toEqual([
      expect.objectContaining({
        group: "official_account",
        authors: 12,
        accounts: ["mastodon:nordwind_hilfe"],
      }),
    ]);
  });

  it("changes and removes accounts", async () => {
    const [first] = (await api("GET", "/api/stakeholders")).json().items;
    const changed = await api("PATCH", `/api/stakeholders/${first.id}`, { stance: "foe", note: "kritisch" });
    expect(changed.json()).toMatchObject({ stance: "foe", note: "kritisch" });
    expect((await api("DELETE", `/api/stakeholders/${first.id}`)).statusCode).toBe(204);
    expect((await api("DELETE", `/api/stakeholders/${first.id}`)).statusCode).toBe(404);
  });
});
