import { execFile, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readTimestampResponse } from "../../core/audit/rfc3161.ts";
import { requestTimestamp, TimestampError, verifyTimestampToken } from "./tsa.ts";

const run = promisify(execFile);
const hasOpenssl = spawnSync("openssl", ["version"]).status === 0;
if (!hasOpenssl)
  console.warn("notice: openssl is not installed; the RFC 3161 client tests against a real TSA are skipped.");

type Mode = "openssl" | "other-digest" | "replay" | "http500" | "garbage";

describe.skipIf(!hasOpenssl)("RFC 3161 client against a local openssl TSA", { timeout: 60_000 }, () => {
  let dir: string;
  let server: http.Server;
  let url: string;
  let mode: Mode = "openssl";
  let lastReply: Buffer | null = null;
  let received: { contentType: string | undefined; query: Buffer } | null = null;
  let counter = 0;
  const policy = { allow: ["127.0.0.1"] };

  const file = (name: string) => path.join(dir, name);
  const openssl = async (args: string[]) => (await run("openssl", args, { cwd: dir })).stdout;

  /** What `openssl ts -reply` answers to a query file. */
  async function reply(queryFile: string): Promise<Buffer> {
    const out = file(`reply-${++counter}.tsr`);
    await openssl(["ts", "-reply", "-config", file("tsa.cnf"), "-queryfile", queryFile, "-out", out]);
    return fs.readFileSync(out);
  }

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "brandwache-tsa-"));
    const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"];
    await openssl([
      "req",
      "-x509",
      ...ec,
      "-keyout",
      "ca.key",
      "-out",
      "ca.pem",
      "-days",
      "2",
      "-subj",
      "/CN=Brandwache Test CA",
      "-addext",
      "basicConstraints=critical,CA:TRUE",
      "-addext",
      "keyUsage=critical,keyCertSign,cRLSign",
    ]);
    await openssl([
      "req",
      ...ec,
      "-keyout",
      "tsa.key",
      "-out",
      "tsa.csr",
      "-subj",
      "/CN=Brandwache Test TSA",
    ]);
    fs.writeFileSync(
      file("tsa.ext"),
      "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=critical,timeStamping\n",
    );
    await openssl([
      "x509",
      "-req",
      "-in",
      "tsa.csr",
      "-CA",
      "ca.pem",
      "-CAkey",
      "ca.key",
      "-CAcreateserial",
      "-out",
      "tsa.pem",
      "-days",
      "2",
      "-extfile",
      "tsa.ext",
    ]);
    fs.writeFileSync(file("tsaserial"), "01\n");
    fs.writeFileSync(
      file("tsa.cnf"),
      [
        "[ tsa ]",
        "default_tsa = tsa_config1",
        "[ tsa_config1 ]",
        `dir = ${dir}`,
        "serial = $dir/tsaserial",
        "crypto_device = builtin",
        "signer_cert = $dir/tsa.pem",
        "certs = $dir/ca.pem",
        "signer_key = $dir/tsa.key",
        "signer_digest = sha256",
        "default_policy = 1.2.3.4.1",
        "other_policies = 1.2.3.4.5",
        "digests = sha256",
        "accuracy = secs:1",
        "ordering = no",
        "tsa_name = yes",
        "ess_cert_id_chain = no",
        "ess_cert_id_alg = sha256",
        "",
      ].join("\n"),
    );

    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", async () => {
        const query = Buffer.concat(chunks);
        received = { contentType: req.headers["content-type"], query };
        const queryFile = file(`query-${++counter}.tsq`);
        fs.writeFileSync(queryFile, query);
        try {
          let body: Buffer;
          if (mode === "http500") {
            res.writeHead(500, { "content-type": "text/plain" }).end("TSA signer offline");
            return;
          }
          if (mode === "garbage") body = Buffer.from("<html>not a TSA</html>");
          else if (mode === "replay" && lastReply) body = lastReply;
          else if (mode === "other-digest") {
            const other = createHash("sha256").update("some other document").digest("hex");
            const otherQuery = file(`other-${counter}.tsq`);
            await openssl(["ts", "-query", "-digest", other, "-sha256", "-cert", "-out", otherQuery]);
            body = await reply(otherQuery);
          } else body = await reply(queryFile);
          lastReply = body;
          res.writeHead(200, { "content-type": "application/timestamp-reply" }).end(body);
        } catch (error) {
          res.writeHead(500).end(String(error));
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tsa`;
  }, 60_000);

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const digestOf = (text: string) => createHash("sha256").update(text).digest();

  it("gets a token that openssl verifies against the CA, for exactly our digest", async () => {
    mode = "openssl";
    const document = "Beweissicherung: Beitrag vom 2. Dezember 2026, 12:00 Uhr";
    const digest = digestOf(document);
    const before = Date.now();
    const result = await requestTimestamp(url, digest, { policy });

    expect(received?.contentType).toBe("application/timestamp-query");
    const queryText = await openssl(["ts", "-query", "-in", path.basename(fileOfLastQuery()), "-text"]);
    expect(queryText).toContain("Hash Algorithm: sha256");
    expect(queryText).toContain("Certificate required: yes");
    expect(queryText).toMatch(/Nonce: 0x[0-9A-F]+/i);

    expect(Math.abs(result.genTime.getTime() - before)).toBeLessThan(10_000);
    expect(result.policy).toBe("1.2.3.4.1");
    expect(result.serialNumber).toMatch(/^0x[0-9a-f]+$/);
    const tokenInResponse = readTimestampResponse(result.response).token ?? new Uint8Array(0);
    expect(Buffer.from(tokenInResponse).toString("hex")).toBe(result.token.toString("hex"));

    fs.writeFileSync(file("token.der"), result.token);
    fs.writeFileSync(file("document.txt"), document);
    const verified = await openssl([
      "ts",
      "-verify",
      "-digest",
      digest.toString("hex"),
      "-in",
      "token.der",
      "-token_in",
      "-CAfile",
      "ca.pem",
      "-untrusted",
      "tsa.pem",
    ]);
    expect(verified).toContain("Verification: OK");
    const byData = await openssl([
      "ts",
      "-verify",
      "-data",
      "document.txt",
      "-in",
      "token.der",
      "-token_in",
      "-CAfile",
      "ca.pem",
      "-untrusted",
      "tsa.pem",
    ]);
    expect(byData).toContain("Verification: OK");

    expect(verifyTimestampToken(result.token, digest)).toEqual({
      genTime: result.genTime,
      serialNumber: result.serialNumber,
      policy: "1.2.3.4.1",
    });
    expect(() => verifyTimestampToken(result.token, digestOf("another document"))).toThrow(
      /message imprint [0-9a-f]{64} does not match the digest/,
    );
  });

  it("asks for a policy when told to", async () => {
    mode = "openssl";
    const result = await requestTimestamp(url, digestOf("policy"), { policy, reqPolicy: "1.2.3.4.5" });
    expect(result.policy).toBe("1.2.3.4.5");
  });

  it("refuses a token for another digest", async () => {
    mode = "other-digest";
    await expect(requestTimestamp(url, digestOf("mine"), { policy })).rejects.toThrow(
      /the token's message imprint [0-9a-f]{64} does not match the digest [0-9a-f]{64} that was sent/,
    );
  });

  it("refuses a replayed answer (nonce mismatch)", async () => {
    mode = "openssl";
    const digest = digestOf("replayed");
    await requestTimestamp(url, digest, { policy });
    mode = "replay";
    await expect(requestTimestamp(url, digest, { policy })).rejects.toThrow(
      /the token's nonce \d+ does not match the nonce \d+ that was sent/,
    );
  });

  it("reports the TSA's rejection with its status and failure info", async () => {
    mode = "openssl";
    const error = await requestTimestamp(url, digestOf("x"), { policy, reqPolicy: "1.2.3.4.99" }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(TimestampError);
    expect(error.message).toMatch(
      /^The time-stamp authority 127\.0\.0\.1:\d+ refused the request: rejection/,
    );
    expect(error.message).toContain("unacceptedPolicy");
  });

  it("reports an HTTP error with its status and text", async () => {
    mode = "http500";
    await expect(requestTimestamp(url, digestOf("x"), { policy })).rejects.toThrow(
      /^The time-stamp authority 127\.0\.0\.1:\d+ answered HTTP 500: TSA signer offline$/,
    );
  });

  it("reports an answer that is not a time-stamp response", async () => {
    mode = "garbage";
    await expect(requestTimestamp(url, digestOf("x"), { policy })).rejects.toThrow(
      "the time-stamp response is not valid DER",
    );
  });

  it("goes through the SSRF guard: a loopback TSA needs to be allowed", async () => {
    mode = "openssl";
    await expect(requestTimestamp(url, digestOf("x"), { policy: { allow: [] } })).rejects.toThrow(
      /The time-stamp authority 127\.0\.0\.1:\d+ could not be reached: blocked: 127\.0\.0\.1 is a loopback address/,
    );
    await expect(
      requestTimestamp(url.replace("127.0.0.1", "localhost"), digestOf("x"), { policy: { allow: [] } }),
    ).rejects.toThrow(/could not be reached: blocked: localhost resolves to .*, a loopback address/);
    await expect(requestTimestamp("file:///etc/passwd", digestOf("x"), { policy })).rejects.toThrow(
      "blocked: file URLs are not allowed (only http and https)",
    );
  });

  it("refuses a digest that is not SHA-256 sized", async () => {
    await expect(requestTimestamp(url, Buffer.alloc(20), { policy })).rejects.toThrow(
      "sha256: a SHA-256 digest has 32 bytes, not 20",
    );
  });

  function fileOfLastQuery(): string {
    const queries = fs
      .readdirSync(dir)
      .filter((f) => f.startsWith("query-"))
      .sort((a, b) => Number(a.match(/\d+/)?.[0]) - Number(b.match(/\d+/)?.[0]));
    return file(queries.at(-1) as string);
  }
});
