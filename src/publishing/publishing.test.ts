import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fakePublishRoutes, startFakePlatform } from "../../test/fake-platform.ts";
import {
  databaseKinds,
  seedOrganisation,
  signIn,
  startTestApp,
  startTestRuntime,
  testPassword,
} from "../../test/harness.ts";
import { syncOrganisation } from "../inbox/inbox.sync.ts";
import { addMember } from "../orgs/orgs.service.ts";
import { ManualClock } from "../platform/clock.ts";

describe.each(databaseKinds)("drafts, the pre-publication check and four-eyes approval on %s", (kind) => {
  // A Wednesday, 13:00 in Berlin: within the default staffed hours.
  const clock = new ManualClock("2026-11-25T12:00:00Z");
  let runtime: Awaited<ReturnType<typeof startTestRuntime>>;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let platform: Awaited<ReturnType<typeof startFakePlatform>>;
  const fake = fakePublishRoutes();
  let failNext = 0;
  let orgId: string;
  type Session = Awaited<ReturnType<typeof signIn>>;
  let admin: Session;
  let agent: Session;
  let manager: Session;
  let manager2: Session;
  let viewer: Session;
  let connectorId: string;
  let conversationId: string;
  let postId: string;

  const api = (method: "GET" | "POST" | "PATCH" | "PUT", url: string, as: Session, payload?: unknown) =>
    app.inject({
      method,
      url,
      headers: as.headers,
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });

  const newDraft = async (text: string, as: Session = agent, extra: Record<string, unknown> = {}) => {
    const res = await api("POST", "/api/drafts", as, {
      kind: "reply",
      conversationId,
      connectorId,
      text,
      lang: "de",
      ...extra,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json();
  };
  const audit = async () =>
    (await api("GET", "/api/audit?limit=200", admin)).json().items as {
      action: string;
      actor: string;
      entityId: string | null;
      detail: Record<string, unknown>;
      at: string;
    }[];

  beforeAll(async () => {
    platform = await startFakePlatform({
      ...fake.routes,
      "POST /2/tweets": (req) => {
        if (failNext > 0) {
          failNext--;
          return { status: 503, body: { title: "Service Unavailable" } };
        }
        return fake.routes["POST /2/tweets"]?.(req) ?? { status: 500 };
      },
    });
    runtime = await startTestRuntime(kind, {
      clock,
      alerting: { BRANDWACHE_OUTBOUND_ALLOW: "127.0.0.1" },
      alertLoops: false,
    });
    app = await startTestApp(runtime);
    const seeded = await seedOrganisation(runtime, "nordwind");
    orgId = seeded.org.id;
    admin = await signIn(app, seeded.email);
    for (const role of ["agent", "manager", "viewer"] as const) {
      await addMember(
        runtime.ctx,
        { orgId, system: true },
        { email: `${role}@nordwind.example`, name: `The ${role}`, role, password: testPassword },
      );
    }
    await addMember(
      runtime.ctx,
      { orgId, system: true },
      { email: "manager2@nordwind.example", name: "Second manager", role: "manager", password: testPassword },
    );
    agent = await signIn(app, "agent@nordwind.example");
    manager = await signIn(app, "manager@nordwind.example");
    manager2 = await signIn(app, "manager2@nordwind.example");
    viewer = await signIn(app, "viewer@nordwind.example");

    const connector = await api("POST", "/api/connectors", admin, {
      kind: "x",
      name: "X @nordwind",
      enabled: false,
      config: { query: "nordwind", apiBase: platform.origin },
      secrets: { bearerToken: "app-token", userAccessToken: "user-token" },
    });
    expect(connector.statusCode, connector.body).toBe(201);
    connectorId = connector.json().id;

    // A customer mentions the official account on X: the inbox opens a conversation for it.
    await api("PUT", "/api/risk/profile", admin, { officialAccounts: [{ handle: "nordwind" }] });
    const ingest = await api("POST", "/api/posts", admin, {
      posts: [
        {
          platform: "x",
          externalId: "1861234567890123456",
          text: "@nordwind Seit heute Morgen kein Netz in Kiel. Was ist da los?",
          postedAt: "2026-11-25T11:30:00Z",
          author: { handle: "kundin_kiel" },
        },
      ],
    });
    expect(ingest.statusCode).toBe(202);
    await runtime.ctx.bus.idle();
    // The inbox files posts once they are a few seconds old (transactions in flight commit first).
    await clock.advance(60_000);
    await syncOrganisation(runtime.ctx, orgId);
    const conversations = (await api("GET", "/api/inbox/conversations", admin)).json().items as {
      id: string;
    }[];
    conversationId = conversations[0]?.id ?? "";
    expect(conversationId).not.toBe("");
    postId = (await api("GET", "/api/posts?platform=x", admin)).json().items[0].id;
  });
  afterAll(async () => {
    await app.close();
    await runtime.dispose();
    await platform.close();
  });

  it("sends a harmless reply at once through X, stored with its conversation and audited", async () => {
    const draft = await newDraft("Das tut uns leid! Wir prüfen die Störung in Kiel und melden uns.");
    expect(draft).toMatchObject({ state: "draft", version: 1, inReplyToPostId: postId, mine: true });
    expect(draft.check).toMatchObject({ findings: [], needsApproval: false, blocked: false });
    const before = fake.posted.length;
    const sent = await api("POST", `/api/drafts/${draft.id}/submit`, agent, { version: 1 });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json()).toMatchObject({ state: "sent", attempts: 1, sentAt: clock.now().toISOString() });
    expect(sent.json().externalUrl).toBe(`https://x.com/i/web/status/${sent.json().externalId}`);
    expect(fake.posted.slice(before).map((p) => p.body)).toEqual([
      {
        text: "Das tut uns leid! Wir prüfen die Störung in Kiel und melden uns.",
        reply: { in_reply_to_tweet_id: "1861234567890123456" },
      },
    ]);
    const replies = (
      await api("GET", `/api/drafts?conversationId=${conversationId}&status=sent`, viewer)
    ).json().items;
    expect(replies.map((d: { id: string }) => d.id)).toContain(draft.id);
    const conversation = (await api("GET", `/api/inbox/conversations/${conversationId}`, agent)).json();
    expect(conversation.status).toBe("waiting");
    const actions = (await audit()).filter((e) => e.entityId === draft.id).map((e) => e.action);
    expect(actions.sort()).toEqual(["draft.create", "draft.send", "draft.submit"]);
  });

  it("holds a promise of money for approval; the author cannot approve; a second manager can", async () => {
    const draft = await newDraft("Wir erstatten Ihnen den Monatsbeitrag.", manager);
    expect(draft.check.needsApproval).toBe(true);
    const finding = draft.check.findings.find((f: { code: string }) => f.code === "legal_approval");
    expect(finding.spans).toEqual([{ start: 4, end: 13 }]);
    const held = await api("POST", `/api/drafts/${draft.id}/submit`, manager, { version: 1 });
    expect(held.json()).toMatchObject({ state: "pending_approval", canApprove: false });
    expect(held.json().approveBlockedReason.en).toContain("your own draft");

    const self = await api("POST", `/api/drafts/${draft.id}/approve`, manager, { version: 1 });
    expect(self.statusCode).toBe(403);
    expect(self.json().detail).toBe("You cannot approve your own draft – a second person must review it.");
    const byAgent = await api("POST", `/api/drafts/${draft.id}/approve`, agent, { version: 1 });
    expect(byAgent.statusCode).toBe(403);
    expect(byAgent.json().detail).toContain("Only managers and admins");

    const queue = (await api("GET", "/api/drafts?awaitingMe=true", manager2)).json().items;
    expect(queue.map((d: { id: string }) => d.id)).toEqual([draft.id]);
    expect((await api("GET", "/api/drafts/pending-count", manager2)).json()).toEqual({ count: 1 });
    expect((await api("GET", "/api/drafts/pending-count", manager)).json()).toEqual({ count: 0 });

    await clock.advance(60_000);
    const approved = await api("POST", `/api/drafts/${draft.id}/approve`, manager2, {
      version: 1,
      comment: "Kulanz ok laut Legal",
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({
      state: "sent",
      approval: {
        by: { name: "Second manager" },
        at: clock.now().toISOString(),
        comment: "Kulanz ok laut Legal",
        version: 1,
      },
    });
    const entry = (await audit()).find((e) => e.entityId === draft.id && e.action === "draft.approve");
    expect(entry?.detail).toMatchObject({
      version: 1,
      approvedAt: clock.now().toISOString(),
      comment: "Kulanz ok laut Legal",
    });
    expect(entry?.actor).toMatch(/^user:/u);
    expect(entry?.detail.approvedBy).toBe(entry?.actor);
    expect(entry?.detail.author).not.toBe(entry?.actor);
  });

  it("refuses an approval for a version other than the one shown (409)", async () => {
    const draft = await newDraft("Wir garantieren eine Lösung bis Freitag.");
    await api("POST", `/api/drafts/${draft.id}/submit`, agent, { version: 1 });
    const stale = await api("POST", `/api/drafts/${draft.id}/approve`, manager, { version: 2 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().detail).toContain("changed since you looked at it");
  });

  it("lets only one of two approvers at once send the draft", async () => {
    const draft = await newDraft("Sie bekommen eine Gutschrift über 10 Euro.");
    await api("POST", `/api/drafts/${draft.id}/submit`, agent, { version: 1 });
    const before = fake.posted.length;
    const results = await Promise.all([
      api("POST", `/api/drafts/${draft.id}/approve`, manager, { version: 1 }),
      api("POST", `/api/drafts/${draft.id}/approve`, manager2, { version: 1 }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(fake.posted.length - before).toBe(1);
    const approvals = (await audit()).filter((e) => e.entityId === draft.id && e.action === "draft.approve");
    expect(approvals).toHaveLength(1);
  });

  it("marks a failed send with its error, retries it once, and never sends a sent draft again", async () => {
    const draft = await newDraft("Wir melden uns gleich.");
    failNext = 1;
    const failed = (await api("POST", `/api/drafts/${draft.id}/submit`, agent, { version: 1 })).json();
    expect(failed).toMatchObject({ state: "failed", lastErrorKind: "transient", attempts: 1 });
    expect(failed.lastError).toContain("HTTP 503");
    const before = fake.posted.length;
    const retried = await api("POST", `/api/drafts/${draft.id}/send`, agent, { version: 1 });
    expect(retried.json()).toMatchObject({ state: "sent", attempts: 2, lastError: null });
    const again = await api("POST", `/api/drafts/${draft.id}/send`, agent, { version: 1 });
    expect(again.statusCode).toBe(409);
    expect(fake.posted.length - before).toBe(1);
  });

  it("drops an approval when the draft changes after it, and runs the check again", async () => {
    const draft = await newDraft("Wir erstatten die Gebühr.");
    await api("POST", `/api/drafts/${draft.id}/submit`, agent, { version: 1 });
    failNext = 1;
    const failed = (await api("POST", `/api/drafts/${draft.id}/approve`, manager, { version: 1 })).json();
    expect(failed).toMatchObject({ state: "failed", approval: { version: 1 } });
    const edited = await api("PATCH", `/api/drafts/${draft.id}`, agent, {
      version: 1,
      text: "Wir erstatten die Gebühr und 5 Euro.",
    });
    expect(edited.json()).toMatchObject({ state: "draft", version: 2, approval: null });
    expect(edited.json().check.findings[0].spans).toEqual([{ start: 4, end: 13 }]);
    const resend = await api("POST", `/api/drafts/${draft.id}/send`, agent, { version: 2 });
    expect(resend.statusCode).toBe(409);
    const update = (await audit()).find((e) => e.entityId === draft.id && e.action === "draft.update");
    expect(update?.detail).toMatchObject({ droppedApproval: true, previousState: "failed", version: 2 });
  });

  it("blocks a blocked phrase from being submitted, naming the text", async () => {
    const rules = (await api("GET", "/api/publishing/rules", manager)).json();
    expect(rules.legalApprovalPhrases).toContain("erstatten");
    const saved = await api("PUT", "/api/publishing/rules", manager, {
      blockedPhrases: ["Pech gehabt"],
      legalApprovalPhrases: rules.legalApprovalPhrases,
      approvalThreshold: 0.5,
      outsideHoursNeedsApproval: true,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const draft = await newDraft("Tja, PECH GEHABT.");
    expect(draft.check.blocked).toBe(true);
    const refused = await api("POST", `/api/drafts/${draft.id}/submit`, agent, { version: 1 });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].field).toBe("text");
    expect(refused.json().detail).toContain("Blocked phrase");

    const long = await newDraft(`Liebe Kundin, ${"wir arbeiten an der Störung. ".repeat(12)}`);
    const tooLong = long.check.findings.find((f: { code: string }) => f.code === "too_long");
    expect(tooLong.message.en).toBe(
      "Too long for X (Twitter): at most 280 characters; the marked rest does not fit.",
    );
    expect(tooLong.spans).toEqual([{ start: 280, end: long.text.length }]);
    const live = await api("POST", "/api/drafts/check", agent, { text: long.text, connectorId });
    expect(live.json().blocked).toBe(true);
  });

  it("needs approval outside staffed hours", async () => {
    await clock.advance(Date.parse("2026-11-28T20:00:00Z") - clock.now().getTime());
    // Sessions last 12 hours: everyone signs in again on Saturday.
    admin = await signIn(app, "admin@nordwind.example");
    agent = await signIn(app, "agent@nordwind.example");
    manager = await signIn(app, "manager@nordwind.example");
    manager2 = await signIn(app, "manager2@nordwind.example");
    viewer = await signIn(app, "viewer@nordwind.example");
    const check = await api("POST", "/api/drafts/check", agent, {
      text: "Wir sind ab Montag wieder da.",
      lang: "de",
    });
    expect(check.json().findings.map((f: { code: string }) => f.code)).toEqual(["outside_staffed_hours"]);
    expect(check.json().needsApproval).toBe(true);
  });

  it("marks a draft without a publishing connector to be sent by hand", async () => {
    const draft = await newDraft("Bitte schreiben Sie uns eine Direktnachricht.", agent, {
      connectorId: null,
    });
    const approved = (await api("POST", `/api/drafts/${draft.id}/submit`, agent, { version: 1 })).json();
    // Saturday evening: held for approval first.
    expect(approved.state).toBe("pending_approval");
    const sendable = (await api("POST", `/api/drafts/${draft.id}/approve`, manager, { version: 1 })).json();
    expect(sendable).toMatchObject({ state: "approved", sendByHand: true, connector: null });
    const marked = await api("POST", `/api/drafts/${draft.id}/mark-sent`, agent, {
      version: 1,
      url: "https://x.com/nordwind/status/1",
    });
    expect(marked.json()).toMatchObject({ state: "sent", externalUrl: "https://x.com/nordwind/status/1" });
  });

  it("refuses bad input with the field named, and writes only for agents and up", async () => {
    const bad = await api("POST", "/api/drafts", agent, { kind: "reply", text: "  " });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(["conversationId", "text"]);
    const unknown = await api("POST", "/api/drafts", agent, {
      kind: "post",
      text: "Hallo",
      connectorId: "nope",
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([
      { field: "connectorId", message: "not a connector of your organisation" },
    ]);
    const wrongConversation = await api("POST", "/api/drafts", agent, {
      kind: "reply",
      conversationId: "nope",
      text: "Hallo",
    });
    expect(wrongConversation.json().errors[0].field).toBe("conversationId");
    const threshold = await api("PUT", "/api/publishing/rules", manager, {
      blockedPhrases: [],
      legalApprovalPhrases: [],
      approvalThreshold: 2,
      outsideHoursNeedsApproval: false,
    });
    expect(threshold.statusCode).toBe(400);
    expect(threshold.json().errors[0].field).toBe("approvalThreshold");
    expect(
      (
        await api("PUT", "/api/publishing/rules", agent, {
          blockedPhrases: [],
          legalApprovalPhrases: [],
          approvalThreshold: 0.5,
          outsideHoursNeedsApproval: false,
        })
      ).statusCode,
    ).toBe(403);
    expect((await api("POST", "/api/drafts", viewer, { kind: "post", text: "Hallo" })).statusCode).toBe(403);
    const list = await api("GET", "/api/drafts?status=sent,bogus", agent);
    expect(list.statusCode).toBe(400);
    expect(list.json().errors[0].field).toBe("querystring.status");
  });

  it("lists the accounts drafts can go out through", async () => {
    const accounts = (await api("GET", "/api/publishing/accounts", agent)).json().items;
    expect(accounts).toEqual([
      { id: connectorId, name: "X @nordwind", kind: "x", platform: "x", canPublish: true },
    ]);
  });

  it("writes the approval and the sent reply on the timeline of the conversation's incident", async () => {
    const opened = await api("POST", "/api/incidents", agent, {
      title: "Netzausfall Kiel",
      source: { kind: "conversation", id: conversationId },
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const incidentId = opened.json().id;
    const draft = await newDraft("Wir erstatten Ihnen die Kosten am Montag.");
    await api("POST", `/api/drafts/${draft.id}/submit`, agent, { version: 1 });
    const sent = await api("POST", `/api/drafts/${draft.id}/approve`, manager, { version: 1 });
    expect(sent.json().state).toBe("sent");
    const timeline = (await api("GET", `/api/incidents/${incidentId}/timeline`, agent)).json();
    const items = (Array.isArray(timeline) ? timeline : timeline.items) as {
      kind: string;
      entityId: string | null;
    }[];
    expect(items.filter((e) => e.entityId === draft.id).map((e) => e.kind)).toEqual([
      "approval",
      "reply_sent",
    ]);
  });
});
