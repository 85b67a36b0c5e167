/** DER (ITU-T X.690) encoding and decoding of the few ASN.1 types RFC 3161 needs. */

/** Identifier octets of the universal types used here, and of context-specific constructed tags. */
export const derTag = {
  boolean: 0x01,
  integer: 0x02,
  bitString: 0x03,
  octetString: 0x04,
  null: 0x05,
  oid: 0x06,
  utf8String: 0x0c,
  printableString: 0x13,
  generalizedTime: 0x18,
  sequence: 0x30,
  set: 0x31,
} as const;

/** The identifier octet of a context-specific tag `[n]` (constructed unless told otherwise). */
export function contextTag(n: number, constructed = true): number {
  if (n < 0 || n > 30) throw new DerError(`context tag [${n}] is out of the low-tag range`);
  return 0x80 | (constructed ? 0x20 : 0) | n;
}

/** Malformed or unexpected DER. */
export class DerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DerError";
  }
}

/** One decoded TLV; `children` holds the elements of a constructed value. */
export interface DerNode {
  /** The identifier octet (low tag numbers only), e.g. 0x30 for SEQUENCE. */
  tag: number;
  constructed: boolean;
  /** The content octets. */
  value: Uint8Array;
  /** The whole encoding: identifier, length and content. */
  raw: Uint8Array;
  children: DerNode[];
}

function encodeLength(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** One TLV with the given identifier octet and content. */
export function derEncode(tag: number, content: Uint8Array): Uint8Array {
  return concat([Uint8Array.of(tag), encodeLength(content.length), content]);
}

/** SEQUENCE of already encoded elements. */
export const derSequence = (...items: Uint8Array[]) => derEncode(derTag.sequence, concat(items));

/** `[n] EXPLICIT` wrapping of an encoded element. */
export const derExplicit = (n: number, item: Uint8Array) => derEncode(contextTag(n), item);

/** BOOLEAN (DER: TRUE is 0xff). */
export const derBoolean = (value: boolean) => derEncode(derTag.boolean, Uint8Array.of(value ? 0xff : 0));

/** NULL. */
export const derNull = () => derEncode(derTag.null, new Uint8Array(0));

/** OCTET STRING. */
export const derOctetString = (bytes: Uint8Array) => derEncode(derTag.octetString, bytes);

/** INTEGER in the shortest two's-complement form. */
export function derInteger(value: bigint): Uint8Array {
  const bytes: number[] = [];
  let rest = value;
  for (;;) {
    const byte = Number(BigInt.asUintN(8, rest));
    bytes.unshift(byte);
    rest >>= 8n;
    // Done when the remaining bits are all sign bits and the top bit of the last byte agrees with them.
    if ((rest === 0n && (byte & 0x80) === 0) || (rest === -1n && (byte & 0x80) !== 0)) break;
  }
  return derEncode(derTag.integer, Uint8Array.from(bytes));
}

function base128(value: bigint): number[] {
  const out = [Number(value & 0x7fn)];
  for (let rest = value >> 7n; rest > 0n; rest >>= 7n) out.unshift(Number(rest & 0x7fn) | 0x80);
  return out;
}

/** OBJECT IDENTIFIER from its dotted form (`2.16.840.1.101.3.4.2.1`). */
export function derOid(dotted: string): Uint8Array {
  if (!/^[0-2](\.(0|[1-9]\d*))+$/.test(dotted)) throw new DerError(`"${dotted}" is not a dotted OID`);
  const arcs = dotted.split(".").map((a) => BigInt(a));
  const [first = 0n, second = 0n, ...rest] = arcs;
  if (first < 2n && second > 39n) throw new DerError(`"${dotted}": the second arc must be below 40`);
  const bytes = [first * 40n + second, ...rest].flatMap(base128);
  return derEncode(derTag.oid, Uint8Array.from(bytes));
}

function decodeAt(bytes: Uint8Array, start: number): DerNode {
  const tag = bytes[start];
  if (tag === undefined) throw new DerError(`truncated: no identifier at offset ${start}`);
  if ((tag & 0x1f) === 0x1f) throw new DerError(`high tag numbers are not supported (offset ${start})`);
  let offset = start + 1;
  const first = bytes[offset++];
  if (first === undefined) throw new DerError(`truncated: no length at offset ${start + 1}`);
  let length = first;
  if (first === 0x80) throw new DerError(`indefinite length at offset ${start + 1} is BER, not DER`);
  if (first > 0x80) {
    const count = first & 0x7f;
    if (count > 4) throw new DerError(`length of ${count} octets at offset ${start + 1} is too long`);
    length = 0;
    for (let i = 0; i < count; i++) {
      const b = bytes[offset++];
      if (b === undefined) throw new DerError(`truncated length at offset ${start + 1}`);
      length = length * 256 + b;
    }
    if (length < 0x80 || (count > 1 && bytes[start + 2] === 0)) {
      throw new DerError(`length at offset ${start + 1} is not in its shortest form`);
    }
  }
  const end = offset + length;
  if (end > bytes.length) {
    throw new DerError(
      `truncated: element at offset ${start} needs ${length} octets, ${bytes.length - offset} left`,
    );
  }
  const value = bytes.subarray(offset, end);
  const constructed = (tag & 0x20) !== 0;
  const children: DerNode[] = [];
  if (constructed) {
    for (let at = 0; at < value.length; ) {
      const child = decodeAt(value, at);
      children.push(child);
      at += child.raw.length;
    }
  }
  return { tag, constructed, value, raw: bytes.subarray(start, end), children };
}

/** Decodes exactly one DER element (and everything inside it); trailing bytes are an error. */
export function decodeDer(bytes: Uint8Array): DerNode {
  const node = decodeAt(bytes, 0);
  if (node.raw.length !== bytes.length) {
    throw new DerError(`${bytes.length - node.raw.length} octets follow the element`);
  }
  return node;
}

function tagName(tag: number): string {
  const named = Object.entries(derTag).find(([, t]) => t === tag);
  if (named) return named[0].replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`).toUpperCase();
  if ((tag & 0xc0) === 0x80) return `[${tag & 0x1f}]`;
  return `tag 0x${tag.toString(16).padStart(2, "0")}`;
}

/** Asserts the node's tag, naming what was expected (`what`) and what was found. */
export function expectTag(node: DerNode | undefined, tag: number, what: string): DerNode {
  if (!node) throw new DerError(`${what} is missing`);
  if (node.tag !== tag) throw new DerError(`${what}: expected ${tagName(tag)}, found ${tagName(node.tag)}`);
  return node;
}

/** The value of an INTEGER. */
export function readInteger(node: DerNode): bigint {
  if (node.value.length === 0) throw new DerError("INTEGER without content");
  let value = 0n;
  for (const byte of node.value) value = (value << 8n) | BigInt(byte);
  const first = node.value[0] as number;
  return first & 0x80 ? value - (1n << BigInt(node.value.length * 8)) : value;
}

/** The dotted form of an OBJECT IDENTIFIER. */
export function readOid(node: DerNode): string {
  const arcs: bigint[] = [];
  let current = 0n;
  for (const [i, byte] of node.value.entries()) {
    current = (current << 7n) | BigInt(byte & 0x7f);
    if ((byte & 0x80) === 0) {
      arcs.push(current);
      current = 0n;
    } else if (i === node.value.length - 1) {
      throw new DerError("OBJECT IDENTIFIER ends inside an arc");
    }
  }
  const [head, ...rest] = arcs;
  if (head === undefined) throw new DerError("OBJECT IDENTIFIER without content");
  const first = head < 80n ? head / 40n : 2n;
  return [first, head - first * 40n, ...rest].join(".");
}

/** The instant of a GeneralizedTime in UTC (`YYYYMMDDHHMMSS[.f…]Z`, as RFC 3161 § 2.4.2 requires). */
export function readGeneralizedTime(node: DerNode): Date {
  const text = new TextDecoder().decode(node.value);
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:\.(\d+))?Z$/.exec(text);
  if (!m) throw new DerError(`GeneralizedTime "${text}" is not of the form YYYYMMDDHHMMSS[.fff]Z`);
  const [, y, mo, d, h, mi, s, frac] = m;
  const ms = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
  return new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms));
}

/** The text of a UTF8String (or PrintableString). */
export function readText(node: DerNode): string {
  return new TextDecoder("utf-8", { fatal: false }).decode(node.value);
}
