import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";

/**
 * A local RFC 3161 time-stamping authority for tests: a self-signed TSA certificate and an HTTP
 * endpoint that answers each request with `openssl ts -reply`. Null when openssl is not installed.
 */
export async function startTestTsa(): Promise<{
  url: string;
  certFile: string;
  stop(): Promise<void>;
} | null> {
  try {
    execFileSync("openssl", ["version"], { stdio: "ignore" });
  } catch {
    return null;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "brandwache-tsa-"));
  const certFile = path.join(dir, "tsa.crt");
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-days",
      "2",
      "-keyout",
      path.join(dir, "tsa.key"),
      "-out",
      certFile,
      "-subj",
      "/CN=Brandwache Test TSA",
      "-addext",
      "extendedKeyUsage=critical,timeStamping",
    ],
    { stdio: "ignore" },
  );
  fs.writeFileSync(path.join(dir, "serial"), "01\n");
  const config = path.join(dir, "tsa.cnf");
  fs.writeFileSync(
    config,
    `[ tsa ]
default_tsa = tsa_config
[ tsa_config ]
dir = ${dir}
serial = $dir/serial
crypto_device = builtin
signer_cert = $dir/tsa.crt
certs = $dir/tsa.crt
signer_key = $dir/tsa.key
signer_digest = sha256
default_policy = 1.2.3.4.1
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = yes
tsa_name = no
ess_cert_id_chain = no
ess_cert_id_alg = sha256
`,
  );
  let counter = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      counter += 1;
      const query = path.join(dir, `q${counter}.tsq`);
      const reply = path.join(dir, `r${counter}.tsr`);
      fs.writeFileSync(query, Buffer.concat(chunks));
      try {
        execFileSync("openssl", ["ts", "-reply", "-config", config, "-queryfile", query, "-out", reply], {
          stdio: "ignore",
        });
        res.writeHead(200, { "content-type": "application/timestamp-reply" }).end(fs.readFileSync(reply));
      } catch {
        res.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/tsr`,
    certFile,
    async stop() {
      await new Promise((r) => server.close(r));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
