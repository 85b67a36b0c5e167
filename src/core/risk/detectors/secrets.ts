import type { RiskResult } from "../risk.types.ts";
import { type DetectContext, preparedFor } from "./detect-context.ts";
import { spanOf, toResult, type WeightedSpan } from "./scoring.ts";
import type { VisibleText } from "./visible-text.ts";

/** Reason codes of `detectSecrets`. */
export type SecretReason =
  | "secret.aws_access_key"
  | "secret.aws_secret_key"
  | "secret.github_token"
  | "secret.gitlab_token"
  | "secret.slack_token"
  | "secret.slack_webhook"
  | "secret.stripe_key"
  | "secret.google_api_key"
  | "secret.openai_key"
  | "secret.anthropic_key"
  | "secret.twilio_key"
  | "secret.sendgrid_key"
  | "secret.jwt"
  | "secret.private_key"
  | "secret.brandwache_token"
  | "secret.url_credentials"
  | "secret.password_assignment"
  | "secret.generic_assignment"
  | "secret.high_entropy";

interface SecretRule {
  reason: SecretReason;
  pattern: RegExp;
  weight: number;
  detail: string;
}

// Provider rules after gitleaks (github.com/gitleaks/gitleaks, config/gitleaks.toml). Every pattern
// starts with a literal prefix and has bounded repeats, so a match attempt costs at most ~200 steps
// and the scan stays linear in the text.
const providerRules: readonly SecretRule[] = [
  {
    reason: "secret.aws_access_key",
    pattern: /\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b/g,
    weight: 0.9,
    detail: "AWS access key id",
  },
  {
    reason: "secret.aws_secret_key",
    pattern:
      /\baws_?(?:secret_?access_?key|secret_?key|secret)["']?\s{0,3}[:=]\s{0,3}["']?[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])/gi,
    weight: 0.95,
    detail: "AWS secret access key",
  },
  {
    reason: "secret.github_token",
    pattern: /\bgh[pousr]_[A-Za-z0-9]{36}\b/g,
    weight: 0.95,
    detail: "GitHub token",
  },
  {
    reason: "secret.github_token",
    pattern: /\bgithub_pat_[A-Za-z0-9_]{82}\b/g,
    weight: 0.95,
    detail: "GitHub fine-grained token",
  },
  {
    reason: "secret.gitlab_token",
    pattern: /\bglpat-[A-Za-z0-9_-]{20}\b/g,
    weight: 0.95,
    detail: "GitLab personal access token",
  },
  {
    reason: "secret.slack_token",
    pattern: /\bxox[baprs]-[A-Za-z0-9-]{10,72}/g,
    weight: 0.9,
    detail: "Slack token",
  },
  {
    reason: "secret.slack_webhook",
    pattern: /https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]{8,12}\/B[A-Z0-9]{8,12}\/[A-Za-z0-9]{24}/g,
    weight: 0.9,
    detail: "Slack webhook",
  },
  {
    reason: "secret.stripe_key",
    pattern: /\b[sr]k_live_[A-Za-z0-9]{24,99}\b/g,
    weight: 0.95,
    detail: "Stripe live key",
  },
  {
    reason: "secret.stripe_key",
    pattern: /\b[sr]k_test_[A-Za-z0-9]{24,99}\b/g,
    weight: 0.5,
    detail: "Stripe test key",
  },
  {
    reason: "secret.google_api_key",
    pattern: /\bAIza[A-Za-z0-9_-]{35}(?![A-Za-z0-9_-])/g,
    weight: 0.9,
    detail: "Google API key",
  },
  {
    reason: "secret.openai_key",
    pattern: /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,80}T3BlbkFJ[A-Za-z0-9_-]{20,80}/g,
    weight: 0.95,
    detail: "OpenAI API key",
  },
  {
    reason: "secret.openai_key",
    pattern: /\bsk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{40,200}/g,
    weight: 0.85,
    detail: "OpenAI API key",
  },
  {
    reason: "secret.anthropic_key",
    pattern: /\bsk-ant-(?:api|admin)\d{2}-[A-Za-z0-9_-]{80,120}/g,
    weight: 0.95,
    detail: "Anthropic API key",
  },
  { reason: "secret.twilio_key", pattern: /\bSK[0-9a-fA-F]{32}\b/g, weight: 0.8, detail: "Twilio API key" },
  {
    reason: "secret.sendgrid_key",
    pattern: /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g,
    weight: 0.95,
    detail: "SendGrid API key",
  },
  // Brandwache's own API tokens: "bw_" and 32 random bytes in base64url (43 characters).
  {
    reason: "secret.brandwache_token",
    pattern: /\bbw_[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g,
    weight: 0.95,
    detail: "Brandwache API token",
  },
];

const privateKeyBegin = /-----BEGIN (?:[A-Z0-9]{1,20} ){0,3}PRIVATE KEY(?: BLOCK)?-----/g;
const urlCredentials = /\b[a-zA-Z][a-zA-Z0-9+.-]{1,20}:\/\/([^\s:@/]{1,64}):([^\s@/]{1,128})@[^\s/@]{1,253}/g;
const passwordAssignment =
  /\b(?:password|passwort|passwd|kennwort|pwd|pw|pin|passcode|zugangscode)\s{0,3}(?:[:=]|\bist\b|\bis\b|\blautet\b)\s{0,3}["'`]?([^\s"'`]{4,64})/gi;
const passwordPrefilter = /pass|pw|kennwort|pin|zugangscode/i;
const secretKeyword =
  /(?:key|token|secret|api|auth|credential|bearer|schlüssel|zugang)[\w-]{0,20}["']?\s{0,3}[:=]?\s{0,3}["']?$/i;
// Values that follow "Passwort:" in ordinary sentences ("Passwort ist falsch") are words, not secrets.
const placeholder =
  /^(?:\*+|x+|\.+|<[^>]*>|\$\{[^}]*\}|\{\{[^}]*\}\}|%[^%]*%|password|passwort|changeme|example|beispiel|redacted|geheim|secret)$/i;

function looksLikeSecretValue(value: string): boolean {
  if (placeholder.test(value)) return false;
  return /\d/.test(value) || /[^\p{L}\p{N}]/u.test(value) || /\p{Ll}\p{Lu}|\p{Lu}\p{Ll}+\p{Lu}/u.test(value);
}

/**
 * `leak_secret`: credentials in a post — provider API keys and tokens (gitleaks-style rules),
 * JWTs, private key blocks, passwords in URLs and in "Passwort: …" assignments — and, with a lower
 * score, other long random-looking strings (Shannon entropy).
 */
export function detectSecrets(text: string, ctx: DetectContext): RiskResult {
  const prepared = preparedFor(text, ctx);
  const visible = prepared.visible;
  const source = visible.text;
  const found: WeightedSpan[] = [];
  const runs = longRuns(source);
  if (runs.length > 0) {
    for (const rule of providerRules)
      findAll(rule.pattern, visible, rule.reason, rule.weight, rule.detail, found);
    findJwts(visible, found);
  }
  if (source.includes("PRIVATE KEY")) findPrivateKeys(visible, found);
  if (source.includes("://") && source.includes("@")) findUrlCredentials(visible, found);
  if (passwordPrefilter.test(source)) findPasswordAssignments(visible, found);
  if (runs.length > 0) findHighEntropy(visible, runs, found, prepared.links);
  return toResult(found);
}

function findAll(
  pattern: RegExp,
  visible: VisibleText,
  reason: SecretReason,
  weight: number,
  detail: string,
  found: WeightedSpan[],
): void {
  const text = visible.text;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    found.push(spanOf(visible, match.index, match.index + match[0].length, reason, weight, detail));
  }
}

const jwtCharacter = /[A-Za-z0-9_.-]/;

// JSON Web Tokens (RFC 7519): base64url header and payload that both start with `{"` (eyJ), and a
// signature. Scanned by hand to the end of each run, so "eyJeyJeyJ…" cannot make the scan quadratic.
function findJwts(visible: VisibleText, found: WeightedSpan[]): void {
  const text = visible.text;
  let from = 0;
  for (let start = text.indexOf("eyJ", from); start >= 0; start = text.indexOf("eyJ", from)) {
    let end = start;
    while (end < text.length && jwtCharacter.test(text[end] ?? "")) end += 1;
    from = end + 1;
    if (start > 0 && /[A-Za-z0-9_-]/.test(text[start - 1] ?? "")) continue;
    const parts = text.slice(start, end).replace(/\.+$/, "").split(".");
    const [header, payload, signature] = parts;
    if (
      parts.length !== 3 ||
      !header ||
      !payload?.startsWith("eyJ") ||
      header.length < 10 ||
      payload.length < 10
    )
      continue;
    const length = header.length + payload.length + (signature?.length ?? 0) + 2;
    found.push(
      spanOf(visible, start, start + length, "secret.jwt", signature ? 0.85 : 0.6, "JSON Web Token"),
    );
  }
}

function findPrivateKeys(visible: VisibleText, found: WeightedSpan[]): void {
  const text = visible.text;
  privateKeyBegin.lastIndex = 0;
  // The END marker is searched again only once the scan has passed it, so the search stays linear.
  let endMarker = -2;
  for (let match = privateKeyBegin.exec(text); match !== null; match = privateKeyBegin.exec(text)) {
    const headerEnd = match.index + match[0].length;
    if (endMarker !== -1 && endMarker < headerEnd) endMarker = text.indexOf("-----END", headerEnd);
    const close = endMarker >= 0 ? text.indexOf("-----", endMarker + 8) : -1;
    const end = close >= 0 && close - match.index < 16_384 ? close + 5 : headerEnd;
    found.push(spanOf(visible, match.index, end, "secret.private_key", 0.99, "private key block"));
    privateKeyBegin.lastIndex = end;
  }
}

function findUrlCredentials(visible: VisibleText, found: WeightedSpan[]): void {
  const text = visible.text;
  urlCredentials.lastIndex = 0;
  for (let match = urlCredentials.exec(text); match !== null; match = urlCredentials.exec(text)) {
    const password = match[2] ?? "";
    const weight = placeholder.test(password) ? 0.3 : 0.85;
    found.push(
      spanOf(
        visible,
        match.index,
        match.index + match[0].length,
        "secret.url_credentials",
        weight,
        "user name and password in a URL",
      ),
    );
  }
}

function findPasswordAssignments(visible: VisibleText, found: WeightedSpan[]): void {
  const text = visible.text;
  passwordAssignment.lastIndex = 0;
  for (let match = passwordAssignment.exec(text); match !== null; match = passwordAssignment.exec(text)) {
    const value = (match[1] ?? "").replace(/[.,;:?)]+$/, "");
    if (value.length < 4 || !looksLikeSecretValue(value)) continue;
    const end = match.index + match[0].length - ((match[1] ?? "").length - value.length);
    found.push(spanOf(visible, match.index, end, "secret.password_assignment", 0.8, "password in the text"));
  }
}

interface Run {
  start: number;
  end: number;
}

const MIN_RANDOM_LENGTH = 20;

function isTokenCode(code: number): boolean {
  return (
    (code >= 48 && code <= 57) ||
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    code === 43 ||
    code === 45 ||
    code === 47 ||
    code === 95
  );
}

/**
 * Runs of base64/hex alphabet characters at least 20 long: where any key could be. "=" is left out
 * so that "api_key=…" splits into the name and the value (padding is not needed to judge a value).
 */
function longRuns(text: string): Run[] {
  const runs: Run[] = [];
  let start = -1;
  for (let index = 0; index <= text.length; index += 1) {
    const inside = index < text.length && isTokenCode(text.charCodeAt(index));
    if (inside && start < 0) start = index;
    else if (!inside && start >= 0) {
      if (index - start >= MIN_RANDOM_LENGTH) runs.push({ start, end: index });
      start = -1;
    }
  }
  return runs;
}

/** Shannon entropy in bits per character. */
export function shannonEntropy(text: string): number {
  const counts = new Map<string, number>();
  for (const character of text) counts.set(character, (counts.get(character) ?? 0) + 1);
  let entropy = 0;
  for (const count of counts.values()) {
    const p = count / text.length;
    entropy -= p * Math.log2(p);
  }
  return entropy;
}

const hexOnly = /^[0-9a-fA-F]+$/;
const MAX_RANDOM_LENGTH = 4096;

function findHighEntropy(
  visible: VisibleText,
  runs: Run[],
  found: WeightedSpan[],
  links: readonly { visibleStart: number; visibleEnd: number }[],
): void {
  const text = visible.text;
  for (const run of runs) {
    if (run.end - run.start > MAX_RANDOM_LENGTH) continue;
    const before = text[run.start - 1];
    // Hashtags, mentions and links are not secrets; a run a provider rule already explained adds nothing.
    if (before === "#" || before === "@" || before === "/" || before === ".") continue;
    if (links.some((link) => run.start < link.visibleEnd && run.end > link.visibleStart)) continue;
    const span = visible.toOriginalSpan(run.start, run.end);
    if (found.some((other) => other.start < span.end && other.end > span.start)) continue;
    const token = text.slice(run.start, run.end).replace(/=+$/, "");
    if (!/\d/.test(token) || !/[A-Za-z]/.test(token)) continue;
    const hex = hexOnly.test(token);
    const entropy = shannonEntropy(token);
    // Thresholds as in detect-secrets (Yelp): 3.0 bits for hex, 4.5 for base64 at length ≥ 20
    // (lowered to 4.0 for 20–32 characters, whose entropy cannot reach 4.5 much).
    const threshold = hex ? 3.0 : token.length < 32 ? 3.8 : 4.2;
    if (entropy < threshold || (hex && token.length < 32)) continue;
    const keyword = secretKeyword.test(text.slice(Math.max(0, run.start - 40), run.start));
    const reason = keyword ? "secret.generic_assignment" : "secret.high_entropy";
    const weight = keyword ? 0.75 : hex ? 0.3 : 0.45;
    found.push({ ...span, reason, weight, detail: `${entropy.toFixed(1)} bits per character` });
  }
}
