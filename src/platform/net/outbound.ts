import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import { BlockList, isIP, type LookupFunction } from "node:net";

/** What kind of network an IP address belongs to; everything but `public` is refused unless allowed. */
export type AddressClass =
  | "public"
  | "private"
  | "loopback"
  | "link_local"
  | "unspecified"
  | "multicast"
  | "broadcast"
  | "cgnat"
  | "reserved";

// IANA special-purpose registries (RFC 6890 and updates):
// https://www.iana.org/assignments/iana-ipv4-special-registry and …/iana-ipv6-special-registry.
// Checked in order: the first range that holds the address decides.
const ipv4Ranges: readonly (readonly [string, number, AddressClass])[] = [
  ["0.0.0.0", 8, "unspecified"], // "this network"; 0.0.0.0 reaches the local host on Linux
  ["10.0.0.0", 8, "private"], // RFC 1918
  ["100.64.0.0", 10, "cgnat"], // RFC 6598 shared address space
  ["127.0.0.0", 8, "loopback"],
  ["169.254.0.0", 16, "link_local"], // includes the cloud metadata service 169.254.169.254
  ["172.16.0.0", 12, "private"], // RFC 1918
  ["192.0.0.0", 24, "reserved"], // IETF protocol assignments
  ["192.0.2.0", 24, "reserved"], // TEST-NET-1
  ["192.88.99.0", 24, "reserved"], // deprecated 6to4 relay anycast
  ["192.168.0.0", 16, "private"], // RFC 1918
  ["198.18.0.0", 15, "reserved"], // benchmarking
  ["198.51.100.0", 24, "reserved"], // TEST-NET-2
  ["203.0.113.0", 24, "reserved"], // TEST-NET-3
  ["224.0.0.0", 4, "multicast"],
  ["255.255.255.255", 32, "broadcast"],
  ["240.0.0.0", 4, "reserved"], // former class E
];

const ipv6Ranges: readonly (readonly [string, number, AddressClass])[] = [
  ["::", 128, "unspecified"],
  ["::1", 128, "loopback"],
  ["64:ff9b:1::", 48, "private"], // RFC 8215 local-use NAT64
  ["100::", 64, "reserved"], // discard-only
  ["2001::", 32, "reserved"], // Teredo: the client address is obfuscated, so refuse the whole prefix
  ["2001:db8::", 32, "reserved"], // documentation
  ["3fff::", 20, "reserved"], // documentation (RFC 9637)
  ["5f00::", 16, "reserved"], // SRv6 SIDs
  ["fc00::", 7, "private"], // unique local addresses
  ["fe80::", 10, "link_local"],
  ["fec0::", 10, "private"], // deprecated site-local
  ["ff00::", 8, "multicast"],
];

function buildLists(
  ranges: readonly (readonly [string, number, AddressClass])[],
  type: "ipv4" | "ipv6",
): { list: BlockList; kind: AddressClass }[] {
  return ranges.map(([network, prefix, kind]) => {
    const list = new BlockList();
    list.addSubnet(network, prefix, type);
    return { list, kind };
  });
}

const ipv4Lists = buildLists(ipv4Ranges, "ipv4");
const ipv6Lists = buildLists(ipv6Ranges, "ipv6");
const globalUnicast = new BlockList();
globalUnicast.addSubnet("2000::", 3, "ipv6");

/** Removes the brackets of `[::1]` and the zone of `fe80::1%eth0`. */
function bareAddress(ip: string): string {
  const unbracketed = ip.startsWith("[") && ip.endsWith("]") ? ip.slice(1, -1) : ip;
  const zone = unbracketed.indexOf("%");
  return zone === -1 ? unbracketed : unbracketed.slice(0, zone);
}

/** The 16 bytes of an IPv6 address (any notation `isIP` accepts, zone removed). */
function ipv6Bytes(ip: string): number[] {
  // The WHATWG URL serializer writes the canonical, all-hex form: no dotted quad left to parse.
  const canonical = new URL(`http://[${ip}]/`).hostname.slice(1, -1);
  const [head = "", tail] = canonical.split("::");
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const groups =
    tail === undefined
      ? headGroups
      : [...headGroups, ...Array<string>(8 - headGroups.length - tailGroups.length).fill("0"), ...tailGroups];
  return groups.flatMap((group) => {
    const value = Number.parseInt(group, 16);
    return [value >> 8, value & 0xff];
  });
}

const startsWith = (bytes: readonly number[], prefix: readonly number[]) =>
  prefix.every((b, i) => bytes[i] === b);
const dotted = (bytes: readonly number[]) => bytes.join(".");

/** The IPv4 address an IPv6 address carries and is routed to, if it is one of the forms that do. */
function embeddedIPv4(bytes: readonly number[]): string | null {
  const zeros80 = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  if (startsWith(bytes, [...zeros80, 0xff, 0xff])) return dotted(bytes.slice(12)); // ::ffff:a.b.c.d (mapped)
  if (startsWith(bytes, [...zeros80.slice(0, 8), 0xff, 0xff, 0, 0])) return dotted(bytes.slice(12)); // ::ffff:0:a.b.c.d (SIIT)
  if (startsWith(bytes, [0, 0x64, 0xff, 0x9b, ...zeros80.slice(0, 8)])) return dotted(bytes.slice(12)); // 64:ff9b::/96 (NAT64)
  if (startsWith(bytes, [0x20, 0x02])) return dotted(bytes.slice(2, 6)); // 2002::/16 (6to4)
  return null;
}

function classifyIPv4(ip: string): AddressClass {
  return ipv4Lists.find(({ list }) => list.check(ip, "ipv4"))?.kind ?? "public";
}

/**
 * Classifies an IPv4 or IPv6 address (brackets and zone allowed); IPv6 forms that carry an IPv4
 * address (mapped, SIIT, NAT64, 6to4) are classified by the address they carry.
 */
export function classifyAddress(ip: string): AddressClass {
  const address = bareAddress(ip.trim());
  const version = isIP(address);
  if (version === 4) return classifyIPv4(address);
  if (version !== 6) throw new Error(`"${ip}" is not an IP address`);
  const bytes = ipv6Bytes(address);
  const carried = embeddedIPv4(bytes);
  if (carried !== null) return classifyIPv4(carried);
  const range = ipv6Lists.find(({ list }) => list.check(address, "ipv6"));
  if (range) return range.kind;
  return globalUnicast.check(address, "ipv6") ? "public" : "reserved";
}

/** Hosts and networks that outbound requests may reach even though they are not public. */
export interface OutboundPolicy {
  /** Host names (`localhost`, `teams-proxy.corp.example`), IP addresses or CIDR ranges (`10.20.0.0/16`). */
  allow: readonly string[];
}

const hostNamePattern =
  /^(?=.{1,253}$)[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)*$/;

/** Normalises one allow-list entry, or returns null when it is neither a host name, an address nor a CIDR range. */
function normalizeAllowEntry(raw: string): string | null {
  const entry = raw.trim().toLowerCase();
  const slash = entry.indexOf("/");
  if (slash !== -1) {
    const network = bareAddress(entry.slice(0, slash));
    const prefix = entry.slice(slash + 1);
    const version = isIP(network);
    if (version === 0 || !/^\d{1,3}$/.test(prefix) || Number(prefix) > (version === 4 ? 32 : 128))
      return null;
    return `${network}/${Number(prefix)}`;
  }
  const address = bareAddress(entry);
  if (isIP(address) !== 0) return address;
  const host = entry.endsWith(".") ? entry.slice(0, -1) : entry;
  return hostNamePattern.test(host) ? host : null;
}

/**
 * Parses BRANDWACHE_OUTBOUND_ALLOW (comma-separated host names, IP addresses and CIDR ranges);
 * throws an Error naming the first entry that is none of these.
 */
export function parseOutboundAllow(value: string | undefined): string[] {
  if (value === undefined) return [];
  const entries = value
    .split(",")
    .map((e) => e.trim())
    .filter((e) => e !== "");
  return entries.map((entry) => {
    const normalized = normalizeAllowEntry(entry);
    if (normalized === null) {
      throw new Error(
        `BRANDWACHE_OUTBOUND_ALLOW: "${entry}" is neither a host name, an IP address nor a CIDR range (e.g. 10.0.0.0/8)`,
      );
    }
    return normalized;
  });
}

interface CompiledPolicy {
  hosts: ReadonlySet<string>;
  networks: BlockList;
}

function compilePolicy(policy: OutboundPolicy): CompiledPolicy {
  const hosts = new Set<string>();
  const networks = new BlockList();
  for (const entry of parseOutboundAllow(policy.allow.join(","))) {
    const [network = "", prefix] = entry.split("/");
    const type = isIP(network) === 4 ? "ipv4" : "ipv6";
    if (prefix !== undefined) networks.addSubnet(network, Number(prefix), type);
    else if (isIP(network) !== 0) networks.addAddress(network, type);
    else hosts.add(entry);
  }
  return { hosts, networks };
}

/** Why an outbound request failed; only `timeout` and `network` may go differently on another try. */
export type OutboundErrorReason =
  | "invalid_url"
  | "unsupported_protocol"
  | "invalid_request"
  | "blocked"
  | "timeout"
  | "network";

/** A failed outbound request; the message names the host (never the full URL, which may hold a secret). */
export class OutboundError extends Error {
  constructor(
    readonly reason: OutboundErrorReason,
    /** `host[:port]` of the target, for messages and logs. */
    readonly host: string,
    message: string,
  ) {
    super(message);
    this.name = "OutboundError";
  }
}

const classLabel: Record<AddressClass, string> = {
  public: "a public address",
  private: "a private address",
  loopback: "a loopback address",
  link_local: "a link-local address",
  unspecified: "an unspecified address",
  multicast: "a multicast address",
  broadcast: "a broadcast address",
  cgnat: "a carrier-grade NAT address",
  reserved: "a reserved address",
};

const metadataAddresses = new Set(["169.254.169.254", "fd00:ec2::254"]);
const allowHint = "(set BRANDWACHE_OUTBOUND_ALLOW to allow it)";

/** Describes why `address` may not be reached ("127.0.0.1 is a loopback address"), or returns null when it may. */
function refusal(address: string, policy: CompiledPolicy): { address: string; label: string } | null {
  const bare = bareAddress(address);
  const kind = classifyAddress(bare);
  if (kind === "public") return null;
  if (policy.networks.check(bare, isIP(bare) === 4 ? "ipv4" : "ipv6")) return null;
  const label = metadataAddresses.has(bare)
    ? `${classLabel[kind]} (cloud metadata service)`
    : classLabel[kind];
  return { address: bare, label };
}

/** A `lookup` for node:net that resolves the name and refuses it when any of its addresses may not be reached. */
function guardedLookup(host: string, policy: CompiledPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, "");
      for (const { address } of addresses) {
        const refused = refusal(address, policy);
        if (refused !== null) {
          const message = `blocked: ${hostname} resolves to ${refused.address}, ${refused.label} ${allowHint}`;
          return callback(new OutboundError("blocked", host, message), "");
        }
      }
      const [first] = addresses;
      if (options.all) return callback(null, addresses);
      if (!first) return callback(new OutboundError("network", host, `${hostname} has no address`), "");
      return callback(null, first.address, first.family);
    });
  };
}

/** Options of an outbound request. */
export interface OutboundOptions {
  policy: OutboundPolicy;
  /** Covers connecting, sending and reading the answer; default 10 s. */
  timeoutMs?: number;
  /** The most bytes of the answer that are read; default `outboundBodyLimit` (64 KiB). */
  bodyLimit?: number;
}

/** The answer of the receiver; redirects are returned as they are, never followed. */
export interface OutboundResponse {
  status: number;
  /** Response headers, names in lower case (e.g. `retry-after`, `link`, `etag`). */
  headers: Record<string, string>;
  /** The body as UTF-8, at most `outboundBodyLimit` bytes of it. */
  body: string;
  /** True when the body was longer than the limit and cut. */
  truncated: boolean;
}

/** The most bytes of an answer that are read. */
export const outboundBodyLimit = 64 * 1024;
const defaultTimeoutMs = 10_000;

/** Where an outbound connection goes, parsed from a user's URL. */
export interface OutboundTarget {
  url: URL;
  /** `host[:port]` for messages. */
  host: string;
  /** The host name or address without brackets, as node:http wants it. */
  hostname: string;
}

/**
 * Parses a user's URL as the target of an outbound connection; throws an OutboundError (`invalid_url`,
 * `unsupported_protocol`) unless it is a URL with one of the given protocols (default http and https).
 */
export function parseOutboundTarget(
  raw: string,
  protocols: readonly string[] = ["http:", "https:"],
): OutboundTarget {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new OutboundError("invalid_url", "(invalid)", "invalid URL: it could not be parsed");
  }
  if (!protocols.includes(url.protocol)) {
    const allowed = protocols.map((p) => p.slice(0, -1)).join(" and ");
    throw new OutboundError(
      "unsupported_protocol",
      url.host,
      `blocked: ${url.protocol.slice(0, -1)} URLs are not allowed (only ${allowed})`,
    );
  }
  return { url, host: url.host, hostname: bareAddress(url.hostname) };
}

/**
 * The SSRF guard of one connection: throws an OutboundError (`blocked`) for a literal address the policy
 * does not allow, and returns the `lookup` to connect with (undefined for a host name the policy allows),
 * which refuses a name that resolves to such an address. Connect without a pooling agent: a pooled socket
 * would skip the check.
 */
export function guardOutboundTarget(
  target: OutboundTarget,
  outboundPolicy: OutboundPolicy,
): { lookup: LookupFunction | undefined } {
  const policy = compilePolicy(outboundPolicy);
  const hostAllowed = policy.hosts.has(target.hostname.replace(/\.$/, ""));
  if (!hostAllowed && isIP(target.hostname) !== 0) {
    const refused = refusal(target.hostname, policy);
    if (refused !== null) {
      const message = `blocked: ${refused.address} is ${refused.label} ${allowHint}`;
      throw new OutboundError("blocked", target.host, message);
    }
  }
  return { lookup: hostAllowed ? undefined : guardedLookup(target.host, policy) };
}

/**
 * Starts a request to a target checked by `guardOutboundTarget`, connecting through its `lookup`. Throws an
 * OutboundError (`invalid_request`) for a request node:http refuses to send.
 */
export function startOutboundRequest(
  target: OutboundTarget,
  lookup: LookupFunction | undefined,
  req: Pick<OutboundRequest, "method" | "headers" | "body">,
): http.ClientRequest {
  const transport = target.url.protocol === "https:" ? https : http;
  const headers = req.headers ?? {};
  try {
    return transport.request({
      protocol: target.url.protocol,
      hostname: target.hostname,
      port: target.url.port || undefined,
      path: `${target.url.pathname}${target.url.search}`,
      method: req.method,
      headers:
        req.body !== undefined
          ? { ...headers, "Content-Length": String(Buffer.byteLength(req.body)) }
          : headers,
      auth: target.url.username
        ? `${decodeURIComponent(target.url.username)}:${decodeURIComponent(target.url.password)}`
        : undefined,
      // No keep-alive agent: a pooled socket would skip the address check of a later request.
      agent: false,
      lookup,
    });
  } catch (err) {
    // node:http refuses header names and values it cannot send (CR/LF, non-Latin-1) synchronously.
    const detail = err instanceof Error ? err.message : String(err);
    throw new OutboundError("invalid_request", target.host, `invalid request to ${target.host}: ${detail}`);
  }
}

/** Turns a socket or DNS failure into an OutboundError that names the host and the system code. */
export function outboundNetworkError(err: unknown, host: string): OutboundError {
  if (err instanceof OutboundError) return err;
  const code = (err as NodeJS.ErrnoException).code;
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") {
    return new OutboundError("network", host, `could not resolve ${host} (${code})`);
  }
  const detail = code ?? (err instanceof Error ? err.message : String(err));
  return new OutboundError("network", host, `could not reach ${host} (${detail})`);
}

/**
 * POSTs `body` to a URL that came from a user, refusing every address that is not public unless the
 * policy allows it. The check runs on the address actually connected to (a custom `lookup`), so DNS
 * rebinding cannot slip past it. Redirects are not followed; the answer is read up to 64 KiB.
 */
export function postOutbound(
  url: string,
  body: string,
  headers: Record<string, string>,
  options: OutboundOptions,
): Promise<OutboundResponse> {
  return requestOutbound({ method: "POST", url, headers, body }, options);
}

/** One request to a URL that came from a user (feeds, webhooks, connector endpoints). */
export interface OutboundRequest {
  method: "GET" | "POST" | "PUT" | "DELETE";
  url: string;
  headers?: Record<string, string>;
  /** Sent with a Content-Length; none for GET. Text is sent as UTF-8, bytes as they are. */
  body?: string | Uint8Array;
}

/** An answer whose body is kept as bytes (binary protocols such as RFC 3161 time-stamp replies). */
export type OutboundBytesResponse = Omit<OutboundResponse, "body"> & { body: Buffer };

/**
 * Sends a request through the SSRF guard: every address that is not public is refused unless the policy
 * allows it, checked on the address actually connected to. Redirects are returned, never followed (a
 * caller that follows one calls again with the new URL, so the guard checks it too).
 */
export async function requestOutbound(
  req: OutboundRequest,
  options: OutboundOptions,
): Promise<OutboundResponse> {
  const response = await requestOutboundBytes(req, options);
  return { ...response, body: response.body.toString("utf8") };
}

/** Like `requestOutbound`, but the answer's body comes back as the bytes that were sent. */
export async function requestOutboundBytes(
  req: OutboundRequest,
  options: OutboundOptions,
): Promise<OutboundBytesResponse> {
  const bodyLimit = options.bodyLimit ?? outboundBodyLimit;
  const target = parseOutboundTarget(req.url);
  const { lookup } = guardOutboundTarget(target, options.policy);
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;

  return new Promise<OutboundBytesResponse>((resolve, reject) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
    };
    const fail = (err: unknown) => finish(() => reject(outboundNetworkError(err, target.host)));

    let request: http.ClientRequest;
    try {
      request = startOutboundRequest(target, lookup, req);
    } catch (err) {
      reject(err);
      return;
    }
    timer = setTimeout(() => {
      // Settle first: destroying the request can also surface as a socket error on the response.
      fail(new OutboundError("timeout", target.host, `no answer from ${target.host} within ${timeoutMs} ms`));
      request.destroy();
    }, timeoutMs);

    request.on("error", fail);
    request.on("response", (response) => {
      const chunks: Buffer[] = [];
      let size = 0;
      const responseHeaders: Record<string, string> = {};
      for (const [name, value] of Object.entries(response.headers)) {
        if (value !== undefined) responseHeaders[name] = Array.isArray(value) ? value.join(", ") : value;
      }
      const done = (truncated: boolean) => {
        const status = response.statusCode ?? 0;
        finish(() =>
          resolve({
            status,
            headers: responseHeaders,
            body: Buffer.concat(chunks),
            truncated,
          }),
        );
      };
      response.on("data", (chunk: Buffer) => {
        if (size + chunk.length > bodyLimit) {
          chunks.push(chunk.subarray(0, bodyLimit - size));
          done(true);
          response.destroy();
          return;
        }
        chunks.push(chunk);
        size += chunk.length;
      });
      response.on("end", () => done(false));
      response.on("error", fail);
    });
    request.end(req.body);
  });
}
