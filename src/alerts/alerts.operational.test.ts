import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  databaseKinds,
  seedOrganisation,
  signIn,
  startTestApp,
  startTestRuntime,
} from "../../test/harness.ts";
import { ManualClock } from "../platform/clock.ts";
import { raiseOperationalAlert } from "./alerts.operational.ts";

const breach = (dedupKey: string) => ({
  trigger: "sla_breach" as const,
  dedupKey,
  severity: "warning" as const,
  title: {
    de: "Service-Level verfehlt: Erstantwort für #1001",
    en: "Service level missed: first response for #1001",
  },
  explanation: { de: "„Kein Netz“ – fällig um 10:30", en: "“Kein Netz” – due 10:30" },
  figures: { ticket: 1001 },
  link: "/inbox/c1",
});

describe.each(databaseKinds)("operational alerts on %s", (kind) => {
  const clock = new ManualClock("2026-11-30T10:00:00Z");
  let runtime: Awaited<ReturnType<typeof startTestRuntime>>;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let admin: Awaited<ReturnType<typeof signIn>>;
  let orgId: string;
  const api = async (method: "GET" | "POST", url: string, payload?: unknown) =>
    app.inject({
      method,
      url,
      headers: admin.headers,
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });

  beforeAll(async () => {
    runtime = await startTestRuntime(kind, { clock, alertLoops: false });
    app = await startTestApp(runtime);
    const seeded = await seedOrganisation(runtime, "nordwind");
    orgId = seeded.org.id;
    admin = await signIn(app, seeded.email);
  });
  afterAll(async () => {
    await app.close();
    await runtime.dispose();
  });

  it("raises one in-app alert when the organisation has no rule of the kind, and folds the same cause", async () => {
    const [first] = await raiseOperationalAlert(runtime.ctx, orgId, breach("sla:c1:first_response"));
    expect(first).toMatchObject({ outcome: "raised", deliveries: 0 });
    const [again] = await raiseOperationalAlert(runtime.ctx, orgId, breach("sla:c1:first_response"));
    expect(again).toMatchObject({ outcome: "folded", alertId: first?.alertId });
    const alerts = (await api("GET", "/api/alerts")).json().items;
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      trigger: "sla_breach",
      ruleId: null,
      topicId: null,
      severity: "warning",
      title: { en: "Service level missed: first response for #1001" },
    });
  });

  it("goes through every enabled rule of the kind with its severity and channels, never through other kinds", async () => {
    const channel = await api("POST", "/api/alert-channels", {
      name: "Leitstand",
      config: {
        kind: "webhook",
        url: "https://hooks.nordwind.example/brandwache",
        secret: "a-webhook-secret-of-some-length",
      },
    });
    expect(channel.statusCode).toBe(201);
    const rule = await api("POST", "/api/alert-rules", {
      name: "SLA verfehlt",
      condition: { kind: "sla_breach" },
      severity: "critical",
      channelIds: [channel.json().id],
    });
    expect(rule.statusCode).toBe(201);
    expect(rule.json().condition).toEqual({ kind: "sla_breach" });
    const other = await api("POST", "/api/alert-rules", {
      name: "Fristen",
      condition: { kind: "deadline_due" },
    });
    expect(other.statusCode).toBe(201);
    const outcomes = await raiseOperationalAlert(runtime.ctx, orgId, breach("sla:c2:resolution"));
    expect(outcomes).toEqual([{ orgId, alertId: expect.any(String), outcome: "raised", deliveries: 1 }]);
    const alert = (await api("GET", `/api/alerts/${outcomes[0]?.alertId}`)).json();
    expect(alert).toMatchObject({ ruleId: rule.json().id, severity: "critical", trigger: "sla_breach" });
    expect(alert.deliveries).toEqual([
      expect.objectContaining({ channelName: "Leitstand", state: "pending" }),
    ]);
  });

  it("refuses thresholds on an operational condition, naming the field", async () => {
    const res = await api("POST", "/api/alert-rules", {
      name: "x",
      condition: { kind: "sla_breach", minPriority: 0.5 },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toMatch(/^condition/);
  });
});
