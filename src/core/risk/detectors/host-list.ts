/** Hosts known to serve phishing or malware, lowercase ASCII (IDN as `xn--`). */
export type KnownBadHosts = ReadonlySet<string>;

const hostsFileAddress = /^(?:0\.0\.0\.0|127\.0\.0\.1|::1?)\s+/;
const hostLike = /^[a-z0-9_](?:[a-z0-9_.-]{0,251}[a-z0-9])?$/;

/**
 * Parses a block list in the formats URLhaus, PhishTank exports, Phishing.Database and hosts files
 * use: one entry a line, as a plain host, a URL, or a hosts-file line (`0.0.0.0 evil.example`);
 * `#` and `!` start comments, blank lines and entries that are not host names are skipped.
 */
export function parseHostList(text: string): Set<string> {
  const hosts = new Set<string>();
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine
      .replace(/[#!].*$/, "")
      .trim()
      .toLowerCase();
    if (line === "") continue;
    // CSV exports (URLhaus) quote fields and put the URL among others; the first URL-looking field wins.
    const fields = line.includes(",") ? line.split(",").map((field) => field.replace(/^"|"$/g, "")) : [line];
    const entry = fields.find((field) => field.includes("://")) ?? fields[0] ?? "";
    const host = hostOf(entry.replace(hostsFileAddress, ""));
    if (host?.includes(".") && hostLike.test(host)) hosts.add(host);
  }
  return hosts;
}

function hostOf(entry: string): string | undefined {
  let rest = entry.trim().split(/\s+/)[0] ?? "";
  const scheme = rest.indexOf("://");
  if (scheme >= 0) rest = rest.slice(scheme + 3);
  rest = rest.split(/[/?#]/)[0] ?? "";
  const at = rest.lastIndexOf("@");
  if (at >= 0) rest = rest.slice(at + 1);
  rest = rest.replace(/:\d+$/, "").replace(/\.$/, "");
  if (rest.startsWith("*.")) rest = rest.slice(2);
  return rest === "" ? undefined : rest;
}

/** The listed host that `hostname` is or lies under (`a.b.evil.example` under `evil.example`), if any. */
export function findKnownBadHost(hostname: string, hosts: KnownBadHosts): string | undefined {
  if (hosts.size === 0) return undefined;
  let candidate = hostname;
  for (;;) {
    if (hosts.has(candidate)) return candidate;
    const dot = candidate.indexOf(".");
    if (dot < 0) return undefined;
    candidate = candidate.slice(dot + 1);
  }
}
