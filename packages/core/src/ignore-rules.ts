import { spawnSync } from 'node:child_process';
import { closeSync, constants, existsSync, fstatSync, openSync, readSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { KeyguardError } from './errors';
import { IGNORE_FILE_HINT, MAX_IGNORE_FILE_BYTES, readSettingsFile } from './settings-file';

/**
 * Ignore files as git reads them (gitignore(5)), for the places git does not decide for us:
 * the walk outside a repository, `.keyguardignore` files and the config's `ignore` list
 * (issue 9: the `ignore` package it replaces let a parent's pattern win over a deeper
 * re-inclusion and matched case-insensitively, issue 11). The property test in
 * packages/cli/test/ignore-rules.test.ts compares every decision with `git ls-files` on random trees; keep
 * the two in step.
 *
 * Patterns and paths are compared as git compares them, byte by byte: both are held as
 * "byte strings", one UTF-16 code unit per byte of UTF-8 (latin1 of the bytes).
 */

/** One line of an ignore file, parsed. */
interface IgnorePattern {
  /** The pattern without its `!` and trailing `/` (a byte string). */
  body: string;
  /** `!pattern`: re-includes what an earlier pattern excluded. */
  negated: boolean;
  /** `pattern/`: matches folders only. */
  folderOnly: boolean;
  /** No `/` except a trailing one: matches a name at any depth below the file's folder. */
  nameOnly: boolean;
  /** Length of the body's leading part that holds no glob character. */
  literalPrefix: number;
  /** The folder of the ignore file from the root, '' or ending in '/' (a byte string). */
  base: string;
}

const SLASH = 0x2f;
const BACKSLASH = 0x5c;
const STAR = 0x2a;
const QUESTION = 0x3f;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COLON = 0x3a;
const DASH = 0x2d;
const BANG = 0x21;
const CARET = 0x5e;

const isGlobChar = (code: number): boolean => code === STAR || code === QUESTION || code === OPEN_BRACKET || code === BACKSLASH;
const isUpper = (code: number): boolean => code >= 0x41 && code <= 0x5a;
const isLower = (code: number): boolean => code >= 0x61 && code <= 0x7a;
const toLower = (code: number): number => (isUpper(code) ? code + 32 : code);

/** The bytes of a JavaScript string as a byte string (unchanged when it is ASCII, the common case). */
function byteString(text: string): string {
  return /^[\x00-\x7f]*$/.test(text) ? text : Buffer.from(text, 'utf8').toString('latin1');
}

/** Trailing spaces are dropped unless escaped with a backslash (tabs are kept), as git does. */
function trimTrailingSpaces(line: string): string {
  let lastSpace = -1;
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    if (code === 0x20) {
      if (lastSpace === -1) lastSpace = i;
    } else if (code === BACKSLASH) {
      i++;
      if (i >= line.length) return line;
      lastSpace = -1;
    } else {
      lastSpace = -1;
    }
  }
  return lastSpace === -1 ? line : line.slice(0, lastSpace);
}

/**
 * Parses an ignore file's text (a byte string) found in folder `base` ('' or 'a/b/'):
 * blank lines and `#` comments are skipped (`\#` and `\!` escape), a CR before LF and
 * unescaped trailing spaces are dropped, a leading UTF-8 byte-order mark is dropped.
 */
function parseIgnoreText(text: string, base: string): IgnorePattern[] {
  const patterns: IgnorePattern[] = [];
  const body = text.startsWith('\xef\xbb\xbf') ? text.slice(3) : text;
  for (const rawLine of body.split('\n')) {
    if (rawLine === '' || rawLine.charCodeAt(0) === 0x23) continue;
    const pattern = parsePattern(trimTrailingSpaces(rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine), base);
    if (pattern) patterns.push(pattern);
  }
  return patterns;
}

/** One pattern line (already trimmed); undefined for one that can match nothing. */
function parsePattern(line: string, base: string): IgnorePattern | undefined {
  let body = line;
  const negated = body.charCodeAt(0) === BANG;
  if (negated) body = body.slice(1);
  const folderOnly = body.endsWith('/');
  if (folderOnly) body = body.slice(0, -1);
  if (body === '') return undefined;
  let literalPrefix = 0;
  while (literalPrefix < body.length && !isGlobChar(body.charCodeAt(literalPrefix))) literalPrefix++;
  return { body, negated, folderOnly, nameOnly: !body.includes('/'), literalPrefix, base };
}

const MATCH = 0;
const NO_MATCH = 1;
const ABORT_ALL = -1;
const ABORT_TO_DOUBLE_STAR = -2;

/** Character classes of `[[:name:]]`, over ASCII as git's own ctype. */
function isInClass(name: string, code: number, ignoreCase: boolean): boolean | undefined {
  const digit = code >= 0x30 && code <= 0x39;
  const alpha = isUpper(code) || isLower(code);
  const graph = code > 0x20 && code < 0x7f;
  switch (name) {
    case 'alnum':
      return alpha || digit;
    case 'alpha':
      return alpha;
    case 'blank':
      return code === 0x20 || code === 0x09;
    case 'cntrl':
      return code < 0x20 || code === 0x7f;
    case 'digit':
      return digit;
    case 'graph':
      return graph;
    case 'lower':
      return isLower(code);
    case 'print':
      return graph || code === 0x20;
    case 'punct':
      return graph && !alpha && !digit;
    case 'space':
      return code === 0x20 || (code >= 0x09 && code <= 0x0d);
    case 'upper':
      return isUpper(code) || (ignoreCase && isLower(code));
    case 'xdigit':
      return digit || (code >= 0x41 && code <= 0x46) || (code >= 0x61 && code <= 0x66);
    default:
      return undefined; // a malformed class: the whole pattern fails, as in git
  }
}

/**
 * Git's wildmatch: `?` and `*` do not cross a `/` when `pathname` is set, `**` between slashes
 * (or at either end) crosses any number of folders, `[...]` with `!`/`^`, ranges and
 * `[:class:]`, `\` escapes the next character. `start` is where the pattern begins for the
 * "`**` at the start" rule. Returns MATCH, NO_MATCH or an abort code that cuts the search short
 * (what keeps git's matcher from trying every split of the text).
 */
function wild(pattern: string, start: number, p: number, text: string, t: number, pathname: boolean, ignoreCase: boolean): number {
  const patternEnd = pattern.length;
  const textEnd = text.length;
  for (; p < patternEnd; p++, t++) {
    let patternCode = pattern.charCodeAt(p);
    let textCode = t < textEnd ? text.charCodeAt(t) : 0;
    if (t >= textEnd && patternCode !== STAR) return ABORT_ALL;
    if (ignoreCase) {
      textCode = toLower(textCode);
      patternCode = toLower(patternCode);
    }
    switch (patternCode) {
      case BACKSLASH: {
        // The escaped character is compared as written (git folds it no more).
        p++;
        const escaped = p < patternEnd ? pattern.charCodeAt(p) : -1;
        if (textCode !== escaped) return NO_MATCH;
        continue;
      }
      case QUESTION:
        if (pathname && textCode === SLASH) return NO_MATCH;
        continue;
      case STAR: {
        let crossesSlash: boolean;
        p++;
        if (p < patternEnd && pattern.charCodeAt(p) === STAR) {
          const before = p - 2;
          while (p < patternEnd && pattern.charCodeAt(p) === STAR) p++;
          const next = p < patternEnd ? pattern.charCodeAt(p) : 0;
          if (!pathname) {
            crossesSlash = true;
          } else if (
            (before < start || pattern.charCodeAt(before) === SLASH) &&
            (next === 0 || next === SLASH || (next === BACKSLASH && pattern.charCodeAt(p + 1) === SLASH))
          ) {
            // `**/`: first try matching no folder at all.
            if (next === SLASH && wild(pattern, start, p + 1, text, t, pathname, ignoreCase) === MATCH) return MATCH;
            crossesSlash = true;
          } else {
            crossesSlash = false;
          }
        } else {
          crossesSlash = !pathname;
        }
        if (p >= patternEnd) {
          if (!crossesSlash && text.indexOf('/', t) !== -1) return NO_MATCH;
          return MATCH;
        }
        if (!crossesSlash && pattern.charCodeAt(p) === SLASH) {
          // One `*` then `/`: the rest of this folder's name, then the slash.
          const slash = text.indexOf('/', t);
          if (slash === -1) return NO_MATCH;
          t = slash;
          break;
        }
        for (;;) {
          if (t >= textEnd) break;
          const literal = pattern.charCodeAt(p);
          if (!isGlobChar(literal)) {
            // Skip ahead to where the literal after the star can start.
            const wanted = ignoreCase ? toLower(literal) : literal;
            let found = false;
            while (t < textEnd) {
              const code = text.charCodeAt(t);
              if (!crossesSlash && code === SLASH) break;
              if ((ignoreCase ? toLower(code) : code) === wanted) {
                found = true;
                break;
              }
              t++;
            }
            if (!found) return NO_MATCH;
          }
          const matched = wild(pattern, start, p, text, t, pathname, ignoreCase);
          if (matched !== NO_MATCH) {
            if (!crossesSlash || matched !== ABORT_TO_DOUBLE_STAR) return matched;
          } else if (!crossesSlash && text.charCodeAt(t) === SLASH) {
            return ABORT_TO_DOUBLE_STAR;
          }
          t++;
        }
        return ABORT_ALL;
      }
      case OPEN_BRACKET: {
        p++;
        let code = p < patternEnd ? pattern.charCodeAt(p) : 0;
        if (code === CARET) code = BANG;
        const negated = code === BANG;
        if (negated) {
          p++;
          code = p < patternEnd ? pattern.charCodeAt(p) : 0;
        }
        let previous = 0;
        let matched = false;
        do {
          if (code === 0) return ABORT_ALL;
          if (code === BACKSLASH) {
            p++;
            code = p < patternEnd ? pattern.charCodeAt(p) : 0;
            if (code === 0) return ABORT_ALL;
            if (textCode === code) matched = true;
          } else if (code === DASH && previous !== 0 && p + 1 < patternEnd && pattern.charCodeAt(p + 1) !== CLOSE_BRACKET) {
            p++;
            code = pattern.charCodeAt(p);
            if (code === BACKSLASH) {
              p++;
              code = p < patternEnd ? pattern.charCodeAt(p) : 0;
              if (code === 0) return ABORT_ALL;
            }
            if (textCode <= code && textCode >= previous) matched = true;
            else if (ignoreCase && isLower(textCode) && textCode - 32 <= code && textCode - 32 >= previous) matched = true;
            code = 0; // a range is not the start of another
          } else if (code === OPEN_BRACKET && pattern.charCodeAt(p + 1) === COLON) {
            const nameStart = p + 2;
            let close = nameStart;
            while (close < patternEnd && pattern.charCodeAt(close) !== CLOSE_BRACKET) close++;
            if (close >= patternEnd) return ABORT_ALL;
            if (close - nameStart - 1 < 0 || pattern.charCodeAt(close - 1) !== COLON) {
              // No `:]`: a plain `[` in the set.
              code = OPEN_BRACKET;
              if (textCode === code) matched = true;
              continue;
            }
            const inClass = isInClass(pattern.slice(nameStart, close - 1), textCode, ignoreCase);
            if (inClass === undefined) return ABORT_ALL;
            if (inClass) matched = true;
            p = close;
            code = 0;
          } else if (textCode === code) {
            matched = true;
          }
        } while (((previous = code), (p++, (code = p < patternEnd ? pattern.charCodeAt(p) : 0))) !== CLOSE_BRACKET);
        if (matched === negated || (pathname && textCode === SLASH)) return NO_MATCH;
        continue;
      }
      default:
        if (textCode !== patternCode) return NO_MATCH;
        continue;
    }
  }
  return t < textEnd ? NO_MATCH : MATCH;
}

/** Git's `wildmatch(pattern, text)`: true on a match. */
function wildmatch(pattern: string, text: string, options: { pathname: boolean; ignoreCase: boolean }): boolean {
  return wild(pattern, 0, 0, text, 0, options.pathname, options.ignoreCase) === MATCH;
}

function equalBytes(a: string, aStart: number, b: string, bStart: number, length: number, ignoreCase: boolean): boolean {
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(aStart + i);
    const y = b.charCodeAt(bStart + i);
    if (x !== y && (!ignoreCase || toLower(x) !== toLower(y))) return false;
  }
  return true;
}

/**
 * True when `pattern` matches `path` (a byte string from the root, no trailing slash), given
 * whether the path is a folder. Whether it excludes or re-includes is the caller's.
 */
function matchesPattern(pattern: IgnorePattern, path: string, isFolder: boolean, ignoreCase: boolean): boolean {
  if (pattern.folderOnly && !isFolder) return false;
  const { body } = pattern;
  if (pattern.nameOnly) {
    const nameStart = path.lastIndexOf('/') + 1;
    const nameLength = path.length - nameStart;
    if (pattern.literalPrefix === body.length)
      return nameLength === body.length && equalBytes(body, 0, path, nameStart, nameLength, ignoreCase);
    return wildmatch(body, path.slice(nameStart), { pathname: false, ignoreCase });
  }
  // Relative to the ignore file's folder; a leading slash only anchors (it is implied here).
  const { base } = pattern;
  if (path.length <= base.length || !equalBytes(path, 0, base, 0, base.length, ignoreCase)) return false;
  let name = path.slice(base.length);
  let rest = body;
  let prefix = pattern.literalPrefix;
  if (rest.charCodeAt(0) === SLASH) {
    rest = rest.slice(1);
    prefix--;
  }
  if (prefix > 0) {
    // Git compares the literal start first and matches only the rest: a `**` right after it
    // then counts as the start of the pattern (`a**/b` matches `ab`).
    if (prefix > name.length || !equalBytes(rest, 0, name, 0, prefix, ignoreCase)) return false;
    rest = rest.slice(prefix);
    name = name.slice(prefix);
    if (rest === '' && name === '') return true;
  }
  return wildmatch(rest, name, { pathname: true, ignoreCase });
}

/** The last pattern of a list that matches the path decides: excluded, re-included, or undecided. */
function decide(patterns: readonly IgnorePattern[], path: string, isFolder: boolean, ignoreCase: boolean): boolean | undefined {
  for (let i = patterns.length - 1; i >= 0; i--) {
    if (matchesPattern(patterns[i], path, isFolder, ignoreCase)) return !patterns[i].negated;
  }
  return undefined;
}

/** Ignore files larger than this are not read (and say so): nobody writes 16 MiB of patterns. */
const MAX_IGNORE_FILE_SIZE = 16 * 1024 * 1024;

/**
 * Reads an ignore file as git does: only a regular file, never through a symbolic link (git
 * 2.32 and later refuse in-tree links for these), so a FIFO or a device named `.gitignore`
 * cannot hang the walk. Undefined when there is none to read; an error for one that exists
 * and cannot be used.
 */
function readIgnoreFile(file: string): { text: string } | { problem: string } | undefined {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    if (code === 'ELOOP') return { problem: 'a symbolic link (not followed)' };
    return { problem: code ?? (error as Error).message };
  }
  try {
    const stats = fstatSync(fd);
    if (stats.isDirectory()) return undefined;
    if (!stats.isFile()) return { problem: 'not a regular file' };
    if (stats.size > MAX_IGNORE_FILE_SIZE) return { problem: `larger than ${MAX_IGNORE_FILE_SIZE} bytes` };
    const bytes = Buffer.allocUnsafe(stats.size);
    let length = 0;
    while (length < bytes.length) {
      const count = readSync(fd, bytes, length, bytes.length - length, null);
      if (count === 0) break;
      length += count;
    }
    return { text: bytes.toString('latin1', 0, length) };
  } catch (error) {
    return { problem: (error as NodeJS.ErrnoException).code ?? (error as Error).message };
  } finally {
    closeSync(fd);
  }
}

/**
 * Whether ignore patterns match case-insensitively, as git's `core.ignorecase` says: in a
 * repository its setting (unset is false), outside one what `git init` would pick here (true
 * on macOS and Windows, whose file systems fold case; false elsewhere, issue 11).
 */
export function ignoreCaseFor(root: string | undefined, env?: NodeJS.ProcessEnv): boolean {
  if (root) {
    const result = spawnSync('git', ['config', '--type=bool', 'core.ignorecase'], { cwd: root, env, encoding: 'utf8' });
    return result.status === 0 && result.stdout.trim() === 'true';
  }
  return process.platform === 'darwin' || process.platform === 'win32';
}

export interface IgnoreRulesOptions {
  /** The absolute folder that paths and the extra patterns are relative to. */
  root: string;
  /**
   * Ignore files read in every folder (`.gitignore`, `.keyguardignore`). Each name is a stack
   * of its own, as git's: a file's patterns apply to its folder and below, a deeper file's
   * last matching pattern wins over a shallower one's. What any stack excludes is excluded:
   * `.keyguardignore` only adds to `.gitignore`.
   */
  fileNames: readonly string[];
  /** The config's `ignore` patterns, in .gitignore syntax, as if in a file at the root. */
  patterns: readonly string[];
  /**
   * Match case as git's `core.ignorecase` says; a function is asked once, when a pattern is
   * first matched (a hook with no ignore file never runs `git config` for it).
   */
  ignoreCase: boolean | (() => boolean);
  /** Told about an ignore file that exists and cannot be read. */
  onProblem?(file: string, problem: string): void;
}

/**
 * Decides what the ignore files exclude below a root, reading each folder's ignore files when
 * a decision first needs them. Paths are relative to the root with `/`.
 */
export class IgnoreRules {
  private readonly byFolder = new Map<string, IgnorePattern[][]>();
  private readonly extra: IgnorePattern[];
  private readonly folderExcluded = new Map<string, boolean>();
  private caseFolded: boolean | undefined;

  constructor(private readonly options: IgnoreRulesOptions) {
    this.extra = options.patterns.flatMap((line) => parseIgnoreText(byteString(line), ''));
  }

  private get ignoreCase(): boolean {
    const { ignoreCase } = this.options;
    this.caseFolded ??= typeof ignoreCase === 'function' ? ignoreCase() : ignoreCase;
    return this.caseFolded;
  }

  /** True when nothing could ever be excluded (no ignore files to read, no patterns). */
  get isEmpty(): boolean {
    return this.options.fileNames.length === 0 && this.extra.length === 0;
  }

  /**
   * True when the path is excluded, given that the folder it is in is not (what a walk knows
   * of every entry it reads): the ignore files of its folder and the folders above decide.
   */
  isEntryExcluded(path: string, isFolder: boolean): boolean {
    if (this.isEmpty || path === '') return false;
    const bytes = byteString(path);
    for (let group = 0; group < this.options.fileNames.length; group++) {
      let folder = parentOf(path);
      for (;;) {
        const patterns = this.patternsIn(folder)[group];
        const decided = patterns.length === 0 ? undefined : decide(patterns, bytes, isFolder, this.ignoreCase);
        if (decided !== undefined) {
          if (decided) return true;
          break;
        }
        if (folder === '') break;
        folder = parentOf(folder);
      }
    }
    return this.extra.length > 0 && decide(this.extra, bytes, isFolder, this.ignoreCase) === true;
  }

  /**
   * True when the path is excluded, or a folder above it is: git never looks inside an
   * excluded folder, so nothing below one can be re-included.
   */
  isExcluded(path: string, isFolder: boolean): boolean {
    if (this.isEmpty || path === '') return false;
    const folder = parentOf(path);
    if (folder !== '' && this.isFolderExcluded(folder)) return true;
    return this.isEntryExcluded(path, isFolder);
  }

  private isFolderExcluded(folder: string): boolean {
    let excluded = this.folderExcluded.get(folder);
    if (excluded === undefined) {
      const parent = parentOf(folder);
      excluded = (parent !== '' && this.isFolderExcluded(parent)) || this.isEntryExcluded(folder, true);
      this.folderExcluded.set(folder, excluded);
    }
    return excluded;
  }

  private patternsIn(folder: string): IgnorePattern[][] {
    let lists = this.byFolder.get(folder);
    if (!lists) {
      const base = folder === '' ? '' : `${byteString(folder)}/`;
      lists = this.options.fileNames.map((name) => {
        const file = join(this.options.root, folder, name);
        const read = readIgnoreFile(file);
        if (!read) return [];
        if ('problem' in read) {
          this.options.onProblem?.(file, read.problem);
          return [];
        }
        return parseIgnoreText(read.text, base);
      });
      this.byFolder.set(folder, lists);
    }
    return lists;
  }
}

const parentOf = (path: string): string => {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
};

/**
 * The rules for paths that git lists (`--staged`, `--git`): `.keyguardignore` in any folder of
 * the work tree and the config's `ignore` patterns, matched exactly as the folder walk matches
 * them (case as `core.ignorecase` says), not through a second, looser matcher. An ignore file
 * that is not a regular file or is too large is an error here (exit 2, one line), as a staged
 * or history scan must not quietly scan more or less than asked. Undefined: nothing to ignore.
 */
export function ignoreRulesForGit(
  root: string,
  options: { patterns: readonly string[]; useIgnoreFiles: boolean; env?: NodeJS.ProcessEnv },
): IgnoreRules | undefined {
  const fileNames = options.useIgnoreFiles ? ['.keyguardignore'] : [];
  if (fileNames.length === 0 && options.patterns.length === 0) return undefined;
  // The root's file is checked with the settings reader, for its one-line messages and caps.
  const rootFile = join(root, '.keyguardignore');
  if (options.useIgnoreFiles && existsSync(rootFile))
    readSettingsFile(rootFile, { name: '.keyguardignore', maxBytes: MAX_IGNORE_FILE_BYTES, hint: IGNORE_FILE_HINT });
  return new IgnoreRules({
    root,
    fileNames,
    patterns: options.patterns,
    ignoreCase: () => ignoreCaseFor(root, options.env),
    onProblem(file, problem) {
      throw new KeyguardError(`cannot read ${relative(root, file).split(sep).join('/')} (${problem})`, IGNORE_FILE_HINT);
    },
  });
}
