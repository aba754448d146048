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

const IDENT_CHAR = /[A-Za-z0-9_.-]/;
/** How far a match looks around itself; bounds keep the scan linear. */
const MAX_NAME = 100;
const MAX_VALUE = 400;
const CONTEXT_WINDOW = 2000;

interface ValueSpan {
  start: number;
  end: number;
  quoted: boolean;
}

const isSpace = (ch: string | undefined): boolean => ch === ' ' || ch === '\t';

function skipSpaces(text: string, at: number): number {
  while (isSpace(text[at])) at++;
  return at;
}

/**
 * Reads a literal value at `at`: a quoted string (also `\"…\"` inside JSON and notebooks,
 * Python's `r"…"`, C#'s `@"…"`), or, where the file kind allows, an unquoted word.
 */
function readValue(text: string, at: number, kind: FileKind): ValueSpan | undefined {
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
      if (ch === quote) return { start: start + 1, end: i, quoted: true };
    }
    return undefined;
  }
  const unquotedAllowed = holdsUnquotedLiterals(kind) || kind === 'notebook';
  if (!unquotedAllowed) return undefined;
  let end = start;
  const limit = Math.min(text.length, start + MAX_VALUE);
  const stopAtBackslash = kind === 'notebook' || kind === 'json';
  while (end < limit && !/[\s"'`;,#()[\]{}<>]/.test(text[end]) && !(stopAtBackslash && text[end] === '\\')) end++;
  if (end === start) return undefined;
  // An expression, not a literal: a call or subscript (`os.getenv(…)`, `os.environ[…]`), a
  // dotted name (`settings.openai_key`), or, outside env-style files, a bare identifier.
  if (text[end] === '(' || text[end] === '[') return undefined;
  const word = text.slice(start, end);
  if (/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/.test(word)) return undefined;
  const envStyle = kind === 'env' || kind === 'shell' || kind === 'dockerfile' || kind === 'yaml' || kind === 'ini' || kind === 'properties' || kind === 'toml';
  if (!envStyle && /^[A-Za-z_$][A-Za-z_$]*$/.test(word)) return undefined;
  return { start, end, quoted: false };
}

/**
 * From just past a name, reads the assignment operator and the value:
 * `= "v"`, `: v`, `:= "v"`, `=> 'v'`, a Python or TypeScript annotation (`: str = "v"`),
 * `"] = "v"` after a subscript, `", "v"` inside `setdefault(…)`, or `ENV NAME v` in a Dockerfile.
 */
function readAssignedValue(text: string, nameEnd: number, kind: FileKind, options: { comma: boolean; space: boolean }): ValueSpan | undefined {
  let at = nameEnd;
  if (text[at] === '\\' && /["']/.test(text[at + 1] ?? '')) at += 2;
  else if (/["'`]/.test(text[at] ?? '')) at++;
  if (text[at] === ']') at++;
  at = skipSpaces(text, at);
  const ch = text[at];
  const next = text[at + 1];
  if (ch === '=' && next !== '=' && next !== '~') {
    at = at + (next === '>' ? 2 : 1);
  } else if (ch === ':' && next === '=') {
    at += 2;
  } else if (ch === ':' && next !== ':') {
    at++;
    // A type annotation: `key: str = "v"`, `apiKey: string = 'v'`.
    const annotation = /^[ \t]*[A-Za-z_][\w.[\]|]{0,40}[ \t]*=(?!=)/.exec(text.slice(at, at + 60));
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
  return readValue(text, at, kind);
}

/** The identifier (letters, digits, `_ . -`) around a match, bounded. */
function expandIdentifier(text: string, start: number, end: number): { start: number; end: number } {
  let left = start;
  while (left > 0 && start - left < MAX_NAME && IDENT_CHAR.test(text[left - 1])) left--;
  let right = end;
  while (right < text.length && right - end < MAX_NAME && IDENT_CHAR.test(text[right])) right++;
  // A trailing dot or hyphen belongs to the sentence, not the name.
  while (right > end && /[.-]/.test(text[right - 1])) right--;
  return { start: left, end: right };
}

const lineStartOf = (text: string, at: number): number => text.lastIndexOf('\n', at - 1) + 1;

function finding(text: string, value: ValueSpan | undefined): RawFinding[] {
  if (!value) return [];
  const literal = text.slice(value.start, value.end);
  if (isPlaceholderValue(literal)) return [];
  return [{ ruleId: 'openai-key-assignment', start: value.start, end: value.end, label: 'hard-coded key' }];
}

/** Functions that set a variable from their second argument (`os.environ.setdefault("K", "v")`). */
const SETTER_CALL = /(?:setdefault|putenv|setenv|Setenv|setProperty|SetEnvironmentVariable|store|update)\s*\(\s*$/;

/** Kind 1: a name that says it holds an OpenAI key. */
function validateKeyName({ text, start, end, fileKind }: MatchContext): RawFinding[] {
  const name = expandIdentifier(text, start, end);
  if (!isOpenAIKeyName(text.slice(name.start, name.end))) return [];
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
  const inCall = /\(\s*$/.test(prefix);
  if (inCall && !SETTER_CALL.test(prefix)) return []; // os.getenv("OPENAI_API_KEY"): a read
  // Kubernetes and compose: `- name: OPENAI_API_KEY` then `value: "…"` on the next line.
  if (/name:\s*$/.test(prefix) || /"name"\s*:\s*$/.test(prefix)) {
    const nextLine = text.indexOf('\n', name.end);
    if (nextLine === -1) return [];
    const valueLine = /^[ \t]*-?[ \t]*"?value"?[ \t]*:[ \t]*/.exec(text.slice(nextLine + 1, nextLine + 200));
    return valueLine ? finding(text, readValue(text, nextLine + 1 + valueLine[0].length, fileKind === 'json' ? 'json' : 'yaml')) : [];
  }
  const lineStart = lineStartOf(text, name.start);
  const linePrefix = text.slice(lineStart, name.start);
  const space = /^\s*(?:ENV|ARG|setenv|set\s+-\w+|set)\s+$/i.test(linePrefix) && fileKind !== 'python';
  return finding(text, readAssignedValue(text, name.end, fileKind, { comma: inCall, space }));
}

/**
 * The name of the call or section that the offset sits inside, looking back at most
 * CONTEXT_WINDOW characters: the callee before the nearest unclosed `(` or `{`, or the key
 * before an unclosed `{` in JSON (`"OpenAI": {`).
 */
function enclosingCallee(text: string, at: number): string | undefined {
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
      if (ch === '[') return undefined;
      let j = i;
      while (j > stop && /\s/.test(text[j - 1])) j--;
      // `new OpenAI({`: step over the call's own parenthesis.
      if (ch === '{' && text[j - 1] === '(') {
        j--;
        while (j > stop && /\s/.test(text[j - 1])) j--;
      }
      // `"OpenAI": {` and `openai = {`: a section of a JSON or TOML document.
      const section = /["']?([\w.-]+)["']?\s*[:=]\s*$/.exec(text.slice(Math.max(stop, j - 80), j));
      if (ch === '{' && section) return section[1];
      const callee = /([A-Za-z_][\w.:]*(?:::Client\.new|\.new)?)\s*(?:<[^<>()]*>)?\s*$/.exec(text.slice(Math.max(stop, j - 120), j));
      return callee ? callee[1] : undefined;
    }
  }
  return undefined;
}

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
    if (lineIndent < indent) {
      const key = /^\s*-?\s*["']?([\w.-]+)["']?\s*:/.exec(line);
      return key ? key[1] : undefined;
    }
  }
  return undefined;
}

/** Kind 2: a generic option name, a sink only inside an OpenAI call, section or block. */
function validateOption(context: MatchContext): RawFinding[] {
  const { text, start, end, fileKind } = context;
  const name = expandIdentifier(text, start, end);
  if (name.start !== start || name.end !== end) {
    // Part of a longer name (`my_api_key`, `config.api_key`): only `x.apiKey` on a client is a sink.
    const whole = text.slice(name.start, name.end);
    if (isOpenAIKeyName(whole)) return []; // kind 1 reports it
    if (!/^(?:config|c|configuration|options|opts|client|settings)\.(?:api_?key|access_?token|apiKey)$/i.test(whole)) return [];
  }
  const insideSink = (): boolean => {
    const callee = enclosingCallee(text, name.start);
    if (callee && isSinkCallee(callee)) return true;
    const section = enclosingSection(text, name.start);
    if (section && /open_?ai/i.test(section)) return true;
    const window = text.slice(Math.max(0, name.start - 600), name.start);
    const configure = window.lastIndexOf('OpenAI.configure');
    return configure !== -1 && !/\n\s*end\b/.test(window.slice(configure));
  };
  const value = readAssignedValue(text, name.end, fileKind, { comma: false, space: false });
  if (!value || !insideSink()) return [];
  return finding(text, value);
}

/** Kind 3: the first argument of a call that takes the key. */
function validatePositional({ text, end, fileKind }: MatchContext): RawFinding[] {
  return finding(text, readValue(text, skipSpaces(text, end), fileKind === 'json' || fileKind === 'notebook' ? fileKind : 'javascript'));
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
    String.raw`(?:${POSITIONAL_SINK_CALLEES.map(escapeForPattern).join('|')})[ \t]*\([ \t]*`,
  ],
  validate(context): RawFinding[] {
    if (context.patternIndex === 0) return validateKeyName(context);
    if (context.patternIndex === 1) return validateOption(context);
    return validatePositional(context);
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
    ],
  },
});

