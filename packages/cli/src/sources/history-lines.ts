import { createHash } from 'node:crypto';
import { decodeBytes, sniffBytes } from '@keyguard/core';

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/** The lines of a file's bytes, as byte-exact strings, a trailing CR dropped (CRLF = LF). */
function splitLines(bytes: Buffer): string[] {
  const lines: string[] = [];
  let start = 0;
  for (let end = bytes.indexOf(NEWLINE); ; end = bytes.indexOf(NEWLINE, start)) {
    const stop = end === -1 ? bytes.length : end;
    const last = stop > start && bytes[stop - 1] === CARRIAGE_RETURN ? stop - 1 : stop;
    // The empty rest after a final newline is not a line anyone wrote.
    if (end !== -1 || start < bytes.length) lines.push(bytes.toString('latin1', start, last));
    if (end === -1) return lines;
    start = end + 1;
  }
}

/**
 * The 1-based lines of `bytes` that a commit added: lines whose text none of the parents'
 * versions of the file holds. This is the question a history scan asks ("did this commit
 * bring this line in?"), so a line that was only moved, or is kept by a merge from one of its
 * parents, is not new, and a secret is reported at the commit that first brought it in, not
 * at every commit that later shuffles the file. Lines are numbered as core numbers them
 * (split at LF), so they line up with findings.
 */
export function addedLines(bytes: Buffer, parents: readonly Buffer[]): Set<number> {
  const seen = new Set<string>();
  for (const parent of parents) for (const line of splitLines(parent)) seen.add(line);
  const added = new Set<number>();
  splitLines(bytes).forEach((line, index) => {
    if (!seen.has(line)) added.add(index + 1);
  });
  return added;
}

/**
 * A text file's bytes as UTF-8, so lines split at LF the way core numbers them: UTF-16 (with
 * a byte-order mark or without one, as core's sniffBytes tells) is decoded first, because a
 * UTF-16 code unit may hold the byte 0x0A (U+010A is `0A 01`) where git would count a line
 * and core does not (issue 11). Other bytes are returned as they are.
 */
export function asUtf8Lines(bytes: Buffer): Buffer {
  const kind = sniffBytes(bytes);
  return kind === 'utf16le' || kind === 'utf16be' ? Buffer.from(decodeBytes(bytes, kind).text, 'utf8') : bytes;
}

/** True when git's line numbers (LF bytes) may differ from core's for these bytes: UTF-16. */
export function isUtf16(bytes: Buffer): boolean {
  const kind = sniffBytes(bytes);
  return kind === 'utf16le' || kind === 'utf16be';
}

/**
 * Calls `onLine` with each line's number and a hash of its bytes, as splitLines splits them
 * (at LF, a trailing CR dropped, no empty line after a final LF), for content that arrives
 * in chunks: lines of any length in constant memory.
 */
async function hashLines(chunks: AsyncIterable<Buffer>, onLine: (line: number, hash: string) => void): Promise<void> {
  let hash = createHash('sha1');
  let line = 1;
  let lineBytes = 0;
  let pendingCarriageReturn = false;
  const feed = (bytes: Buffer): void => {
    if (bytes.length === 0) return;
    hash.update(bytes);
    lineBytes += bytes.length;
  };
  for await (const chunk of chunks) {
    if (chunk.length === 0) continue;
    // A CR that ended the last chunk belongs to the line unless this chunk starts with its LF.
    if (pendingCarriageReturn && chunk[0] !== NEWLINE) feed(CARRIAGE_RETURN_BYTE);
    pendingCarriageReturn = false;
    let start = 0;
    while (start < chunk.length) {
      const end = chunk.indexOf(NEWLINE, start);
      if (end === -1) {
        let last = chunk.length;
        if (chunk[last - 1] === CARRIAGE_RETURN) {
          pendingCarriageReturn = true;
          lineBytes++;
          last--;
        }
        feed(chunk.subarray(start, last));
        break;
      }
      const last = end > start && chunk[end - 1] === CARRIAGE_RETURN ? end - 1 : end;
      feed(chunk.subarray(start, last));
      onLine(line++, hash.digest('base64'));
      hash = createHash('sha1');
      lineBytes = 0;
      start = end + 1;
    }
  }
  if (lineBytes > 0) onLine(line, hash.digest('base64'));
}

const CARRIAGE_RETURN_BYTE = Buffer.from([CARRIAGE_RETURN]);

/**
 * addedLines for blobs too large to hold (streamed from git): only the lines that hold
 * findings are asked about, by a hash of their text, so memory stays constant whatever the
 * size. The same answer as addedLines for those lines (for UTF-8 text; a large UTF-16 blob is
 * compared as its raw bytes).
 */
export async function addedLinesStreamed(
  blob: AsyncIterable<Buffer>,
  parents: readonly AsyncIterable<Buffer>[],
  findingLines: readonly number[],
): Promise<Set<number>> {
  const wanted = new Set(findingLines);
  const byHash = new Map<string, number[]>();
  await hashLines(blob, (line, hash) => {
    if (wanted.has(line)) byHash.set(hash, [...(byHash.get(hash) ?? []), line]);
  });
  for (const parent of parents) await hashLines(parent, (_, hash) => void byHash.delete(hash));
  const added = new Set<number>();
  for (const lines of byHash.values()) for (const line of lines) added.add(line);
  return added;
}
