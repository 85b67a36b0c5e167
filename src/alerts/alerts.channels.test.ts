import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { SMTPServer, type SMTPServerError } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AlertMessage, renderWebhook, verifyWebhookSignature } from "../core/alerts/render.ts";
import { type DeliveryDeps, DeliveryError, deliverAlert } from "./alerts.channels.ts";

const now = 1_767_225_600;
const webhookSecret = "whsec_do-not-leak-0123456789";

function buildMessage(overrides: Partial<AlertMessage> = {}): AlertMessage {
  return {
    alertId: "alr_01JD5Q",
    deliveryId: "dlv_01JD5R",
    orgName: "Nordwind Mobil GmbH",
    topicName: "Netzausfall",
    severity: "critical",
    trigger: "level_reached",
    title: { de: "Stufe 4 bei Netzausfall", en: "Level 4 on network outage" },
    explanation: {
      de: 'Stufe 4: 7,3x normales Volumen. Zitat: "<script>alert(1)</script> & Co"',
      en: "Level 4: 7.3x normal volume, 62% negative.",
    },
    createdAt: "2026-11-25T10:04:00.000Z",
    url: "https://brandwache.example.com/alerts/alr_01JD5Q",
    postIds: ["p1", "p2"],
    test: false,
    ...overrides,
  };
}

interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

interface ReceivedRequest {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** The message with its MIME encoded-words and quoted-printable or base64 parts decoded, part by part. */
function readableMail(raw: string): { headers: string; parts: string[] } {
  const [head = "", rest = ""] = raw.split(/\r\n\r\n([\s\S]*)/);
  const headers = head
    .replace(/\r\n[ \t]+/g, " ")
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, enc: string, text: string) =>
      enc.toUpperCase() === "B"
        ? Buffer.from(text, "base64").toString("utf8")
        : decodeQuotedPrintable(text.replaceAll("_", " ")),
    );
  const boundary = /boundary="([^"]+)"/.exec(headers)?.[1] ?? "";
  const parts = rest
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((part) => {
      const [partHead = "", body = ""] = part.replace(/^\r\n/, "").split(/\r\n\r\n([\s\S]*)/);
      const encoding = /Content-Transfer-Encoding: (\S+)/i.exec(partHead)?.[1]?.toLowerCase();
      const decoded =
        encoding === "base64"
          ? Buffer.from(body, "base64").toString("utf8")
          : encoding === "quoted-printable"
            ? decodeQuotedPrintable(body)
            : body;
      return `${partHead}\r\n\r\n${decoded}`;
    });
  return { headers, parts };
}

function decodeQuotedPrintable(text: string): string {
  const bytes = text.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, hex: string) => `%${hex}`);
  return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, "%25"));
}

describe("deliverAlert", () => {
  let smtp: SMTPServer;
  let smtpPort: number;
  let receiver: http.Server;
  let httpPort: number;
  const mails: ReceivedMail[] = [];
  const requests: ReceivedRequest[] = [];

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onRcptTo(address, _session, callback) {
        const reject = (code: number, text: string) =>
          callback(Object.assign(new Error(text), { responseCode: code }) satisfies SMTPServerError);
        if (address.address.startsWith("gone@")) return reject(550, "5.1.1 mailbox unavailable");
        if (address.address.startsWith("busy@")) return reject(451, "4.3.0 try again later");
        callback();
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => {
          mails.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString("utf8"),
          });
          callback();
        });
      },
    });
    smtp.listen(0, "127.0.0.1");
    await once(smtp.server, "listening");
    smtpPort = (smtp.server.address() as AddressInfo).port;

    receiver = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const path = req.url ?? "/";
        requests.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
        const status = /\/status\/(\d{3})$/.exec(path)?.[1];
        if (path.endsWith("/hang")) return;
        if (status === "302") return res.writeHead(302, { Location: "http://127.0.0.1:1/elsewhere" }).end();
        if (status) return res.writeHead(Number(status)).end(`boom at ${path}\nline two`);
        res.writeHead(path.startsWith("/teams") ? 202 : 200).end("ok");
      });
    });
    receiver.listen(0, "127.0.0.1");
    await once(receiver, "listening");
    httpPort = (receiver.address() as AddressInfo).port;
  });

  afterAll(async () => {
    receiver.closeAllConnections();
    receiver.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  const deps = (overrides: Partial<DeliveryDeps> = {}): DeliveryDeps => ({
    smtp: { url: `smtp://127.0.0.1:${smtpPort}`, from: "Brandwache <alerts@brandwache.test>" },
    policy: { allow: ["127.0.0.1"] },
    timeoutMs: 2000,
    nowSec: () => now,
    ...overrides,
  });
  const url = (path: string) => `http://127.0.0.1:${httpPort}${path}`;

  /** Runs a delivery that must fail and returns its DeliveryError. */
  async function failure(run: Promise<void>): Promise<DeliveryError> {
    const error = await run.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DeliveryError);
    return error as DeliveryError;
  }

  describe("e-mail", () => {
    it("sends one message in both languages with an escaped HTML part", async () => {
      await deliverAlert(
        { kind: "email", to: ["team@example.com", "lead@example.com"] },
        buildMessage(),
        deps(),
      );
      const mail = mails.at(-1);
      expect(mail?.from).toBe("alerts@brandwache.test");
      expect(mail?.to).toEqual(["team@example.com", "lead@example.com"]);
      const { headers, parts } = readableMail(mail?.raw ?? "");
      expect(headers).toContain(
        "Subject: [Brandwache · Kritisch/Critical] Stufe 4 bei Netzausfall / Level 4 on network outage",
      );
      expect(headers).toMatch(/^To: team@example\.com, lead@example\.com$/m);
      expect(headers).toMatch(/^From: Brandwache <alerts@brandwache\.test>$/m);
      expect(headers).toMatch(/^Auto-Submitted: auto-generated$/m);
      expect(headers).toMatch(/^X-Brandwache-Delivery: dlv_01JD5R$/m);
      const [text = "", html = ""] = parts;
      expect(text).toContain("Content-Type: text/plain");
      expect(text.indexOf("Auslöser: Eskalationsstufe erreicht")).toBeLessThan(
        text.indexOf("Trigger: Escalation level reached"),
      );
      expect(text).toContain("Zustellung/delivery dlv_01JD5R");
      expect(html).toContain("Content-Type: text/html");
      expect(html).toContain("Stufe 4 bei Netzausfall</h2>");
      expect(html).toContain("Level 4 on network outage</h2>");
      expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co");
      expect(html).not.toContain("<script>");
    });

    it("fails for good when the server rejects the recipient with 550", async () => {
      const error = await failure(
        deliverAlert({ kind: "email", to: ["gone@example.com"] }, buildMessage(), deps()),
      );
      expect(error.retryable).toBe(false);
      expect(error.message).toBe(`SMTP 550 from 127.0.0.1:${smtpPort}: 5.1.1 mailbox unavailable`);
    });

    it("fails for now when the server defers the recipient with 451", async () => {
      const error = await failure(
        deliverAlert({ kind: "email", to: ["busy@example.com"] }, buildMessage(), deps()),
      );
      expect(error.retryable).toBe(true);
      expect(error.message).toBe(`SMTP 451 from 127.0.0.1:${smtpPort}: 4.3.0 try again later`);
    });

    it("reports recipients the server rejected although the others got the message", async () => {
      const before = mails.length;
      const to = ["ok@example.com", "gone@example.com"];
      const error = await failure(deliverAlert({ kind: "email", to }, buildMessage(), deps()));
      expect(error.retryable).toBe(false);
      expect(error.message).toContain("rejected gone@example.com (sent to 1 of 2 recipients)");
      expect(mails.slice(before).map((m) => m.to)).toEqual([["ok@example.com"]]);
    });

    it("fails for good without an SMTP server", async () => {
      const error = await failure(
        deliverAlert({ kind: "email", to: ["a@example.com"] }, buildMessage(), deps({ smtp: null })),
      );
      expect(error).toMatchObject({
        message: "no SMTP server configured (BRANDWACHE_SMTP_URL)",
        retryable: false,
      });
    });

    it("fails for now when the SMTP server cannot be reached, without showing its password", async () => {
      const port = await closedPort();
      const smtpDeps = deps({ smtp: { url: `smtp://user:hunter2@127.0.0.1:${port}`, from: "a@b.test" } });
      const error = await failure(
        deliverAlert({ kind: "email", to: ["a@example.com"] }, buildMessage(), smtpDeps),
      );
      expect(error.retryable).toBe(true);
      expect(error.message).toContain(`SMTP server 127.0.0.1:${port}`);
      expect(error.message).not.toContain("hunter2");
    });
  });

  describe("Slack, Teams and webhooks", () => {
    it("posts a Slack Block Kit message as JSON", async () => {
      await deliverAlert({ kind: "slack", url: url("/slack/services/T0/B0/XXXX") }, buildMessage(), deps());
      const request = requests.at(-1);
      expect(request?.path).toBe("/slack/services/T0/B0/XXXX");
      expect(request?.headers["content-type"]).toBe("application/json");
      expect(request?.headers["user-agent"]).toBe("Brandwache-Alerts/1");
      const payload = JSON.parse(request?.body ?? "{}") as { text: string; blocks: { type: string }[] };
      expect(payload.text).toContain("Stufe 4 bei Netzausfall");
      expect(payload.blocks.map((b) => b.type)).toEqual([
        "header",
        "section",
        "section",
        "context",
        "actions",
      ]);
      expect(request?.body).toContain("&lt;script&gt;");
    });

    it("posts an Adaptive Card to a Teams workflow", async () => {
      await deliverAlert({ kind: "teams", url: url("/teams/workflows/abc") }, buildMessage(), deps());
      const payload = JSON.parse(requests.at(-1)?.body ?? "{}");
      expect(payload).toMatchObject({
        type: "message",
        attachments: [
          {
            contentType: "application/vnd.microsoft.card.adaptive",
            content: { type: "AdaptiveCard", version: "1.4", actions: [{ type: "Action.OpenUrl" }] },
          },
        ],
      });
    });

    it("signs a webhook so that the receiver can verify the raw body", async () => {
      const message = buildMessage({ test: true });
      await deliverAlert({ kind: "webhook", url: url("/hook"), secret: webhookSecret }, message, deps());
      const request = requests.at(-1);
      const headers = request?.headers ?? {};
      expect(headers["x-brandwache-event"]).toBe("alert.test");
      expect(headers["x-brandwache-delivery"]).toBe("dlv_01JD5R");
      expect(headers["x-brandwache-timestamp"]).toBe(String(now));
      expect(headers["x-brandwache-signature"]).toMatch(/^v1=[0-9a-f]{64}$/);
      const signature = String(headers["x-brandwache-signature"]);
      const timestamp = String(headers["x-brandwache-timestamp"]);
      expect(verifyWebhookSignature(webhookSecret, signature, timestamp, request?.body ?? "", now + 5)).toBe(
        true,
      );
      expect(
        verifyWebhookSignature("another-secret-000", signature, timestamp, request?.body ?? "", now),
      ).toBe(false);
      expect(JSON.parse(request?.body ?? "{}")).toEqual(renderWebhook(message));
    });

    it.each([
      [500, true],
      [503, true],
      [408, true],
      [429, true],
      [400, false],
      [404, false],
      [410, false],
    ])("classifies HTTP %i as retryable: %s", async (status, retryable) => {
      const channel = { kind: "slack", url: url(`/services/T0/B0/SECRETTOKEN/status/${status}`) } as const;
      const error = await failure(deliverAlert(channel, buildMessage(), deps()));
      expect(error.retryable).toBe(retryable);
      expect(error.message).toBe(`HTTP ${status} from 127.0.0.1:${httpPort}: boom at … line two`);
      expect(error.message).not.toContain("SECRETTOKEN");
    });

    it("does not follow a redirect and fails for good", async () => {
      const before = requests.length;
      const channel = { kind: "webhook", url: url("/status/302"), secret: webhookSecret } as const;
      const error = await failure(deliverAlert(channel, buildMessage(), deps()));
      expect(error.retryable).toBe(false);
      expect(error.message).toBe(
        `HTTP 302 from 127.0.0.1:${httpPort}: redirects are not followed, enter the final URL`,
      );
      expect(requests.length).toBe(before + 1);
    });

    it("refuses a loopback address that the policy does not allow, without retrying", async () => {
      const before = requests.length;
      const channel = { kind: "webhook", url: url("/hook/SECRETPATH"), secret: webhookSecret } as const;
      const error = await failure(deliverAlert(channel, buildMessage(), deps({ policy: { allow: [] } })));
      expect(error.retryable).toBe(false);
      expect(error.message).toBe(
        "blocked: 127.0.0.1 is a loopback address (set BRANDWACHE_OUTBOUND_ALLOW to allow it)",
      );
      expect(error.message).not.toContain("SECRETPATH");
      expect(error.message).not.toContain(webhookSecret);
      expect(requests.length).toBe(before);
    });

    it("retries when nothing listens on the port", async () => {
      const port = await closedPort();
      const channel = { kind: "teams", url: `http://127.0.0.1:${port}/workflows/x` } as const;
      const error = await failure(deliverAlert(channel, buildMessage(), deps()));
      expect(error.retryable).toBe(true);
      expect(error.message).toBe(`could not reach 127.0.0.1:${port} (ECONNREFUSED)`);
    });

    it("retries when the receiver does not answer in time", async () => {
      const channel = { kind: "slack", url: url("/services/hang") } as const;
      const error = await failure(deliverAlert(channel, buildMessage(), deps({ timeoutMs: 100 })));
      expect(error.retryable).toBe(true);
      expect(error.message).toBe(`no answer from 127.0.0.1:${httpPort} within 100 ms`);
    });
  });
});

/** A port on 127.0.0.1 that nothing listens on (just released by a throw-away server). */
async function closedPort(): Promise<number> {
  const server = http.createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, "close");
  return port;
}
