import type { RiskResult } from "../risk.types.ts";
import { type DetectContext, preparedFor } from "./detect-context.ts";
import { findKnownBadHost } from "./host-list.ts";
import type { FoundLink } from "./links.ts";
import { detectLookalikeDomain } from "./lookalike-domain.ts";
import { indexOrg, isOwnHost, type OrgIndex } from "./org-index.ts";
import { toResult, type WeightedSpan } from "./scoring.ts";

/** Reason codes of `detectMaliciousLinks` (lookalikes carry their family: `link.lookalike.omission`). */
export type LinkReason =
  | "link.known_bad"
  | `link.lookalike.${string}`
  | "link.punycode"
  | "link.idn_mixed_script"
  | "link.ip_host"
  | "link.shortener"
  | "link.risky_download"
  | "link.archive_download"
  | "link.double_extension"
  | "link.phishing_path"
  | "link.userinfo_deception"
  | "link.risky_tld"
  | "link.bidi_override";

// Public URL shorteners hide the destination. t.co is left out on purpose: X wraps every link in
// t.co, so it says nothing about the link; connectors should expand it from the payload instead.
const shorteners = new Set([
  "bit.ly",
  "bitly.com",
  "tinyurl.com",
  "goo.gl",
  "ow.ly",
  "is.gd",
  "v.gd",
  "buff.ly",
  "rebrand.ly",
  "cutt.ly",
  "shorturl.at",
  "t.ly",
  "tiny.cc",
  "rb.gy",
  "s.id",
  "shorte.st",
  "adf.ly",
  "bl.ink",
  "short.io",
  "lnkd.in",
  "soo.gd",
  "clck.ru",
  "qrco.de",
  "t1p.de",
  "kurzelinks.de",
  "tiny.one",
  "urlz.fr",
  "x.gd",
  "u.to",
  "2.gy",
]);
const executableExtensions = new Set([
  "exe",
  "scr",
  "apk",
  "msi",
  "bat",
  "cmd",
  "js",
  "jse",
  "vbs",
  "vbe",
  "jar",
  "iso",
  "img",
  "dmg",
  "ps1",
  "hta",
  "lnk",
  "pif",
  "cpl",
  "msix",
  "appx",
  "wsf",
  "xll",
  "xlam",
  "docm",
  "xlsm",
  "pptm",
  "reg",
  "chm",
]);
const archiveExtensions = new Set(["zip", "rar", "7z", "gz", "tgz", "tar", "cab", "ace", "arj"]);
const documentExtensions = new Set([
  "pdf",
  "doc",
  "docx",
  "xls",
  "xlsx",
  "jpg",
  "jpeg",
  "png",
  "txt",
  "mp4",
  "mp3",
]);
// TLDs with the highest abuse rates in Spamhaus' and Interisle's phishing reports, and the
// file-name TLDs (.zip, .mov) that pass for downloads.
const riskyTlds = new Set([
  "zip",
  "mov",
  "top",
  "xyz",
  "click",
  "country",
  "gq",
  "tk",
  "ml",
  "cf",
  "ga",
  "work",
  "rest",
  "cam",
  "icu",
  "cfd",
  "sbs",
]);
const phishingWords =
  /(?:log-?in|sign-?in|anmeld|verif|konto|account|erstattung|rueckerstattung|refund|secure|sicherheit|passwor|wallet|banking|bestaetig|confirm|unlock|entsperr|gewinn|prize|claim|kyc|auth)/;

/**
 * `malicious_link`: links to listed phishing/malware hosts, lookalikes of the org's domains
 * (dnstwist families), IDN homographs, raw IP hosts, URL shorteners, risky downloads and
 * credential-phishing paths. Links to the org's own domains are never flagged.
 */
export function detectMaliciousLinks(text: string, ctx: DetectContext): RiskResult {
  const prepared = preparedFor(text, ctx);
  const links = prepared.links;
  const found: WeightedSpan[] = [];
  if (links.length > 0) {
    const org = indexOrg(ctx.org);
    for (const link of links) assessLink(link, org, ctx, found);
  }
  if (prepared.visible.hadBidiOverride) {
    const at = text.indexOf("\u202e");
    // A right-to-left override flips a file name's end ("rechnung\u202Efdp.exe" shows "rechnungexe.pdf").
    found.push({
      start: at,
      end: at + 1,
      reason: "link.bidi_override",
      weight: links.length > 0 ? 0.6 : 0.3,
    });
  }
  return toResult(found);
}

function assessLink(link: FoundLink, org: OrgIndex, ctx: DetectContext, found: WeightedSpan[]): void {
  if (isOwnHost(link.hostname, org)) return;
  const add = (reason: LinkReason, weight: number, detail: string): void => {
    found.push({ start: link.start, end: link.end, reason, weight, detail });
  };
  const listed = ctx.knownBadHosts ? findKnownBadHost(link.hostname, ctx.knownBadHosts) : undefined;
  if (listed) add("link.known_bad", 0.99, listed);
  if (link.isIp) add("link.ip_host", 0.6, link.hostname);
  if (link.username.includes(".") && link.password === "") {
    // "https://nordwind-mobil.de@evil.example/" shows a trusted name where the user name goes.
    add("link.userinfo_deception", 0.85, link.username);
  }
  if (link.hostname.includes("xn--")) {
    add("link.punycode", 0.4, link.unicodeHostname);
    if (link.unicodeHostname.split(".").some(mixesScripts))
      add("link.idn_mixed_script", 0.8, link.unicodeHostname);
  }
  if (!link.isIp) {
    const lookalike = detectLookalikeDomain(link, org);
    if (lookalike)
      add(`link.lookalike.${lookalike.family}`, lookalike.weight, `imitates ${lookalike.target}`);
  }
  if (shorteners.has(link.hostname) || shorteners.has(link.domain ?? ""))
    add("link.shortener", 0.35, link.hostname);
  if (riskyTlds.has(link.publicSuffix ?? "")) add("link.risky_tld", 0.2, link.publicSuffix ?? "");
  assessDownload(link, add);
  const pathAndHost = `${link.subdomain} ${link.domainLabel ?? ""} ${link.path}`;
  const phishing = phishingWords.exec(pathAndHost);
  if (phishing) add("link.phishing_path", 0.3, phishing[0]);
}

function assessDownload(
  link: FoundLink,
  add: (reason: LinkReason, weight: number, detail: string) => void,
): void {
  const path = link.path.split(/[?#]/)[0] ?? "";
  const file = path.slice(path.lastIndexOf("/") + 1);
  const parts = file.split(".");
  if (parts.length < 2) return;
  const extension = parts.at(-1) ?? "";
  const previous = parts.length > 2 ? (parts.at(-2) ?? "") : "";
  if (executableExtensions.has(extension)) {
    if (documentExtensions.has(previous)) add("link.double_extension", 0.9, file);
    else add("link.risky_download", 0.7, `.${extension}`);
  } else if (archiveExtensions.has(extension)) {
    add("link.archive_download", 0.35, `.${extension}`);
  }
}

const scripts = [
  /\p{Script=Latin}/u,
  /\p{Script=Cyrillic}/u,
  /\p{Script=Greek}/u,
  /\p{Script=Armenian}/u,
  /\p{Script=Cherokee}/u,
];

/** Whether a host label mixes letters of two scripts (UTS #39 "mixed-script" restriction level). */
function mixesScripts(label: string): boolean {
  let seen = 0;
  for (const script of scripts) if (script.test(label)) seen += 1;
  return seen > 1;
}
