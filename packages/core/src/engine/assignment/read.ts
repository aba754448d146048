/**
 * Readers for the assignment engine: the literal at an offset (quoted, escaped-quoted, an
 * unquoted word where the file kind allows), the value after a name and its operator, the
 * identifier around a match. Every reader looks a bounded distance, so a scan stays linear.
 */
import type { FileKind } from '../../types';
import { holdsUnquotedLiterals } from '../file-kind';
import { lowerBound } from '../lower-bound';
import { memoFor } from '../text-memo';
import { meterWork } from '../work-meter';

export const IDENT_CHAR = { test: (ch: string | undefined): boolean => ch !== undefined && isIdentCode(ch.charCodeAt(0)) };
function isIdentCode(code: number): boolean {
  return (
    (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 46 || code === 45
  );
}
/** How far a match looks around itself; bounds keep the scan linear. */
const MAX_NAME = 100;
export const MAX_VALUE = 400;
export const CONTEXT_WINDOW = 2000;
/** How far back the start of a line is looked for when only a short prefix matters. */
export const LINE_WINDOW = 200;

export interface ValueSpan {
  start: number;
  end: number;
  quoted: boolean;
}

const isSpace = (ch: string | undefined): boolean => ch === ' ' || ch === '\t';

/** Characters that end an unquoted value: white space, quotes, separators and brackets. */
const UNQUOTED_STOPS = new Uint8Array(128);
for (const ch of ' \t\r\n\f\v"\'`;,#&()[]{}<>') UNQUOTED_STOPS[ch.charCodeAt(0)] = 1;
const endsUnquoted = (code: number): boolean =>
  code < 128 ? UNQUOTED_STOPS[code] === 1 : code === 0xa0 || code === 0x2028 || code === 0x2029 || code === 0xfeff;

export function skipSpaces(text: string, at: number): number {
  while (isSpace(text[at])) at++;
  return at;
}

/**
 * Reads a literal value at `at`: a quoted string (also `\"…\"` inside JSON and notebooks,
 * Python's `r"…"`, C#'s `@"…"`), or, where the file kind allows (or `unquoted` says the
 * context does), an unquoted word.
 */
export function readValue(text: string, at: number, kind: FileKind, unquoted = false): ValueSpan | undefined {
  let start = at;
  if (/[rbuRBU@]/.test(text[start] ?? '') && /["']/.test(text[start + 1] ?? '')) start++;
  let quote = text[start];
  let escapedQuote = false;
  if (quote === '\\' && (text[start + 1] === '"' || text[start + 1] === "'")) {
    escapedQuote = true;
    quote = text[start + 1];
    start++;
  }
  if (quote === '"' || quote === "'" || quote === '`') {
    const limit = Math.min(text.length, start + 1 + MAX_VALUE);
    meterWork(limit - start);
    for (let i = start + 1; i < limit; i++) {
      const ch = text[i];
      if (ch === '\n' || ch === '\r') return undefined;
      if (escapedQuote) {
        if (ch === '\\' && text[i + 1] === quote) return { start: start + 1, end: i, quoted: true };
        if (ch === '\\') i++;
        continue;
      }
      if (ch === '\\') {
        i++;
        continue;
      }
      if (ch === quote) return unwrapEscapedQuotes(text, { start: start + 1, end: i, quoted: true });
    }
    return undefined;
  }
  const unquotedAllowed = unquoted || unquotedKind(kind);
  if (!unquotedAllowed) return undefined;
  let end = start;
  const limit = Math.min(text.length, start + MAX_VALUE);
  meterWork(limit - start);
  const stopAtBackslash = kind === 'notebook' || kind === 'json' || unquoted;
  while (end < limit && !endsUnquoted(text.charCodeAt(end)) && !(stopAtBackslash && text[end] === '\\')) {
    // `=` inside a word starts another assignment (`A=B=c`); at the end it is base64 padding.
    if (text[end] === '=' && isIdentCode(text.charCodeAt(end + 1)) && text[end + 1] !== '.' && text[end + 1] !== '-') break;
    end++;
  }
  if (end === start || (end === limit && limit < text.length)) return undefined;
  // An expression, not a literal: a call or subscript (`os.getenv(…)`, `os.environ[…]`), a
  // dotted name (`settings.acme_key`), or, outside env-style files, a bare identifier.
  if (text[end] === '(' || text[end] === '[') return undefined;
  const word = text.slice(start, end);
  if (/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(word)) return undefined;
  const envStyle =
    kind === 'env' ||
    kind === 'shell' ||
    kind === 'dockerfile' ||
    kind === 'yaml' ||
    kind === 'ini' ||
    kind === 'properties' ||
    kind === 'toml';
  if (!envStyle && /^[A-Za-z_$][A-Za-z_$]*$/.test(word)) return undefined;
  // In code, an unquoted word is a literal only when it looks like a token, not a variable.
  if (!unquotedKind(kind) && (word.length < 12 || (/^[A-Za-z_$][\w$]*$/.test(word) && word.includes('_')))) return undefined;
  return { start, end, quoted: false };
}

export const unquotedKind = (kind: FileKind): boolean => holdsUnquotedLiterals(kind) || kind === 'notebook';

/** `"\"v\""` (Gradle's buildConfigField): the value is inside the escaped quotes. */
function unwrapEscapedQuotes(text: string, value: ValueSpan): ValueSpan {
  const inner = text.slice(value.start, value.end);
  if (inner.length > 4 && /^\\["']/.test(inner) && /\\["']$/.test(inner))
    return { start: value.start + 2, end: value.end - 2, quoted: true };
  return value;
}

/** The text of an XML element or `key="name">text<`: up to the next `<`, on one line. */
export function readElementText(text: string, at: number): ValueSpan | undefined {
  const start = skipSpaces(text, at);
  const limit = Math.min(text.length, start + MAX_VALUE);
  let end = start;
  while (end < limit && text[end] !== '<' && text[end] !== '\n') end++;
  if (text[end] !== '<') return undefined;
  while (end > start && isSpace(text[end - 1])) end--;
  return end > start ? { start, end, quoted: false } : undefined;
}

/**
 * From just past a name, reads the assignment operator and the value:
 * `= "v"`, `: v`, `:= "v"`, `=> 'v'`, a Python or TypeScript annotation (`: str = "v"`),
 * `"] = "v"` after a subscript, `", "v"` inside `setdefault(…)`, or `ENV NAME v` in a Dockerfile.
 */
export function readAssignedValue(
  text: string,
  nameEnd: number,
  kind: FileKind,
  options: { comma: boolean; space: boolean; unquoted?: boolean },
): ValueSpan | undefined {
  let at = nameEnd;
  if (text[at] === '\\' && /["']/.test(text[at + 1] ?? '')) at += 2;
  else if (/["'`]/.test(text[at] ?? '')) at++;
  if (text[at] === ']') at++;
  // `<AcmeKey>v</AcmeKey>`, `<string name="acme_api_key">v</string>`.
  if (text[at] === '>' && (kind === 'xml' || /["']/.test(text[at - 1]))) return readElementText(text, at + 1);
  at = skipSpaces(text, at);
  const ch = text[at];
  const next = text[at + 1];
  if (ch === '=' && next !== '=' && next !== '~') {
    at = at + (next === '>' ? 2 : 1);
  } else if ((ch === ':' || ch === '?') && next === '=') {
    at += 2;
  } else if ((ch === '|' || ch === '?') && next === ch && text[at + 2] === '=') {
    // `ENV["OPENAI_API_KEY"] ||= "…"` (Ruby), `config.apiKey ??= '…'` (JS, C#): a default is assigned all the same.
    at += 3;
  } else if (ch === ':' && next !== ':') {
    at++;
    // A type annotation: `key: str = "v"`, `apiKey: string = 'v'`, Rust's `KEY: &str = "v"`.
    // Only in code: in YAML or an env file `key: abc=` is a value ending in base64 padding.
    const annotation = unquotedKind(kind)
      ? null
      : /^[ \t]*(?:&(?:'static[ \t]+)?)?[A-Za-z_][\w.[\]|]{0,40}[ \t]*=(?!=)/.exec(text.slice(at, at + 60));
    if (annotation) at += annotation[0].length;
  } else if (ch === ',' && options.comma) {
    at++;
  } else if (options.space && at > nameEnd) {
    // `ENV ACME_API_KEY value`: the space was the separator.
  } else if (ch === '>' && text[nameEnd] === '>') {
    at++;
  } else {
    return undefined;
  }
  at = skipSpaces(text, at);
  const block = blockValue(text, at, kind);
  if (block !== null) return block;
  // In code, the value on the next line: `api_key = (` or a line continuation then `"…"` (Python),
  // `apiKey:` then `'…',` (a JS object). One line break at most, and only a quoted literal.
  const nextLine = unquotedKind(kind) ? null : /^[(\\]?[ \t]*\r?\n[ \t]*/.exec(text.slice(at, at + 120));
  if (nextLine && /["'`]/.test(text[at + nextLine[0].length] ?? '')) return readQuoted(text, at + nextLine[0].length);
  // A literal wrapped in a secret type is still a literal: `SecretStr("…")`, `Secret::new("…")`.
  const wrapper = /^(?:SecretStr|SecretString|Secret|Secret::new|String|str)\([ \t]*/.exec(text.slice(at, at + 20));
  if (wrapper) return readQuoted(text, at + wrapper[0].length);
  return readValue(text, at, kind, options.unquoted);
}

/**
 * Where a value opens a block whose text is on the next lines: YAML's block scalars (`key: |`,
 * `key: >-`, `key: |2 # note`), and heredocs (`<<~KEY`, `<<-'KEY'`, `<<KEY.strip)` in Ruby,
 * `<<<KEY` in PHP). The header and its line break.
 */
const YAML_BLOCK = /^[|>](?:[-+]?[1-9]?|[1-9][-+])[ \t]*(?:#[^\n]*)?\r?\n/;
const HEREDOC = /^<<[~-]?<?(["']?)[A-Z_][A-Z0-9_]*\1(?:\.(?:strip|chomp|squish|freeze|rstrip|lstrip))*[ \t]*[),]?[ \t]*\r?\n/;
/** A multi-line string whose text starts on the next line: TOML's and Python's `"""` and `'''`. */
const TRIPLE_QUOTE = /^(?:"""|''')[ \t]*\r?\n/;
/** Kinds whose text may hold YAML: YAML itself, and the fenced blocks of docs. */
const holdsYaml = (kind: FileKind): boolean => kind === 'yaml' || kind === 'markdown' || kind === 'other';

/**
 * The value of a block opened at `at` (`YAML_BLOCK`, `HEREDOC`): its first line, when that line
 * is one word (a token, not prose), else undefined. Null when no block opens at `at`.
 */
function blockValue(text: string, at: number, kind: FileKind): ValueSpan | undefined | null {
  const head = text.slice(at, at + 80);
  const header = (holdsYaml(kind) ? YAML_BLOCK.exec(head) : null) ?? HEREDOC.exec(head) ?? TRIPLE_QUOTE.exec(head);
  if (!header) return null;
  const start = skipSpaces(text, at + header[0].length);
  const limit = Math.min(text.length, start + MAX_VALUE);
  let end = start;
  while (end < limit && text[end] !== '\n' && text[end] !== '\r') end++;
  while (end > start && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  // A triple-quoted string may close on the value's own line: `KEY"""`.
  if (header[0].startsWith('"""') || header[0].startsWith("'''")) {
    const close = text.slice(start, end).indexOf(header[0].slice(0, 3));
    if (close !== -1) end = start + close;
  }
  if (end === start || (end === limit && limit < text.length) || /[ \t]/.test(text.slice(start, end))) return undefined;
  return { start, end, quoted: true };
}

/** The identifier (letters, digits, `_ . -`) around a match, bounded. */
export function expandIdentifier(text: string, start: number, end: number): { start: number; end: number } {
  meterWork(2 * MAX_NAME);
  let left = start;
  while (left > 0 && start - left < MAX_NAME && IDENT_CHAR.test(text[left - 1])) left--;
  let right = end;
  while (right < text.length && right - end < MAX_NAME && IDENT_CHAR.test(text[right])) right++;
  // .NET configuration keys join sections with colons: `"Acme:ApiKey"`, `Acme:ApiKey=…`.
  if (text[right] === ':' && (/["']/.test(text[left - 1] ?? '') || isLineStart(text, left))) {
    while (right - end < MAX_NAME && text[right] === ':' && /[A-Za-z]/.test(text[right + 1] ?? '')) {
      right++;
      while (right < text.length && right - end < MAX_NAME && IDENT_CHAR.test(text[right])) right++;
    }
  }
  // A trailing dot or hyphen belongs to the sentence, not the name.
  while (right > end && /[.-]/.test(text[right - 1])) right--;
  return { start: left, end: right };
}

/**
 * The name `expandIdentifier` reads around every match inside the run of identifier characters
 * that holds `at`, when it is the same for all of them: the run is shorter than MAX_NAME (no
 * bound cuts it short), no `:` follows it (no .NET section joins on) and it ends in neither `.`
 * nor `-`. Undefined otherwise.
 * Reads the run only, so a caller can rule a name out before any match is made.
 */
export function wholeIdentifierAt(text: string, at: number): { start: number; end: number } | undefined {
  let left = at;
  while (left > 0 && isIdentCode(text.charCodeAt(left - 1))) if (at - --left >= MAX_NAME) return undefined;
  let right = at;
  while (right < text.length && isIdentCode(text.charCodeAt(right))) if (++right - left >= MAX_NAME) return undefined;
  meterWork(right - left);
  // A trailing dot or hyphen, which expandIdentifier leaves to the sentence, only as far back as the match.
  const last = text.charCodeAt(right - 1);
  if (text.charCodeAt(right) === 58 || last === 46 || last === 45) return undefined;
  return { start: left, end: right };
}

const isLineStart = (text: string, at: number): boolean => /^[ \t]*$/.test(text.slice(lineStartOf(text, at, LINE_WINDOW), at));

/** Look-backs up to this long read the characters; longer ones ask the text's line index. */
const SHORT_LOOK_BACK = 256;

/**
 * Where the line holding `at` starts, looking back at most `window` characters: on a
 * megabyte-long line an unbounded look-back per match would make the scan quadratic. A long
 * window is answered from the text's newline offsets (found once per text, then a binary
 * search): reading back CONTEXT_WINDOW characters per match made a one-line file of sink
 * options cost 2,000 character reads per match.
 */
export function lineStartOf(text: string, at: number, window = CONTEXT_WINDOW): number {
  const stop = Math.max(0, at - window);
  if (at - stop > SHORT_LOOK_BACK) {
    const newlines = memoFor(text, 'newlines', () => newlineOffsets(text));
    const low = lowerBound(newlines, at);
    meterWork(1 + Math.log2(newlines.length + 1));
    return low > 0 && newlines[low - 1] >= stop ? newlines[low - 1] + 1 : stop;
  }
  for (let i = at - 1; i >= stop; i--) {
    if (text.charCodeAt(i) === 10) {
      meterWork(at - i);
      return i + 1;
    }
  }
  meterWork(at - stop);
  return stop;
}

/** The offsets of every `\n` in the text, in order. */
function newlineOffsets(text: string): number[] {
  const offsets: number[] = [];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) offsets.push(at);
  meterWork(text.length / 64);
  return offsets;
}

/** A quoted literal only: where an unquoted word would be an expression. */
export function readQuoted(text: string, at: number): ValueSpan | undefined {
  return /["'`]/.test(text[at] ?? '') ? readValue(text, at, 'javascript') : undefined;
}
