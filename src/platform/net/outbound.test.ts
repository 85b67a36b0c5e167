import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type AddressClass,
  classifyAddress,
  OutboundError,
  outboundBodyLimit,
  parseOutboundAllow,
  postOutbound,
} from "./outbound.ts";

describe("classifyAddress", () => {
  const cases: [string, AddressClass][] = [
    ["8.8.8.8", "public"],
    ["1.1.1.1", "public"],
    ["93.184.216.34", "public"],
    ["10.0.0.1", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["172.32.0.1", "public"],
    ["192.168.1.10", "private"],
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["169.254.169.254", "link_local"],
    ["169.254.0.1", "link_local"],
    ["100.64.0.1", "cgnat"],
    ["100.127.255.255", "cgnat"],
    ["100.128.0.1", "public"],
    ["0.0.0.0", "unspecified"],
    ["0.1.2.3", "unspecified"],
    ["224.0.0.1", "multicast"],
    ["239.255.255.250", "multicast"],
    ["240.0.0.1", "reserved"],
    ["255.255.255.255", "broadcast"],
    ["192.0.2.1", "reserved"],
    ["198.18.0.1", "reserved"],
    ["203.0.113.7", "reserved"],
    ["2a00:1450:4001:80b::200e", "public"],
    ["2001:4860:4860::8888", "public"],
    ["::1", "loopback"],
    ["[::1]", "loopback"],
    ["0:0:0:0:0:0:0:1", "loopback"],
    ["::", "unspecified"],
    ["fc00::1", "private"],
    ["fd12:3456:789a::1", "private"],
    ["fd00:ec2::254", "private"],
    ["fe80::1", "link_local"],
    ["fe80::1%eth0", "link_local"],
    ["ff02::1", "multicast"],
    ["2001:db8::1", "reserved"],
    ["2001:0:4136:e378:8000:63bf:3fff:fdd2", "reserved"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["::ffff:169.254.169.254", "link_local"],
    ["::ffff:8.8.8.8", "public"],
    ["::ffff:0:10.0.0.1", "private"],
    ["64:ff9b::127.0.0.1", "loopback"],
    ["64:ff9b::8.8.8.8", "public"],
    ["64:ff9b:1::1", "private"],
    ["2002:7f00:1::1", "loopback"],
    ["2002:a9fe:a9fe::1", "link_local"],
    ["2002:808:808::1", "public"],
    ["::127.0.0.1", "reserved"],
    ["4000::1", "reserved"],
  ];

  it.each(cases)("classifies %s as %s", (ip, expected) => {
    expect(classifyAddress(ip)).toBe(expected);
  });

  it("throws on something that is not an IP address, naming it", () => {
    expect(() => classifyAddress("localhost")).toThrow('"localhost" is not an IP address');
    expect(() => classifyAddress("0x7f.1")).toThrow("not an IP address");
  });

  const octet = fc.integer({ min: 0, max: 255 });
  const inRange = (network: [number, number, number, number], prefix: number) =>
    fc.integer({ min: 0, max: 2 ** (32 - prefix) - 1 }).map((offset) => {
      const base = ((network[0] << 24) | (network[1] << 16) | (network[2] << 8) | network[3]) >>> 0;
      const n = (base + offset) >>> 0;
      return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
    });
  const nonPublicRanges = fc.oneof(
    inRange([0, 0, 0, 0], 8),
    inRange([10, 0, 0, 0], 8),
    inRange([100, 64, 0, 0], 10),
    inRange([127, 0, 0, 0], 8),
    inRange([169, 254, 0, 0], 16),
    inRange([172, 16, 0, 0], 12),
    inRange([192, 168, 0, 0], 16),
    inRange([224, 0, 0, 0], 4),
    inRange([240, 0, 0, 0], 4),
  );
  const hex = (ip: string) =>
    ip
      .split(".")
      .map((o) => Number(o).toString(16).padStart(2, "0"))
      .join("")
      .replace(/^(.{4})/, "$1:");

  it("never calls an address of a private, loopback, link-local or other special range public, in any IPv6 disguise", () => {
    fc.assert(
      fc.property(nonPublicRanges, (ip) => {
        for (const form of [
          ip,
          `::ffff:${ip}`,
          `::ffff:${hex(ip)}`,
          `64:ff9b::${ip}`,
          `2002:${hex(ip)}::1`,
        ]) {
          expect(classifyAddress(form)).not.toBe("public");
        }
      }),
    );
  });

  it("classifies an IPv4-mapped IPv6 address exactly as the IPv4 address it carries", () => {
    fc.assert(
      fc.property(fc.tuple(octet, octet, octet, octet), (octets) => {
        const ip = octets.join(".");
        expect(classifyAddress(`::ffff:${ip}`)).toBe(classifyAddress(ip));
      }),
    );
  });
});

describe("parseOutboundAllow", () => {
  it("reads host names, addresses and CIDR ranges, trimmed and lower-cased", () => {
    expect(
      parseOutboundAllow(" localhost, 127.0.0.1 ,10.0.0.0/8,[::1], fd00::/8,Teams-Proxy.Corp.example.,"),
    ).toEqual(["localhost", "127.0.0.1", "10.0.0.0/8", "::1", "fd00::/8", "teams-proxy.corp.example"]);
  });

  it("reads nothing from an unset or empty variable", () => {
    expect(parseOutboundAllow(undefined)).toEqual([]);
    expect(parseOutboundAllow("")).toEqual([]);
    expect(parseOutboundAllow(" , ")).toEqual([]);
  });

  it.each([
    "http://localhost",
    "10.0.0.0/33",
    "::/129",
    "hooks.example:8080",
    "a b",
    "10.0.0.0/",
    "*.corp.example",
  ])("rejects %s and names it", (entry) => {
    expect(() => parseOutboundAllow(`localhost,${entry}`)).toThrow(`"${entry}"`);
  });
});

describe("postOutbound", () => {
  let server: http.Server;
  let port: number;
  const seen: { path: string; body: string; headers: http.IncomingHttpHeaders }[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const path = req.url ?? "/";
        seen.push({ path, body: Buffer.concat(chunks).toString("utf8"), headers: req.headers });
        if (path === "/redirect") {
          res.writeHead(302, { Location: `http://127.0.0.1:${port}/redirected` }).end();
        } else if (path === "/hang") {
          // Never answers: the client's timeout has to end it.
        } else if (path === "/stall") {
          res.writeHead(200, { "Content-Type": "text/plain" });
          res.write("partial answer, then nothing");
        } else if (path === "/big") {
          res.writeHead(200, { "Content-Type": "text/plain" });
          res.end("x".repeat(outboundBodyLimit * 3));
        } else {
          res.writeHead(200, { "Content-Type": "text/plain" }).end(`ok ${req.method}`);
        }
      });
    });
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    server.closeAllConnections();
    server.close();
  });

  const open = { allow: ["127.0.0.1"] };
  const closed = { allow: [] };

  it("posts the body with the given headers and returns the answer", async () => {
    const res = await postOutbound(
      `http://127.0.0.1:${port}/hook?x=1`,
      '{"a":1}',
      { "X-Test": "yes" },
      { policy: open },
    );
    expect(res).toMatchObject({ status: 200, body: "ok POST", truncated: false });
    expect(res.headers["content-type"]).toBe("text/plain");
    const request = seen.find((r) => r.path === "/hook?x=1");
    expect(request?.body).toBe('{"a":1}');
    expect(request?.headers["x-test"]).toBe("yes");
    expect(request?.headers["content-length"]).toBe("7");
  });

  it.each([
    [
      "http://127.0.0.1:PORT/services/T0/B0/SECRET",
      /^blocked: 127\.0\.0\.1 is a loopback address \(set BRANDWACHE_OUTBOUND_ALLOW/,
    ],
    ["http://2130706433:PORT/", /^blocked: 127\.0\.0\.1 is a loopback address/],
    ["http://0x7f.1:PORT/", /^blocked: 127\.0\.0\.1 is a loopback address/],
    ["http://017700000001:PORT/", /^blocked: 127\.0\.0\.1 is a loopback address/],
    ["http://[::1]:PORT/", /^blocked: ::1 is a loopback address/],
    ["http://[::ffff:127.0.0.1]:PORT/", /^blocked: ::ffff:7f00:1 is a loopback address/],
    ["http://0.0.0.0:PORT/", /^blocked: 0\.0\.0\.0 is an unspecified address/],
    [
      "http://169.254.169.254/latest/meta-data/",
      /^blocked: 169\.254\.169\.254 is a link-local address \(cloud metadata/,
    ],
    ["http://10.1.2.3/", /^blocked: 10\.1\.2\.3 is a private address/],
    ["http://localhost:PORT/", /^blocked: localhost resolves to (127\.0\.0\.1|::1), a loopback address/],
  ])("refuses %s when the policy does not allow it", async (template, message) => {
    const before = seen.length;
    const url = template.replace("PORT", String(port));
    const error = await postOutbound(url, "{}", {}, { policy: closed }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutboundError);
    expect((error as OutboundError).reason).toBe("blocked");
    expect((error as OutboundError).message).toMatch(message);
    expect((error as OutboundError).message).not.toContain("SECRET");
    expect(seen.length).toBe(before);
  });

  it.each([
    [["127.0.0.0/8"], "http://127.0.0.1:PORT/"],
    [["127.0.0.1"], "http://2130706433:PORT/"],
    [["::ffff:127.0.0.1"], "http://127.0.0.1:PORT/"],
    [["localhost"], "http://localhost:PORT/"],
    [["127.0.0.1"], "http://localhost:PORT/"],
  ])("lets a request through when the policy allows %j", async (allow, template) => {
    const res = await postOutbound(template.replace("PORT", String(port)), "{}", {}, { policy: { allow } });
    expect(res.status).toBe(200);
  });

  it("still refuses addresses outside the allowed networks", async () => {
    const request = postOutbound(
      `http://127.0.0.1:${port}/`,
      "{}",
      {},
      { policy: { allow: ["10.0.0.0/8", "localhost"] } },
    );
    await expect(request).rejects.toThrow("blocked: 127.0.0.1 is a loopback address");
  });

  it.each(["ftp://127.0.0.1/x", "file:///etc/passwd", "gopher://example.com/"])("refuses %s", async (url) => {
    const request = postOutbound(url, "{}", {}, { policy: open });
    await expect(request).rejects.toMatchObject({ reason: "unsupported_protocol" });
    await expect(request).rejects.toThrow("URLs are not allowed (only http and https)");
  });

  it("refuses a URL it cannot parse", async () => {
    await expect(postOutbound("not a url", "{}", {}, { policy: open })).rejects.toMatchObject({
      reason: "invalid_url",
    });
  });

  it("returns a redirect as it is instead of following it", async () => {
    const res = await postOutbound(`http://127.0.0.1:${port}/redirect`, "{}", {}, { policy: open });
    expect(res.status).toBe(302);
    expect(seen.some((r) => r.path === "/redirected")).toBe(false);
  });

  it("gives up when the receiver does not answer in time", async () => {
    const request = postOutbound(`http://127.0.0.1:${port}/hang`, "{}", {}, { policy: open, timeoutMs: 100 });
    await expect(request).rejects.toMatchObject({ reason: "timeout" });
    await expect(request).rejects.toThrow(`no answer from 127.0.0.1:${port} within 100 ms`);
  });

  it("counts the time spent reading the answer into the timeout", async () => {
    const request = postOutbound(
      `http://127.0.0.1:${port}/stall`,
      "{}",
      {},
      { policy: open, timeoutMs: 100 },
    );
    await expect(request).rejects.toMatchObject({ reason: "timeout" });
  });

  it("refuses a header value with a line break before sending anything", async () => {
    const request = postOutbound(
      `http://127.0.0.1:${port}/`,
      "{}",
      { "X-Evil": "a\r\nHost: other" },
      { policy: open },
    );
    await expect(request).rejects.toMatchObject({ reason: "invalid_request" });
  });

  it("reads at most 64 KiB of the answer", async () => {
    const res = await postOutbound(`http://127.0.0.1:${port}/big`, "{}", {}, { policy: open });
    expect(res.status).toBe(200);
    expect(res.body.length).toBe(outboundBodyLimit);
    expect(res.truncated).toBe(true);
  });

  it("reports a refused connection as a network error naming the host", async () => {
    const spare = http.createServer();
    spare.listen(0, "127.0.0.1");
    await once(spare, "listening");
    const sparePort = (spare.address() as AddressInfo).port;
    spare.close();
    await once(spare, "close");
    const request = postOutbound(`http://127.0.0.1:${sparePort}/`, "{}", {}, { policy: open });
    await expect(request).rejects.toMatchObject({ reason: "network" });
    await expect(request).rejects.toThrow(`could not reach 127.0.0.1:${sparePort} (ECONNREFUSED)`);
  });
});
