import { defineRule } from '../define-rule';
import { holdsUnquotedLiterals } from '../engine/file-kind';
import { isPlaceholderValue } from '../engine/placeholder';
import type { FileKind, MatchContext, RawFinding } from '../types';
import { isOpenAIKeyName, isSinkCallee, POSITIONAL_SINK_CALLEES, SINK_OPTION_NAMES } from './sinks';

/**
 * A hard-coded string handed to an OpenAI key sink, whatever it looks like: an Azure key, a
 * proxy token, a key of a shape OpenAI has not issued yet. The name or the call it is given to
 * says it is a key; the value only has to be a literal that is not a placeholder or a reference.
 *
 * Three kinds of match, one pattern each:
 * 1. a name that says "OpenAI key" (`OPENAI_API_KEY=…`, `openai.api_key = …`, `openAIApiKey:`);
 * 2. a generic option name (`api_key=`, `apiKey:`) inside an OpenAI constructor's arguments,
 *    an `openai:` config section or a Ruby `OpenAI.configure` block;
 * 3. the first argument of a call that takes the key (`OpenAI::client('…')`).
 */

const IDENT_CHAR = { test: (ch: string | undefined): boolean => ch !== undefined && isIdentCode(ch.charCodeAt(0)) };
function isIdentCode(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 46 || code === 45;
}
/** How far a match looks around itself; bounds keep the scan linear. */
const MAX_NAME = 100;
const MAX_VALUE = 400;
const CONTEXT_WINDOW = 2000;
/** How far back the start of a line is looked for when only a short prefix matters. */
const LINE_WINDOW = 200;

interface ValueSpan {
  start: number;
  end: number;
  quoted: boolean;
}

const isSpace = (ch: string | undefined): boolean => ch === ' ' || ch === '\t';

/** Characters that end an unquoted value: white space, quotes, separators and brackets. */
const UNQUOTED_STOPS = new Uint8Array(128);
for (const ch of ' \t\r\n\f\v"\'`;,#&()[]{}<>') UNQUOTED_STOPS[ch.charCodeAt(0)] = 1;
const endsUnquoted = (code: number): boolean => code < 128 ? UNQUOTED_STOPS[code] === 1 : code === 0xa0 || code === 0x2028 || code === 0x2029 || code === 0xfeff;

function skipSpaces(text: string, at: number): number {
  while (isSpace(text[at])) at++;
  return at;
}

/**
 * Reads a literal value at `at`: a quoted string (also `\"…\"` inside JSON and notebooks,
 * Python's `r"…"`, C#'s `@"…"`), or, where the file kind allows (or `unquoted` says the
 * context does), an unquoted word.
 */
function readValue(text: string, at: number, kind: FileKind, unquoted = false): ValueSpan | undefined {
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
  const stopAtBackslash = kind === 'notebook' || kind === 'json' || unquoted;
  while (end < limit && !endsUnquoted(text.charCodeAt(end)) && !(stopAtBackslash && text[end] === '\\')) {
    // `=` inside a word starts another assignment (`A=B=c`); at the end it is base64 padding.
    if (text[end] === '=' && isIdentCode(text.charCodeAt(end + 1)) && text[end + 1] !== '.' && text[end + 1] !== '-') break;
    end++;
  }
  if (end === start || (end === limit && limit < text.length)) return undefined;
  // An expression, not a literal: a call or subscript (`os.getenv(…)`, `os.environ[…]`), a
  // dotted name (`settings.openai_key`), or, outside env-style files, a bare identifier.
  if (text[end] === '(' || text[end] === '[') return undefined;
  const word = text.slice(start, end);
  if (/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(word)) return undefined;
  const envStyle = kind === 'env' || kind === 'shell' || kind === 'dockerfile' || kind === 'yaml' || kind === 'ini' || kind === 'properties' || kind === 'toml';
  if (!envStyle && /^[A-Za-z_$][A-Za-z_$]*$/.test(word)) return undefined;
  // In code, an unquoted word is a literal only when it looks like a token, not a variable.
  if (!unquotedKind(kind) && (word.length < 12 || /^[A-Za-z_$][\w$]*$/.test(word) && word.includes('_'))) return undefined;
  return { start, end, quoted: false };
}

const unquotedKind = (kind: FileKind): boolean => holdsUnquotedLiterals(kind) || kind === 'notebook';

/** `"\"v\""` (Gradle's buildConfigField): the value is inside the escaped quotes. */
function unwrapEscapedQuotes(text: string, value: ValueSpan): ValueSpan {
  const inner = text.slice(value.start, value.end);
  if (inner.length > 4 && /^\\["']/.test(inner) && /\\["']$/.test(inner)) return { start: value.start + 2, end: value.end - 2, quoted: true };
  return value;
}

/** The text of an XML element or `key="name">text<`: up to the next `<`, on one line. */
function readElementText(text: string, at: number): ValueSpan | undefined {
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
function readAssignedValue(
  text: string,
  nameEnd: number,
  kind: FileKind,
  options: { comma: boolean; space: boolean; unquoted?: boolean },
): ValueSpan | undefined {
  let at = nameEnd;
  if (text[at] === '\\' && /["']/.test(text[at + 1] ?? '')) at += 2;
  else if (/["'`]/.test(text[at] ?? '')) at++;
  if (text[at] === ']') at++;
  // `<OpenAIKey>v</OpenAIKey>`, `<string name="openai_api_key">v</string>`.
  if (text[at] === '>' && (kind === 'xml' || /["']/.test(text[at - 1]))) return readElementText(text, at + 1);
  at = skipSpaces(text, at);
  const ch = text[at];
  const next = text[at + 1];
  if (ch === '=' && next !== '=' && next !== '~') {
    at = at + (next === '>' ? 2 : 1);
  } else if ((ch === ':' || ch === '?') && next === '=') {
    at += 2;
  } else if (ch === ':' && next !== ':') {
    at++;
    // A type annotation: `key: str = "v"`, `apiKey: string = 'v'`, Rust's `KEY: &str = "v"`.
    // Only in code: in YAML or an env file `key: abc=` is a value ending in base64 padding.
    const annotation = unquotedKind(kind) ? null : /^[ \t]*(?:&(?:'static[ \t]+)?)?[A-Za-z_][\w.[\]|]{0,40}[ \t]*=(?!=)/.exec(text.slice(at, at + 60));
    if (annotation) at += annotation[0].length;
  } else if (ch === ',' && options.comma) {
    at++;
  } else if (options.space && at > nameEnd) {
    // `ENV OPENAI_API_KEY value`: the space was the separator.
  } else if (ch === '>' && text[nameEnd] === '>') {
    at++;
  } else {
    return undefined;
  }
  at = skipSpaces(text, at);
  // A literal wrapped in a secret type is still a literal: `SecretStr("…")`, `Secret::new("…")`.
  const wrapper = /^(?:SecretStr|SecretString|Secret|Secret::new|String|str)\([ \t]*/.exec(text.slice(at, at + 20));
  if (wrapper) return readQuoted(text, at + wrapper[0].length);
  return readValue(text, at, kind, options.unquoted);
}

/** The identifier (letters, digits, `_ . -`) around a match, bounded. */
function expandIdentifier(text: string, start: number, end: number): { start: number; end: number } {
  let left = start;
  while (left > 0 && start - left < MAX_NAME && IDENT_CHAR.test(text[left - 1])) left--;
  let right = end;
  while (right < text.length && right - end < MAX_NAME && IDENT_CHAR.test(text[right])) right++;
  // .NET configuration keys join sections with colons: `"OpenAI:ApiKey"`, `OpenAI:ApiKey=…`.
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

const isLineStart = (text: string, at: number): boolean => /^[ \t]*$/.test(text.slice(lineStartOf(text, at, LINE_WINDOW), at));

/**
 * Where the line holding `at` starts, looking back at most CONTEXT_WINDOW characters: on a
 * megabyte-long line an unbounded look-back per match would make the scan quadratic.
 */
function lineStartOf(text: string, at: number, window = CONTEXT_WINDOW): number {
  const stop = Math.max(0, at - window);
  for (let i = at - 1; i >= stop; i--) if (text.charCodeAt(i) === 10) return i + 1;
  return stop;
}

function finding(text: string, value: ValueSpan | undefined): RawFinding[] {
  if (!value) return [];
  const literal = text.slice(value.start, value.end);
  if (isPlaceholderValue(literal)) return [];
  return [{ ruleId: 'openai-key-assignment', start: value.start, end: value.end, label: 'hard-coded key' }];
}

/**
 * Calls that set a variable from their second argument: `os.environ.setdefault("K", "v")`,
 * `define('K', 'v')`, `buildConfigField("String", "K", "\"v\"")`, `INSERT … VALUES ('k', 'v')`.
 * The line before the name must be the call and quoted arguments only.
 */
const SETTER_CALL =
  /\b(?:setdefault|putenv|setenv|Setenv|set_var|setProperty|SetEnvironmentVariable|store|update|define|buildConfigField|put|putString|setItem|VALUES|values)[ \t]*\(?(?:[ \t]*["'][^"'\n]*["'][ \t]*,)*[ \t]*$/;

/** After an environment read, a `??`, `||` or `or` fallback: `process.env.OPENAI_API_KEY ?? "…"`. */
const FALLBACK = /^["']?[ \t]*[)\]]?[ \t]*(?:\?\?|\|\||\bor\b)[ \t]*/;
/** After the quoted name in a read, its default: `, "…"` or `, default="…"`. */
const DEFAULT_ARGUMENT = /^["'][ \t]*,[ \t]*(?:default[ \t]*=[ \t]*)?/;

/** A quoted literal only: where an unquoted word would be an expression. */
function readQuoted(text: string, at: number): ValueSpan | undefined {
  return /["'`]/.test(text[at] ?? '') ? readValue(text, at, 'javascript') : undefined;
}

/** A name of the environment-variable style: `OPENAI_API_KEY`, `AZURE_OPENAI_KEY`. */
const isEnvStyleName = (name: string): boolean => /^[A-Z][A-Z0-9_]*$/.test(name);

/** After a `name: "OPENAI_API_KEY"` or `key="OpenAIKey"`, the `value` that goes with it, a line away at most. */
const PAIRED_VALUE = /^["']?[ \t]*(?:,[ \t]*|\r?\n[ \t]*-?[ \t]*|[ \t]+)["']?value["']?[ \t]*[:=][ \t]*/;

/** Kind 1: a name that says it holds an OpenAI key. */
function validateKeyName(context: MatchContext): RawFinding[] {
  const { text, start, end, fileKind } = context;
  const name = expandIdentifier(text, start, end);
  // Another `openai` inside the same name would read the same name again.
  context.skipTo = name.end;
  const nameText = text.slice(name.start, name.end);
  if (!isOpenAIKeyName(nameText)) return [];
  let before = name.start;
  let quotedName = false;
  if (/["'`]/.test(text[before - 1] ?? '')) {
    quotedName = true;
    before--;
    if (text[before - 1] === '\\') before--;
  }
  const prefix = text.slice(Math.max(0, before - 40), before);
  // `$OPENAI_API_KEY` and `${OPENAI_API_KEY}` read the variable (PHP's `$name = …` assigns).
  if (!quotedName && /\$\{?$/.test(prefix) && fileKind !== 'php') return [];
  // `%OPENAI_API_KEY%` (Windows) and `$(OPENAI_API_KEY)` (make) read it too.
  if (!quotedName && (/%$/.test(prefix) || /\$\($/.test(prefix))) return [];
  const lineStart = lineStartOf(text, name.start, LINE_WINDOW);
  const setter = quotedName && SETTER_CALL.test(text.slice(Math.max(lineStart, before - 120), before));
  // A read (`os.getenv("OPENAI_API_KEY")`, `process.env.OPENAI_API_KEY`) is the remedy, but a
  // literal fallback in it is hard-coded all the same: `os.getenv("OPENAI_API_KEY", "…")`,
  // `env.str("OPENAI_API_KEY", default="…")`, `process.env.OPENAI_API_KEY ?? "…"`.
  const after = text.slice(name.end, name.end + 40);
  const fallback = FALLBACK.exec(after);
  if (fallback) return finding(text, readQuoted(text, name.end + fallback[0].length));
  // A named argument is an assignment: `Sys.setenv(OPENAI_API_KEY = "…")`, `dict(openai_key="…")`.
  const namedArgument = !quotedName && /^[ \t]*=(?![=>])/.test(after);
  if (/\(\s*$/.test(prefix) && !setter && !namedArgument) {
    const defaulted = quotedName && /\b(?:getenv|get|str|env|config|getProperty|GetEnvironmentVariable|getOrDefault|fetch)[ \t]*\([ \t]*$/.test(prefix) ? DEFAULT_ARGUMENT.exec(after) : null;
    return defaulted ? finding(text, readQuoted(text, name.end + defaulted[0].length)) : [];
  }
  // Kubernetes, Terraform, Postman and appSettings: `name: OPENAI_API_KEY` then `value: "…"`.
  if (/\b(?:name|key)["']?\s*[:=]\s*$/i.test(prefix)) {
    const paired = PAIRED_VALUE.exec(text.slice(name.end, name.end + 200));
    if (paired) return finding(text, readValue(text, name.end + paired[0].length, fileKind === 'json' || fileKind === 'xml' ? 'json' : 'yaml'));
    if (quotedName && /["']>/.test(text.slice(name.end, name.end + 2))) return finding(text, readElementText(text, name.end + 2));
    return [];
  }
  const linePrefix = text.slice(lineStart, name.start);
  const space = /^\s*(?:ENV|ARG|setenv|setx|set\s+-\w+|set|#\s*define)\s+$/i.test(linePrefix) && fileKind !== 'python';
  // An iOS property list: `<key>OPENAI_API_KEY</key>` then `<string>…</string>`.
  if (/<key>$/.test(prefix)) {
    const plist = /^<\/key>\s{0,200}?<string>/.exec(text.slice(name.end, name.end + 220));
    return plist ? finding(text, readElementText(text, name.end + plist[0].length)) : [];
  }
  // `OPENAI_API_KEY=v` inside a command line (a package.json script, a notebook's `%env`) is a
  // literal even in a code file: an environment name directly followed by `=`.
  const unquoted = isEnvStyleName(nameText) && text[name.end] === '=';
  return finding(text, readAssignedValue(text, name.end, fileKind, { comma: setter, space, unquoted }));
}

interface Enclosing {
  name: string;
  /** A call's arguments (`OpenAI(…)`), or a section of a document (`"OpenAI": {`, `'openai' => [`, `variable "openai_api_key" {`). */
  kind: 'call' | 'section';
}

/**
 * The call or section that the offset sits inside, looking back at most CONTEXT_WINDOW
 * characters: the callee before the nearest unclosed `(` or `{`, the key before an unclosed
 * `{` or `[` (`"OpenAI": {`, `'openai' => [`), or a block's label (`variable "openai_api_key" {`).
 */
function enclosingCallee(text: string, at: number): Enclosing | undefined {
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
      // `new OpenAI({`: step over the call's own parenthesis.
      if (ch === '{' && text[j - 1] === '(') {
        j--;
        while (j > stop && /\s/.test(text[j - 1])) j--;
      }
      const before = text.slice(Math.max(stop, j - 120), j);
      // `"OpenAI": {`, `openai = {` and `'openai' => [`: a section of a JSON, TOML or PHP document.
      const section = /["']?([\w.:-]+)["']?\s*(?:=>|[:=])\s*$/.exec(before);
      if (ch !== '(' && section) return { name: section[1], kind: 'section' };
      // `variable "openai_api_key" {`, `openai {`: a Terraform or HCL block.
      const label = /(?:["']([\w.-]+)["']|^[ \t]*([A-Za-z_][\w-]*))[ \t]*$/m.exec(before);
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

/** A member naming OpenAI as the provider of its object: `"provider": "openai"`, `name: 'openai'`. */
const PROVIDER_MEMBER = /["']?(?:provider|type|name|api_type|vendor|kind)["']?[ \t]*[:=][ \t]*["'](?:azure[_-]?)?open_?ai["']/i;

/**
 * True when the object literal around `at` names OpenAI as its provider, before or after the
 * key: `{"provider": "openai", "apiKey": "…"}`, `{ apiKey: '…', provider: 'openai' }`.
 * Looks back at most CONTEXT_WINDOW characters for the opening brace and 300 past `at`.
 */
function objectNamesOpenAI(text: string, at: number): boolean {
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
      return PROVIDER_MEMBER.test(text.slice(i, at)) || PROVIDER_MEMBER.test(close === -1 ? after : after.slice(0, close));
    }
  }
  return false;
}

/** A line naming OpenAI as the provider of its block. */
const PROVIDER_LINE = /^\s*-?\s*["']?(?:provider|type|api_type|client|vendor)["']?\s*[:=]\s*["']?(?:azure[_-]?)?open_?ai\b/i;

/** The YAML parent key or the TOML/INI section header above a line, looking back a bounded window. */
function enclosingSection(text: string, at: number): string | undefined {
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
    // A sibling or the list item that says the block is OpenAI's: `- provider: openai` then
    // `apiKey: …` (Continue, LiteLLM-style configs), `provider = "openai"` in a TOML table.
    if (lineIndent <= indent && PROVIDER_LINE.test(line)) return 'openai';
    if (lineIndent < indent) {
      const key = /^\s*-?\s*["']?([\w.-]+)["']?\s*:/.exec(line);
      return key ? key[1] : undefined;
    }
  }
  return undefined;
}

/**
 * Names that hold the key only inside a section named for OpenAI (`"OpenAI": { "Key": … }`,
 * `[openai]` then `key = …`, `variable "openai_api_key" { default = … }`), never in a call.
 */
const SECTION_OPTION_NAMES = ['key', 'default', 'secret', 'api_token'];

/** Kind 2: a generic option name, a sink only inside an OpenAI call, section or block. */
function validateOption(context: MatchContext, sectionOnly: boolean): RawFinding[] {
  const { text, start, end, fileKind } = context;
  const name = expandIdentifier(text, start, end);
  if (name.start !== start || name.end !== end) {
    if (sectionOnly) return [];
    // Part of a longer name (`my_api_key`, `config.api_key`): only `x.apiKey` on a client is a sink.
    const whole = text.slice(name.start, name.end);
    if (isOpenAIKeyName(whole)) return []; // kind 1 reports it
    if (!/^(?:config|c|configuration|options|opts|client|settings)\.(?:api_?key|access_?token|apiKey)$/i.test(whole)) return [];
  }
  // The value first: it is cheap to read and rules most matches out before the context look-back.
  const value = readAssignedValue(text, name.end, fileKind, { comma: false, space: false });
  const found = value ? finding(text, value) : sectionOnly ? [] : finding(text, resolveConstant(text, name, fileKind));
  if (found.length === 0) return [];
  const enclosing = enclosingCallee(text, name.start);
  const openAISection = (section: string | undefined): boolean => section !== undefined && /open_?ai/i.test(section);
  if (sectionOnly) {
    // `key`, `default` and `secret` are common words: inside an OpenAI section the value must
    // also look like a credential (letters and digits, not `gpt-4o-mini` or `us-east-1`), and
    // `default` counts only in a block named for the key (`variable "openai_api_key" {`).
    const literal = text.slice(found[0].start, found[0].end);
    if (!/[0-9]/.test(literal) || !/[A-Za-z]/.test(literal) || /^[a-z0-9]{1,12}(?:[-.:][a-z0-9]{1,12})+$/i.test(literal)) return [];
    if (text.slice(name.start, name.end) === 'default') {
      return enclosing?.kind === 'section' && isOpenAIKeyName(enclosing.name) ? found : [];
    }
  }
  if (enclosing && (sectionOnly ? enclosing.kind === 'section' && openAISection(enclosing.name) : isSinkCallee(enclosing.name))) return found;
  if (openAISection(enclosingSection(text, name.start))) return found;
  if (objectNamesOpenAI(text, name.start)) return found;
  // Elixir: `config :openai, api_key: "…"`.
  const elixir = text.slice(Math.max(0, name.start - 300), name.start);
  const config = elixir.lastIndexOf('config :');
  if (config !== -1 && /^config :open_?ai\w*\s*,/i.test(elixir.slice(config)) && !/\n\s*\n/.test(elixir.slice(config))) return found;
  if (sectionOnly) return [];
  const window = text.slice(Math.max(0, name.start - 600), name.start);
  const configure = window.lastIndexOf('OpenAI.configure');
  return configure !== -1 && !/\n\s*end\b/.test(window.slice(configure)) ? found : [];
}

/** How far back a constant handed to a sink is looked for (`API_KEY = "…"` near the top of a file). */
const CONSTANT_WINDOW = 20000;
const CONSTANT_TRIES = 20;

/**
 * In code, a sink's option often names a constant set earlier in the file:
 * `API_KEY = "…"` then `OpenAI(api_key=API_KEY)`, or `const apiKey = '…'` then
 * `new OpenAI({ apiKey })`. Returns the literal the nearest earlier assignment gives the name,
 * looking back a bounded window. The ESLint rule does the same through scope analysis.
 */
function resolveConstant(text: string, name: { start: number; end: number }, kind: FileKind): ValueSpan | undefined {
  if (unquotedKind(kind) && kind !== 'other') return undefined;
  let variable: string | undefined;
  const after = text.slice(name.end, name.end + 120);
  const reference = /^["']?[ \t]*(?:=(?![=>])|:(?!:))[ \t]*([A-Za-z_$][\w$]*)[ \t]*(?=[,)}\r\n]|$)/.exec(after);
  if (reference) variable = reference[1];
  else if (/^[ \t]*[,}]/.test(after) && /[{,][ \t\r\n]*$/.test(text.slice(Math.max(0, name.start - 40), name.start))) {
    variable = text.slice(name.start, name.end); // shorthand: `new OpenAI({ apiKey })`
  }
  return variable ? literalAssignedTo(text, variable, name.start) : undefined;
}

/**
 * The quoted literal that the nearest earlier assignment of `variable` before `before` gives it
 * (`KEY = "…"`, `const key: string = '…'`, Go's `key := "…"`), looking back a bounded window.
 */
function literalAssignedTo(text: string, variable: string, before: number): ValueSpan | undefined {
  if (/^(?:None|null|nil|undefined|true|false|self|this)$/.test(variable)) return undefined;
  const stop = Math.max(0, before - CONSTANT_WINDOW);
  let at = before;
  for (let tries = 0; tries < CONSTANT_TRIES; tries++) {
    at = text.lastIndexOf(variable, at - 1);
    if (at < stop || at === -1) return undefined;
    if (IDENT_CHAR.test(text[at - 1]) || IDENT_CHAR.test(text[at + variable.length])) continue;
    const assignment = /^[ \t]*(?::[ \t]*[\w.<>[\]|&' ]{1,40})?:?=(?![=>])[ \t]*/.exec(text.slice(at + variable.length, at + variable.length + 60));
    if (!assignment) continue;
    return readQuoted(text, at + variable.length + assignment[0].length);
  }
  return undefined;
}

/** Kind 3: the first argument of a call that takes the key. */
function validatePositional({ text, end, fileKind }: MatchContext): RawFinding[] {
  const at = skipSpaces(text, end);
  const value = readValue(text, at, fileKind === 'json' || fileKind === 'notebook' ? fileKind : 'javascript');
  if (value) return finding(text, value);
  // A constant set earlier: `apiKey := "…"` then `openai.NewClient(apiKey)`.
  const name = /^([A-Za-z_$][\w$]*)[ \t]*[,)]/.exec(text.slice(at, at + 80));
  return name && (!unquotedKind(fileKind) || fileKind === 'other') ? finding(text, literalAssignedTo(text, name[1], at)) : [];
}

/** How far from an OpenAI host or name a bearer token counts as an OpenAI key (either side). */
const BEARER_WINDOW = 600;

/**
 * A token sent to the OpenAI API in a header: `Authorization: Bearer …` (or Azure's
 * `api-key: …`) in a curl command, an HTTP file, a `fetch` or `requests` call, when an OpenAI
 * host or name stands within BEARER_WINDOW characters. An `sk-` key there is `openai-api-key`'s.
 */
function validateBearer({ text, start, end }: MatchContext): RawFinding[] {
  const near = text.slice(Math.max(0, start - BEARER_WINDOW), Math.min(text.length, end + BEARER_WINDOW));
  if (!/open_?ai/i.test(near)) return [];
  let stop = end;
  const limit = Math.min(text.length, end + MAX_VALUE);
  while (stop < limit && /[A-Za-z0-9._~+/=:-]/.test(text[stop])) stop++;
  if (stop === end) return [];
  // Part of a longer expression (`"Bearer " + key`, `Bearer ${key}`, `f"Bearer {key}"`).
  if (/[$\{(]/.test(text[stop] ?? '')) return [];
  return finding(text, { start: end, end: stop, quoted: false });
}

/**
 * The .NET SDK's clients take the model, then the key: `new ChatClient("gpt-4o", "…")`.
 * Source: openai-dotnet's README.
 */
const SECOND_ARGUMENT_SINKS = ['ChatClient', 'EmbeddingClient', 'ImageClient', 'AudioClient', 'ModerationClient'];

/** The second argument, when the first is a quoted string (the model). */
function validateSecondArgument({ text, end }: MatchContext): RawFinding[] {
  const model = readQuoted(text, skipSpaces(text, end));
  if (!model) return [];
  const comma = /^["'][ \t]*,[ \t]*/.exec(text.slice(model.end, model.end + 20));
  return comma ? finding(text, readQuoted(text, model.end + comma[0].length)) : [];
}

const escapeForPattern = (name: string): string => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export const openaiKeyAssignment = defineRule({
  id: 'openai-key-assignment',
  description: 'Hard-coded value given to an OpenAI key sink (OPENAI_API_KEY=…, api_key=…, new OpenAI({ apiKey }))',
  help:
    'A literal value is handed to something that expects an OpenAI API key. Even when it is not an ' +
    'sk- key (an Azure key, a proxy token), it is a credential in the source. Rotate it if it was ' +
    'ever committed, then read it from the environment: os.environ["OPENAI_API_KEY"] in Python, ' +
    'process.env.OPENAI_API_KEY in Node.js, or your secrets manager.',
  // Every sink is in a file that mentions OpenAI somewhere (an import, a class, a variable name).
  // Keywords match case-sensitively on raw bytes, so the usual spellings are listed.
  keywords: ['openai', 'OpenAI', 'OPENAI', 'openAI', 'OpenAi', 'Openai', 'open_ai', 'OPEN_AI', 'Open_AI'],
  flags: 'i',
  patterns: [
    String.raw`open_?ai`,
    String.raw`\b(?:${SINK_OPTION_NAMES.map(escapeForPattern).join('|')})\b`,
    // Not inside a longer name (`getApiKey(`): the character before is not a letter or digit.
    String.raw`(?:^|[^A-Za-z0-9_])(?:${POSITIONAL_SINK_CALLEES.map(escapeForPattern).join('|')})[ \t]*\([ \t]*`,
    String.raw`\b(?:${SECTION_OPTION_NAMES.map(escapeForPattern).join('|')})\b`,
    String.raw`(?:^|[^A-Za-z0-9_.])(?:${SECOND_ARGUMENT_SINKS.join('|')})[ \t]*\([ \t]*`,
    String.raw`\b(?:Bearer[ \t]+|api-key["']?[ \t]*:[ \t]*["']?)`,
  ],
  validate(context): RawFinding[] {
    if (context.patternIndex === 0) return validateKeyName(context);
    if (context.patternIndex === 1) return validateOption(context, false);
    if (context.patternIndex === 2) return validatePositional(context);
    if (context.patternIndex === 3) return validateOption(context, true);
    if (context.patternIndex === 4) return validateSecondArgument(context);
    return validateBearer(context);
  },
  examples: {
    truePositives: [
      'openai.api_key = "{value}"',
      'client = OpenAI(api_key="{value}")',
      'client = AsyncAzureOpenAI(\n    azure_endpoint="https://x.openai.azure.com",\n    api_key="{value}",\n)',
      "const openai = new OpenAI({ apiKey: '{value}' });",
      "openai.apiKey = '{value}';",
      "process.env.OPENAI_API_KEY = '{value}';",
      'os.environ["OPENAI_API_KEY"] = "{value}"',
      'os.environ.setdefault("OPENAI_API_KEY", "{value}")',
      'OPENAI_API_KEY={value}',
      'export OPENAI_API_KEY="{value}"',
      'llm = ChatOpenAI(openai_api_key="{value}")',
      "const model = new ChatOpenAI({ openAIApiKey: '{value}' });",
      "const openai = createOpenAI({ apiKey: '{value}' });",
      '"openai.api_key = \\"{value}\\"\\n",',
      '$client = OpenAI::client(\'{value}\');',
      'client := openai.NewClient("{value}")',
      'OpenAI::Client.new(access_token: "{value}")',
      'OpenAIOkHttpClient.builder().apiKey("{value}").build()',
      '{ "OpenAI": { "ApiKey": "{value}", "Model": "gpt-4o" } }',
      '{ "AzureOpenAI": { "Key": "{value}" } }',
      '<add key="OpenAIApiKey" value="{value}" />',
      'env:\n  - name: OPENAI_API_KEY\n    value: "{value}"',
      "define('OPENAI_API_KEY', '{value}');",
      'variable "openai_api_key" {\n  default = "{value}"\n}',
      'client = OpenAI(base_url="https://openrouter.ai/api/v1", api_key="{key:openrouter}")',
      'OpenAiService service = new OpenAiService("{value}");',
      'OpenaiApiKey: "{value}"',
      'open_ai_api_key = "{value}"',
      'OPEN_AI_KEY={value}',
      'Open_AI_Key = "{value}"',
      'API_KEY = "{value}"\nclient = OpenAI(api_key=API_KEY)',
      "const apiKey = '{value}';\nconst openai = new OpenAI({ apiKey });",
      "const key = '{value}';\nconst openai = new OpenAI({\n  apiKey: key,\n});",
      'apiKey := "{value}"\nclient := openai.NewClient(apiKey)',
      'curl https://api.openai.com/v1/models -H "Authorization: Bearer {value}"',
      'headers = {"Authorization": "Bearer {value}"}\nrequests.post("https://api.openai.com/v1/chat/completions", headers=headers)',
      'curl "https://x.openai.azure.com/openai/deployments/gpt4/chat/completions" -H "api-key: {value}"',
    ],
    falsePositives: [
      'openai.api_key = os.getenv("OPENAI_API_KEY")',
      'client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])',
      'const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });',
      "const key = process.env.OPENAI_API_KEY ?? '';",
      'OPENAI_API_KEY=${OPENAI_API_KEY}',
      'OPENAI_API_KEY: ${{ secrets.OPENAI_API_KEY }}',
      'OPENAI_API_KEY=your-api-key-here',
      'OPENAI_API_KEY=<OPENAI_API_KEY>',
      'openai.api_key = None',
      'OPENAI_API_KEY=',
      'api_key = "{value}"',
      'if [ -z "$OPENAI_API_KEY" ]; then exit 1; fi',
      'OPENAI_API_KEY_FILE=/run/secrets/openai',
      'client = OpenAI(api_key="sk-...")',
      'client = OpenAI(api_key="{key:proj-unmarked}")',
      'env:\n  - name: OPENAI_API_KEY\n    valueFrom:\n      secretKeyRef:\n        name: openai\n        key: api-key',
      '{ "dependencies": { "openai": "^4.52.0" } }',
      'OPENAI_API_KEY=%(openai_key)s',
      'API_KEY = os.environ["OPENAI_API_KEY"]\nclient = OpenAI(api_key=API_KEY)',
      "const apiKey = process.env.OPENAI_API_KEY;\nconst openai = new OpenAI({ apiKey });",
      'key = "{value}"\nprint(len(key))\nclient = OpenAI(api_key=settings.key)',
      'curl https://api.openai.com/v1/models -H "Authorization: Bearer $OPENAI_API_KEY"',
      'headers = {"Authorization": f"Bearer {api_key}"}  # api.openai.com',
      "fetch('https://api.openai.com/v1/models', { headers: { Authorization: `Bearer ${key}` } })",
      'curl https://api.github.com/user -H "Authorization: Bearer {value}"',
    ],
  },
});

