import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  databaseKinds,
  seedOrganisation,
  signIn,
  startTestApp,
  startTestRuntime,
} from "../../test/harness.ts";

describe.each(databaseKinds)("incident routes on %s reject bad input naming the field", (kind) => {
  let runtime: Awaited<ReturnType<typeof startTestRuntime>>;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let headers: Record<string, string>;
  let incidentId = "";

  beforeAll(async () => {
    runtime = await startTestRuntime(kind, { alertLoops: false });
    app = await startTestApp(runtime);
    const seeded = await seedOrganisation(runtime, "fieldnames");
    headers = (await signIn(app, seeded.email)).headers;
    incidentId = (
      await app.inject({
        method: "POST",
        url: "/api/incidents",
        headers,
        payload: { title: "Prüfung", severity: "sev4" },
      })
    ).json().id;
  });
  afterAll(async () => {
    await app.close();
    await runtime.dispose();
  });

  it.each([
    ["POST", "/api/incidents", { title: "x", source: { kind: "tweet", id: "1" } }, "source.kind"],
    ["POST", "/api/incidents", { title: "x", severity: "sev4", extra: 1 }, "extra"],
    ["POST", "/tasks", { title: "" }, "title"],
    ["POST", "/tasks", { title: "x", dueAt: "tomorrow" }, "dueAt"],
    ["POST", "/clocks", { kind: "stgb_78" }, "kind"],
    ["POST", "/clocks", { kind: "gdpr_33", startedAt: "gestern" }, "startedAt"],
    ["POST", "/notes", { text: "   " }, "text"],
    ["POST", "/notices", { platform: "x" }, "urls"],
    ["POST", "/playbook-runs", {}, "playbookId"],
    ["PUT", "/roles", { chief: "u1" }, "chief"],
  ] as const)("%s %s %j names %s", async (method, path, payload, field) => {
    const url = path.startsWith("/api") ? path : `/api/incidents/${incidentId}${path}`;
    const res = await app.inject({ method, url, headers, payload });
    expect(res.statusCode, res.body).toBe(400);
    const errors = res.json().errors as { field: string; message: string }[];
    // An unknown key is reported on the body itself, with the key in the message.
    const named = errors.some(
      (e) => e.field === field || e.field.startsWith(`${field}.`) || e.message.includes(`"${field}"`),
    );
    expect(named, JSON.stringify(errors)).toBe(true);
  });

  it("refuses an unknown playbook by naming playbookId", async () => {
    const res = await app.inject({
      method: "POST",
      url: `/api/incidents/${incidentId}/playbook-runs`,
      headers,
      payload: { playbookId: "does-not-exist" },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: "playbookId" })]);
  });
});
