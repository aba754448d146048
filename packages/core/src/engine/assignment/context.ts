/**
 * Where a value sits, for the assignment engine: the call or section around it, the YAML
 * parent or INI header above it, the object naming its provider, and the literal an earlier
 * constant gives a name. Each looks back a bounded window.
 */
import type { FileKind } from '../../types';
import { CONTEXT_WINDOW, IDENT_CHAR, lineStartOf, readQuoted, unquotedKind, type ValueSpan } from './read';

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
      const section = /["']?([\w.:-]+)["']?\s*(?:=>|[:=])\s*$/.exec(before);
      if (ch !== '(' && section) return { name: section[1], kind: 'section' };
      // `variable "acme_api_key" {`, `acme {`: a Terraform or HCL block.
      // The label ends `before` (not merely some line of it: `m` makes `$` match at every line end,
      // and a bare word on an earlier line is no label of this brace).
      const label = /(?:["']([\w.-]+)["']|^[ \t]*([A-Za-z_][\w-]*))[ \t]*(?![\s\S])/m.exec(before);
      if (ch === '{' && label) return { name: label[1] ?? label[2], kind: 'section' };
      if (ch === '[' || (braceAlone && !/\b(?:class|struct|record|interface|object)\s+\w+$/.test(before))) return undefined;
      const callee = /([A-Za-z_][\w.:]*(?:::Client\.new|\.new)?)\s*(?:<[^<>()]*>)?\s*$/.exec(before);
      if (!callee) return undefined;
      // C#'s target-typed `ChatClient client = new(…)`: the type is on the left.
      if (callee[1] === 'new') {
        const typed = /([A-Za-z_][\w.]*)(?:<[^<>()]*>)?[ \t]+[A-Za-z_]\w*[ \t]*=[ \t]*new$/.exec(before);
        return typed ? { name: typed[1], kind: 'call' } : undefined;
      }
      return { name: callee[1], kind: 'call' };
    }
  }
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
      if (ch !== '{') return false;
      const after = text.slice(at, Math.min(text.length, at + 300));
      const close = after.indexOf('}');
      return providerMember.test(text.slice(i, at)) || providerMember.test(close === -1 ? after : after.slice(0, close));
    }
  }
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
const CONSTANT_TRIES = 20;

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

/**
 * The quoted literal that the nearest earlier assignment of `variable` before `before` gives it
 * (`KEY = "…"`, `const key: string = '…'`, Go's `key := "…"`), looking back a bounded window.
 */
export function literalAssignedTo(text: string, variable: string, before: number): ValueSpan | undefined {
  if (/^(?:None|null|nil|undefined|true|false|self|this)$/.test(variable)) return undefined;
  const stop = Math.max(0, before - CONSTANT_WINDOW);
  let at = before;
  for (let tries = 0; tries < CONSTANT_TRIES; tries++) {
    at = text.lastIndexOf(variable, at - 1);
    if (at < stop || at === -1) return undefined;
    if (IDENT_CHAR.test(text[at - 1]) || IDENT_CHAR.test(text[at + variable.length])) continue;
    const assignment = /^[ \t]*(?::[ \t]*[\w.<>[\]|&' ]{1,40})?:?=(?![=>])[ \t]*/.exec(
      text.slice(at + variable.length, at + variable.length + 60),
    );
    if (!assignment) continue;
    return readQuoted(text, at + variable.length + assignment[0].length);
  }
  return undefined;
}
