// Newline-delimited JSON as it arrives over a long-lived HTTP answer: X's filtered stream writes one JSON
// object per line, ended by `\r\n`, and a bare `\r\n` as keep-alive (X API "Consuming streaming data").
// Chunks cut the byte stream anywhere: a line may span chunks, a chunk may hold many lines, and a UTF-8
// character may be split between two chunks, so lines are cut on bytes and decoded only once complete.

/** Where a split stands between chunks: the bytes of the unfinished line, or that an overlong one is skipped. */
export interface LineSplit {
  rest: Buffer;
  /** True while the rest of a line longer than the limit is being dropped, up to its newline. */
  skipping: boolean;
}

/** The state before the first chunk. */
export const startLineSplit: LineSplit = { rest: Buffer.alloc(0), skipping: false };

/** Longest line kept: a post with its author is a few KiB; more is a broken or hostile stream. */
export const maxLineBytes = 1024 * 1024;

/** Inside a line that is too long: its bytes are dropped up to the next newline. */
const skippingLine: LineSplit = { rest: Buffer.alloc(0), skipping: true };

const newline = 0x0a;
const carriageReturn = 0x0d;

/**
 * Adds a chunk and returns the lines it completes (UTF-8, without `\r\n` or `\n`; a keep-alive is an
 * empty line) with the state for the next chunk. A line longer than `limit` bytes is dropped and counted
 * in `overlong` instead of being held in memory.
 */
export function splitLines(
  state: LineSplit,
  chunk: Uint8Array,
  limit = maxLineBytes,
): { state: LineSplit; lines: string[]; overlong: number } {
  const data = state.rest.length === 0 ? Buffer.from(chunk) : Buffer.concat([state.rest, chunk]);
  const lines: string[] = [];
  let overlong = 0;
  let skipping = state.skipping;
  let start = 0;
  for (let end = data.indexOf(newline, start); end !== -1; end = data.indexOf(newline, start)) {
    if (skipping) skipping = false;
    else if (end - start > limit) overlong += 1;
    else {
      const stop = end > start && data[end - 1] === carriageReturn ? end - 1 : end;
      lines.push(data.toString("utf8", start, stop));
    }
    start = end + 1;
  }
  const rest = data.subarray(start);
  if (skipping) return { state: skippingLine, lines, overlong };
  if (rest.length > limit) return { state: skippingLine, lines, overlong: overlong + 1 };
  // A copy, so the (possibly large) chunk behind the rest can be freed.
  return { state: { rest: Buffer.from(rest), skipping: false }, lines, overlong };
}
