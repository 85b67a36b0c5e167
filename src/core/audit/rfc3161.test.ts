import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  decodeDer,
  derEncode,
  derExplicit,
  derInteger,
  derNull,
  derOctetString,
  derOid,
  derSequence,
  derTag,
  readInteger,
  readOid,
} from "./der.ts";
import {
  buildTimestampRequest,
  checkTimestampInfo,
  readTimestampResponse,
  readTimestampToken,
  TimestampError,
  timestampOids,
} from "./rfc3161.ts";

const digest = createHash("sha256").update("Beitrag 4711").digest();
const utf8 = (text: string) => new TextEncoder().encode(text);

/** A TimeStampToken as a TSA builds it (RFC 3161 § 2.4.2, RFC 5652 § 5), without a real signature. */
function buildToken(opts: { imprint?: Uint8Array; nonce?: bigint; contentType?: string } = {}): Uint8Array {
  const tstInfo = derSequence(
    derInteger(1n),
    derOid("1.2.3.4.1"),
    derSequence(derSequence(derOid(timestampOids.sha256), derNull()), derOctetString(opts.imprint ?? digest)),
    derInteger(0x2an),
    derEncode(derTag.generalizedTime, utf8("20261202120000.5Z")),
    derSequence(derInteger(1n)), // accuracy: 1 s
    ...(opts.nonce !== undefined ? [derInteger(opts.nonce)] : []),
  );
  const signedData = derSequence(
    derInteger(3n),
    derEncode(derTag.set, derSequence(derOid(timestampOids.sha256))),
    derSequence(derOid(timestampOids.tstInfo), derExplicit(0, derOctetString(tstInfo))),
    derEncode(derTag.set, new Uint8Array(0)),
  );
  return derSequence(derOid(opts.contentType ?? timestampOids.signedData), derExplicit(0, signedData));
}

describe("RFC 3161 messages", () => {
  it("builds a TimeStampReq: v1, SHA-256 imprint, policy, nonce, certReq", () => {
    const request = decodeDer(
      buildTimestampRequest({ sha256: digest, nonce: 0xfedcba9876543210n, policy: "1.2.3.4.5" }),
    );
    const [version, imprint, policy, nonce, certReq] = request.children;
    expect(version && readInteger(version)).toBe(1n);
    expect(imprint?.children[0]?.children.map((c) => c.tag)).toEqual([derTag.oid, derTag.null]);
    expect(readOid(imprint?.children[0]?.children[0] ?? decodeDer(derNull()))).toBe(timestampOids.sha256);
    expect(Buffer.from(imprint?.children[1]?.value ?? []).equals(digest)).toBe(true);
    expect(policy && readOid(policy)).toBe("1.2.3.4.5");
    expect(nonce && readInteger(nonce)).toBe(0xfedcba9876543210n);
    expect(certReq?.value).toEqual(Uint8Array.of(0xff));
    const withoutPolicy = decodeDer(buildTimestampRequest({ sha256: digest, nonce: 1n }));
    expect(withoutPolicy.children.map((c) => c.tag)).toEqual([
      derTag.integer,
      derTag.sequence,
      derTag.integer,
      derTag.boolean,
    ]);
  });

  it("reads a rejection with its text and failure info", () => {
    const response = derSequence(
      derSequence(
        derInteger(2n),
        derSequence(derEncode(derTag.utf8String, utf8("Policy not accepted"))),
        derEncode(derTag.bitString, Uint8Array.of(0x00, 0x00, 0x01)), // bit 15: unacceptedPolicy
      ),
    );
    expect(readTimestampResponse(response)).toEqual({
      status: 2,
      statusName: "rejection",
      statusText: ["Policy not accepted"],
      failures: ["unacceptedPolicy (the requested TSA policy is not supported)"],
      token: null,
    });
  });

  it("reads the TSTInfo inside a token and checks imprint and nonce", () => {
    const token = buildToken({ nonce: 77n });
    const info = readTimestampToken(token);
    expect(info).toMatchObject({ serialNumber: "0x2a", policy: "1.2.3.4.1", nonce: 77n });
    expect(info.genTime.toISOString()).toBe("2026-12-02T12:00:00.500Z");
    expect(() => checkTimestampInfo(info, digest, 77n)).not.toThrow();
    expect(() => checkTimestampInfo(info, digest, 78n)).toThrow(
      "the token's nonce 77 does not match the nonce 78 that was sent",
    );
    const other = createHash("sha256").update("anderer Beitrag").digest();
    expect(() => checkTimestampInfo(info, other)).toThrow(TimestampError);
    expect(() => checkTimestampInfo(readTimestampToken(buildToken()), digest, 5n)).toThrow(
      "the token carries no nonce although one was sent",
    );
    const granted = derSequence(derSequence(derInteger(0n)), token);
    expect(Buffer.from(readTimestampResponse(granted).token ?? []).equals(Buffer.from(token))).toBe(true);
  });

  it("says what is wrong with something that is not a token", () => {
    expect(() => readTimestampToken(buildToken({ contentType: "1.2.840.113549.1.7.1" }))).toThrow(
      "the token is not CMS SignedData (content type 1.2.840.113549.1.7.1)",
    );
    expect(() => readTimestampToken(derSequence(derOid(timestampOids.signedData)))).toThrow(
      "the time-stamp token is not valid DER: ContentInfo.content is missing",
    );
    expect(() => readTimestampResponse(utf8("HTTP/1.1 200 OK"))).toThrow(
      "the time-stamp response is not valid DER",
    );
    expect(() => buildTimestampRequest({ sha256: new Uint8Array(16), nonce: 1n })).toThrow(
      "sha256: a SHA-256 digest has 32 bytes, not 16",
    );
  });
});
