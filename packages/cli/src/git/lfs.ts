import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Git LFS pointers (https://github.com/git-lfs/git-lfs/blob/main/docs/spec.md): a small text
 * blob that stands for content kept outside git. The index and history hold the pointer; the
 * content is in `.git/lfs/objects/<2>/<2>/<sha256>` when it has been fetched. keyguard scans
 * that content when it is present, and counts the pointer as not scanned when it is not.
 */
const POINTER_START = 'version https://git-lfs.github.com/spec/v1\n';
/** The spec caps a pointer file at 1024 bytes. */
const MAX_POINTER_BYTES = 1024;
const CHUNK = 1024 * 1024;

/** The object id a blob points to when the blob is an LFS pointer. */
export function lfsPointerOf(bytes: Buffer): { oid: string; size: number } | undefined {
  if (bytes.length > MAX_POINTER_BYTES || bytes.length < POINTER_START.length) return undefined;
  const text = bytes.toString('latin1');
  if (!text.startsWith(POINTER_START)) return undefined;
  const oid = /\noid sha256:([0-9a-f]{64})\n/.exec(text)?.[1];
  const size = /\nsize (\d+)\n/.exec(text)?.[1];
  return oid && size ? { oid, size: Number(size) } : undefined;
}

/** Where the LFS object lives, if it is present locally (a regular file): `lfsDir` is `git rev-parse --git-path lfs`. */
export function localLfsObject(lfsDir: string, oid: string): string | undefined {
  const file = join(lfsDir, 'objects', oid.slice(0, 2), oid.slice(2, 4), oid);
  try {
    return statSync(file).isFile() ? file : undefined;
  } catch {
    return undefined;
  }
}

/** A file's bytes in 1 MiB chunks, read as they are scanned (core's StreamScanner): constant memory. */
export function* fileChunks(file: string): Generator<Buffer> {
  const fd = openSync(file, 'r');
  try {
    for (;;) {
      const chunk = Buffer.allocUnsafe(CHUNK);
      const read = readSync(fd, chunk, 0, CHUNK, null);
      if (read === 0) return;
      yield chunk.subarray(0, read);
    }
  } finally {
    closeSync(fd);
  }
}
