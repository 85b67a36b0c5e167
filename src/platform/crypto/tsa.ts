import { randomBytes } from "node:crypto";
import {
  buildTimestampRequest,
  checkTimestampInfo,
  readTimestampResponse,
  readTimestampToken,
  TimestampError,
} from "../../core/audit/rfc3161.ts";
import {
  type OutboundBytesResponse,
  OutboundError,
  type OutboundPolicy,
  requestOutboundBytes,
} from "../net/outbound.ts";

export { TimestampError } from "../../core/audit/rfc3161.ts";

/** A granted RFC 3161 time-stamp of a SHA-256 digest. */
export interface TimestampResult {
  /** DER TimeStampToken (CMS SignedData): keep it beside the data; `openssl ts -verify` checks it. */
  token: Buffer;
  /** The whole DER TimeStampResp as the TSA sent it. */
  response: Buffer;
  genTime: Date;
  /** `0x` and lowercase hex, as `openssl ts -reply -text` shows it. */
  serialNumber: string;
  /** The TSA policy OID the token was issued under. */
  policy: string;
}

/** Options of a time-stamp request. */
export interface TimestampOptions {
  /** The SSRF policy: the TSA's address must be public or allowed (BRANDWACHE_OUTBOUND_ALLOW). */
  policy: OutboundPolicy;
  /** Covers connecting, sending and reading the answer; default 10 s. */
  timeoutMs?: number;
  /** The TSA policy OID to ask for (reqPolicy); the TSA's default when left out. */
  reqPolicy?: string;
}

/**
 * Asks an RFC 3161 time-stamp authority to stamp a SHA-256 digest (RFC 3161 § 3.4, HTTP POST of
 * `application/timestamp-query`) and checks the answer: status granted, a token whose TSTInfo stamps
 * exactly this digest and carries our random 64-bit nonce. Throws a TimestampError saying why not.
 * The signature is not verified here: `openssl ts -verify` does that with the TSA's CA (docs/EVIDENCE.md).
 */
export async function requestTimestamp(
  url: string,
  sha256: Buffer,
  opts: TimestampOptions,
): Promise<TimestampResult> {
  // Unsigned 64 bits, read as a non-negative INTEGER.
  const nonce = randomBytes(8).readBigUInt64BE(0);
  const query = buildTimestampRequest({
    sha256,
    nonce,
    ...(opts.reqPolicy ? { policy: opts.reqPolicy } : {}),
  });
  const answer = await postQuery(url, query, opts);
  if (answer.status !== 200) {
    const text = answer.body.subarray(0, 200).toString("utf8").replace(/\s+/g, " ").trim();
    throw new TimestampError(
      `The time-stamp authority ${answer.host} answered HTTP ${answer.status}${text ? `: ${text}` : ""}`,
    );
  }
  const parsed = readTimestampResponse(answer.body);
  if (parsed.status !== 0 && parsed.status !== 1) {
    const why = [...parsed.statusText, ...parsed.failures].join("; ");
    throw new TimestampError(
      `The time-stamp authority ${answer.host} refused the request: ${parsed.statusName}${why ? ` (${why})` : ""}`,
    );
  }
  if (!parsed.token) {
    throw new TimestampError(`The time-stamp authority ${answer.host} granted the request but sent no token`);
  }
  const info = readTimestampToken(parsed.token);
  checkTimestampInfo(info, sha256, nonce);
  return {
    token: Buffer.from(parsed.token),
    response: answer.body,
    genTime: info.genTime,
    serialNumber: info.serialNumber,
    policy: info.policy,
  };
}

/**
 * Reads a stored token and checks that it stamps this SHA-256 digest: the structural check. The
 * signature and the TSA certificate are checked with
 * `openssl ts -verify -data FILE -in token.tsr -token_in -CAfile tsa-ca.pem`.
 */
export function verifyTimestampToken(
  token: Buffer,
  sha256: Buffer,
): { genTime: Date; serialNumber: string; policy: string } {
  const info = readTimestampToken(token);
  checkTimestampInfo(info, sha256);
  return { genTime: info.genTime, serialNumber: info.serialNumber, policy: info.policy };
}

// A TimeStampResp with a certificate chain is a few KiB; anything far larger is not one.
const responseLimit = 1024 * 1024;

/** POSTs the query through the SSRF guard (RFC 3161 § 3.4) and returns the answer's bytes. */
async function postQuery(
  url: string,
  query: Uint8Array,
  opts: TimestampOptions,
): Promise<OutboundBytesResponse & { host: string }> {
  let answer: OutboundBytesResponse;
  try {
    answer = await requestOutboundBytes(
      {
        method: "POST",
        url,
        headers: { "Content-Type": "application/timestamp-query", Accept: "application/timestamp-reply" },
        body: query,
      },
      { policy: opts.policy, timeoutMs: opts.timeoutMs ?? 10_000, bodyLimit: responseLimit },
    );
  } catch (error) {
    if (error instanceof OutboundError) {
      throw new TimestampError(
        `The time-stamp authority ${error.host} could not be reached: ${error.message}`,
      );
    }
    throw error;
  }
  const host = new URL(url).host;
  if (answer.truncated) {
    throw new TimestampError(`The time-stamp authority ${host} sent more than ${responseLimit} bytes`);
  }
  return { ...answer, host };
}
