import { scanBuffer } from '@keyguard/core';
import type { BlobReader } from '../git/cat-file';
import type { ItemScanner } from '../scan';

/**
 * What reading and scanning one blob told: nothing to report for any path (`clean` by the
 * byte prefilter, `binary`, `too-large`, `missing`), nothing for this file kind (`clean-kind`:
 * the rules ran and found nothing), or the lines that hold findings (`dirty`). `bytes` is how
 * much was scanned, for the statistics.
 */
export type Judgement =
  | { status: 'binary' | 'clean' | 'clean-kind'; bytes: number }
  | { status: 'dirty'; bytes: number; findingLines: number[] }
  | { status: 'too-large'; size: number }
  | { status: 'missing' };

/** Runs core over a blob as if it were at `path` (the path picks the file kind). */
function judgeBlob(bytes: Buffer, path: string, scanner: ItemScanner): Judgement {
  const scan = scanBuffer(bytes, { path, rules: scanner.rules, allow: scanner.allow });
  // A binary blob is scanned for the keys that need no context only; what it holds of those
  // is reported like a text finding (on line 1: core's scan-binary.ts).
  if (scan.status === 'binary')
    return scan.findings.length > 0
      ? { status: 'dirty', bytes: bytes.length, findingLines: [1] }
      : { status: 'binary', bytes: bytes.length };
  if (scan.status === 'no-candidate') return { status: 'clean', bytes: bytes.length };
  if (scan.findings.length === 0) return { status: 'clean-kind', bytes: bytes.length };
  return { status: 'dirty', bytes: bytes.length, findingLines: [...new Set(scan.findings.map((finding) => finding.line))] };
}

/** Reads a blob (one larger than the scanner's `maxFileSize` is not read) and judges it. */
export async function readAndJudge(reader: BlobReader, oid: string, path: string, scanner: ItemScanner): Promise<Judgement> {
  const read = await reader.read(oid, scanner.maxFileSize);
  if (read.kind === 'missing') return { status: 'missing' };
  if (read.kind === 'too-large') return { status: 'too-large', size: read.size };
  return judgeBlob(read.bytes, path, scanner);
}
