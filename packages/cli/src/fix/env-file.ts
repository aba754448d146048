import { existsSync, lstatSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { KeyguardError, secretIdOf } from '@keyguard/core';
import { tryGit } from '../git/run';
import { encodeText, isInside } from './text-file';

/** One file `keyguard fix` means to write: what it holds now (undefined: absent) and after. */
export interface PlannedWrite {
  /** Absolute path (a symlink's target inside the repository, when it is one). */
  path: string;
  /** The path as reported (relative to the working directory). */
  display: string;
  before: Buffer | undefined;
  after: Buffer;
  mode: number;
  /** Said when it is written (or would be, with --dry-run). */
  summary: string;
  /** --staged: this is the index's copy of the file at `path`: a new blob for this entry, not a file write. */
  index?: { mode: string; oid: string; path: string; root: string };
}

/** A secret to keep in the env file, with where it came from. */
export interface EnvValue {
  name: string;
  value: string;
  /** `src/app.py:3` */
  origin: string;
}

/** Two values for one variable: the env file's (or an earlier finding's) and this one. Never overwritten. */
export interface EnvConflict {
  name: string;
  origin: string;
  /** secretIdOf of each value: which key is which, never the key. */
  existing: string;
  incoming: string;
  where: string;
}

interface EnvText {
  text: string;
  bom: boolean;
  bytes: Buffer | undefined;
  mode: number;
  values: Map<string, string>;
}

/** `NAME=value` lines of an env file (`export` allowed; quotes removed; a ` #` comment ends an unquoted value). */
function parseEnvValues(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][\w.-]*)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    let value = match[2].trim();
    const quoted = /^(["'])(.*)\1$/.exec(value);
    if (quoted) value = quoted[1] === '"' ? quoted[2].replace(/\\(["\\])/g, '$1') : quoted[2];
    else value = value.replace(/\s+#.*$/, '');
    values.set(match[1], value);
  }
  return values;
}

function readEnvText(path: string, display: string, root: string | null): EnvText {
  if (!existsSync(path) && !isSymlink(path)) return { text: '', bom: false, bytes: undefined, mode: 0o600, values: new Map() };
  if (isSymlink(path)) {
    const real = realpathSync(path);
    if (!root || !isInside(realpathSync(root), real)) {
      throw new KeyguardError(
        `${display} is a symbolic link out of the repository: keyguard fix does not follow it`,
        'Name another file with --env-file',
      );
    }
  }
  const bytes = readFileSync(path);
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const text = bytes.subarray(bom ? 3 : 0).toString('utf8');
  return { text, bom, bytes, mode: lstatSync(path).mode & 0o7777, values: parseEnvValues(text) };
}

function isSymlink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** How a value is written: bare when it is a token, else quoted so dotenv parsers read it back whole. */
function envLine(name: string, value: string): string | undefined {
  if (/^[\w.\-/+=:@,]*$/.test(value)) return `${name}=${value}`;
  if (!value.includes("'") && !/[\r\n]/.test(value)) return `${name}='${value}'`;
  return undefined;
}

function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

function appendLines(text: string, lines: readonly string[]): string {
  const eol = eolOf(text);
  const head = text === '' || text.endsWith('\n') ? text : text + eol;
  return head + lines.map((line) => line + eol).join('');
}

/**
 * The env file after keeping `values`: each variable once (the same value again adds
 * nothing), a different value for a variable already there (or earlier in this run) a
 * conflict, left as it is. Returns the accepted values, the conflicts and the write.
 */
export function planEnvFile(
  path: string,
  display: string,
  root: string | null,
  values: readonly EnvValue[],
): { write?: PlannedWrite; accepted: EnvValue[]; conflicts: EnvConflict[]; unwritable: EnvValue[] } {
  const env = readEnvText(path, display, root);
  const accepted: EnvValue[] = [];
  const conflicts: EnvConflict[] = [];
  const unwritable: EnvValue[] = [];
  const added = new Map<string, EnvValue>();
  const lines: string[] = [];
  for (const entry of values) {
    const existing = env.values.get(entry.name) ?? added.get(entry.name)?.value;
    if (existing !== undefined) {
      if (existing === entry.value) accepted.push(entry);
      else
        conflicts.push({
          name: entry.name,
          origin: entry.origin,
          existing: secretIdOf(existing),
          incoming: secretIdOf(entry.value),
          where: env.values.has(entry.name) ? display : (added.get(entry.name)?.origin ?? display),
        });
      continue;
    }
    const line = envLine(entry.name, entry.value);
    if (line === undefined) {
      unwritable.push(entry);
      continue;
    }
    added.set(entry.name, entry);
    accepted.push(entry);
    lines.push(`# ${entry.name}: moved here by keyguard fix from ${entry.origin}`, line);
  }
  if (lines.length === 0) return { accepted, conflicts, unwritable };
  const after = appendLines(env.text, lines);
  const names = [...added.keys()].join(', ');
  return {
    accepted,
    conflicts,
    unwritable,
    write: {
      path,
      display,
      before: env.bytes,
      after: encodeText(after, env.bom),
      mode: env.bytes === undefined ? 0o600 : env.mode,
      summary: env.bytes === undefined ? `created (mode 0600): ${names}` : `updated: ${names} added`,
    },
  };
}

/** `.env.example` beside the env file: each variable with an empty value, once. */
export function planEnvExample(path: string, display: string, names: readonly string[]): PlannedWrite | undefined {
  const exists = existsSync(path);
  if (exists && isSymlink(path)) return undefined;
  const bytes = exists ? readFileSync(path) : undefined;
  const text = bytes?.toString('utf8') ?? '';
  const present = parseEnvValues(text);
  const missing = [...new Set(names)].filter((name) => !present.has(name));
  if (missing.length === 0) return undefined;
  const header = bytes === undefined ? ['# The variables this project reads. Copy to .env and fill in; never commit .env.'] : [];
  const after = appendLines(text, [...header, ...missing.map((name) => `${name}=`)]);
  return {
    path,
    display,
    before: bytes,
    after: Buffer.from(after, 'utf8'),
    mode: bytes === undefined ? 0o644 : lstatSync(path).mode & 0o7777,
    summary: `${bytes === undefined ? 'created' : 'updated'}: ${missing.map((name) => `${name}=`).join(', ')} (an empty value)`,
  };
}

/** What git makes of a file that must stay out of it. */
export interface GitStanding {
  ignored: boolean;
  tracked: boolean;
}

/** Asks git (check-ignore, ls-files), not the .gitignore text: nested ignore files, excludes and negations count. */
export function gitStanding(root: string, path: string): GitStanding {
  const rel = relative(root, path).split('\\').join('/');
  const ignored = tryGit(['check-ignore', '-q', '--no-index', '--', rel], { cwd: root });
  const tracked = tryGit(['ls-files', '--', rel], { cwd: root });
  return { ignored: ignored.status === 0, tracked: tracked.ok && tracked.stdout.length > 0 };
}

/** The root .gitignore with a line for each file git must ignore (`.env` for the root's, else its path from the root). */
export function planGitignore(root: string, paths: readonly string[], display: (path: string) => string): PlannedWrite | undefined {
  const path = join(root, '.gitignore');
  if (isSymlink(path)) return undefined;
  const bytes = existsSync(path) ? readFileSync(path) : undefined;
  const text = bytes?.toString('utf8') ?? '';
  const patterns = [...new Set(paths.map((file) => relative(root, file).split('\\').join('/')))].map((rel) =>
    rel === '.env' ? '.env' : `/${rel}`,
  );
  if (patterns.length === 0) return undefined;
  return {
    path,
    display: display(path),
    before: bytes,
    after: Buffer.from(appendLines(text, patterns), 'utf8'),
    mode: bytes === undefined ? 0o644 : lstatSync(path).mode & 0o7777,
    summary: `${bytes === undefined ? 'created' : 'updated'}: ${patterns.join(', ')} (git did not ignore ${patterns.length === 1 ? 'it' : 'them'})`,
  };
}

/** The folder `.env.example` goes in: beside the env file when that is in the repository, else the root. */
export function exampleFolder(envPath: string, root: string | null, cwd: string): string {
  const base = root ?? cwd;
  return isInside(base, dirname(envPath)) ? dirname(envPath) : base;
}
