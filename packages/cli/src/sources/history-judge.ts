import { scanBuffer, StreamScanner, type BufferScan } from '@keyguard/core';
import { STREAM_BLOB_ABOVE, streamBlob, type BlobReader } from '../git/cat-file';
import type { GitOptions } from '../git/run';
import { lfsPointerOf } from '../git/lfs';
import type { ItemScanner } from '../scan';

/**
 * What reading and scanning one blob told: nothing to report for any path (`clean` by the
 * byte prefilter, `binary`, `too-large`, `missing`), nothing for this file kind (`clean-kind`:
 * the rules ran and found nothing), or the lines that hold findings (`dirty`). `bytes` is how
 * much was scanned, for the statistics.
 */
export type Judgement =
  | { status: 'binary' | 'clean' | 'clean-kind'; bytes: number }
  /** `large`: the blob was streamed (over STREAM_BLOB_ABOVE); the walk streams it again to report it. */
  | { status: 'dirty'; bytes: number; findingLines: number[]; large?: boolean }
  | { status: 'too-large'; size: number }
  | { status: 'lfs'; oid: string }
  | { status: 'missing' };

/** Runs core over a blob as if it were at `path` (the path picks the file kind). */
function judgeBlob(bytes: Buffer, path: string, scanner: ItemScanner): Judgement {
  // A Git LFS pointer stands for content outside git: the walk scans it if it is here.
  const pointer = lfsPointerOf(bytes);
  if (pointer) return { status: 'lfs', oid: pointer.oid };
  return judgementOf(scanBuffer(bytes, { path, rules: scanner.rules, allow: scanner.allow }), bytes.length);
}

/** A blob larger than STREAM_BLOB_ABOVE, judged as it streams out of git, in constant memory. */
async function judgeStream(git: GitOptions, oid: string, path: string, scanner: ItemScanner): Promise<Judgement> {
  const stream = new StreamScanner({ path, rules: scanner.rules, allow: scanner.allow });
  for await (const chunk of streamBlob(git, oid)) stream.write(chunk);
  const judgement = judgementOf(stream.end(), stream.bytes);
  return judgement.status === 'dirty' ? { ...judgement, large: true } : judgement;
}

function judgementOf(scan: BufferScan, bytes: number): Judgement {
  // A binary blob is scanned for the keys that need no context only; what it holds of those
  // is reported like a text finding (on line 1: core's scan-binary.ts).
  if (scan.status === 'binary')
    return scan.findings.length > 0 ? { status: 'dirty', bytes, findingLines: [1] } : { status: 'binary', bytes };
  if (scan.status === 'no-candidate') return { status: 'clean', bytes };
  if (scan.findings.length === 0) return { status: 'clean-kind', bytes };
  return { status: 'dirty', bytes, findingLines: [...new Set(scan.findings.map((finding) => finding.line))] };
}

/**
 * Reads a blob (one larger than the scanner's `maxFileSize` is not read) and judges it; one
 * larger than STREAM_BLOB_ABOVE is judged as a stream, never held whole.
 */
export async function readAndJudge(reader: BlobReader, oid: string, path: string, scanner: ItemScanner): Promise<Judgement> {
  const read = await reader.read(oid, scanner.maxFileSize, STREAM_BLOB_ABOVE);
  if (read.kind === 'missing') return { status: 'missing' };
  if (read.kind === 'too-large') return { status: 'too-large', size: read.size };
  if (read.kind === 'large') return judgeStream(reader.options, oid, path, scanner);
  return judgeBlob(read.bytes, path, scanner);
}
