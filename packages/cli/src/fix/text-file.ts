import {
  chmodSync,
  closeSync,
  fsyncSync,
  lstatSync,
  openSync,
  readFileSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { randomBytes } from 'node:crypto';

/** A text file as `keyguard fix` read it: what it must find again, byte for byte, before writing. */
export interface TextFile {
  /** The path written to: the file itself, or a symlink's target inside the repository. */
  realPath: string;
  bytes: Buffer;
  /** The text without its byte-order mark: the offsets core reports are into this. */
  text: string;
  /** A UTF-8 byte-order mark to put back. */
  bom: boolean;
  /** Permission bits, kept on the rewritten file. */
  mode: number;
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** True when `path` is `root` or below it (both absolute, real). */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && rel !== '..');
}

/**
 * Reads a file to rewrite, or says why it is not rewritten: a symlink leading out of the
 * repository, not a regular file, read-only, UTF-16 or not UTF-8 (the rewrite must give back
 * every other byte unchanged, and only UTF-8 round-trips through a JavaScript string here).
 */
export function readTextFile(path: string, root: string | null): TextFile | { refused: string } {
  try {
    // A link, or a folder on the way that is one, is followed only within the repository.
    const realPath = realpathSync(path);
    const linked = lstatSync(path).isSymbolicLink() || realPath !== path;
    if (linked && (!root || !isInside(realpathSync(root), realPath))) {
      return { refused: 'a symbolic link to a file outside the repository: not followed' };
    }
    const stat = statSync(realPath);
    if (!stat.isFile()) return { refused: 'not a regular file' };
    if ((stat.mode & 0o200) === 0) return { refused: 'read-only: not touched (make it writable to let keyguard fix it)' };
    return textFileOf(readFileSync(realPath), realPath, stat.mode & 0o7777);
  } catch (error) {
    return { refused: `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  }
}

/** Decodes bytes to rewrite: UTF-8 with or without a byte-order mark, or a refusal. */
export function textFileOf(bytes: Buffer, realPath: string, mode: number): TextFile | { refused: string } {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { refused: 'UTF-16: keyguard fix rewrites UTF-8 files only; convert it or edit it by hand' };
  }
  const bom = bytes.subarray(0, 3).equals(UTF8_BOM);
  const text = bytes.subarray(bom ? 3 : 0).toString('utf8');
  if (!encodeText(text, bom).equals(bytes)) return { refused: 'not valid UTF-8: keyguard fix would change other bytes; edit it by hand' };
  return { realPath, bytes, text, bom, mode };
}

export function encodeText(text: string, bom: boolean): Buffer {
  const body = Buffer.from(text, 'utf8');
  return bom ? Buffer.concat([UTF8_BOM, body]) : body;
}

/**
 * Writes a file atomically: a new file beside it (same folder, so the rename stays on one file
 * system), written and fsynced, given `mode`, then renamed over the old one, and the folder
 * fsynced. `expected`: the bytes the file must still hold (undefined: it must not exist);
 * otherwise nothing is written and false is returned.
 */
export function writeFileAtomic(path: string, data: Buffer, mode: number, expected: Buffer | undefined): boolean {
  const temp = join(dirname(path), `.${basename(path)}.keyguard-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  const fd = openSync(temp, 'wx', mode);
  try {
    writeSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    // The umask may have narrowed the mode the file was created with.
    if ((statSync(temp).mode & 0o7777) !== mode) chmodSync(temp, mode);
    if (!sameContent(path, expected)) {
      unlinkSync(temp);
      return false;
    }
    renameSync(temp, path);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // already gone
    }
    throw error;
  }
  syncFolder(dirname(path));
  return true;
}

function sameContent(path: string, expected: Buffer | undefined): boolean {
  let now: Buffer | undefined;
  try {
    now = readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (expected === undefined || now === undefined) return expected === now;
  return now.equals(expected);
}

function syncFolder(folder: string): void {
  try {
    const fd = openSync(folder, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some file systems cannot fsync a folder; the rename itself is atomic.
  }
}
