/**
 * Keys written so that no single literal holds them: split into string literals joined in one
 * expression (`'sk-' + '…'`, three literals joined with `+` over several lines, Python's and
 * Ruby's adjacent literals inside parentheses, Go's `+` across lines), a template literal with a
 * constant prefix (`` `${prefix}…` ``), or escapes inside a literal (`\u002d`, `\x2d`,
 * `\u0073`). A common way to slip a key past push protection.
 *
 * `stringExpressionAt` reads the string expression around one offset, joins its literals and
 * decodes their escapes, so that a rule can judge the value the program sees. Everything is
 * bounded (pieces, their length, the gaps between them, the look-back for a constant), so the
 * cost per call is constant and a rule that skips past the expression it read stays linear.
 */

import { meterWork } from './work-meter';

/** Most literals joined on each side of the one a match is in. */
const MAX_PIECES = 8;
/** Longest literal read. */
const MAX_PIECE = 400;
/** Longest gap between two literals (white space, one `+`, a line continuation). */
const MAX_GAP = 200;
/** How far back a constant named in a template literal is looked for. */
const CONSTANT_WINDOW = 4000;
/** Most constants looked up per expression (`${prefix}`, `${rest}`): each look-up reads up to CONSTANT_WINDOW characters. */
const MAX_CONSTANTS = 2;

export interface StringExpression {
  /** The value: the literals' contents joined, escapes decoded, constants substituted. */
  value: string;
  /** Offsets of the expression's contents in the text: after the first opening quote, before the last closing one. */
  start: number;
  end: number;
  /** Offset just past the last closing quote: where a caller resumes. */
  next: number;
  /** True when the value differs from every single literal's raw text (joined, decoded or substituted). */
  rewritten: boolean;
}

interface Literal {
  /** The opening quote's offset. */
  open: number;
  /** The closing quote's offset. */
  close: number;
  quote: string;
}

const isQuote = (ch: string | undefined): boolean => ch === '"' || ch === "'" || ch === '`';

/** Whether the line break at `at` follows a backslash that continues a literal (JS, Python, Ruby, shell, C). */
function isContinuedLine(text: string, at: number): boolean {
  const before = text[at - 1] === '\r' ? at - 2 : at - 1;
  return text[before] === '\\' && isEscaped(text, before + 1);
}

/** Whether the character at `at` is escaped by an odd number of backslashes before it. */
function isEscaped(text: string, at: number): boolean {
  let count = 0;
  for (let i = at - 1; i >= 0 && text[i] === '\\' && count <= MAX_PIECE; i--) count++;
  return count % 2 === 1;
}

/** The literal whose contents hold `at`: the nearest unescaped quote before it on the line, closed after it. */
function literalAround(text: string, at: number): Literal | undefined {
  const stop = Math.max(0, at - MAX_PIECE);
  let open = -1;
  for (let i = at - 1; i >= stop; i--) {
    const ch = text[i];
    if (ch === '\n' && !isContinuedLine(text, i)) break;
    if (isQuote(ch) && !isEscaped(text, i)) {
      open = i;
      break;
    }
  }
  meterWork(open === -1 ? at - stop : at - open);
  if (open === -1) return undefined;
  const close = closingQuote(text, open);
  return close !== undefined && close >= at ? { open, close, quote: text[open] } : undefined;
}

/** The closing quote of the literal opened at `open`, on the same line (a template literal may span lines). */
function closingQuote(text: string, open: number): number | undefined {
  const quote = text[open];
  const limit = Math.min(text.length, open + 1 + MAX_PIECE);
  meterWork(limit - open);
  for (let i = open + 1; i < limit; i++) {
    const ch = text[i];
    if (ch === '\\') {
      // A backslash before a line break continues the literal on the next line (`"…\` newline `…"`).
      i += text[i + 1] === '\r' && text[i + 2] === '\n' ? 2 : 1;
      continue;
    }
    if (ch === quote) return i;
    if (ch === '\n' && quote !== '`') return undefined;
  }
  return undefined;
}

/** The opening quote of the literal closed at `close`, on the same line. */
function openingQuote(text: string, close: number): number | undefined {
  const quote = text[close];
  const stop = Math.max(0, close - 1 - MAX_PIECE);
  for (let i = close - 1; i >= stop; i--) {
    const ch = text[i];
    if (ch === '\n' && quote !== '`' && !isContinuedLine(text, i)) return undefined;
    if (ch === quote && !isEscaped(text, i)) return i;
  }
  return undefined;
}

/**
 * What may open a literal just before its quote: C#'s verbatim and interpolated `@"…"`,
 * `$"…"`, `$@"…"`, and Python's `r"…"`, `f"…"`, `b"…"`, `rb"…"`.
 */
const LITERAL_SIGIL = /(?:[@$]{1,2}|[rRbBuUfF]{1,2})$/;

/**
 * True when the text between two literals only joins them: white space and new lines, at
 * most one operator (`+` in JS, TS, Java, C#, Go, Kotlin, Swift and Python; `.` in PHP and
 * Perl; `..` in Lua), `\` line continuations (Python, Ruby, shell), or nothing (shell's
 * `"…"'…'`, Python's `"…""…"`). The next literal's sigil may end the gap (`+ @"…"`).
 */
function isJoiningGap(gap: string): boolean {
  if (gap.length > MAX_GAP) return false;
  const sigil = LITERAL_SIGIL.exec(gap);
  // A sigil is one only when it stands alone before the quote: `f"`, not the end of a word (`if"`).
  if (sigil && sigil.index > 0 && !/[ \t\n\r+.]/.test(gap[sigil.index - 1])) return false;
  const end = sigil ? sigil.index : gap.length;
  let operators = 0;
  for (let i = 0; i < end; i++) {
    const ch = gap[i];
    if (ch === '+') operators++;
    else if (ch === '.') {
      operators++;
      if (gap[i + 1] === '.') i++;
    } else if (ch === '\\' && (gap[i + 1] === '\n' || gap[i + 1] === '\r')) continue;
    else if (ch !== ' ' && ch !== '\t' && ch !== '\n' && ch !== '\r') return false;
  }
  return operators <= 1;
}

/** The literal just before `open`, when only a joining gap lies between. */
function literalBefore(text: string, open: number): Literal | undefined {
  let i = open - 1;
  const stop = Math.max(0, open - MAX_GAP);
  while (i >= stop && !isQuote(text[i])) i--;
  if (i < stop || !isJoiningGap(text.slice(i + 1, open)) || isEscaped(text, i)) return undefined;
  const start = openingQuote(text, i);
  return start === undefined ? undefined : { open: start, close: i, quote: text[i] };
}

/** The literal just after `close`, when only a joining gap lies between. */
function literalAfter(text: string, close: number): Literal | undefined {
  let i = close + 1;
  const limit = Math.min(text.length, close + 1 + MAX_GAP);
  while (i < limit && !isQuote(text[i])) i++;
  if (i >= limit || !isJoiningGap(text.slice(close + 1, i))) return undefined;
  const end = closingQuote(text, i);
  return end === undefined ? undefined : { open: i, close: end, quote: text[i] };
}

/**
 * Decodes the escapes a JS, TS, JSON, Python, Go, Java or C# string shares: `\uXXXX`,
 * `\u{X…}`, `\xXX`, and a backslash before a quote or a backslash.
 */
function decodeStringEscapes(raw: string, offsets?: number[]): string {
  if (!raw.includes('\\') && !offsets) return raw;
  let out = '';
  // Where each character of `out` came from in `raw`, when asked: one entry per UTF-16 unit.
  const emit = (chars: string, from: number): void => {
    out += chars;
    if (offsets) for (let k = 0; k < chars.length; k++) offsets.push(from);
  };
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (ch !== '\\' || i + 1 >= raw.length) {
      emit(ch, i);
      continue;
    }
    const next = raw[i + 1];
    // A line continuation inside a literal: the backslash and the line break are no part of the value.
    if (next === '\n' || (next === '\r' && raw[i + 2] === '\n')) {
      i += next === '\n' ? 1 : 2;
      continue;
    }
    const hex4 = next === 'u' ? /^[0-9A-Fa-f]{4}/.exec(raw.slice(i + 2, i + 6)) : null;
    const braced = next === 'u' && raw[i + 2] === '{' ? /^\{([0-9A-Fa-f]{1,6})\}/.exec(raw.slice(i + 2, i + 10)) : null;
    const hex2 = next === 'x' ? /^[0-9A-Fa-f]{2}/.exec(raw.slice(i + 2, i + 4)) : null;
    if (hex4) {
      emit(String.fromCharCode(parseInt(hex4[0], 16)), i);
      i += 5;
    } else if (braced) {
      const code = parseInt(braced[1], 16);
      emit(code <= 0x10ffff ? String.fromCodePoint(code) : '', i);
      i += 1 + braced[0].length;
    } else if (hex2) {
      emit(String.fromCharCode(parseInt(hex2[0], 16)), i);
      i += 3;
    } else if (next === '\\' || isQuote(next)) {
      emit(next, i);
      i++;
    } else {
      emit(ch, i);
    }
  }
  return out;
}

/**
 * A literal's raw text decoded once, with the offset in `raw` each decoded character came
 * from: so that a span found in the decoded value (a string inside a string) maps back.
 */
export function decodeWithOffsets(raw: string): { value: string; offsets: number[] } {
  const offsets: number[] = [];
  return { value: decodeStringEscapes(raw, offsets), offsets };
}

/** The literal an earlier `name = '…'` (`const name = "…"`, `name := "…"`) gives a constant. */
function constantValue(text: string, name: string, before: number): string | undefined {
  const from = Math.max(0, before - CONSTANT_WINDOW);
  // Searched in the window only: a name that occurs nowhere before it would otherwise send
  // `lastIndexOf` back to the start of the text once per template (quadratic on hostile input).
  const window = text.slice(from, before);
  meterWork(window.length);
  let found = window.length;
  for (let tries = 0; tries < 10 && found > 0; tries++) {
    found = window.lastIndexOf(name, found - 1);
    if (found === -1) return undefined;
    const at = from + found;
    // `$name = '…'` (PHP) assigns the `$name` a string reads; `other_name` and `name2` are other names.
    if (/\w/.test(text[at - 1] ?? '') || /[\w$]/.test(text[at + name.length] ?? '')) continue;
    const assignment = /^[ \t]*(?::[ \t]*[\w.<>[\]|]{1,40}[ \t]*)?:?=[ \t]*/.exec(text.slice(at + name.length, at + name.length + 60));
    if (!assignment || (text[at + name.length + assignment[0].length - 1] === '=' && text[at + name.length + assignment[0].length] === '='))
      continue;
    const open = at + name.length + assignment[0].length;
    if (!isQuote(text[open]) || text[open] === '`') return undefined;
    const close = closingQuote(text, open);
    return close === undefined ? undefined : decodeStringEscapes(text.slice(open + 1, close));
  }
  return undefined;
}

/**
 * A string's substitution of one name, in the syntaxes that languages share: `${name}` (JS, TS,
 * Kotlin, shell, Groovy, Dart), `$name` (Kotlin, shell, PHP, Perl), `{$name}` (PHP), `#{name}`
 * (Ruby, CoffeeScript), `\(name)` (Swift), and `{name}` in an interpolated string (C#'s
 * `$"…"`, Python's `f"…"`: `BRACED`).
 */
const SUBSTITUTION =
  /\$\{[ \t]*([A-Za-z_$][\w$]*)[ \t]*\}|\{\$([A-Za-z_]\w*)\}|\$([A-Za-z_]\w*)|#\{[ \t]*([A-Za-z_]\w*)[ \t]*\}|\\\([ \t]*([A-Za-z_]\w*)[ \t]*\)/y;
const BRACED = /\{[ \t]*([A-Za-z_]\w*)[ \t]*\}/y;

/** The substitution at `at` in a literal's raw text, or undefined: its name and its length. */
function substitutionAt(raw: string, at: number, braced: boolean): { name: string; length: number } | undefined {
  const ch = raw[at];
  if (ch !== '$' && ch !== '#' && ch !== '\\' && ch !== '{') return undefined;
  SUBSTITUTION.lastIndex = at;
  const match = SUBSTITUTION.exec(raw);
  if (match) return { name: match.slice(1).find((name) => name !== undefined)!, length: match[0].length };
  if (!braced || ch !== '{') return undefined;
  BRACED.lastIndex = at;
  const brace = BRACED.exec(raw);
  return brace ? { name: brace[1], length: brace[0].length } : undefined;
}

/**
 * A literal's value: escapes decoded and, in a string that substitutes (double-quoted, a
 * template literal, an interpolated `$"…"` or `f"…"`), each substituted name of a constant
 * replaced by its value. The value stops at the first substitution it cannot resolve (what
 * the program puts there is not known), and `complete` is false then. `budget.constants`
 * bounds the look-ups per expression: each costs up to CONSTANT_WINDOW characters.
 */
function literalValue(text: string, literal: Literal, budget: { constants: number }): { value: string; complete: boolean } {
  const raw = text.slice(literal.open + 1, literal.close);
  const sigil = /(?:\$@?|@\$|[fF][rR]?|[rR][fF])$/.exec(text.slice(Math.max(0, literal.open - 2), literal.open));
  const braced = sigil !== null && !/[\w$@]/.test(text[literal.open - sigil[0].length - 1] ?? '');
  const substitutes = literal.quote !== "'" || braced;
  if (!substitutes || !/[$#\\{]/.test(raw)) return { value: decodeStringEscapes(raw), complete: true };
  let value = '';
  let at = 0;
  for (let i = 0; i < raw.length; i++) {
    const substitution = substitutionAt(raw, i, braced);
    if (!substitution) {
      // An escape is not a substitution: `\$`, `\#`, and the escaped character after a backslash.
      if (raw[i] === '\\') i++;
      continue;
    }
    value += raw.slice(at, i);
    const constant = budget.constants-- > 0 ? constantValue(text, substitution.name, literal.open) : undefined;
    if (constant === undefined) return { value: decodeStringEscapes(value), complete: false };
    value += constant;
    at = i + substitution.length;
    i = at - 1;
  }
  return { value: decodeStringEscapes(value + raw.slice(at)), complete: true };
}

/**
 * The string expression whose literal holds `at`, joined and decoded, or undefined when `at`
 * is in no literal. A string with an unresolved substitution (`${…}`, `$name`, `#{…}`) ends the expression at the
 * pieces before it (what follows is not known).
 */
export function stringExpressionAt(text: string, at: number): StringExpression | undefined {
  const first = literalAround(text, at);
  if (!first) return undefined;
  // Up to MAX_PIECES - 1 literals on each side: a caller that resumes past the expression
  // then skips at least that many, so no literal is read more than a few times.
  const before: Literal[] = [];
  for (let piece = literalBefore(text, first.open); piece && before.length < MAX_PIECES - 1; piece = literalBefore(text, piece.open))
    before.unshift(piece);
  const pieces: Literal[] = [...before, first];
  for (
    let piece = literalAfter(text, first.close);
    piece && pieces.length - before.length < MAX_PIECES;
    piece = literalAfter(text, piece.close)
  )
    pieces.push(piece);
  let value = '';
  let rewritten = pieces.length > 1;
  const budget = { constants: MAX_CONSTANTS };
  for (const piece of pieces) {
    const { value: part, complete } = literalValue(text, piece, budget);
    if (part !== text.slice(piece.open + 1, piece.close)) rewritten = true;
    value += part;
    if (!complete) break;
  }
  const last = pieces[pieces.length - 1];
  meterWork(last.close - pieces[0].open + 2 * MAX_GAP);
  return { value, start: pieces[0].open + 1, end: last.close, next: last.close + 1, rewritten };
}
