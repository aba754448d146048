/**
 * Where a value sits, for the assignment engine: the call or section around it, the YAML
 * parent or INI header above it, the object naming its provider, and the literal an earlier
 * constant gives a name. Each looks back a bounded window.
 */
import type { FileKind } from '../../types';
import { lowerBound } from '../lower-bound';
import { memoFor } from '../text-memo';
import { meterWork } from '../work-meter';
import { CONTEXT_WINDOW, IDENT_CHAR, lineStartOf, readQuoted, unquotedKind, type ValueSpan } from './read';

/**
 * Patterns anchored at the end of a look-back, tried only where a run of name characters
 * starts (the look-behind): tried at every position, each start inside a long run read the
 * rest of the run again, 120 characters squared per look-back (a third of the time on a file
 * of `{"api_key": "…", ` objects). A match from inside a run is a match from its start, so the
 * matches are the same.
 */
const SECTION_KEY_AT_END = /(?<![\w.:-])["']?([\w.:-]+)["']?\s*(?:=>|[:=])\s*$/;
/** The callee before a call's parenthesis: `[\d.:]*` steps over a run's leading digits and dots to its first letter. */
const CALLEE_AT_END = /(?<![\w.:])[\d.:]*([A-Za-z_][\w.:]*(?:::Client\.new|\.new)?)\s*(?:<[^<>()]*>)?\s*$/;

export interface Enclosing {
  name: string;
  /** A call's arguments (`Client(…)`), or a section of a document (`"Acme": {`, `'acme' => [`, `variable "acme_api_key" {`). */
  kind: 'call' | 'section';
}

/**
 * The call or section that the offset sits inside, looking back at most CONTEXT_WINDOW
 * characters: the callee before the nearest unclosed `(` or `{`, the key before an unclosed
 * `{` or `[` (`"Acme": {`, `'acme' => [`), or a block's label (`variable "acme_api_key" {`).
 */
export function enclosingCallee(text: string, at: number): Enclosing | undefined {
  let depth = 0;
  const stop = Math.max(0, at - CONTEXT_WINDOW);
  for (let i = at - 1; i >= stop; i--) {
    const ch = text[i];
    if (ch === ')' || ch === '}' || ch === ']') depth++;
    else if (ch === '(' || ch === '{' || ch === '[') {
      if (depth > 0) {
        depth--;
        continue;
      }
      meterWork(at - i + 120);
      let j = i;
      while (j > stop && /\s/.test(text[j - 1])) j--;
      // A brace on a line of its own belongs to no callee on the line above (a JSON object after
      // a comment line), except in C#'s and Java's Allman style, which `callee` below allows.
      const braceAlone = ch === '{' && text.slice(j, i).includes('\n');
      // `new Client({`: step over the call's own parenthesis.
      if (ch === '{' && text[j - 1] === '(') {
        j--;
        while (j > stop && /\s/.test(text[j - 1])) j--;
      }
      const before = text.slice(Math.max(stop, j - 120), j);
      // `"Acme": {`, `acme = {` and `'acme' => [`: a section of a JSON, TOML or PHP document.
      const section = SECTION_KEY_AT_END.exec(before);
      if (ch !== '(' && section) return { name: section[1], kind: 'section' };
      // `variable "acme_api_key" {`, `acme {`: a Terraform or HCL block.
      // The label ends `before` (not merely some line of it: `m` makes `$` match at every line end,
      // and a bare word on an earlier line is no label of this brace).
      const label = /(?:["']([\w.-]+)["']|^[ \t]*([A-Za-z_][\w-]*))[ \t]*(?![\s\S])/m.exec(before);
      if (ch === '{' && label) return { name: label[1] ?? label[2], kind: 'section' };
      if (ch === '[' || (braceAlone && !/\b(?:class|struct|record|interface|object)\s+\w+$/.test(before))) return undefined;
      const callee = CALLEE_AT_END.exec(before);
      if (!callee) return undefined;
      // C#'s target-typed `ChatClient client = new(…)`: the type is on the left.
      if (callee[1] === 'new') {
        const typed = /([A-Za-z_][\w.]*)(?:<[^<>()]*>)?[ \t]+[A-Za-z_]\w*[ \t]*=[ \t]*new$/.exec(before);
        return typed ? { name: typed[1], kind: 'call' } : undefined;
      }
      return { name: callee[1], kind: 'call' };
    }
  }
  meterWork(at - stop);
  return undefined;
}

/**
 * True when the object literal around `at` names the provider, before or after the key: a
 * member `providerMember` matches (`{"provider": "acme", "apiKey": "…"}`, `{ apiKey: '…',
 * provider: 'acme' }`). Looks back at most CONTEXT_WINDOW characters for the opening brace and
 * 300 past `at`.
 */
export function objectNamesProvider(text: string, at: number, providerMember: RegExp): boolean {
  let depth = 0;
  const stop = Math.max(0, at - CONTEXT_WINDOW);
  for (let i = at - 1; i >= stop; i--) {
    const ch = text[i];
    if (ch === '}' || ch === ')' || ch === ']') depth++;
    else if (ch === '{' || ch === '(' || ch === '[') {
      if (depth > 0) {
        depth--;
        continue;
      }
      meterWork(at - i + 300);
      if (ch !== '{') return false;
      const after = text.slice(at, Math.min(text.length, at + 300));
      const close = after.indexOf('}');
      return providerMember.test(text.slice(i, at)) || providerMember.test(close === -1 ? after : after.slice(0, close));
    }
  }
  meterWork(at - stop);
  return false;
}

/**
 * The YAML parent key or the TOML/INI section header above a line, looking back a bounded
 * window; or the line itself when a sibling line (`providerLine`) says whose block it is.
 */
export function enclosingSection(text: string, at: number, providerLine: RegExp): string | undefined {
  const lineStart = lineStartOf(text, at);
  const indent = /^[ \t]*/.exec(text.slice(lineStart, lineStart + 200))![0].length;
  const stop = Math.max(0, at - CONTEXT_WINDOW);
  let cursor = lineStart - 1;
  while (cursor > stop) {
    const start = lineStartOf(text, cursor);
    const line = text.slice(start, cursor);
    meterWork(cursor - start + 1);
    cursor = start - 1;
    if (line.trim() === '' || /^\s*#/.test(line)) continue;
    const header = /^\s*\[+\s*([^\]]+?)\s*\]+\s*$/.exec(line);
    if (header) return header[1];
    const lineIndent = /^[ \t]*/.exec(line)![0].length;
    // A sibling or the list item that says whose block it is: `- provider: acme` then
    // `apiKey: …` (Continue, LiteLLM-style configs), `provider = "acme"` in a TOML table.
    if (lineIndent <= indent && providerLine.test(line)) return line;
    if (lineIndent < indent) {
      const key = /^\s*-?\s*["']?([\w.-]+)["']?\s*:/.exec(line);
      return key ? key[1] : undefined;
    }
  }
  return undefined;
}

/** How far back a constant handed to a sink is looked for (`API_KEY = "…"` near the top of a file). */
const CONSTANT_WINDOW = 20000;
/**
 * Look-ups in one text answered by searching the window directly; past this many, the text's
 * assignments are indexed once and every later look-up is a binary search. Searching the window
 * costs up to CONSTANT_WINDOW characters a look-up: a file of sinks each naming a constant
 * defined nowhere cost 20,000 characters per sink (about 2 MB/s), and before the window was
 * enforced on the search itself, the whole text per sink (quadratic; issue 11).
 */
const DIRECT_LOOKUPS = 8;
/**
 * In code, a sink's option often names a constant set earlier in the file:
 * `API_KEY = "…"` then `Client(api_key=API_KEY)`, or `const apiKey = '…'` then
 * `new Client({ apiKey })`. Returns the literal the nearest earlier assignment gives the name,
 * looking back a bounded window. The ESLint rule does the same through scope analysis.
 */
export function resolveConstant(text: string, name: { start: number; end: number }, kind: FileKind): ValueSpan | undefined {
  if (unquotedKind(kind) && kind !== 'other') return undefined;
  let variable: string | undefined;
  const after = text.slice(name.end, name.end + 120);
  const reference = /^["']?[ \t]*(?:=(?![=>])|:(?!:))[ \t]*([A-Za-z_$][\w$]*)[ \t]*(?=[,)}\r\n]|$)/.exec(after);
  if (reference) variable = reference[1];
  else if (/^[ \t]*[,}]/.test(after) && /[{,][ \t\r\n]*$/.test(text.slice(Math.max(0, name.start - 40), name.start))) {
    variable = text.slice(name.start, name.end); // shorthand: `new Client({ apiKey })`
  }
  return variable ? literalAssignedTo(text, variable, name.start) : undefined;
}

/** The assignment operator after a constant's name: `=`, `:=`, an annotation then `=` (`key: str = `). */
const ASSIGNMENT_AFTER_NAME = /^[ \t]*(?::[ \t]*[\w.<>[\]|&' ]{1,40})?:?=(?![=>])[ \t]*/;

/** Where the value assigned to the name occurrence at `at` starts, when an assignment operator follows it. */
function assignedValueStart(text: string, at: number, length: number): number | undefined {
  if (IDENT_CHAR.test(text[at - 1]) || IDENT_CHAR.test(text[at + length])) return undefined;
  const assignment = ASSIGNMENT_AFTER_NAME.exec(text.slice(at + length, at + length + 60));
  return assignment ? at + length + assignment[0].length : undefined;
}

/**
 * The quoted literal that the nearest earlier assignment of `variable` before `before` gives it
 * (`KEY = "…"`, `const key: string = '…'`, Go's `key := "…"`), looking back CONSTANT_WINDOW
 * characters. The nearest assignment decides: when it is no quoted literal, nothing is returned.
 */
export function literalAssignedTo(text: string, variable: string, before: number): ValueSpan | undefined {
  if (/^(?:None|null|nil|undefined|true|false|self|this)$/.test(variable)) return undefined;
  const stop = Math.max(0, before - CONSTANT_WINDOW);
  const index = assignmentsIn(text);
  const at = index ? index.nearest(variable, stop, before) : nearestAssignment(text, variable, stop, before);
  if (at === undefined) return undefined;
  return readQuoted(text, assignedValueStart(text, at, variable.length)!);
}

/** The nearest occurrence of `variable` in [stop, before) that an assignment operator follows, searched in that window. */
function nearestAssignment(text: string, variable: string, stop: number, before: number): number | undefined {
  // Searched in the window only: `lastIndexOf` on the whole text would go back to its start
  // for a name that occurs nowhere before.
  const window = text.slice(stop, before);
  let searched = window.length;
  for (let found = window.lastIndexOf(variable); found !== -1; found = found === 0 ? -1 : window.lastIndexOf(variable, found - 1)) {
    meterWork(searched - found);
    searched = found;
    if (assignedValueStart(text, stop + found, variable.length) !== undefined) return stop + found;
  }
  meterWork(searched);
  return undefined;
}

/** One text's assignments, by name: what `literalAssignedTo` searches once a text has many look-ups. */
interface AssignmentIndex {
  nearest(variable: string, stop: number, before: number): number | undefined;
}

/** The text's assignment index, built on its DIRECT_LOOKUPS-th look-up; undefined before that. */
function assignmentsIn(text: string): AssignmentIndex | undefined {
  const indexed = memoFor<{ lookups: number; index?: AssignmentIndex }>(text, 'assignments', () => ({ lookups: 0 }));
  if (indexed.index) return indexed.index;
  if (++indexed.lookups <= DIRECT_LOOKUPS) return undefined;
  indexed.index = indexAssignments(text);
  return indexed.index;
}

const isNameCode = (code: number): boolean =>
  (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 36;
/** The characters of a type annotation (`: str`, `: Record<string, string>`), as ASSIGNMENT_AFTER_NAME reads them. */
const isAnnotationChar = (ch: string): boolean => /[\w.<>[\]|&' \t]/.test(ch);

/**
 * Every name occurrence that an assignment operator follows, found from each `=` by reading
 * back over the operator, an optional annotation and the name, and kept only where
 * `assignedValueStart` (the forward reading `nearestAssignment` uses) agrees: both give the same
 * nearest assignment. One pass over the text.
 */
function indexAssignments(text: string): AssignmentIndex {
  const byName = new Map<string, number[]>();
  const add = (nameEnd: number): void => {
    let start = nameEnd;
    while (start > 0 && isNameCode(text.charCodeAt(start - 1))) start--;
    // Each name that ends here: the whole word and, after a `$` in it, what follows (`$key`, `key`).
    for (let at = start; at < nameEnd; at++) {
      if (at !== start && text[at - 1] !== '$') continue;
      const name = text.slice(at, nameEnd);
      if (assignedValueStart(text, at, name.length) === undefined) continue;
      const list = byName.get(name);
      if (list === undefined) byName.set(name, [at]);
      else if (list[list.length - 1] !== at) list.push(at);
    }
  };
  const skipSpacesBack = (at: number): number => {
    while (at > 0 && (text[at - 1] === ' ' || text[at - 1] === '\t')) at--;
    return at;
  };
  for (let equals = text.indexOf('='); equals !== -1; equals = text.indexOf('=', equals + 1)) {
    meterWork(1);
    const next = text[equals + 1];
    if (next === '=' || next === '>') continue;
    const operator = text[equals - 1] === ':' ? equals - 1 : equals;
    add(skipSpacesBack(operator));
    // `name: annotation =`: a colon at most 41 characters back, over annotation characters only.
    for (let colon = operator - 1; colon >= 0 && operator - colon <= 60; colon--) {
      meterWork(1);
      const ch = text[colon];
      if (ch === ':') {
        if (colon < operator - 1) add(skipSpacesBack(colon));
        break;
      }
      if (!isAnnotationChar(ch)) break;
    }
  }
  for (const list of byName.values()) list.sort((a, b) => a - b);
  return {
    nearest(variable, stop, before) {
      const list = byName.get(variable);
      if (!list) return undefined;
      const low = lowerBound(list, before);
      return low > 0 && list[low - 1] >= stop ? list[low - 1] : undefined;
    },
  };
}
