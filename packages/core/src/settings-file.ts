import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { KeyguardError } from './errors';

/**
 * The size caps of the files that configure a scan (keep in step with docs/cli.md, "Limits").
 * A config is a few hundred bytes; a baseline entry about 250, so 64 MiB holds some 250,000.
 */
export const MAX_CONFIG_BYTES = 1024 * 1024;
export const MAX_BASELINE_BYTES = 64 * 1024 * 1024;
export const MAX_IGNORE_FILE_BYTES = 16 * 1024 * 1024;

/** The hint for an ignore file keyguard refuses to read. */
export const IGNORE_FILE_HINT = 'An ignore file must be a regular file: replace it or remove it';

export interface SettingsFileOptions {
  /** What the message calls the file (`keyguard.config.json`, `--baseline b.json`). */
  name: string;
  maxBytes: number;
  /** What to do, appended to the message. */
  hint: string;
}

/**
 * Reads a file that configures the scan (the config, a baseline, an ignore file) as UTF-8
 * text. Only a regular file is read: a FIFO would block the scan for ever and /dev/zero would
 * fill the memory (issue 11). The file is opened without blocking (a FIFO's open waits for a
 * writer otherwise), checked with fstat on the open descriptor (no race with a rename), and
 * read up to `maxBytes`, which also bounds a file that grows or claims size 0 (/proc). Every
 * failure is one line: a KeyguardError naming the file, what is wrong and what to do.
 */
export function readSettingsFile(file: string, options: SettingsFileOptions): string {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw new KeyguardError(`cannot read ${options.name} (${codeOf(error)})`, options.hint);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new KeyguardError(`${options.name} is not a regular file (${kindOf(stats)})`, options.hint);
    if (stats.size > options.maxBytes)
      throw new KeyguardError(`${options.name} is larger than ${sizeOf(options.maxBytes)} (${stats.size} bytes)`, options.hint);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(Math.max(stats.size, 64 * 1024), options.maxBytes + 1 - total));
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(read === chunk.length ? chunk : chunk.subarray(0, read));
      total += read;
      if (total > options.maxBytes) throw new KeyguardError(`${options.name} is larger than ${sizeOf(options.maxBytes)}`, options.hint);
    }
    return Buffer.concat(chunks, total).toString('utf8');
  } catch (error) {
    if (error instanceof KeyguardError) throw error;
    throw new KeyguardError(`cannot read ${options.name} (${codeOf(error)})`, options.hint);
  } finally {
    closeSync(fd);
  }
}

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? 'unknown error';
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a file';
}

function sizeOf(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`;
}
