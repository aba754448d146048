import { fileKindOf, holdsUnquotedLiterals, isLockfile } from './engine/file-kind';
import { compileKeywordPrefilter } from './engine/prefilter';
import { looksRandom, randomResidue } from './engine/randomness';
import type { Rule } from './types';

/**
 * The question a history scan asks of a patch (issue 16): could a finding start on the lines
 * this commit added to a file, whatever the rest of the file holds? It sees those lines only,
 * not the file around them, so the answer must never be "no" for a line the whole-file scan
 * would report; "yes" only sends the file version to that scan, which alone decides.
 */
export interface AddedTextFilter {
  /** False only when no finding of the rules can start on `bytes` (added lines, LF-separated) in a file at `path`. */
  mayHoldSecret(bytes: Buffer, path: string): boolean;
}

/** ASCII white space: no value a rule reports holds any (isPlaceholderValue). */
const SPACE = /[ \t\r\n\f\v]+/;
const CHUNK = /[A-Za-z0-9]+/g;
/** Runs of more chunks than this (long URLs, minified code) are sent to the scan untested. */
const MAX_CHUNKS = 12;
const MEMO_LIMIT = 200_000;
const MEMO_RUN = 200;
/** The longest literal the engine reads (engine/assignment/read.ts MAX_VALUE), with its quotes. */
const MAX_LITERAL = 402;
/** The Azure key (rules/support/azure-host-key.ts) is read unquoted in any file. */
const HEX_TOKEN = /(?<![0-9A-Za-z_-])[0-9a-f]{32}(?![0-9A-Za-z_-])/;
/**
 * Lines where the assignment engine reads an unquoted value even in code: a bearer token or
 * `api-key:` header, a `value:` beside a name, an element's text (`">…<`, `<string>`), and
 * `ENV NAME value` / `#define NAME value` (engine/assignment/matchers.ts, read.ts).
 */
const UNQUOTED_IN_CODE = /bearer|api-key|value["']?[ \t]*[:=]|["']>|<string>|^[ \t]*(?:ENV|ARG|setenv|setx|set|#[ \t]*define)\b/i;
const UNQUOTED_IN_CODE_ANYWHERE = new RegExp(UNQUOTED_IN_CODE.source, 'im');
const QUOTES = ['"', "'", '`'];
/** The last character of an environment-style name (`ACME_API_KEY`), the only one read unquoted after `=` in code. */
const ENV_NAME_END = /[A-Z0-9_]/;

/**
 * Compiles the filter for a rules list. Why a "no" holds:
 * - A finding is reported on the line its secret starts on, and a secret never spans lines.
 * - A rule whose keywords are part of the secret (`keywordsIn: 'secret'`, the default) has one
 *   on that line: the rules' byte prefilter runs on the added lines.
 * - A rule whose keywords only name the provider (`keywordsIn: 'file'`: the assignment engine)
 *   reports a value its isPlaceholderValue accepts: one that looks random (looksRandom), or
 *   holds a `secret` keyword in any case (`SK-…` handed to a sink). The engine reads a value
 *   between quotes, or after an operator, a space or `>`, up to a quote, a separator or a space:
 *   it starts and ends beside a character that is not a letter or digit, so its chunks (runs of
 *   letters and digits) are whole chunks of the line. looksRandom judges the chunks and the
 *   value's length, so a value that looks random makes some run of whole chunks of a run of
 *   non-space characters look random too: that is what is tested, over every such run where
 *   the file kind lets the engine read a value (in code: quoted text, `NAME=value`, and the forms
 *   of UNQUOTED_IN_CODE; in env, YAML, shell and other files: every run). In code a quoted
 *   value is a whole literal (from a quote to the next of its kind) where a value is handed
 *   over (isHandedOver), and holds no space.
 * Not covered: a key split over literals on several lines (`'s' +`, then `'k-…'` on a line the
 * commit left alone) whose first piece alone changed; a bearer token longer than MAX_VALUE.
 */
export function compileAddedTextFilter(rules: readonly Rule[]): AddedTextFilter {
  const secretRules = rules.filter((rule) => rule.keywordsIn !== 'file');
  const readsValues = rules.some((rule) => rule.keywordsIn === 'file');
  const keywords = compileKeywordPrefilter(secretRules);
  const foldedKeywords = [...new Set(secretRules.flatMap((rule) => rule.keywords.map((keyword) => keyword.toLowerCase())))];
  const memo = new Map<string, boolean>();

  /** True when some run of whole chunks of `run` could be a value a `file` rule reports. */
  const mayBeValue = (run: string): boolean => {
    if (run.length < 8) return false;
    // Short runs repeat (names, words): remembered, in at most MEMO_LIMIT entries of MEMO_RUN characters.
    if (run.length > MEMO_RUN) return judgeRun(run, foldedKeywords);
    let verdict = memo.get(run);
    if (verdict === undefined) {
      verdict = judgeRun(run, foldedKeywords);
      if (memo.size >= MEMO_LIMIT) memo.clear();
      memo.set(run, verdict);
    }
    return verdict;
  };
  const runsMayHoldValue = (text: string): boolean => text.split(SPACE).some(mayBeValue);

  return {
    mayHoldSecret(bytes: Buffer, path: string): boolean {
      if (keywords.candidates(bytes).length > 0) return true;
      // A lock file is scanned for key shapes only (rulesFor): their keywords were just looked for.
      if (!readsValues || isLockfile(path)) return false;
      const text = bytes.toString('latin1');
      const kind = fileKindOf(path);
      if (holdsUnquotedLiterals(kind) || kind === 'notebook' || kind === 'xml') return runsMayHoldValue(text);
      if (HEX_TOKEN.test(text)) return true;
      // One pass over the whole text for the rare forms; lines are looked at one by one only
      // where they hold a quote or an `=`.
      const unquoted = UNQUOTED_IN_CODE_ANYWHERE.test(text);
      for (const line of text.split('\n')) {
        if (unquoted && UNQUOTED_IN_CODE.test(line)) {
          if (runsMayHoldValue(line)) return true;
          continue;
        }
        // A quoted value is a whole literal: one with a space inside is prose, not a value.
        if (line.includes('"') || line.includes("'") || line.includes('`'))
          for (const quoted of quotedTexts(line)) {
            const value = quoted.trim();
            if (!SPACE.test(value) && mayBeValue(value)) return true;
          }
        // `NAME=value`: an environment name right before `=` is read unquoted even in code.
        if (line.includes('='))
          for (const run of line.split(SPACE)) {
            for (let equals = run.indexOf('='); equals > 0; equals = run.indexOf('=', equals + 1))
              if (ENV_NAME_END.test(run[equals - 1]) && mayBeValue(run.slice(equals + 1))) return true;
          }
      }
      return false;
    },
  };
}

function judgeRun(run: string, foldedKeywords: readonly string[]): boolean {
  const folded = run.toLowerCase();
  if (foldedKeywords.some((keyword) => folded.includes(keyword))) return true;
  // What is left of any value inside the run is at most what is left of the run (its chunks are
  // the run's own), and looksRandom needs 8 characters left at least (a random chunk stays whole).
  if (randomResidue(run).length < 8) return false;
  const chunks = [...run.matchAll(CHUNK)].map((match) => ({ start: match.index, end: match.index + match[0].length }));
  if (chunks.length > MAX_CHUNKS) return true;
  for (let first = 0; first < chunks.length; first++) {
    let letters = 0;
    for (let last = first; last < chunks.length; last++) {
      letters += chunks[last].end - chunks[last].start;
      // looksRandom needs 8 letters and digits at least (a random chunk, or 10 left of them).
      if (letters >= 8 && looksRandom(run.slice(chunks[first].start, chunks[last].end))) return true;
    }
  }
  return false;
}

/**
 * True when a literal opening at `open` stands where the engine reads a value: after an
 * operator or an opening parenthesis (`= "…"`, `: '…'`, `("…"`, `, "…"`, `=> '…'`, `?? "…"`,
 * `|| '…'`, ` or "…"`), or first on its line (the value under `api_key = (`). Not a list's or a
 * subscript's item (`["…"]`, `Literal["…"]`): no sink reads those. A string prefix (`r"`, `@"`)
 * and an escaped quote (`\"…\"` inside a string) are looked through.
 */
function isHandedOver(line: string, open: number): boolean {
  let at = open - 1;
  if (/[rbuRBU@]/.test(line[at] ?? '')) at--;
  if (line[at] === '\\') at--;
  while (at >= 0 && (line[at] === ' ' || line[at] === '\t')) at--;
  if (at < 0) return true;
  if ('=:(,>?|'.includes(line[at])) return true;
  return line[at] === 'r' && line[at - 1] === 'o' && !/[A-Za-z0-9_]/.test(line[at - 2] ?? '');
}

/**
 * The texts between quotes on a line, every way the engine could read them: from each quote to
 * the next of its kind, and across escaped quotes (`"a\"b"`), so any literal it reads is inside one.
 */
function quotedTexts(line: string): string[] {
  const texts: string[] = [];
  for (const quote of QUOTES) {
    let open = line.indexOf(quote);
    while (open !== -1) {
      const close = line.indexOf(quote, open + 1);
      if (close === -1) break;
      if (isHandedOver(line, open)) {
        if (close - open <= MAX_LITERAL) texts.push(line.slice(open + 1, close));
        // Escape-aware: the literal that starts here goes on past quotes a backslash escapes
        // (bounded: the engine reads no longer literal, and the scan stays linear).
        let end = close;
        while (end !== -1 && end - open <= MAX_LITERAL && line[end - 1] === '\\') end = line.indexOf(quote, end + 1);
        if (end !== close && end !== -1 && end - open <= MAX_LITERAL) texts.push(line.slice(open + 1, end));
      }
      open = close;
    }
  }
  return texts;
}
