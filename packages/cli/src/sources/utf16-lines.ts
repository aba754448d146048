import { TextDecoder } from 'node:util';
import { sniffBytes, type ByteKind } from '@keyguard/core';
import { LineRanges, type LineSet } from './line-ranges';

/**
 * Large UTF-16 blobs (over STREAM_BLOB_ABOVE, streamed from git) and their line numbers, in
 * constant memory. git counts lines by 0x0A bytes; core counts decoded newlines (U+000A), and a
 * UTF-16 code unit may hold the byte 0x0A (U+010A is `0A 01`, U+0A00–U+0AFF are `xx 0A`), so
 * git's number for a line can run ahead of core's and a key on an added line would be dropped
 * as "not added" (issue 11). Small blobs are decoded whole and compared with their parents
 * (history-lines.ts asUtf8Lines); these two do the same as the bytes stream past.
 */

/** sniffBytes decides on this many bytes, as core's StreamScanner does. */
const SNIFF_BYTES = 8000;

/** Holds chunks until SNIFF_BYTES have come (or the end), then tells what the bytes are. */
async function* sniffed(chunks: AsyncIterable<Buffer>): AsyncGenerator<{ kind: ByteKind; chunk: Buffer }> {
  const held: Buffer[] = [];
  let heldLength = 0;
  let kind: ByteKind | undefined;
  for await (const chunk of chunks) {
    if (kind) {
      yield { kind, chunk };
      continue;
    }
    held.push(chunk);
    heldLength += chunk.length;
    if (heldLength < SNIFF_BYTES) continue;
    const first = Buffer.concat(held);
    held.length = 0;
    kind = sniffBytes(first);
    yield { kind, chunk: first };
  }
  if (!kind && heldLength > 0) {
    const first = Buffer.concat(held);
    yield { kind: sniffBytes(first), chunk: first };
  }
}

/**
 * A blob's bytes as UTF-8, chunk by chunk, so that lines split at LF bytes are core's lines:
 * UTF-16 (with a byte-order mark or without one) is decoded, anything else passes as it is.
 * The streamed twin of asUtf8Lines, for addedLinesStreamed (the history scan's large blobs).
 */
export async function* utf8Chunks(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let decoder: TextDecoder | undefined;
  let swap = false;
  let odd: Buffer | undefined;
  let decided = false;
  for await (const { kind, chunk } of sniffed(chunks)) {
    if (!decided) {
      decided = true;
      if (kind === 'utf16le' || kind === 'utf16be') {
        // A byte-order mark is dropped (TextDecoder's default), as core's decodeBytes drops it.
        decoder = new TextDecoder('utf-16le');
        swap = kind === 'utf16be';
      }
    }
    if (!decoder) {
      yield chunk;
      continue;
    }
    let bytes = odd ? Buffer.concat([odd, chunk]) : chunk;
    odd = undefined;
    if (swap) {
      if (bytes.length % 2 === 1) {
        odd = Buffer.from(bytes.subarray(bytes.length - 1));
        bytes = bytes.subarray(0, bytes.length - 1);
      }
      bytes = Buffer.from(bytes);
      bytes.swap16();
    }
    yield Buffer.from(decoder.decode(bytes, { stream: true }), 'utf8');
  }
  if (decoder) yield Buffer.from(decoder.decode(), 'utf8');
}

/**
 * A large staged blob's chunks, passed on as they are, and the lines it adds numbered as core
 * numbers them. `gitLines` are the lines git's diff adds (0x0A counting); for UTF-16, each of
 * core's lines is added when any git line that its bytes (up to its newline's 0x0A) touch is
 * added, worked out while the bytes go past (git's lines never cross core's: each U+000A holds
 * a 0x0A byte). Only runs of line numbers are kept. `lines` is read once the chunks are all
 * consumed (the scan filters its findings at the end); for other text it is `gitLines`.
 */
export function mappedLines(chunks: AsyncIterable<Buffer>, gitLines: LineSet): { chunks: AsyncGenerator<Buffer>; lines: LineSet } {
  const core = new LineRanges();
  let utf16: 'utf16le' | 'utf16be' | undefined;
  let offset = 0;
  let gitLine = 1;
  let coreLine = 1;
  let coreStart = 1;
  let previous = -1;
  /** The git line of a 0x0A that ended a chunk at an even offset (UTF-16LE): a newline if the next byte is 0. */
  let pending: number | undefined;
  const endLine = (last: number): void => {
    for (let line = coreStart; line <= last; line++)
      if (gitLines.has(line)) {
        core.add(coreLine);
        break;
      }
    coreLine++;
    coreStart = last + 1;
  };
  const observe = (chunk: Buffer): void => {
    if (pending !== undefined && chunk.length > 0) {
      if (chunk[0] === 0) endLine(pending);
      pending = undefined;
    }
    for (let at = chunk.indexOf(0x0a); at !== -1; at = chunk.indexOf(0x0a, at + 1)) {
      const line = gitLine++;
      const even = (offset + at) % 2 === 0;
      if (utf16 === 'utf16le' && even) {
        if (at + 1 < chunk.length) {
          if (chunk[at + 1] === 0) endLine(line);
        } else pending = line;
      } else if (utf16 === 'utf16be' && !even && (at > 0 ? chunk[at - 1] : previous) === 0) endLine(line);
    }
    offset += chunk.length;
    if (chunk.length > 0) previous = chunk[chunk.length - 1];
  };
  let done = false;
  async function* passed(): AsyncGenerator<Buffer> {
    for await (const { kind, chunk } of sniffed(chunks)) {
      if (offset === 0 && (kind === 'utf16le' || kind === 'utf16be')) utf16 = kind;
      if (utf16) observe(chunk);
      yield chunk;
    }
    if (utf16) endLine(gitLine);
    done = true;
  }
  const lines: LineSet = {
    has: (line) => {
      if (utf16 && !done) throw new Error('mappedLines: lines read before the blob was scanned');
      return utf16 ? core.has(line) : gitLines.has(line);
    },
    get size() {
      return utf16 ? core.size : gitLines.size;
    },
    [Symbol.iterator]: () => (utf16 ? core[Symbol.iterator]() : gitLines[Symbol.iterator]()),
  };
  return { chunks: passed(), lines };
}
