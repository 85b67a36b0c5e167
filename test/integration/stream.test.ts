import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildPost } from "../factories.ts";
import { seedOrganisation, signIn, startTestApp, startTestRuntime } from "../harness.ts";

/** Reads server-sent events from a response until `count` `post` events arrived or the time is up. */
async function readPostEvents(res: Response, count: number, timeoutMs: number) {
  const reader = res.body?.getReader();
  if (!reader) throw new Error("no body");
  const events: { id: string; externalId: string; lang: string }[] = [];
  let buffer = "";
  const deadline = Date.now() + timeoutMs;
  while (events.length < count && Date.now() < deadline) {
    const chunk = await Promise.race([
      reader.read(),
      new Promise<null>((r) => setTimeout(() => r(null), deadline - Date.now())),
    ]);
    if (!chunk || chunk.done) break;
    buffer += new TextDecoder().decode(chunk.value);
    let end = buffer.indexOf("\n\n");
    while (end >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (block.startsWith("event: post")) {
        const data = block.split("\n").find((l) => l.startsWith("data: "));
        if (data) events.push(JSON.parse(data.slice(6)));
      }
      end = buffer.indexOf("\n\n");
    }
  }
  await reader.cancel();
  return events;
}

describe("live stream of mentions", () => {
  let runtime: Awaited<ReturnType<typeof startTestRuntime>>;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let base: string;
  let cookie: string;
  let headers: Record<string, string>;

  beforeAll(async () => {
    runtime = await startTestRuntime("pglite");
    app = await startTestApp(runtime);
    await app.listen({ port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const { email } = await seedOrganisation(runtime, "acme");
    const session = await signIn(app, email);
    cookie = session.headers.cookie;
    headers = session.headers;
    await seedOrganisation(runtime, "rival");
  });
  afterAll(async () => {
    await app.close();
    await runtime.dispose();
  });

  it("sends new posts that match the filter, and only those", async () => {
    const res = await fetch(`${base}/api/posts/stream?lang=en`, { headers: { cookie } });
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    const events = readPostEvents(res, 2, 10_000);
    await app.inject({
      method: "POST",
      url: "/api/posts",
      headers,
      payload: {
        posts: [
          buildPost({ externalId: "live-de", text: "Schon wieder kein Netz bei Nordwind in Kiel." }),
          buildPost({
            externalId: "live-en-1",
            text: "Nordwind outage again, no signal at all in Kiel.",
            lang: "en",
          }),
          buildPost({ externalId: "live-en-2", text: "Thanks Nordwind, the new plan is great!", lang: "en" }),
        ],
      },
    });
    const received = await events;
    expect(received.map((e) => e.externalId)).toEqual(["live-en-1", "live-en-2"]);
    expect(received.every((e) => e.lang === "en")).toBe(true);
  });

  it("applies the full-text filter to live posts", async () => {
    const res = await fetch(`${base}/api/posts/stream?q=Rechnung`, { headers: { cookie } });
    const events = readPostEvents(res, 1, 10_000);
    await app.inject({
      method: "POST",
      url: "/api/posts",
      headers,
      payload: {
        posts: [
          buildPost({ externalId: "fts-live-1", text: "Mein Tarif ist super." }),
          buildPost({ externalId: "fts-live-2", text: "Meine Rechnungen sind schon wieder falsch!" }),
        ],
      },
    });
    expect((await events).map((e) => e.externalId)).toEqual(["fts-live-2"]);
  });

  it("sends only posts flagged for the risk the stream asks for", async () => {
    const res = await fetch(`${base}/api/posts/stream?risk=leak_secret`, { headers: { cookie } });
    const events = readPostEvents(res, 1, 10_000);
    await app.inject({
      method: "POST",
      url: "/api/posts",
      headers,
      payload: {
        posts: [
          buildPost({ externalId: "risk-live-1", text: "Schöner Tag in Kiel." }),
          buildPost({
            externalId: "risk-live-2",
            text: "Hier der Key: ghp_abcdefghijklmnopqrstuvwxyz0123456789",
          }),
        ],
      },
    });
    expect((await events).map((e) => e.externalId)).toEqual(["risk-live-2"]);
  });

  it("does not send another organisation's posts", async () => {
    const res = await fetch(`${base}/api/posts/stream`, { headers: { cookie } });
    const events = readPostEvents(res, 1, 2_000);
    const rival = await signIn(app, "admin@rival.example");
    await app.inject({
      method: "POST",
      url: "/api/posts",
      headers: rival.headers,
      payload: { posts: [buildPost()] },
    });
    expect(await events).toEqual([]);
  });

  it("refuses the stream without a session", async () => {
    const res = await fetch(`${base}/api/posts/stream`);
    expect(res.status).toBe(401);
  });
});
