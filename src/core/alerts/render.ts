import { createHmac, timingSafeEqual } from "node:crypto";
import type { RuleCondition } from "./rules.ts";

/** Text in both languages of the app. */
export interface Bilingual {
  de: string;
  en: string;
}

/** One alert as it is sent to one channel; titles and explanations may quote attacker-written posts. */
export interface AlertMessage {
  alertId: string;
  /** Unique per alert and channel; receivers de-duplicate on it. */
  deliveryId: string;
  orgName: string;
  /** Null when the rule watches every topic. */
  topicName: string | null;
  severity: "info" | "warning" | "critical";
  /** The kind of rule that raised it (every kind of `RuleCondition`, operational ones included). */
  trigger: RuleCondition["kind"];
  title: Bilingual;
  explanation: Bilingual;
  /** ISO 8601. */
  createdAt: string;
  /** Link to the alert in the app. */
  url: string;
  postIds: string[];
  /** A test message sent from Settings. */
  test: boolean;
}

type Lang = keyof Bilingual;
const langs: readonly Lang[] = ["de", "en"];

const severityLabel: Record<AlertMessage["severity"], Bilingual> = {
  info: { de: "Info", en: "Info" },
  warning: { de: "Warnung", en: "Warning" },
  critical: { de: "Kritisch", en: "Critical" },
};

const triggerLabel: Record<AlertMessage["trigger"], Bilingual> = {
  level_reached: { de: "Eskalationsstufe erreicht", en: "Escalation level reached" },
  anomaly: { de: "Ungewöhnliches Volumen", en: "Unusual volume" },
  risk_count: { de: "Häufung riskanter Beiträge", en: "Cluster of risky posts" },
  priority_post: { de: "Beitrag mit hoher Priorität", en: "High-priority post" },
  account_takeover: { de: "Konto möglicherweise übernommen", en: "Account possibly taken over" },
  sla_breach: { de: "Service-Level verfehlt", en: "Service level missed" },
  deadline_due: { de: "Frist läuft ab", en: "Deadline running out" },
  report_digest: { de: "Lagebericht", en: "Situation report" },
};

const words = {
  organisation: { de: "Organisation", en: "Organisation" },
  topic: { de: "Thema", en: "Topic" },
  allTopics: { de: "Alle Themen", en: "All topics" },
  severity: { de: "Schwere", en: "Severity" },
  trigger: { de: "Auslöser", en: "Trigger" },
  time: { de: "Zeitpunkt", en: "Time" },
  posts: { de: "Beiträge", en: "Posts" },
  open: { de: "Alarm in Brandwache öffnen", en: "Open the alert in Brandwache" },
  test: {
    de: "Testnachricht aus den Einstellungen – kein echter Alarm.",
    en: "Test message sent from Settings – not a real alert.",
  },
} satisfies Record<string, Bilingual>;

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/**
 * Escapes the three characters Slack treats as control characters, so quoted text cannot form
 * `<!channel>`, `<@U…>` or `<url|label>` (https://docs.slack.dev/messaging/formatting-message-text#escaping).
 */
export function escapeSlack(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

// C0/C1 controls except tab and newline, and the bidi overrides that can make quoted text read backwards.
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const unsafeChars = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Keeps line breaks (as `\n`) and drops control and bidi-override characters. */
export function cleanText(text: string): string {
  return text.replace(/\r\n?|[\u2028\u2029]/g, "\n").replace(unsafeChars, "");
}

/** One line for subjects and headers: no CR, LF or other control characters, whitespace collapsed. */
export function singleLine(text: string): string {
  return cleanText(text).replace(/\s+/g, " ").trim();
}

/** Cuts `text` to `max` characters with an ellipsis; never inside an `&…;` entity of escaped text. */
function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, max - 1).replace(/&[a-z#0-9]*$/i, "")}…`;
}

/** The alert's time in UTC: "25.11.2026, 10:00 UTC" in German, "2026-11-25 10:00 UTC" in English. */
function formatTime(iso: string, lang: Lang): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return singleLine(iso);
  const [day = "", time = ""] = date.toISOString().split("T");
  const [year, month, dayOfMonth] = day.split("-");
  const hhmm = time.slice(0, 5);
  return lang === "de" ? `${dayOfMonth}.${month}.${year}, ${hhmm} UTC` : `${day} ${hhmm} UTC`;
}

/** The link to the alert when it is an http(s) URL, else null (it is then left out). */
function appLink(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : null;
  } catch {
    return null;
  }
}

/** Label and value of each fact about the alert, in one language; values are raw text. */
function facts(msg: AlertMessage, lang: Lang): [string, string][] {
  return [
    [words.organisation[lang], singleLine(msg.orgName)],
    [words.topic[lang], msg.topicName === null ? words.allTopics[lang] : singleLine(msg.topicName)],
    [words.severity[lang], severityLabel[msg.severity][lang]],
    [words.trigger[lang], triggerLabel[msg.trigger][lang]],
    [words.time[lang], formatTime(msg.createdAt, lang)],
    [words.posts[lang], String(msg.postIds.length)],
  ];
}

/** The event name of a message: a real alert or a test from Settings. */
export function alertEvent(msg: AlertMessage): "alert.raised" | "alert.test" {
  return msg.test ? "alert.test" : "alert.raised";
}

/** Subject line of the e-mail; free of CR/LF so a title cannot add mail headers. */
function subjectOf(msg: AlertMessage): string {
  const severity = severityLabel[msg.severity];
  const de = singleLine(msg.title.de);
  const en = singleLine(msg.title.en);
  const title = de === en ? de : `${de} / ${en}`;
  const label = severity.de === severity.en ? severity.de : `${severity.de}/${severity.en}`;
  return truncate(`${msg.test ? "[Test] " : ""}[Brandwache · ${label}] ${title}`, 250);
}

/** A rendered e-mail: subject, plain text and HTML (every dynamic value escaped). */
export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const severityColor: Record<AlertMessage["severity"], string> = {
  info: "#1c7ed6",
  warning: "#e8590c",
  critical: "#c92a2a",
};

function emailTextSection(msg: AlertMessage, lang: Lang, link: string | null): string {
  const lines = [
    `[${severityLabel[msg.severity][lang]}] ${singleLine(msg.title[lang])}`,
    "",
    cleanText(msg.explanation[lang]).trim(),
    "",
    ...facts(msg, lang).map(([label, value]) => `${label}: ${value}`),
  ];
  if (link) lines.push("", `${words.open[lang]}: ${link}`);
  return lines.join("\n");
}

function emailHtmlSection(msg: AlertMessage, lang: Lang, link: string | null): string {
  const rows = facts(msg, lang)
    .map(
      ([label, value]) =>
        `<tr><td style="padding:2px 12px 2px 0;color:#555">${escapeHtml(label)}</td><td>${escapeHtml(value)}</td></tr>`,
    )
    .join("");
  const explanation = escapeHtml(cleanText(msg.explanation[lang]).trim()).replaceAll("\n", "<br>");
  const button = link
    ? `<p><a href="${escapeHtml(link)}" style="color:#fff;background:${severityColor[msg.severity]};padding:8px 14px;border-radius:4px;text-decoration:none">${escapeHtml(words.open[lang])}</a></p>`
    : "";
  return [
    `<div lang="${lang}" style="border-left:4px solid ${severityColor[msg.severity]};padding:4px 0 4px 14px;margin:0 0 24px">`,
    `<p style="margin:0;color:${severityColor[msg.severity]};font-weight:bold">${escapeHtml(severityLabel[msg.severity][lang])}</p>`,
    `<h2 style="margin:4px 0 8px;font-size:18px">${escapeHtml(singleLine(msg.title[lang]))}</h2>`,
    `<p style="margin:0 0 12px">${explanation}</p>`,
    `<table style="border-collapse:collapse;font-size:14px">${rows}</table>`,
    button,
    "</div>",
  ].join("\n");
}

/** The alert as an e-mail in German, then English: subject, plain text and HTML. */
export function renderEmail(msg: AlertMessage): RenderedEmail {
  const link = appLink(msg.url);
  const subject = subjectOf(msg);
  const banner = msg.test ? `${words.test.de}\n${words.test.en}\n\n` : "";
  const footer = `Brandwache · Alarm/alert ${singleLine(msg.alertId)} · Zustellung/delivery ${singleLine(msg.deliveryId)}`;
  const text = `${banner}${langs.map((l) => emailTextSection(msg, l, link)).join("\n\n———\n\n")}\n\n-- \n${footer}\n`;
  const htmlBanner = msg.test
    ? `<p style="background:#fff3bf;padding:8px 12px">${escapeHtml(words.test.de)}<br>${escapeHtml(words.test.en)}</p>`
    : "";
  const html = [
    "<!doctype html>",
    '<html lang="de"><head><meta charset="utf-8">',
    `<title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;color:#212529;max-width:640px">',
    htmlBanner,
    ...langs.map((l) => emailHtmlSection(msg, l, link)),
    `<p style="color:#868e96;font-size:12px">${escapeHtml(footer)}</p>`,
    "</body></html>",
  ].join("\n");
  return { subject, text, html };
}

/** A Slack incoming-webhook message: `text` is the notification fallback, `blocks` the layout. */
export interface SlackMessage {
  text: string;
  blocks: Record<string, unknown>[];
}

const slackIcon: Record<AlertMessage["severity"], string> = {
  info: ":information_source:",
  warning: ":warning:",
  critical: ":rotating_light:",
};

/**
 * The alert as a Slack incoming-webhook payload (Block Kit: header, sections, context, button).
 * Dynamic text is escaped and its mrkdwn objects are `verbatim`, so nothing in it becomes a mention or link.
 */
export function renderSlack(msg: AlertMessage): SlackMessage {
  const link = appLink(msg.url);
  const sev = severityLabel[msg.severity];
  const mrkdwn = (text: string) => ({ type: "mrkdwn", text: truncate(text, 3000), verbatim: true });
  const section = (lang: Lang) =>
    mrkdwn(
      `*${escapeSlack(singleLine(msg.title[lang]))}*\n${escapeSlack(cleanText(msg.explanation[lang]).trim())}`,
    );
  const unix = Math.floor(new Date(msg.createdAt).getTime() / 1000);
  const when = Number.isFinite(unix)
    ? `<!date^${unix}^{date_short_pretty} {time}|${escapeSlack(formatTime(msg.createdAt, "en"))}>`
    : escapeSlack(singleLine(msg.createdAt));
  const topic =
    msg.topicName === null ? `${words.allTopics.de}/${words.allTopics.en}` : singleLine(msg.topicName);
  const context = [
    `*${sev.de}/${sev.en}*`,
    escapeSlack(`${triggerLabel[msg.trigger].de} / ${triggerLabel[msg.trigger].en}`),
    escapeSlack(singleLine(msg.orgName)),
    `${words.topic.de}/${words.topic.en}: ${escapeSlack(topic)}`,
    `${msg.postIds.length} ${words.posts.de}/${words.posts.en}`,
    when,
  ].join(" · ");
  const blocks: Record<string, unknown>[] = [
    {
      type: "header",
      text: {
        type: "plain_text",
        text: truncate(`${slackIcon[msg.severity]} ${escapeSlack(singleLine(msg.title.de))}`, 150),
        emoji: true,
      },
    },
  ];
  if (msg.test) blocks.push({ type: "context", elements: [mrkdwn(`_${words.test.de} ${words.test.en}_`)] });
  blocks.push(
    { type: "section", text: section("de") },
    { type: "section", text: section("en") },
    { type: "context", elements: [mrkdwn(context)] },
  );
  if (link) {
    blocks.push({
      type: "actions",
      elements: [
        {
          type: "button",
          text: { type: "plain_text", text: "Alarm öffnen / Open alert" },
          url: link,
          ...(msg.severity === "critical" ? { style: "danger" } : { style: "primary" }),
        },
      ],
    });
  }
  const text = escapeSlack(subjectOf(msg));
  return { text, blocks };
}

/** A Teams workflow ("When a Teams webhook request is received") payload carrying one Adaptive Card. */
export interface TeamsMessage {
  type: "message";
  attachments: {
    contentType: "application/vnd.microsoft.card.adaptive";
    contentUrl: null;
    content: Record<string, unknown>;
  }[];
}

/** Dynamic text for an Adaptive Card: a TextRun, which (unlike a TextBlock) never interprets Markdown. */
function richText(text: string, style: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: "RichTextBlock", inlines: [{ type: "TextRun", text, ...style }] };
}

const teamsColor: Record<AlertMessage["severity"], string> = {
  info: "Accent",
  warning: "Warning",
  critical: "Attention",
};

function teamsSection(msg: AlertMessage, lang: Lang, separator: boolean): Record<string, unknown>[] {
  const header = {
    type: "TextBlock",
    text: severityLabel[msg.severity][lang],
    color: teamsColor[msg.severity],
    weight: "Bolder",
    wrap: true,
    ...(separator ? { separator: true, spacing: "Large" } : {}),
  };
  const factLines = facts(msg, lang).map(([label, value]) => ({
    type: "RichTextBlock",
    spacing: "None",
    inlines: [
      { type: "TextRun", text: `${label}: `, weight: "Bolder" },
      { type: "TextRun", text: value },
    ],
  }));
  return [
    header,
    richText(singleLine(msg.title[lang]), { size: "Large", weight: "Bolder" }),
    richText(cleanText(msg.explanation[lang]).trim()),
    ...factLines,
  ];
}

/** The alert as an Adaptive Card (1.4) for a Teams workflow webhook; dynamic text only in TextRuns. */
export function renderTeams(msg: AlertMessage): TeamsMessage {
  const link = appLink(msg.url);
  const body: Record<string, unknown>[] = [];
  if (msg.test) {
    body.push({ type: "TextBlock", text: `${words.test.de} ${words.test.en}`, color: "Warning", wrap: true });
  }
  body.push(...teamsSection(msg, "de", false), ...teamsSection(msg, "en", true));
  const content: Record<string, unknown> = {
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    type: "AdaptiveCard",
    version: "1.4",
    msteams: { width: "Full" },
    body,
  };
  if (link) content.actions = [{ type: "Action.OpenUrl", title: "Alarm öffnen / Open alert", url: link }];
  return {
    type: "message",
    attachments: [{ contentType: "application/vnd.microsoft.card.adaptive", contentUrl: null, content }],
  };
}

/** The JSON body of a generic webhook: the event name and every field of the message. */
export type WebhookPayload = { event: "alert.raised" | "alert.test" } & AlertMessage;

/** The alert as the JSON body of a generic webhook. */
export function renderWebhook(msg: AlertMessage): WebhookPayload {
  return { event: alertEvent(msg), ...msg };
}

/** Signs a webhook body: `v1=` and the hex HMAC-SHA256 of `${timestampSec}.${body}` under the shared secret. */
export function signWebhook(secret: string, timestampSec: number | string, body: string): string {
  return `v1=${createHmac("sha256", secret).update(`${timestampSec}.${body}`).digest("hex")}`;
}

/**
 * Checks an `X-Brandwache-Signature` header (one or more comma-separated `v1=` values) against the raw
 * body and the `X-Brandwache-Timestamp`; false when no value matches or the timestamp is further than
 * `toleranceSec` from `nowSec`, which stops replays of old requests.
 */
export function verifyWebhookSignature(
  secret: string,
  header: string,
  timestampSec: number | string,
  body: string,
  nowSec: number,
  toleranceSec = 300,
): boolean {
  const timestamp = String(timestampSec).trim();
  if (!/^\d{1,15}$/.test(timestamp)) return false;
  if (Math.abs(nowSec - Number(timestamp)) > toleranceSec) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  return header
    .split(",")
    .map((part) => Buffer.from(part.trim()))
    .some((candidate) => candidate.length === expected.length && timingSafeEqual(candidate, expected));
}
