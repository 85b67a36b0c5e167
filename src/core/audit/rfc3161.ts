import {
  contextTag,
  DerError,
  type DerNode,
  decodeDer,
  derBoolean,
  derInteger,
  derNull,
  derOctetString,
  derOid,
  derSequence,
  derTag,
  expectTag,
  readGeneralizedTime,
  readInteger,
  readOid,
  readText,
} from "./der.ts";

/** Object identifiers of RFC 3161 and RFC 5652 used here. */
export const timestampOids = {
  sha256: "2.16.840.1.101.3.4.2.1",
  signedData: "1.2.840.113549.1.7.2",
  tstInfo: "1.2.840.113549.1.9.16.1.4",
} as const;

/** A time-stamp that could not be obtained or does not fit what was asked (the message says why). */
export class TimestampError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TimestampError";
  }
}

/** What the TSTInfo of a token says. */
export interface TimestampInfo {
  genTime: Date;
  /** The TSA's serial number of the token, as `openssl ts -reply -text` shows it: `0x` and lowercase hex. */
  serialNumber: string;
  /** The TSA policy OID under which the token was issued. */
  policy: string;
  hashAlgorithm: string;
  hashedMessage: Uint8Array;
  nonce: bigint | null;
}

/**
 * A DER TimeStampReq (RFC 3161 § 2.4.1): version 1, the SHA-256 message imprint, the nonce,
 * certReq TRUE (so the token carries the TSA certificate) and, if given, the requested policy.
 */
export function buildTimestampRequest(input: {
  sha256: Uint8Array;
  nonce: bigint;
  policy?: string;
}): Uint8Array {
  if (input.sha256.length !== 32) {
    throw new TimestampError(`sha256: a SHA-256 digest has 32 bytes, not ${input.sha256.length}`);
  }
  const messageImprint = derSequence(
    derSequence(derOid(timestampOids.sha256), derNull()),
    derOctetString(input.sha256),
  );
  return derSequence(
    derInteger(1n),
    messageImprint,
    ...(input.policy ? [derOid(input.policy)] : []),
    derInteger(input.nonce),
    derBoolean(true),
  );
}

// RFC 3161 § 2.4.2 PKIStatus and PKIFailureInfo.
const statusNames = [
  "granted",
  "grantedWithMods",
  "rejection",
  "waiting",
  "revocationWarning",
  "revocationNotification",
];
const failureNames: Record<number, string> = {
  0: "badAlg (unrecognized or unsupported algorithm)",
  2: "badRequest (transaction not permitted or supported)",
  5: "badDataFormat (the data submitted has the wrong format)",
  14: "timeNotAvailable (the TSA's time source is not available)",
  15: "unacceptedPolicy (the requested TSA policy is not supported)",
  16: "unacceptedExtension (the requested extension is not supported)",
  17: "addInfoNotAvailable (the additional information requested is not available)",
  25: "systemFailure (the request cannot be handled due to system failure)",
};

function readFailureInfo(node: DerNode): string[] {
  const [unused = 0, ...bits] = node.value;
  const names: string[] = [];
  bits.forEach((byte, i) => {
    for (let bit = 0; bit < 8; bit++) {
      const index = i * 8 + bit;
      if (i === bits.length - 1 && bit >= 8 - unused) break;
      if (byte & (0x80 >> bit)) names.push(failureNames[index] ?? `failure bit ${index}`);
    }
  });
  return names;
}

/** The parts of a TimeStampResp (RFC 3161 § 2.4.2). */
export interface TimestampResponse {
  status: number;
  statusName: string;
  statusText: string[];
  failures: string[];
  /** The DER TimeStampToken (a CMS ContentInfo with SignedData); null when none was granted. */
  token: Uint8Array | null;
}

function parse<T>(what: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof DerError) throw new TimestampError(`${what} is not valid DER: ${error.message}`);
    throw error;
  }
}

/** Reads a DER TimeStampResp; throws a TimestampError when it is not one. */
export function readTimestampResponse(bytes: Uint8Array): TimestampResponse {
  return parse("the time-stamp response", () => {
    const resp = expectTag(decodeDer(bytes), derTag.sequence, "TimeStampResp");
    const statusInfo = expectTag(resp.children[0], derTag.sequence, "PKIStatusInfo");
    const status = Number(readInteger(expectTag(statusInfo.children[0], derTag.integer, "PKIStatus")));
    let statusText: string[] = [];
    let failures: string[] = [];
    for (const part of statusInfo.children.slice(1)) {
      if (part.tag === derTag.sequence) statusText = part.children.map(readText);
      else if (part.tag === derTag.bitString) failures = readFailureInfo(part);
    }
    const token = resp.children[1];
    return {
      status,
      statusName: statusNames[status] ?? `status ${status}`,
      statusText,
      failures,
      token: token ? expectTag(token, derTag.sequence, "TimeStampToken").raw : null,
    };
  });
}

/** The eContent octets of an encapsulated content (primitive in DER; constructed BER chunks joined). */
function octets(node: DerNode): Uint8Array {
  if (!node.constructed) return node.value;
  return Uint8Array.from(node.children.flatMap((c) => [...octets(c)]));
}

/** Reads the TSTInfo inside a TimeStampToken (ContentInfo → SignedData → eContent) without checking the signature. */
export function readTimestampToken(token: Uint8Array): TimestampInfo {
  return parse("the time-stamp token", () => {
    const contentInfo = expectTag(decodeDer(token), derTag.sequence, "ContentInfo");
    const contentType = readOid(expectTag(contentInfo.children[0], derTag.oid, "ContentInfo.contentType"));
    if (contentType !== timestampOids.signedData) {
      throw new TimestampError(`the token is not CMS SignedData (content type ${contentType})`);
    }
    const wrapper = expectTag(contentInfo.children[1], contextTag(0), "ContentInfo.content");
    const signedData = expectTag(wrapper.children[0], derTag.sequence, "SignedData");
    const encap = expectTag(signedData.children[2], derTag.sequence, "SignedData.encapContentInfo");
    const eContentType = readOid(expectTag(encap.children[0], derTag.oid, "eContentType"));
    if (eContentType !== timestampOids.tstInfo) {
      throw new TimestampError(`the token does not hold a TSTInfo (eContentType ${eContentType})`);
    }
    const eContentWrapper = expectTag(encap.children[1], contextTag(0), "eContent");
    const eContent = eContentWrapper.children[0];
    if (!eContent || (eContent.tag & 0x1f) !== derTag.octetString)
      throw new DerError("eContent is not an OCTET STRING");
    const tst = expectTag(decodeDer(octets(eContent)), derTag.sequence, "TSTInfo");
    const [version, policy, imprint, serial, genTime, ...optional] = tst.children;
    expectTag(version, derTag.integer, "TSTInfo.version");
    const imprintNode = expectTag(imprint, derTag.sequence, "TSTInfo.messageImprint");
    const algorithm = expectTag(imprintNode.children[0], derTag.sequence, "messageImprint.hashAlgorithm");
    const serialNumber = readInteger(expectTag(serial, derTag.integer, "TSTInfo.serialNumber"));
    const nonce = optional.find((n) => n.tag === derTag.integer);
    return {
      genTime: readGeneralizedTime(expectTag(genTime, derTag.generalizedTime, "TSTInfo.genTime")),
      serialNumber: `0x${serialNumber.toString(16)}`,
      policy: readOid(expectTag(policy, derTag.oid, "TSTInfo.policy")),
      hashAlgorithm: readOid(expectTag(algorithm.children[0], derTag.oid, "hashAlgorithm.algorithm")),
      hashedMessage: expectTag(imprintNode.children[1], derTag.octetString, "messageImprint.hashedMessage")
        .value,
      nonce: nonce ? readInteger(nonce) : null,
    };
  });
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

/** Checks that a token's TSTInfo stamps this SHA-256 digest (and, when given, carries our nonce). */
export function checkTimestampInfo(info: TimestampInfo, sha256: Uint8Array, nonce?: bigint): void {
  if (info.hashAlgorithm !== timestampOids.sha256) {
    throw new TimestampError(`the token's imprint uses hash algorithm ${info.hashAlgorithm}, not SHA-256`);
  }
  if (hex(info.hashedMessage) !== hex(sha256)) {
    throw new TimestampError(
      `the token's message imprint ${hex(info.hashedMessage)} does not match the digest ${hex(sha256)} that was sent`,
    );
  }
  if (nonce !== undefined && info.nonce !== nonce) {
    throw new TimestampError(
      info.nonce === null
        ? "the token carries no nonce although one was sent (a replayed answer?)"
        : `the token's nonce ${info.nonce} does not match the nonce ${nonce} that was sent (a replayed answer?)`,
    );
  }
}
