import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildPost } from "../factories.ts";
import { seedOrganisation, signIn, startTestApp, startTestRuntime } from "../harness.ts";

const profile = {
  brandNames: ["Nordwind", "Nordwind Mobil"],
  domains: ["nordwind-mobil.de"],
  officialAccounts: [{ handle: "nordwind_hilfe" }],
  executives: ["Anke Petersen"],
  watchlist: ["Leuchtturm"],
};

describe("risk engine in the product", () => {
  let runtime: Awaited<ReturnType<typeof startTestRuntime>>;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let admin: Awaited<ReturnType<typeof signIn>>;

  beforeAll(async () => {
    runtime = await startTestRuntime("pglite");
    app = await startTestApp(runtime);
    const { email } = await seedOrganisation(runtime, "nordwind");
    admin = await signIn(app, email);
  });
  afterAll(async () => {
    await app.close();
    await runtime.dispose();
  });

  it("saves the risk profile, names a bad field, and forbids viewers to change it", async () => {
    const saved = await app.inject({
      method: "PUT",
      url: "/api/risk/profile",
      headers: admin.headers,
      payload: profile,
    });
    expect(saved.statusCode).toBe(200);
    expect(
      (await app.inject({ method: "GET", url: "/api/risk/profile", headers: admin.headers })).json(),
    ).toEqual(profile);
    const bad = await app.inject({
      method: "PUT",
      url: "/api/risk/profile",
      headers: admin.headers,
      payload: { ...profile, domains: ["not a domain"] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe("domains.0");
    await app.inject({
      method: "POST",
      url: "/api/users",
      headers: admin.headers,
      payload: { email: "v@nordwind.example", name: "V", role: "viewer", password: "viewer-password-1" },
    });
    const viewer = await signIn(app, "v@nordwind.example", "viewer-password-1");
    const denied = await app.inject({
      method: "PUT",
      url: "/api/risk/profile",
      headers: viewer.headers,
      payload: profile,
    });
    expect(denied.statusCode).toBe(403);
  });

  it("analyses texts with every category present and spans inside the text", async () => {
    const text =
      "Mein Token ghp_abcdefghijklmnopqrstuvwxyz0123456789 – bitte nicht weitergeben, Projekt Leuchtturm";
    const res = await app.inject({
      method: "POST",
      url: "/api/analyze",
      headers: admin.headers,
      payload: { items: [{ id: "a", text }] },
    });
    expect(res.statusCode).toBe(200);
    const [item] = res.json().items;
    expect(item.id).toBe("a");
    expect(Object.keys(item.risks)).toHaveLength(17);
    expect(item.risks.leak_secret.flagged).toBe(true);
    expect(item.risks.leak_confidential.flagged).toBe(true);
    for (const r of Object.values(item.risks) as { spans: { start: number; end: number }[] }[]) {
      for (const s of r.spans) expect(0 <= s.start && s.start < s.end && s.end <= text.length).toBe(true);
    }
    const secret = item.risks.leak_secret.spans[0];
    expect(text.slice(secret.start, secret.end)).toContain("ghp_");
  });

  it("flags links to hosts of an imported block list and to lookalikes of the organisation's domain", async () => {
    const imported = await app.inject({
      method: "POST",
      url: "/api/risk/blocklists",
      headers: admin.headers,
      payload: {
        name: "urlhaus-test",
        content: "# URLhaus test list\nhttp://evil-download.example/payload.exe\nbad-host.example\n",
      },
    });
    expect(imported.json()).toEqual({ added: 2, total: 2 });
    const res = await app.inject({
      method: "POST",
      url: "/api/analyze",
      headers: admin.headers,
      payload: {
        items: [
          { text: "Update hier: https://bad-host.example/update" },
          { text: "Erstattung beantragen: https://nordwind-mobil-erstattung.de/login" },
          { text: "Alle Infos auf https://www.nordwind-mobil.de/stoerung" },
        ],
      },
    });
    const [blocked, lookalike, own] = res.json().items;
    expect(blocked.risks.malicious_link.flagged).toBe(true);
    expect(lookalike.risks.malicious_link.flagged).toBe(true);
    expect(own.risks.malicious_link.flagged).toBe(false);
  });

  it("stores each post's assessment and lets Mentions filter by risk and sort by priority", async () => {
    await app.inject({
      method: "POST",
      url: "/api/posts",
      headers: admin.headers,
      payload: {
        posts: [
          buildPost({ externalId: "r-calm", text: "Danke @nordwind_hilfe, das ging schnell!" }),
          buildPost({
            externalId: "r-secret",
            text: "Zugang fürs Kernnetz: ghp_abcdefghijklmnopqrstuvwxyz0123456789",
          }),
          buildPost({
            externalId: "r-link",
            text: "Entschädigung: https://nordwind-mobil-erstattung.de/login jetzt sichern",
          }),
        ],
      },
    });
    await runtime.ctx.bus.idle();
    const secret = (
      await app.inject({ method: "GET", url: "/api/posts?risk=leak_secret", headers: admin.headers })
    ).json();
    expect(secret.items.map((p: { externalId: string }) => p.externalId)).toEqual(["r-secret"]);
    const flagged = secret.items[0].assessment;
    expect(flagged.flags).toContain("leak_secret");
    expect(flagged.spans.some((s: { category: string }) => s.category === "leak_secret")).toBe(true);
    const byPriority = (
      await app.inject({ method: "GET", url: "/api/posts?sort=priority&limit=2", headers: admin.headers })
    ).json();
    expect(byPriority.items[0].assessment.priority).toBeGreaterThanOrEqual(
      byPriority.items[1].assessment.priority,
    );
    const rest = (
      await app.inject({
        method: "GET",
        url: `/api/posts?sort=priority&limit=2&cursor=${byPriority.nextCursor}`,
        headers: admin.headers,
      })
    ).json();
    const all = [...byPriority.items, ...rest.items].map((p: { externalId: string }) => p.externalId);
    expect(new Set(all)).toEqual(new Set(["r-calm", "r-secret", "r-link"]));
    expect(all.at(-1)).toBe("r-calm");
  });
});
