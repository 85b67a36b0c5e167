import {
  createTransport,
  type NodemailerError,
  type SMTPSentMessageInfo,
  type SMTPTransportOptions,
  type Transporter,
} from "nodemailer";
import {
  type AlertMessage,
  alertEvent,
  renderEmail,
  renderSlack,
  renderTeams,
  renderWebhook,
  signWebhook,
  singleLine,
} from "../core/alerts/render.ts";
import {
  OutboundError,
  type OutboundErrorReason,
  type OutboundPolicy,
  postOutbound,
} from "../platform/net/outbound.ts";
import type { AlertChannelConfig } from "./alerts.schema.ts";

/** What delivery needs from the outside: the SMTP server, the outbound policy, a timeout and the clock. */
export interface DeliveryDeps {
  /** BRANDWACHE_SMTP_URL and BRANDWACHE_SMTP_FROM; null when no SMTP server is configured. */
  smtp: { url: string; from: string } | null;
  /** Private hosts and networks webhooks may reach (BRANDWACHE_OUTBOUND_ALLOW). */
  policy: OutboundPolicy;
  /** Per request (HTTP) or per connection step (SMTP); default 10 s. */
  timeoutMs?: number;
  /** Unix seconds, for the webhook signature. */
  nowSec: () => number;
}

/** A failed delivery; `retryable` says whether trying the same delivery later may succeed. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = "DeliveryError";
  }
}

const defaultTimeoutMs = 10_000;
const userAgent = "Brandwache-Alerts/1";

/**
 * Sends one alert to one channel: e-mail through the configured SMTP server, Slack, Teams and
 * webhooks through the SSRF-guarded outbound request. Throws a DeliveryError whose message names the
 * host and status, never a URL (Slack and Teams URLs are secrets) or a webhook secret.
 */
export async function deliverAlert(
  config: AlertChannelConfig,
  message: AlertMessage,
  deps: DeliveryDeps,
): Promise<void> {
  switch (config.kind) {
    case "email":
      return sendEmail(config.to, message, deps);
    case "slack":
      return postJson(config.url, JSON.stringify(renderSlack(message)), {}, deps);
    case "teams":
      return postJson(config.url, JSON.stringify(renderTeams(message)), {}, deps);
    case "webhook": {
      const body = JSON.stringify(renderWebhook(message));
      const timestamp = Math.floor(deps.nowSec());
      return postJson(
        config.url,
        body,
        {
          "X-Brandwache-Event": alertEvent(message),
          "X-Brandwache-Delivery": singleLine(message.deliveryId),
          "X-Brandwache-Timestamp": String(timestamp),
          "X-Brandwache-Signature": signWebhook(config.secret, timestamp, body),
        },
        deps,
      );
    }
  }
}

// ---------------------------------------------------------------- HTTP (Slack, Teams, webhook)

const retryableReasons: ReadonlySet<OutboundErrorReason> = new Set(["timeout", "network"]);

/** The first 200 characters of an answer on one line, with the URL's path (a secret for Slack and Teams) cut out. */
function answerSnippet(body: string, url: string): string {
  const path = new URL(url).pathname;
  const scrubbed = path.length > 1 ? body.replaceAll(path, "…") : body;
  const line = singleLine(scrubbed);
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

async function postJson(
  url: string,
  body: string,
  headers: Record<string, string>,
  deps: DeliveryDeps,
): Promise<void> {
  let response: Awaited<ReturnType<typeof postOutbound>>;
  try {
    response = await postOutbound(
      url,
      body,
      { "Content-Type": "application/json", "User-Agent": userAgent, ...headers },
      { policy: deps.policy, timeoutMs: deps.timeoutMs ?? defaultTimeoutMs },
    );
  } catch (err) {
    if (err instanceof OutboundError) throw new DeliveryError(err.message, retryableReasons.has(err.reason));
    throw new DeliveryError(`unexpected failure: ${err instanceof Error ? err.message : String(err)}`, true);
  }
  const { status } = response;
  if (status >= 200 && status < 300) return;
  const host = new URL(url).host;
  if (status >= 300 && status < 400) {
    throw new DeliveryError(
      `HTTP ${status} from ${host}: redirects are not followed, enter the final URL`,
      false,
    );
  }
  const snippet = answerSnippet(response.body, url);
  const retryable = status === 408 || status === 429 || status >= 500;
  throw new DeliveryError(`HTTP ${status} from ${host}${snippet ? `: ${snippet}` : ""}`, retryable);
}

// ---------------------------------------------------------------- e-mail

type SmtpTransport = Transporter<SMTPSentMessageInfo, SMTPTransportOptions>;
const transports = new Map<string, SmtpTransport>();

/** One transport per SMTP URL and timeout; not pooled, so nothing stays open between alerts. */
function transportFor(url: string, timeoutMs: number): SmtpTransport {
  const key = `${timeoutMs} ${url}`;
  let transport = transports.get(key);
  if (!transport) {
    transport = createTransport({
      url,
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
      dnsTimeout: timeoutMs,
    });
    transports.set(key, transport);
  }
  return transport;
}

// Failures of the connection itself, not answers of the server: the next attempt may get through.
const transientCodes = new Set(["ECONNECTION", "ETIMEDOUT", "ESOCKET", "EDNS", "ETLS", "EPROTOCOL"]);

/** Turns a nodemailer failure into a DeliveryError: SMTP 4xx and connection trouble retry, 5xx do not. */
function smtpError(err: unknown, host: string): DeliveryError {
  const e = err as NodemailerError;
  if (typeof e.responseCode === "number") {
    // RFC 5321 § 4.2.1: 5yz is a permanent failure, 4yz transient; 503 (bad sequence) is a session problem.
    const permanent = e.responseCode >= 500 && e.responseCode !== 503;
    const reply = singleLine(e.response ?? "").replace(/^\d{3}[ -]?/, "");
    return new DeliveryError(`SMTP ${e.responseCode} from ${host}: ${reply.slice(0, 200)}`, !permanent);
  }
  const code = e.code ?? "";
  if (transientCodes.has(code)) {
    const detail = typeof e.originalCode === "string" ? `${code}, ${e.originalCode}` : code;
    return new DeliveryError(`could not talk to the SMTP server ${host} (${detail})`, true);
  }
  const detail = err instanceof Error ? singleLine(err.message) : String(err);
  return new DeliveryError(`SMTP delivery through ${host} failed: ${detail}`, false);
}

async function sendEmail(to: readonly string[], message: AlertMessage, deps: DeliveryDeps): Promise<void> {
  if (!deps.smtp) throw new DeliveryError("no SMTP server configured (BRANDWACHE_SMTP_URL)", false);
  // The host only: the URL may carry the SMTP password.
  const host = new URL(deps.smtp.url).host;
  const { subject, text, html } = renderEmail(message);
  const transport = transportFor(deps.smtp.url, deps.timeoutMs ?? defaultTimeoutMs);
  let info: SMTPSentMessageInfo;
  try {
    info = await transport.sendMail({
      from: deps.smtp.from,
      to: [...to],
      subject,
      text,
      html,
      headers: {
        // RFC 3834: no out-of-office replies to machine-sent mail.
        "Auto-Submitted": "auto-generated",
        "X-Auto-Response-Suppress": "All",
        "X-Brandwache-Event": alertEvent(message),
        "X-Brandwache-Delivery": singleLine(message.deliveryId),
      },
    });
  } catch (err) {
    throw smtpError(err, host);
  }
  const rejected = info.rejected;
  if (rejected.length > 0) {
    // Some recipients got it; retrying would send it to them again, so the rest is reported, not retried.
    const accepted = to.length - rejected.length;
    throw new DeliveryError(
      `SMTP server ${host} rejected ${rejected.join(", ")} (sent to ${accepted} of ${to.length} recipients)`,
      false,
    );
  }
}
