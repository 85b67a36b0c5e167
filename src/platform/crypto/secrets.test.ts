import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSecretBox, loadSecretKey, parseSecretKey } from "./secrets.ts";

const key = Buffer.alloc(32, 7);

describe("secret box", () => {
  it("opens what it sealed, for any text, with a fresh IV each time", () => {
    const box = createSecretBox(key);
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), (text) => {
        expect(box.open(box.seal(text))).toBe(text);
      }),
    );
    expect(box.seal("token")).not.toBe(box.seal("token"));
    expect(box.seal("token")).not.toContain("token");
  });

  it("refuses a changed value, another key and foreign formats", () => {
    const sealed = createSecretBox(key).seal("geheim");
    const raw = Buffer.from(sealed.slice(3), "base64");
    raw[raw.length - 1] = (raw[raw.length - 1] ?? 0) ^ 1;
    expect(() => createSecretBox(key).open(`v1:${raw.toString("base64")}`)).toThrow(/wrong key|changed/);
    expect(() => createSecretBox(Buffer.alloc(32, 8)).open(sealed)).toThrow(/wrong key/);
    expect(() => createSecretBox(key).open("plain")).toThrow(/unknown format/);
    expect(() => createSecretBox(key).open("v1:AAAA")).toThrow(/truncated/);
  });

  it("reads keys as hex or base64 and names the source of a bad one", () => {
    expect(parseSecretKey("07".repeat(32), "X")).toEqual(key);
    expect(parseSecretKey(key.toString("base64"), "X")).toEqual(key);
    expect(() => parseSecretKey("short", "BRANDWACHE_SECRET_KEY")).toThrow(
      /^BRANDWACHE_SECRET_KEY: expected 32 bytes/,
    );
  });

  it("creates a key file on first start and reads the same key afterwards", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bw-key-"));
    const first = loadSecretKey({ dataDir: dir });
    expect(loadSecretKey({ dataDir: dir })).toEqual(first);
    expect(fs.statSync(path.join(dir, "secret.key")).mode & 0o777).toBe(0o600);
    expect(() => loadSecretKey({ dataDir: dir, keyFile: path.join(dir, "missing.key") })).toThrow(
      /does not exist/,
    );
    expect(loadSecretKey({ dataDir: dir, key: "07".repeat(32) })).toEqual(key);
  });
});
