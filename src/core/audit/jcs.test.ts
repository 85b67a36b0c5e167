import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CanonicalJsonError, canonicalJson, type JsonValue } from "./jcs.ts";

/** The IEEE 754 double with the given bits, as RFC 8785 Appendix B lists them. */
function double(hex: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${hex}`));
  return view.getFloat64(0);
}

// I-JSON values: strings are well-formed Unicode (no lone surrogates), numbers finite.
const jsonValue: fc.Arbitrary<JsonValue> = fc.jsonValue({ maxDepth: 4 }).map((v) => v as JsonValue);

/** The same object with its members inserted in another order, recursively. */
function shuffled(value: JsonValue, seed: number): JsonValue {
  if (Array.isArray(value)) return value.map((v) => shuffled(v, seed));
  if (value === null || typeof value !== "object") return value;
  const keys = Object.keys(value);
  const rotated = keys.map((_, i) => keys[(i + seed) % keys.length] as string).reverse();
  // fromEntries defines own properties, "__proto__" included (an assignment would set the prototype instead).
  return Object.fromEntries(rotated.map((key) => [key, shuffled(value[key] as JsonValue, seed)]));
}

describe("canonicalJson (RFC 8785)", () => {
  it.each([
    ["0000000000000000", "0"],
    ["8000000000000000", "0"],
    ["0000000000000001", "5e-324"],
    ["8000000000000001", "-5e-324"],
    ["7fefffffffffffff", "1.7976931348623157e+308"],
    ["ffefffffffffffff", "-1.7976931348623157e+308"],
    ["4340000000000000", "9007199254740992"],
    ["c340000000000000", "-9007199254740992"],
    ["4430000000000000", "295147905179352830000"],
    ["44b52d02c7e14af5", "9.999999999999997e+22"],
    ["44b52d02c7e14af6", "1e+23"],
    ["44b52d02c7e14af7", "1.0000000000000001e+23"],
    ["444b1ae4d6e2ef4e", "999999999999999700000"],
    ["444b1ae4d6e2ef4f", "999999999999999900000"],
    ["444b1ae4d6e2ef50", "1e+21"],
    ["3eb0c6f7a0b5ed8c", "9.999999999999997e-7"],
    ["3eb0c6f7a0b5ed8d", "0.000001"],
    ["41b3de4355555553", "333333333.3333332"],
    ["41b3de4355555554", "333333333.33333325"],
    ["41b3de4355555555", "333333333.3333333"],
    ["41b3de4355555556", "333333333.3333334"],
    ["41b3de4355555557", "333333333.33333343"],
    ["becbf647612f3696", "-0.0000033333333333333333"],
    ["43143ff3c1cb0959", "1424953923781206.2"],
  ])("writes the double %s as %s (Appendix B)", (bits, expected) => {
    expect(canonicalJson(double(bits))).toBe(expected);
  });

  it("rejects NaN and the infinities (Appendix B), naming the path", () => {
    expect(() => canonicalJson(double("7fffffffffffffff"))).toThrow(CanonicalJsonError);
    expect(() => canonicalJson({ a: [1, double("7ff0000000000000")] })).toThrow("$.a[1]: Infinity");
    expect(() => canonicalJson({ b: Number.NEGATIVE_INFINITY })).toThrow("$.b: -Infinity");
  });

  it("writes the example of § 3.2.2 exactly as the RFC shows it", () => {
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],' +
        '"string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",' +
        '"literals": [null, true, false]}',
    );
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it("sorts member names by UTF-16 code units (the example of § 3.2.3)", () => {
    const input = {
      "\u20ac": "Euro Sign",
      "\r": "Carriage Return",
      "\ufb33": "Hebrew Letter Dalet With Dagesh",
      "1": "One",
      "\ud83d\ude00": "Emoji: Grinning Face",
      "\u0080": "Control",
      "\u00f6": "Latin Small Letter O With Diaeresis",
    };
    expect(canonicalJson(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it("rejects what JSON cannot hold, naming where it sits", () => {
    expect(() => canonicalJson({ a: undefined })).toThrow("$.a: undefined is not a JSON value");
    expect(() => canonicalJson({ f: () => 1 })).toThrow("$.f: function is not a JSON value");
    expect(() => canonicalJson({ n: 10n })).toThrow("$.n: bigint is not a JSON value");
    expect(() => canonicalJson({ s: Symbol("x") })).toThrow("$.s: symbol is not a JSON value");
    expect(() => canonicalJson({ at: new Date(0) })).toThrow("$.at: a Date is not a JSON value");
    expect(() => canonicalJson(["ok", "\ud800"])).toThrow("$[1]: string holds a lone surrogate");
    expect(() => canonicalJson({ "\udc00": 1 })).toThrow("lone surrogate");
  });

  it("writes no whitespace and escapes control characters as JSON.stringify does", () => {
    expect(canonicalJson({ b: [1, { d: "x y" }], a: "tab\there\u0000\u001f" })).toBe(
      '{"a":"tab\\there\\u0000\\u001f","b":[1,{"d":"x y"}]}',
    );
  });

  it("parses back to an equal value", () => {
    fc.assert(
      fc.property(jsonValue, (value) => {
        // JSON has no -0: JCS writes it as 0, as JSON.stringify does.
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
      }),
    );
  });

  it("does not depend on the order in which members were inserted", () => {
    fc.assert(
      fc.property(jsonValue, fc.nat(10), (value, seed) => {
        expect(canonicalJson(shuffled(value, seed))).toBe(canonicalJson(value));
      }),
    );
  });

  it("is a fixed point: canonicalising the parsed output gives the same text", () => {
    fc.assert(
      fc.property(jsonValue, (value) => {
        const once = canonicalJson(value);
        expect(canonicalJson(JSON.parse(once))).toBe(once);
      }),
    );
  });
});
