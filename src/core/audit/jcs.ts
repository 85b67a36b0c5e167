/** A value RFC 8785 (JCS) can serialise: I-JSON without duplicate keys. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A value that has no canonical JSON form; `path` names where it sits (`$.detail.amount`). */
export class CanonicalJsonError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
    this.name = "CanonicalJsonError";
  }
}

// In a /u regex a surrogate pair is one code point, so \p{Cs} matches only lone (unpaired) surrogates.
const loneSurrogate = /\p{Cs}/u;

function serialiseString(value: string, path: string): string {
  // RFC 8785 § 3.2.2.2 and RFC 7493 (I-JSON) § 2.1: strings must be valid Unicode.
  if (loneSurrogate.test(value)) throw new CanonicalJsonError(path, "string holds a lone surrogate");
  // ECMAScript's JSON.stringify escapes exactly as RFC 8785 § 3.2.2.2 asks (\b \t \n \f \r, \u00xx lowercase).
  return JSON.stringify(value);
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function serialise(value: unknown, path: string): string {
  switch (typeof value) {
    case "boolean":
      return value ? "true" : "false";
    case "string":
      return serialiseString(value, path);
    case "number":
      // RFC 8785 § 3.2.2.3: ECMAScript's Number-to-String (shortest round-trip form; -0 becomes 0).
      if (!Number.isFinite(value)) throw new CanonicalJsonError(path, `${value} is not a JSON number`);
      return JSON.stringify(value);
    case "object": {
      if (value === null) return "null";
      if (Array.isArray(value)) {
        return `[${value.map((item, i) => serialise(item, `${path}[${i}]`)).join(",")}]`;
      }
      if (!isPlainObject(value)) {
        const kind = value.constructor?.name ?? "object";
        throw new CanonicalJsonError(path, `a ${kind} is not a JSON value (convert it first)`);
      }
      // RFC 8785 § 3.2.3: members sorted by the UTF-16 code units of their names, which is what the
      // default Array#sort compares.
      const keys = Object.keys(value).sort();
      const members = keys.map((key) => {
        const keyPath = `${path}.${key}`;
        const member = (value as Record<string, unknown>)[key];
        return `${serialiseString(key, keyPath)}:${serialise(member, keyPath)}`;
      });
      return `{${members.join(",")}}`;
    }
    default:
      throw new CanonicalJsonError(path, `${typeof value} is not a JSON value`);
  }
}

/**
 * The RFC 8785 JSON Canonicalization Scheme form of a value: no whitespace, object members sorted
 * by UTF-16 code units, strings and numbers as ECMAScript's JSON.stringify writes them. Throws a
 * CanonicalJsonError naming the path for non-finite numbers, undefined, functions, symbols, BigInt,
 * lone surrogates and objects that are not plain (Date, Map, class instances).
 */
export function canonicalJson(value: unknown): string {
  return serialise(value, "$");
}
