// Secrets at rest (connector tokens, app passwords): AES-256-GCM with a random 96-bit IV per value and the
// 128-bit tag, so a changed or swapped ciphertext fails to open instead of yielding garbage.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** Seals and opens secrets with the installation's key. */
export interface SecretBox {
  seal(plain: string): string;
  /** Throws when the value was not sealed with this key or was changed. */
  open(sealed: string): string;
}

const prefix = "v1:";

/** A box over a 32-byte key. */
export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error(`the secret key must be 32 bytes, not ${key.length}`);
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      return prefix + Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64");
    },
    open(sealed) {
      if (!sealed.startsWith(prefix)) throw new Error("not a sealed secret (unknown format)");
      const raw = Buffer.from(sealed.slice(prefix.length), "base64");
      if (raw.length < 28) throw new Error("sealed secret is truncated");
      const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      try {
        return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
      } catch {
        throw new Error("sealed secret cannot be opened: wrong key (BRANDWACHE_SECRET_KEY) or changed data");
      }
    },
  };
}

/** Reads a key given as 64 hex digits or base64 of 32 bytes; throws naming the variable otherwise. */
export function parseSecretKey(text: string, from: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-f]{64}$/iu.test(trimmed) ? Buffer.from(trimmed, "hex") : Buffer.from(trimmed, "base64");
  if (key.length !== 32) {
    throw new Error(
      `${from}: expected 32 bytes as 64 hex digits or base64 (e.g. \`openssl rand -base64 32\`)`,
    );
  }
  return key;
}

/**
 * The installation's key: BRANDWACHE_SECRET_KEY, else the file BRANDWACHE_SECRET_KEY_FILE, else
 * `<data folder>/secret.key`, created with a random key (mode 0600) on first start. An in-memory
 * database (`memory://`) gets a key that lives as long as the process.
 */
export function loadSecretKey(env: { key?: string; keyFile?: string; dataDir: string }): Buffer {
  if (env.key) return parseSecretKey(env.key, "BRANDWACHE_SECRET_KEY");
  if (!env.keyFile && env.dataDir.startsWith("memory://")) return randomBytes(32);
  const file = env.keyFile ?? path.join(env.dataDir, "secret.key");
  if (!fs.existsSync(file)) {
    if (env.keyFile) throw new Error(`BRANDWACHE_SECRET_KEY_FILE: ${file} does not exist`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${randomBytes(32).toString("base64")}\n`, { mode: 0o600, flag: "wx" });
  }
  return parseSecretKey(fs.readFileSync(file, "utf8"), file);
}
