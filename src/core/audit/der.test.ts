import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DerError,
  decodeDer,
  derBoolean,
  derEncode,
  derExplicit,
  derInteger,
  derNull,
  derOctetString,
  derOid,
  derSequence,
  derTag,
  readGeneralizedTime,
  readInteger,
  readOid,
} from "./der.ts";

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

describe("DER", () => {
  it.each([
    [0n, "020100"],
    [1n, "020101"],
    [127n, "02017f"],
    [128n, "02020080"],
    [255n, "020200ff"],
    [256n, "02020100"],
    [-1n, "0201ff"],
    [-128n, "020180"],
    [-129n, "0202ff7f"],
    [0xffffffffffffffffn, "020900ffffffffffffffff"],
  ])("encodes INTEGER %s as X.690 § 8.3 does", (value, expected) => {
    expect(hex(derInteger(value))).toBe(expected);
  });

  it.each([
    ["2.16.840.1.101.3.4.2.1", "0609608648016503040201"], // SHA-256, RFC 5754
    ["1.2.840.113549.1.7.2", "06092a864886f70d010702"], // id-signedData, RFC 5652
    ["1.2.840.113549.1.9.16.1.4", "060b2a864886f70d0109100104"], // id-ct-TSTInfo, RFC 3161
    ["2.999.3", "0603883703"], // X.690 § 8.19.5 example
  ])("encodes OID %s", (oid, expected) => {
    expect(hex(derOid(oid))).toBe(expected);
    expect(readOid(decodeDer(derOid(oid)))).toBe(oid);
  });

  it("uses the short length form below 128 octets and the shortest long form above", () => {
    expect(hex(derOctetString(new Uint8Array(127))).slice(0, 4)).toBe("047f");
    expect(hex(derOctetString(new Uint8Array(128))).slice(0, 6)).toBe("048180");
    expect(hex(derOctetString(new Uint8Array(256))).slice(0, 8)).toBe("04820100");
    expect(hex(derOctetString(new Uint8Array(70_000))).slice(0, 10)).toBe("0483011170");
  });

  it("encodes BOOLEAN, NULL and nested SEQUENCEs and reads them back", () => {
    const encoded = derSequence(derBoolean(true), derNull(), derExplicit(0, derSequence(derBoolean(false))));
    expect(hex(encoded)).toBe("300c0101ff0500a0053003010100");
    const node = decodeDer(encoded);
    expect(node.tag).toBe(derTag.sequence);
    expect(node.children.map((c) => c.tag)).toEqual([0x01, 0x05, 0xa0]);
    expect(node.children[2]?.children[0]?.children[0]?.value).toEqual(Uint8Array.of(0));
  });

  it("rejects BER and broken input with a message that says where", () => {
    expect(() => decodeDer(Uint8Array.of(0x30, 0x80, 0, 0))).toThrow("indefinite length at offset 1 is BER");
    expect(() => decodeDer(Uint8Array.of(0x04, 0x81, 0x05, 1, 2, 3, 4, 5))).toThrow(
      "not in its shortest form",
    );
    expect(() => decodeDer(Uint8Array.of(0x04, 0x05, 1, 2))).toThrow(
      "truncated: element at offset 0 needs 5",
    );
    expect(() => decodeDer(Uint8Array.of(0x05, 0x00, 0x00))).toThrow("1 octets follow the element");
    expect(() => decodeDer(Uint8Array.of(0x1f, 0x81, 0x00, 0x00))).toThrow("high tag numbers");
    expect(() => decodeDer(new Uint8Array(0))).toThrow(DerError);
  });

  it("reads GeneralizedTime with and without fractions, in UTC", () => {
    const time = (text: string) =>
      decodeDer(derEncode(derTag.generalizedTime, new TextEncoder().encode(text)));
    expect(readGeneralizedTime(time("20261202120000Z")).toISOString()).toBe("2026-12-02T12:00:00.000Z");
    expect(readGeneralizedTime(time("20261202120000.125Z")).toISOString()).toBe("2026-12-02T12:00:00.125Z");
    expect(() => readGeneralizedTime(time("20261202120000+0100"))).toThrow("is not of the form");
  });

  it("round-trips any INTEGER", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(1n << 200n), max: 1n << 200n }), (value) => {
        const encoded = derInteger(value);
        expect(readInteger(decodeDer(encoded))).toBe(value);
        // Minimal: the first nine bits are never all equal (X.690 § 8.3.2).
        const [, , a = 0, b = 0] = encoded;
        if (encoded.length > 3) expect((a === 0 && b < 0x80) || (a === 0xff && b >= 0x80)).toBe(false);
      }),
    );
  });

  it("round-trips any OID", () => {
    const oid = fc
      .tuple(
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 0, max: 39 }),
        fc.array(fc.bigInt({ min: 0n, max: 1n << 70n }), { maxLength: 8 }),
      )
      .map(([a, b, rest]) => [a, b, ...rest].join("."));
    fc.assert(
      fc.property(oid, (dotted) => {
        expect(readOid(decodeDer(derOid(dotted)))).toBe(dotted);
      }),
    );
  });

  it("round-trips nested OCTET STRINGs of any length", () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 400 }), { maxLength: 5 }), (chunks) => {
        const node = decodeDer(derSequence(...chunks.map(derOctetString)));
        expect(node.children.map((c) => hex(c.value))).toEqual(chunks.map(hex));
      }),
    );
  });
});
