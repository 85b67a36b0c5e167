import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type AlertMessage,
  cleanText,
  escapeHtml,
  escapeSlack,
  renderEmail,
  renderSlack,
  renderTeams,
  renderWebhook,
  signWebhook,
  singleLine,
  verifyWebhookSignature,
} from "./render.ts";

function buildMessage(overrides: Partial<AlertMessage> = {}): AlertMessage {
  return {
    alertId: "alr_01JD5Q",
    deliveryId: "dlv_01JD5R",
    orgName: "Nordwind Mobil GmbH",
    topicName: "Netzausfall",
    severity: "critical",
    trigger: "level_reached",
    title: { de: "Stufe 4 bei „Netzausfall“", en: "Level 4 on “Netzausfall”" },
    explanation: {
      de: "Stufe 4: 7,3× normales Volumen, 62 % negativ.\nZitat: „Nordwind = Betrug!!!“",
      en: "Level 4: 7.3× normal volume, 62% negative.\nQuote: “Nordwind = scam!!!”",
    },
    createdAt: "2026-11-25T10:04:00.000Z",
    url: "https://brandwache.example.com/alerts/alr_01JD5Q",
    postIds: ["p1", "p2", "p3"],
    test: false,
    ...overrides,
  };
}

// A title and explanation quoting a hostile post.
const hostile = buildMessage({
  orgName: "ACME & Söhne <GmbH>",
  topicName: '<img src=x onerror="alert(1)">',
  title: { de: "<script>alert('de')</script> & mehr", en: "<!channel> <https://evil.example|click> & more" },
  explanation: {
    de: "Zitat: \"<b>fett</b>\" & 'quoted'\r\nBcc: victim@example.com",
    en: "[click](https://evil.example) <@U123> **bold** & <!here>",
  },
});

describe("escapeHtml", () => {
  it.each([
    ["<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"],
    [`"double" 'single'`, "&quot;double&quot; &#39;single&#39;"],
    ["Tom & Jerry &amp;", "Tom &amp; Jerry &amp;amp;"],
    ["Grüße – äöü", "Grüße – äöü"],
  ])("escapes %s", (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });

  it("leaves no character that could open a tag or end an attribute", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(escapeHtml(text)).not.toMatch(/[<>"']/);
      }),
    );
  });
});

describe("escapeSlack", () => {
  it("escapes only &, < and >, so mentions and links cannot be formed", () => {
    expect(escapeSlack("<!channel> <@U1> <https://x|y> & 'q' \"d\"")).toBe(
      "&lt;!channel&gt; &lt;@U1&gt; &lt;https://x|y&gt; &amp; 'q' \"d\"",
    );
  });
});

describe("singleLine and cleanText", () => {
  it("turns CR, LF and Unicode line separators into spaces for headers", () => {
    expect(singleLine("Alarm\r\nBcc: x@example.com\u2028Next\tTab")).toBe(
      "Alarm Bcc: x@example.com Next Tab",
    );
  });

  it("drops control and bidi-override characters but keeps line breaks in body text", () => {
    expect(cleanText("a\u0000b\u202Ec\r\nd\re")).toBe("abc\nd\ne");
  });
});

describe("renderEmail", () => {
  it("writes German first, then English, with the facts and the link", () => {
    const { subject, text, html } = renderEmail(buildMessage());
    expect(subject).toBe(
      "[Brandwache · Kritisch/Critical] Stufe 4 bei „Netzausfall“ / Level 4 on “Netzausfall”",
    );
    expect(text.indexOf("Stufe 4: 7,3× normales Volumen")).toBeLessThan(
      text.indexOf("Level 4: 7.3× normal volume"),
    );
    expect(text).toContain("Organisation: Nordwind Mobil GmbH");
    expect(text).toContain("Thema: Netzausfall");
    expect(text).toContain("Auslöser: Eskalationsstufe erreicht");
    expect(text).toContain("Zeitpunkt: 25.11.2026, 10:04 UTC");
    expect(text).toContain("Time: 2026-11-25 10:04 UTC");
    expect(text).toContain("Beiträge: 3");
    expect(text).toContain("Open the alert in Brandwache: https://brandwache.example.com/alerts/alr_01JD5Q");
    expect(html).toContain('<a href="https://brandwache.example.com/alerts/alr_01JD5Q"');
    expect(html.indexOf('lang="de"', 20)).toBeLessThan(html.indexOf('lang="en"'));
  });

  it("escapes every dynamic value in the HTML part", () => {
    const { html } = renderEmail(hostile);
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<b>");
    expect(html).toContain("&lt;script&gt;alert(&#39;de&#39;)&lt;/script&gt; &amp; mehr");
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(html).toContain("ACME &amp; Söhne &lt;GmbH&gt;");
  });

  it("keeps CR and LF of a title out of the subject", () => {
    const { subject } = renderEmail(
      buildMessage({ title: { de: "Alarm\r\nBcc: victim@example.com", en: "Alert\nX-Injected: 1" } }),
    );
    expect(subject).not.toMatch(/[\r\n]/);
    expect(subject).toBe(
      "[Brandwache · Kritisch/Critical] Alarm Bcc: victim@example.com / Alert X-Injected: 1",
    );
  });

  it("marks a test message in the subject and both bodies", () => {
    const { subject, text, html } = renderEmail(buildMessage({ test: true, topicName: null }));
    expect(subject.startsWith("[Test] [Brandwache")).toBe(true);
    expect(text).toContain("Testnachricht aus den Einstellungen");
    expect(text).toContain("Test message sent from Settings");
    expect(text).toContain("Thema: Alle Themen");
    expect(html).toContain("Test message sent from Settings");
  });

  it("leaves out a link that is not http(s)", () => {
    const { html, text } = renderEmail(buildMessage({ url: "javascript:alert(1)" }));
    expect(html).not.toContain("javascript:");
    expect(text).not.toContain("javascript:");
  });
});

describe("renderSlack", () => {
  it("builds a header, both sections, a context line and a button", () => {
    const { text, blocks } = renderSlack(buildMessage());
    expect(text).toContain("Stufe 4");
    expect(blocks.map((b) => b.type)).toEqual(["header", "section", "section", "context", "actions"]);
    expect(blocks[0]).toEqual({
      type: "header",
      text: { type: "plain_text", text: ":rotating_light: Stufe 4 bei „Netzausfall“", emoji: true },
    });
    expect(blocks[1]).toMatchObject({ text: { type: "mrkdwn", verbatim: true } });
    expect(JSON.stringify(blocks[1])).toContain("normales Volumen");
    expect(JSON.stringify(blocks[2])).toContain("normal volume");
    expect(JSON.stringify(blocks[3])).toContain(
      "<!date^1795601040^{date_short_pretty} {time}|2026-11-25 10:04 UTC>",
    );
    expect(blocks[4]).toEqual({
      type: "actions",
      elements: [
        {
          type: "button",
          text: { type: "plain_text", text: "Alarm öffnen / Open alert" },
          url: "https://brandwache.example.com/alerts/alr_01JD5Q",
          style: "danger",
        },
      ],
    });
  });

  it("escapes quoted text so a post cannot mention @channel or add links", () => {
    const payload = JSON.stringify(renderSlack(hostile));
    expect(payload).not.toContain("<!channel>");
    expect(payload).not.toContain("<!here>");
    expect(payload).not.toContain("<@U123>");
    expect(payload).not.toContain("<https://evil.example|click>");
    expect(payload).toContain("&lt;!channel&gt;");
    expect(payload).toContain("ACME &amp; Söhne &lt;GmbH&gt;");
  });

  it("keeps every block within Slack's length limits", () => {
    const long = "&".repeat(5000);
    const { blocks } = renderSlack(
      buildMessage({ title: { de: long, en: long }, explanation: { de: long, en: long } }),
    );
    const header = blocks[0] as { text: { text: string } };
    expect(header.text.text.length).toBeLessThanOrEqual(150);
    expect(header.text.text).toMatch(/&amp;…$/);
    for (const block of blocks.slice(1, 3) as { text: { text: string } }[]) {
      expect(block.text.text.length).toBeLessThanOrEqual(3000);
    }
  });

  it("shows the test note and no button when the link is unusable", () => {
    const { blocks } = renderSlack(buildMessage({ test: true, url: "not a url", severity: "info" }));
    expect(blocks.map((b) => b.type)).toEqual(["header", "context", "section", "section", "context"]);
    expect(JSON.stringify(blocks[1])).toContain("Test message sent from Settings");
  });
});

describe("every kind of alert", () => {
  // Operational and takeover alerts once had no trigger label: their e-mails, Slack and Teams messages threw.
  const triggers: AlertMessage["trigger"][] = [
    "level_reached",
    "anomaly",
    "risk_count",
    "priority_post",
    "account_takeover",
    "sla_breach",
    "deadline_due",
    "report_digest",
  ];
  it.each(triggers)("%s renders on every channel with its name in both languages", (trigger) => {
    const msg = buildMessage({ trigger });
    const email = renderEmail(msg);
    expect(email.text).toMatch(/Auslöser: \S/);
    expect(email.text).toMatch(/Trigger: \S/);
    expect(email.text).not.toContain("undefined");
    expect(JSON.stringify(renderSlack(msg))).not.toContain("undefined");
    expect(JSON.stringify(renderTeams(msg))).not.toContain("undefined");
  });
});

describe("renderTeams", () => {
  it("wraps one Adaptive Card 1.4 in a message with an Open URL action", () => {
    const payload = renderTeams(buildMessage());
    expect(payload.type).toBe("message");
    expect(payload.attachments).toHaveLength(1);
    const [attachment] = payload.attachments;
    expect(attachment?.contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(attachment?.content).toMatchObject({
      $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
      type: "AdaptiveCard",
      version: "1.4",
      actions: [
        {
          type: "Action.OpenUrl",
          title: "Alarm öffnen / Open alert",
          url: "https://brandwache.example.com/alerts/alr_01JD5Q",
        },
      ],
    });
    const json = JSON.stringify(attachment?.content);
    expect(json.indexOf("normales Volumen")).toBeLessThan(json.indexOf("normal volume"));
  });

  it("puts quoted text only into TextRuns, which do not render Markdown", () => {
    const body = renderTeams(hostile).attachments[0]?.content.body as Record<string, unknown>[];
    const textBlocks = body.filter((element) => element.type === "TextBlock").map((b) => String(b.text));
    for (const text of textBlocks) {
      expect(text).not.toContain("evil.example");
      expect(text).not.toContain("<script>");
    }
    expect(JSON.stringify(body)).toContain('"type":"TextRun","text":"[click](https://evil.example)');
  });
});

describe("renderWebhook", () => {
  it("sends every field with the event name", () => {
    const message = buildMessage();
    expect(renderWebhook(message)).toEqual({ event: "alert.raised", ...message });
    expect(renderWebhook(buildMessage({ test: true })).event).toBe("alert.test");
  });
});

describe("signWebhook and verifyWebhookSignature", () => {
  const secret = "whsec_0123456789abcdef";
  const body = '{"event":"alert.test","alertId":"alr_1"}';
  const ts = 1767225600;
  // printf '%s' "1767225600.$body" | openssl dgst -sha256 -hmac 'whsec_0123456789abcdef'
  const known = "v1=700cd7c75e341cc2edaffd8fa659d1b410dd471da359140466cc21057cc8e717";

  it("matches a known HMAC-SHA256 vector", () => {
    expect(signWebhook(secret, ts, body)).toBe(known);
  });

  it("accepts the signature within the tolerance, also with the timestamp as the header string", () => {
    expect(verifyWebhookSignature(secret, known, ts, body, ts + 299)).toBe(true);
    expect(verifyWebhookSignature(secret, known, String(ts), body, ts - 10)).toBe(true);
    expect(verifyWebhookSignature(secret, `v1=${"0".repeat(64)}, ${known}`, ts, body, ts)).toBe(true);
  });

  it("rejects a tampered body, timestamp, secret or signature", () => {
    expect(verifyWebhookSignature(secret, known, ts, body.replace("test", "raised"), ts)).toBe(false);
    expect(verifyWebhookSignature(secret, known, ts + 1, body, ts)).toBe(false);
    expect(verifyWebhookSignature(`${secret}x`, known, ts, body, ts)).toBe(false);
    expect(verifyWebhookSignature(secret, known.slice(0, -1), ts, body, ts)).toBe(false);
    expect(verifyWebhookSignature(secret, "", ts, body, ts)).toBe(false);
    expect(verifyWebhookSignature(secret, known, "1767225600abc", body, ts)).toBe(false);
  });

  it("rejects an old or far-future timestamp", () => {
    expect(verifyWebhookSignature(secret, known, ts, body, ts + 301)).toBe(false);
    expect(verifyWebhookSignature(secret, known, ts, body, ts - 301)).toBe(false);
    expect(verifyWebhookSignature(secret, known, ts, body, ts + 3600, 7200)).toBe(true);
  });

  it("verifies what it signs, for any body", () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 0, max: 2 ** 40 }), (anyBody, anyTs) => {
        expect(
          verifyWebhookSignature(secret, signWebhook(secret, anyTs, anyBody), anyTs, anyBody, anyTs),
        ).toBe(true);
      }),
    );
  });
});
