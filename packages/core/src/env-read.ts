import { fileKindOf } from './engine/file-kind';
import type { FileKind } from './types';

/**
 * How each language reads an environment variable, and how to put that read where a literal
 * was: pure functions over text, shared by `keyguard fix`, the language server's code action
 * and the ESLint plugin's "use env" suggestion, so all three write the same line.
 *
 * Decisions (docs/fix.md says the same; keep them in step):
 * - Python: the literal becomes `os.environ["NAME"]` (a missing variable fails at once, with
 *   the name), and `import os` is added once, after the module docstring and `__future__`
 *   imports. An `OpenAI(api_key="…")` argument is replaced like any other, never removed: the
 *   SDK would read OPENAI_API_KEY itself, but not for the Azure, LangChain or relay clients
 *   whose variable differs, and one rule for every sink keeps the read visible and the edit
 *   inside the literal.
 * - `os.environ["NAME"] = "…"`, `os.environ.setdefault("NAME", "…")` and
 *   `process.env.NAME = '…'` put the key into the environment the program then reads: the
 *   statement's line is removed, and the program reads NAME from the real environment.
 * - A fallback (`os.getenv("NAME", "…")`, `process.env.NAME ?? '…'`) loses the literal.
 * - JS/TS: `process.env.NAME`, or `import.meta.env.VITE_NAME` where the file already reads
 *   `import.meta.env.VITE_…` (a VITE_ variable ends up in the browser bundle: a note says so).
 * - Shell: `"$NAME"` for a whole word, `${NAME}` inside a double-quoted string.
 * - Dockerfile: `ENV NAME=…` is removed (pass it at run time: `docker run --env-file .env`);
 *   `ARG NAME=…` loses its default.
 * - YAML: Compose files `${NAME}` (Compose reads the shell or the `.env` beside the file),
 *   GitHub Actions workflows `${{ secrets.NAME }}`; other YAML is not rewritten.
 * - Env files (`.env`): the value stays, that is where it belongs; the fix is about git.
 * - A key in a comment becomes `<NAME>`, a placeholder core never reports.
 * - Refused, with the reason: a key inside a Python or shell single-quoted string with other
 *   text, Markdown, logs and other files keyguard does not parse, and anything ambiguous.
 */

/** Replace [start, end) of a text with `text` (an insertion when start === end). */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** What one finding to rewrite is: where, in what file, and the variable it should read. */
export interface EnvReadTarget {
  /** The file's path (forward slashes): picks the language, and Compose or Actions for YAML. */
  path: string;
  /** The whole text of the file. */
  text: string;
  /** The secret's offsets in `text` (a finding's `startOffset` and `endOffset`). */
  start: number;
  end: number;
  /** The environment variable the finding names (`Finding.envVar`). */
  envVar: string;
}

/**
 * How a finding is fixed. `replace`: the literal becomes a read of `envVar`. `remove`: the
 * statement that put the key into the environment goes. `placeholder`: a key in a comment
 * becomes `<NAME>`. `keep`: the key is in an env file, where it belongs. `clear-output`: a
 * notebook cell's outputs held the key and are emptied.
 */
export type EnvReadAction = 'replace' | 'remove' | 'placeholder' | 'keep' | 'clear-output';

/** A rewrite that keeps the program working. */
export interface EnvReadPlan {
  ok: true;
  action: EnvReadAction;
  /** Edits to the text, in order, not overlapping (an import insertion is one of them). */
  edits: TextEdit[];
  /** The `import os` (or other) insertion among `edits`, when one is needed. */
  importEdit?: TextEdit;
  /**
   * The expression the rewritten code reads the variable with (`process.env.NAME`,
   * `import.meta.env.VITE_NAME`, `os.environ["NAME"]`), for an adapter's title or message;
   * none for a removal or a placeholder.
   */
  read?: string;
  /** True when the literal was the fallback of a read of the environment: the fallback goes, the read stays. */
  removesFallback?: true;
  /** The variable the rewritten code reads, and so the one `.env` must hold (may differ from the target's). */
  envVar: string;
  /** True when the secret's value must be kept in `.env` for the program to keep working. */
  storesValue: boolean;
  /** What a person should know (run-time passing, a secret to set in CI, a cleared output). */
  notes: string[];
}

/** Why a finding cannot be rewritten safely: the file is left alone for it. */
export interface EnvReadRefusal {
  ok: false;
  reason: string;
}

export type EnvReadResult = EnvReadPlan | EnvReadRefusal;

/** The flavour of YAML a file is, by its path: only these two are rewritten. */
export type YamlFlavour = 'compose' | 'actions' | 'other';

/** Compose or GitHub Actions, by the file's path. */
export function yamlFlavourOf(path: string): YamlFlavour {
  const normal = path.replace(/\\/g, '/');
  const base = normal.slice(normal.lastIndexOf('/') + 1).toLowerCase();
  if (/(^|\/)\.github\/workflows\/[^/]+\.ya?ml$/i.test(normal)) return 'actions';
  if (/^(docker-)?compose(\.[\w.-]+)?\.ya?ml$/.test(base)) return 'compose';
  return 'other';
}

/**
 * The expression or reference that reads `envVar` in a file of this kind, as the fix writes
 * it (`process.env.NAME`, `os.environ["NAME"]`, `"$NAME"`, `${NAME}`). `text` is the file's
 * text: JavaScript uses `import.meta.env.VITE_…` only where the file already does. Undefined
 * for a kind with no read (env files, Markdown, data).
 */
export function envReadExpression(path: string, envVar: string, text = ''): string | undefined {
  const kind = fileKindOf(path);
  switch (kind) {
    case 'python':
    case 'notebook':
      return `os.environ["${envVar}"]`;
    case 'javascript':
      return jsEnvName(envVar, text).expression;
    case 'shell':
      return `"$${envVar}"`;
    case 'yaml': {
      const flavour = yamlFlavourOf(path);
      if (flavour === 'compose') return `\${${envVar}}`;
      if (flavour === 'actions') return `\${{ secrets.${envVar} }}`;
      return undefined;
    }
    default:
      return undefined;
  }
}

/** A placeholder core never reports, for a key in a comment. */
export function commentPlaceholder(envVar: string): string {
  return `<${envVar}>`;
}

/**
 * Plans the rewrite of one finding: the edits that put a read of the environment where the
 * secret was, or the reason it cannot be done safely. Pure: reads only its arguments.
 */
export function planEnvRead(target: EnvReadTarget): EnvReadResult {
  const { text, start, end } = target;
  if (!(start >= 0 && end > start && end <= text.length)) return refuse('the finding does not lie inside the file');
  const kind = fileKindOf(target.path);
  switch (kind) {
    case 'env':
      return {
        ok: true,
        action: 'keep',
        edits: [],
        envVar: target.envVar,
        storesValue: false,
        notes: ['an env file is where a secret belongs: keep it out of git (.gitignore), never commit it'],
      };
    case 'python':
      return planPython(target, { importOs: true });
    case 'notebook':
      return planNotebook(target);
    case 'javascript':
      return planJavaScript(target);
    case 'shell':
      return planShell(target);
    case 'dockerfile':
      return planDockerfile(target);
    case 'yaml':
      return planYaml(target);
    case 'markdown':
      return refuse('a prose page (Markdown, text): keyguard does not rewrite prose; replace the key with a placeholder by hand');
    case 'other':
      return refuse('a file keyguard does not parse (a log, data, an unknown type): edit or delete it by hand');
    default:
      return refuse(`keyguard does not rewrite ${kindName(kind)} files yet: read ${target.envVar} from the environment by hand`);
  }
}

/**
 * Applies edits to a text. Identical edits (the same import wanted by two findings) count
 * once; overlapping ones are refused (undefined), so a caller fixes what does not collide.
 */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string | undefined {
  const sorted = dedupeEdits(edits);
  let out = '';
  let at = 0;
  for (const edit of sorted) {
    if (edit.start < at) return undefined;
    out += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + text.slice(at);
}

/** Sorted by position, identical edits once. */
export function dedupeEdits(edits: readonly TextEdit[]): TextEdit[] {
  const seen = new Set<string>();
  const out: TextEdit[] = [];
  for (const edit of [...edits].sort((a, b) => a.start - b.start || a.end - b.end)) {
    const id = `${edit.start}:${edit.end}:${edit.text}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(edit);
  }
  return out;
}

function refuse(reason: string): EnvReadRefusal {
  return { ok: false, reason };
}

function kindName(kind: FileKind): string {
  const names: Partial<Record<FileKind, string>> = {
    json: 'JSON',
    toml: 'TOML',
    ini: 'INI/HCL',
    properties: '.properties',
    xml: 'XML/HTML',
    go: 'Go',
    java: 'Java/Kotlin',
    csharp: 'C#',
    ruby: 'Ruby',
    php: 'PHP',
    code: 'these source',
  };
  return names[kind] ?? kind;
}

function lineEnding(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** End of the line holding offset, past its line break. */
function nextLineStart(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline === -1 ? text.length : newline + 1;
}

/** End of the line's content, before `\r\n` or `\n`. */
function lineContentEnd(text: string, offset: number): number {
  let end = text.indexOf('\n', offset);
  if (end === -1) end = text.length;
  if (end > 0 && text[end - 1] === '\r') end--;
  return end;
}

/** The edit that removes the whole line holding [from, to). */
function removeLine(text: string, from: number, to: number): TextEdit {
  return { start: lineStartOf(text, from), end: nextLineStart(text, to), text: '' };
}

// ---------------------------------------------------------------------------------------------
// Python

/** A token of a small lexer: a string literal or a comment, with its raw bounds. */
interface Token {
  type: 'string' | 'comment' | 'template' | 'regex';
  /** Raw bounds, prefix and quotes included. */
  start: number;
  end: number;
  /** Bounds of the content between the quotes. */
  contentStart: number;
  contentEnd: number;
  /** Python string prefix (`r`, `f`, `b`…), lower-cased. */
  prefix: string;
  quote: string;
}

/**
 * The Python string or comment holding `offset`, or undefined when it is in code. Linear:
 * lexes from the start, string by string, and stops past the offset.
 */
function pythonTokenAt(text: string, offset: number): Token | undefined {
  let i = 0;
  const n = text.length;
  while (i < n && i <= offset) {
    const ch = text[i];
    if (ch === '#') {
      const end = lineContentEnd(text, i);
      if (offset < end) return { type: 'comment', start: i, end, contentStart: i + 1, contentEnd: end, prefix: '', quote: '' };
      i = end;
      continue;
    }
    if (ch === '"' || ch === "'") {
      let p = i;
      while (p > 0 && /[rRbBuUfF]/.test(text[p - 1]) && i - p < 2) p--;
      if (p > 0 && /[\w]/.test(text[p - 1])) p = i; // a name ending in r/b/f, not a prefix
      const prefix = text.slice(p, i).toLowerCase();
      const triple = text.startsWith(ch.repeat(3), i);
      const quote = triple ? ch.repeat(3) : ch;
      const contentStart = i + quote.length;
      let j = contentStart;
      let closed = -1;
      while (j < n) {
        if (text[j] === '\\') {
          j += 2;
          continue;
        }
        if (!triple && text[j] === '\n') break;
        if (text.startsWith(quote, j)) {
          closed = j;
          break;
        }
        j++;
      }
      const contentEnd = closed === -1 ? Math.min(j, n) : closed;
      const end = closed === -1 ? contentEnd : closed + quote.length;
      if (offset < end) return { type: 'string', start: p, end, contentStart, contentEnd, prefix, quote };
      i = end;
      continue;
    }
    i++;
  }
  return undefined;
}

/** True when the module binds `os` with a top-level `import os` / `import sys, os`. */
function importsOs(text: string): boolean {
  for (const match of text.matchAll(/^import[ \t]+([^#\r\n;]*)/gm)) {
    for (const part of match[1].split(',')) {
      const name = part.trim();
      if (name === 'os' || (name.startsWith('os.') && !/\sas\s/.test(name))) return true;
    }
  }
  return false;
}

/**
 * Where `import os` goes: after a shebang, the coding line and leading comments, the module
 * docstring and any `from __future__ import` (which must stay first).
 */
function pythonImportOffset(text: string): number {
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let insertAt = at;
  // Leading comment lines and blank lines (shebang, coding, licence).
  for (;;) {
    const end = nextLineStart(text, at);
    const line = text.slice(at, end).trim();
    if (at >= text.length) break;
    if (line.startsWith('#')) {
      at = end;
      insertAt = at;
      continue;
    }
    if (line === '') {
      at = end;
      continue;
    }
    break;
  }
  // The module docstring.
  const first = /^[ \t]*([rRuU]{0,2})("""|'''|"|')/.exec(text.slice(at, at + 8));
  if (first) {
    const token = pythonTokenAt(text, at + first[0].length - 1);
    if (token?.type === 'string') {
      at = nextLineStart(text, token.end);
      insertAt = at;
    }
  }
  // `from __future__ import …` lines, with blank lines and comments between them.
  for (;;) {
    if (at >= text.length) break;
    const end = nextLineStart(text, at);
    const line = text.slice(at, end);
    if (/^\s*(#.*)?$/.test(line)) {
      at = end;
      continue;
    }
    if (/^from[ \t]+__future__[ \t]+import\b/.test(line)) {
      let stop = end;
      if (line.includes('(') && !line.includes(')')) {
        const close = text.indexOf(')', at);
        stop = close === -1 ? text.length : nextLineStart(text, close);
      }
      at = stop;
      insertAt = at;
      continue;
    }
    break;
  }
  return insertAt;
}

function pythonImportEdit(text: string): TextEdit {
  const at = pythonImportOffset(text);
  const eol = lineEnding(text);
  const needsBreak = at > 0 && at === text.length && !text.endsWith('\n');
  return { start: at, end: at, text: `${needsBreak ? eol : ''}import os${eol}` };
}

interface PythonOptions {
  /** Add `import os` when the text lacks it (false inside a notebook cell: the caller decides). */
  importOs: boolean;
}

function planPython(target: EnvReadTarget, options: PythonOptions): EnvReadResult {
  const { text, start, end } = target;
  const token = pythonTokenAt(text, start);
  if (!token) return refuse('the key is not inside a string literal or a comment: edit it by hand');
  if (end > token.contentEnd) return refuse('the key runs past the end of its string');
  if (token.type === 'comment') return placeholderPlan(target, start, end);
  if (token.contentStart !== start || token.contentEnd !== end) {
    return refuse('the key is inside a string with other text: build that string from os.environ by hand');
  }
  if (token.prefix.includes('b')) return refuse('the key is a bytes literal: os.environ holds text; encode it by hand');
  const before = text.slice(lineStartOf(text, token.start), token.start);
  const after = text.slice(token.end, lineContentEnd(text, token.end));
  // os.environ["NAME"] = "…" and os.environ.setdefault("NAME", "…"): the environment is where
  // the value comes from now, so the statement goes.
  const environSet =
    /^[ \t]*os\.environ\[\s*(['"])([A-Za-z_]\w*)\1\s*\]\s*=\s*$/.exec(before) ??
    /^[ \t]*os\.environ\.setdefault\(\s*(['"])([A-Za-z_]\w*)\1\s*,\s*$/.exec(before);
  if (environSet) {
    const rest = environSet[0].includes('setdefault') ? /^\s*\)\s*(#.*)?$/ : /^\s*(#.*)?$/;
    if (!rest.test(after)) return refuse('the environment is set inside a longer statement: remove it by hand');
    return {
      ok: true,
      action: 'remove',
      edits: [removeLine(text, token.start, token.end)],
      envVar: environSet[2],
      storesValue: true,
      notes: [`the line that set ${environSet[2]} in the program is removed: the program reads it from the environment`],
    };
  }
  // os.getenv("NAME", "…") and os.environ.get("NAME", "…"): the fallback goes.
  const fallback = /(os\.getenv|os\.environ\.get)\(\s*(['"])([A-Za-z_]\w*)\2(\s*,\s*)$/.exec(before);
  if (fallback && /^\s*\)/.test(after)) {
    const commaAt = token.start - fallback[4].length;
    return {
      ok: true,
      action: 'replace',
      edits: [{ start: commaAt, end: token.end, text: '' }],
      read: `${fallback[1]}(${fallback[2]}${fallback[3]}${fallback[2]})`,
      removesFallback: true,
      envVar: fallback[3],
      storesValue: true,
      notes: [],
    };
  }
  const edits: TextEdit[] = [{ start: token.start, end: token.end, text: `os.environ["${target.envVar}"]` }];
  let importEdit: TextEdit | undefined;
  if (options.importOs && !importsOs(text)) {
    importEdit = pythonImportEdit(text);
    edits.unshift(importEdit);
  }
  const read = `os.environ["${target.envVar}"]`;
  return { ok: true, action: 'replace', edits, importEdit, read, envVar: target.envVar, storesValue: true, notes: [] };
}

function placeholderPlan(target: EnvReadTarget, start: number, end: number): EnvReadPlan {
  return {
    ok: true,
    action: 'placeholder',
    edits: [{ start, end, text: commentPlaceholder(target.envVar) }],
    envVar: target.envVar,
    storesValue: false,
    notes: [`the key in a comment is replaced by ${commentPlaceholder(target.envVar)}; it is not kept`],
  };
}

// ---------------------------------------------------------------------------------------------
// Notebooks (.ipynb): the key sits in a JSON string of a code cell's source (or its outputs).

interface JsonNode {
  type: 'object' | 'array' | 'string' | 'other';
  start: number;
  end: number;
  entries?: { key: string; value: JsonNode }[];
  items?: JsonNode[];
}

/** A JSON parser that keeps every value's raw bounds. Undefined on invalid JSON. */
function parseJsonNodes(text: string): JsonNode | undefined {
  let i = 0;
  const n = text.length;
  const space = (): void => {
    while (i < n && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  };
  const stringEnd = (from: number): number => {
    let j = from + 1;
    while (j < n) {
      if (text[j] === '\\') j += 2;
      else if (text[j] === '"') return j + 1;
      else j++;
    }
    throw new Error('unterminated string');
  };
  const value = (depth: number): JsonNode => {
    if (depth > 256) throw new Error('too deep');
    space();
    const start = i;
    const ch = text[i];
    if (ch === '"') {
      i = stringEnd(i);
      return { type: 'string', start, end: i };
    }
    if (ch === '{') {
      i++;
      const entries: { key: string; value: JsonNode }[] = [];
      space();
      if (text[i] === '}') {
        i++;
        return { type: 'object', start, end: i, entries };
      }
      for (;;) {
        space();
        if (text[i] !== '"') throw new Error('expected a key');
        const keyStart = i;
        i = stringEnd(i);
        const key = JSON.parse(text.slice(keyStart, i)) as string;
        space();
        if (text[i] !== ':') throw new Error('expected :');
        i++;
        entries.push({ key, value: value(depth + 1) });
        space();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return { type: 'object', start, end: i, entries };
        }
        throw new Error('expected , or }');
      }
    }
    if (ch === '[') {
      i++;
      const items: JsonNode[] = [];
      space();
      if (text[i] === ']') {
        i++;
        return { type: 'array', start, end: i, items };
      }
      for (;;) {
        items.push(value(depth + 1));
        space();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return { type: 'array', start, end: i, items };
        }
        throw new Error('expected , or ]');
      }
    }
    const match = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 64));
    if (!match) throw new Error('unexpected token');
    i += match[0].length;
    return { type: 'other', start, end: i };
  };
  try {
    const root = value(0);
    space();
    return i === n ? root : undefined;
  } catch {
    return undefined;
  }
}

function entry(node: JsonNode | undefined, key: string): JsonNode | undefined {
  return node?.entries?.find((e) => e.key === key)?.value;
}

function within(node: JsonNode | undefined, offset: number): boolean {
  return node !== undefined && node.start <= offset && offset < node.end;
}

/** A JSON string's content decoded, with the raw offset of each decoded code unit (and one past the end). */
function decodeJsonString(text: string, node: JsonNode): { value: string; rawAt: number[] } {
  let value = '';
  const rawAt: number[] = [];
  let j = node.start + 1;
  const stop = node.end - 1;
  while (j < stop) {
    if (text[j] === '\\') {
      const esc = text[j + 1];
      const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
      if (esc === 'u') {
        rawAt.push(j);
        value += String.fromCharCode(parseInt(text.slice(j + 2, j + 6), 16));
        j += 6;
      } else {
        rawAt.push(j);
        value += simple[esc] ?? esc;
        j += 2;
      }
    } else {
      rawAt.push(j);
      value += text[j];
      j++;
    }
  }
  rawAt.push(stop);
  return { value, rawAt };
}

/** Text as it goes inside a JSON string (without the quotes), as nbformat writes it. */
function encodeJsonStringContent(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}

function stringsOf(node: JsonNode): JsonNode[] {
  if (node.type === 'string') return [node];
  return (node.items ?? []).filter((item) => item.type === 'string');
}

function planNotebook(target: EnvReadTarget): EnvReadResult {
  const { text, start, end } = target;
  const root = parseJsonNodes(text);
  if (root?.type !== 'object') return refuse('the notebook is not valid JSON: keyguard leaves it alone');
  const language = (() => {
    const metadata = entry(root, 'metadata');
    const info = entry(metadata, 'language_info');
    const kernel = entry(metadata, 'kernelspec');
    const name = entry(info, 'name') ?? entry(kernel, 'language');
    return name?.type === 'string' ? (JSON.parse(text.slice(name.start, name.end)) as string) : 'python';
  })();
  const cells = entry(root, 'cells');
  const cellIndex = cells?.items?.findIndex((cell) => within(cell, start)) ?? -1;
  const cell = cellIndex === -1 ? undefined : cells?.items?.[cellIndex];
  if (!cells || !cell) return refuse('the key is in the notebook’s metadata, not in a cell: edit it by hand');
  const outputs = entry(cell, 'outputs');
  if (within(outputs, start) && outputs) {
    return {
      ok: true,
      action: 'clear-output',
      edits: [{ start: outputs.start, end: outputs.end, text: '[]' }],
      envVar: target.envVar,
      storesValue: false,
      notes: [`the outputs of cell ${cellIndex + 1} held the key and are cleared`],
    };
  }
  const source = entry(cell, 'source');
  if (!source || !within(source, start)) return refuse('the key is in a cell’s metadata, not its source: edit it by hand');
  const cellType = entry(cell, 'cell_type');
  const type = cellType?.type === 'string' ? (JSON.parse(text.slice(cellType.start, cellType.end)) as string) : '';
  if (type !== 'code') return refuse(`the key is in a ${type || 'non-code'} cell: keyguard rewrites code cells only; edit it by hand`);
  if (language !== 'python') return refuse(`the notebook's language is ${language}: keyguard rewrites Python notebooks only`);

  // The cell's source, decoded, with a map from decoded offsets to raw ones.
  const pieces = stringsOf(source).map((node) => ({ node, ...decodeJsonString(text, node) }));
  let code = '';
  const rawAt: number[] = [];
  const pieceStarts: number[] = [];
  for (const piece of pieces) {
    pieceStarts.push(code.length);
    code += piece.value;
    rawAt.push(...piece.rawAt.slice(0, -1));
  }
  const rawEnd = (decoded: number): number => {
    // The raw offset just past decoded code unit decoded - 1, within its own piece.
    for (let p = pieces.length - 1; p >= 0; p--) {
      if (decoded > pieceStarts[p]) return pieces[p].rawAt[decoded - pieceStarts[p]];
    }
    return pieces[0]?.rawAt[0] ?? source.start;
  };
  const decodedStart = rawAt.indexOf(start);
  const decodedEndAt = rawAt.indexOf(end - 1);
  if (decodedStart === -1 || decodedEndAt === -1) return refuse('the key is written with escapes in the notebook: edit it by hand');
  const pieceOf = (decoded: number): number => {
    let p = 0;
    while (p + 1 < pieceStarts.length && pieceStarts[p + 1] <= decoded) p++;
    return p;
  };
  // Whether an earlier code cell, or this one, already imports os.
  let imported = false;
  for (const other of (cells.items ?? []).slice(0, cellIndex + 1)) {
    const otherType = entry(other, 'cell_type');
    const otherSource = entry(other, 'source');
    if (otherType?.type !== 'string' || text.slice(otherType.start, otherType.end) !== '"code"' || !otherSource) continue;
    const otherCode = stringsOf(otherSource)
      .map((node) => decodeJsonString(text, node).value)
      .join('');
    if (importsOs(otherCode)) imported = true;
  }
  const plan = planPython(
    { path: 'cell.py', text: code, start: decodedStart, end: decodedEndAt + 1, envVar: target.envVar },
    { importOs: false },
  );
  if (!plan.ok) return plan;
  const edits: TextEdit[] = [];
  for (const edit of plan.edits) {
    if (edit.end > edit.start && pieceOf(edit.start) !== pieceOf(edit.end - 1)) {
      // A removed line is one source element in nbformat; anything wider is left alone.
      if (plan.action === 'remove' && edit.text === '') {
        const first = pieceOf(edit.start);
        const last = pieceOf(edit.end - 1);
        if (pieceStarts[first] === edit.start && (pieceStarts[last + 1] ?? code.length) === edit.end) {
          edits.push(removeElements(pieces, first, last, source));
          continue;
        }
      }
      return refuse('the edit spans several lines of the cell: edit it by hand');
    }
    if (plan.action === 'remove' && edit.text === '' && source.type === 'array') {
      const p = pieceOf(edit.start);
      if (pieceStarts[p] === edit.start && (pieceStarts[p + 1] ?? code.length) === edit.end) {
        edits.push(removeElements(pieces, p, p, source));
        continue;
      }
    }
    const piece = pieces[pieceOf(edit.start)];
    const rawStart = piece.rawAt[edit.start - pieceStarts[pieceOf(edit.start)]];
    edits.push({ start: rawStart, end: edit.end > edit.start ? rawEnd(edit.end) : rawStart, text: encodeJsonStringContent(edit.text) });
  }
  let importEdit: TextEdit | undefined;
  if (plan.action === 'replace' && plan.edits.some((e) => e.text.startsWith('os.environ')) && !imported) {
    importEdit = notebookImportEdit(text, source, pieces, code);
    edits.unshift(importEdit);
  }
  return { ...plan, edits, importEdit };
}

type Piece = { node: JsonNode; value: string; rawAt: number[] };

/** Removes source elements first..last of an array, with the separator after (or before) them. */
function removeElements(pieces: Piece[], first: number, last: number, source: JsonNode): TextEdit {
  const from = pieces[first].node.start;
  const to = pieces[last].node.end;
  const next = pieces[last + 1];
  if (next) return { start: from, end: next.node.start, text: '' };
  const previous = pieces[first - 1];
  if (previous) return { start: previous.node.end, end: to, text: '' };
  return { start: source.start, end: source.end, text: '[]' };
}

/**
 * `import os` at the top of the cell, after its docstring and `__future__` imports: a new
 * source element (same indentation) in nbformat's list form, or inside the string form.
 */
function notebookImportEdit(text: string, source: JsonNode, pieces: Piece[], code: string): TextEdit {
  const at = pythonImportOffset(code);
  let starts = 0;
  for (const piece of pieces) {
    if (starts === at && source.type === 'array') {
      const lineStart = lineStartOf(text, piece.node.start);
      const indent = text.slice(lineStart, piece.node.start);
      const separator = /^[ \t]*$/.test(indent) ? `${lineEnding(text)}${indent}` : ' ';
      return { start: piece.node.start, end: piece.node.start, text: `"import os\\n",${separator}` };
    }
    if (at < starts + piece.value.length) {
      const raw = piece.rawAt[at - starts];
      return { start: raw, end: raw, text: 'import os\\n' };
    }
    starts += piece.value.length;
  }
  // After everything (a cell of only a docstring): a new last element, or the string's end.
  const last = pieces[pieces.length - 1];
  const needsBreak = code.length > 0 && !code.endsWith('\n') ? '\\n' : '';
  if (source.type === 'array') return { start: last.node.end, end: last.node.end, text: `, "${needsBreak}import os\\n"` };
  return { start: last.node.end - 1, end: last.node.end - 1, text: `${needsBreak}import os\\n` };
}

// ---------------------------------------------------------------------------------------------
// JavaScript and TypeScript

/** The name and expression a JS file reads: Vite's where the file already reads Vite's. */
function jsEnvName(envVar: string, text: string): { name: string; expression: string; vite: boolean } {
  if (/\bimport\.meta\.env\.VITE_/.test(text)) {
    const name = envVar.startsWith('VITE_') ? envVar : `VITE_${envVar}`;
    return { name, expression: `import.meta.env.${name}`, vite: true };
  }
  return { name: envVar, expression: `process.env.${envVar}`, vite: false };
}

/** Characters after which a `/` starts a regular expression, not a division. */
const REGEX_BEFORE = new Set(['(', ',', '=', ':', '[', '!', '&', '|', '?', '{', '}', ';', '+', '-', '*', '%', '<', '>', '~', '^', '']);

/**
 * The JS string, template, comment or regular expression holding `offset`. For a template, the
 * bounds are those of the template element (between a backtick or `}` and a backtick or `${`),
 * and `quote` says which (`` ` `` for a template without substitutions around the element).
 */
function jsTokenAt(text: string, offset: number): (Token & { templateStart?: number; templateEnd?: number; whole?: boolean }) | undefined {
  const n = text.length;
  let i = 0;
  let last = '';
  // Each open template: the brace depth at which its `${` was opened, and where it began.
  const templates: { depth: number; start: number }[] = [];
  let depth = 0;
  const scanTemplate = (from: number): { end: number; closes: boolean } => {
    // from: the first character of a template element.
    let j = from;
    while (j < n) {
      if (text[j] === '\\') {
        j += 2;
        continue;
      }
      if (text[j] === '`') return { end: j, closes: true };
      if (text[j] === '$' && text[j + 1] === '{') return { end: j, closes: false };
      j++;
    }
    return { end: n, closes: true };
  };
  while (i < n && i <= offset) {
    const ch = text[i];
    if (ch === '/' && text[i + 1] === '/') {
      const end = lineContentEnd(text, i);
      if (offset < end) return { type: 'comment', start: i, end, contentStart: i + 2, contentEnd: end, prefix: '', quote: '' };
      i = end;
      continue;
    }
    if (ch === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      const end = close === -1 ? n : close + 2;
      if (offset < end) return { type: 'comment', start: i, end, contentStart: i + 2, contentEnd: end - 2, prefix: '', quote: '' };
      i = end;
      continue;
    }
    if (ch === '"' || ch === "'") {
      let j = i + 1;
      while (j < n && text[j] !== ch && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      const end = Math.min(j + 1, n);
      if (offset < end) return { type: 'string', start: i, end, contentStart: i + 1, contentEnd: j, prefix: '', quote: ch };
      i = end;
      last = 'x';
      continue;
    }
    if (ch === '`' || (ch === '}' && templates.length > 0 && templates[templates.length - 1].depth === depth)) {
      const opening = ch === '`';
      const templateStart = opening ? i : templates[templates.length - 1].start;
      if (!opening) templates.pop();
      const element = scanTemplate(i + 1);
      const end = element.closes ? element.end + 1 : element.end + 2;
      if (offset < end) {
        return {
          type: 'template',
          start: i,
          end,
          contentStart: i + 1,
          contentEnd: element.end,
          prefix: '',
          quote: opening && element.closes ? '`' : '${',
          templateStart,
          whole: opening && element.closes,
        };
      }
      if (!element.closes) templates.push({ depth, start: templateStart });
      i = end;
      last = 'x';
      continue;
    }
    if (ch === '/' && REGEX_BEFORE.has(last)) {
      let j = i + 1;
      let inClass = false;
      while (j < n && text[j] !== '\n') {
        if (text[j] === '\\') j++;
        else if (text[j] === '[') inClass = true;
        else if (text[j] === ']') inClass = false;
        else if (text[j] === '/' && !inClass) break;
        j++;
      }
      const end = Math.min(j + 1, n);
      if (offset < end) return { type: 'regex', start: i, end, contentStart: i + 1, contentEnd: j, prefix: '', quote: '/' };
      i = end;
      last = 'x';
      continue;
    }
    if (ch === '{') depth++;
    else if (ch === '}') depth--;
    if (!/\s/.test(ch)) {
      if (/[\w$]/.test(ch)) {
        // A keyword after which a regex may follow (`return /x/`).
        const word = /^[\w$]+/.exec(text.slice(i, i + 32))?.[0] ?? ch;
        last = /^(return|typeof|case|do|else|in|of|new|delete|void|throw|yield|await)$/.test(word) ? '(' : 'x';
        i += word.length;
        continue;
      }
      last = ch === ')' || ch === ']' ? 'x' : ch;
    }
    i++;
  }
  return undefined;
}

/**
 * Rewrites the raw text of a quoted string so that it reads the same inside a template literal:
 * a backtick and `${` get a backslash; existing escapes are copied as they are. (The ESLint
 * plugin's suggestion uses it too, so both write the same template.)
 */
export function toTemplateText(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (ch === '\\') {
      out += raw.slice(i, i + 2);
      i++;
    } else if (ch === '`') out += '\\`';
    else if (ch === '$' && raw[i + 1] === '{') out += '\\$';
    else out += ch;
  }
  return out;
}

/** True for a file that may hold JSX: every JavaScript file but plain TypeScript (`.ts` forbids JSX). */
function mayHoldJsx(path: string): boolean {
  return !/\.[mc]?ts$/i.test(path);
}

/**
 * True when the text before a string (ending in `name=`) is inside a JSX opening tag: a `<Tag`
 * since the last `>` that is not an arrow's. A heuristic over at most 2,000 characters; where it
 * cannot tell, the caller refuses rather than writing `name=process.env.X`.
 */
function isJsxAttributeAt(text: string, at: number): boolean {
  const head = text.slice(Math.max(0, at - 2000), at);
  if (!/[\w$-]=$/.test(head)) return false;
  const open = head.lastIndexOf('<');
  if (open === -1) return false;
  const tag = head.slice(open);
  return /^<[A-Za-z][\w.:-]*\s/.test(tag) && !/[<{}]|[^=]>/.test(tag.slice(1).replace(/\{[^{}]*\}/g, ''));
}

/**
 * True when [start, end) is JSX text: outside any string or comment, after a tag's `>` or an
 * expression's `}` and before the next `<` or `{`, with nothing code-like between.
 */
function isJsxTextAt(text: string, start: number, end: number): boolean {
  let before = start - 1;
  while (before >= 0 && !'<>{}'.includes(text[before])) before--;
  let after = end;
  while (after < text.length && !'<>{}'.includes(text[after])) after++;
  if (before < 0 || after >= text.length) return false;
  const opens = text[before] === '>' ? text[before - 1] !== '=' : text[before] === '}';
  return opens && (text[after] === '<' || text[after] === '{') && !/[;'"`]/.test(text.slice(before + 1, start) + text.slice(end, after));
}

/** True when the code before a template makes it a tagged one (`tag\`…\``, `f()\`…\``), not `return \`…\``. */
function isTagBefore(before: string): boolean {
  const last = /(?:([\w$]+)|[)\]])\s*$/.exec(before);
  if (!last) return false;
  return last[1] === undefined || !/^(return|typeof|case|do|else|in|of|new|delete|void|throw|yield|await|instanceof)$/.test(last[1]);
}

/** True when a string at `at` is a TypeScript type (`type X = '…'`, `let x: '…'`) or an `enum` member's value. */
function isTypeOrEnumValue(text: string, at: number, before: string): boolean {
  if (/\btype\s+[\w$]+(?:<[^<>]*>)?\s*=\s*(?:\|\s*)?$/.test(before)) return true;
  // `let key: '…' = …`: a literal type annotation.
  if (/\b(?:let|const|var)\s+[\w$]+\??\s*:\s*(?:\|\s*)?$/.test(before)) return true;
  if (!/(^|[{,])\s*[\w$]+\s*=\s*$/.test(before)) return false;
  return /\benum\s+[\w$]+\s*\{[^{}]*$/.test(text.slice(Math.max(0, at - 4000), at));
}

function planJavaScript(target: EnvReadTarget): EnvReadResult {
  const { text, start, end } = target;
  const jsxCapable = mayHoldJsx(target.path);
  const token = jsTokenAt(text, start);
  const { name, expression, vite } = jsEnvName(target.envVar, text);
  const notes = vite
    ? [`import.meta.env.${name} is built into the browser bundle: every visitor gets the key; call the API from a server instead`]
    : [];
  const plan = (
    edits: TextEdit[],
    action: EnvReadAction = 'replace',
    envVar = name,
    read: string | undefined = expression,
  ): EnvReadPlan => ({
    ok: true,
    action,
    edits,
    ...(read === undefined ? {} : { read }),
    envVar,
    storesValue: true,
    notes,
  });
  if (!token) {
    // JSX text (`<p>sk-…</p>`) becomes an expression container.
    if (jsxCapable && isJsxTextAt(text, start, end)) return plan([{ start, end, text: `{${expression}}` }]);
    return refuse('the key is not inside a string, a template or a comment: edit it by hand');
  }
  if (end > token.contentEnd) return refuse('the key runs past the end of its string');
  if (token.type === 'comment') return placeholderPlan(target, start, end);
  if (token.type === 'regex') return refuse('the key is inside a regular expression: edit it by hand');
  const before = text.slice(lineStartOf(text, token.start), token.start);
  const after = text.slice(token.end, lineContentEnd(text, token.end));
  const whole = token.contentStart === start && token.contentEnd === end;
  if (token.type === 'template') {
    if (token.whole && whole) {
      if (isTagBefore(before)) return refuse('the key is in a tagged template: edit it by hand');
      return plan([{ start: token.start, end: token.end, text: expression }]);
    }
    if (isTagBefore(text.slice(lineStartOf(text, token.templateStart ?? token.start), token.templateStart))) {
      return refuse('the key is in a tagged template: edit it by hand');
    }
    return plan([{ start, end, text: `\${${expression}}` }]);
  }
  // A property name (`{ 'key': 1 }`) is not an expression.
  if (/[{,]\s*$/.test(before) && /^\s*:/.test(after)) return refuse('the key is a property name: edit it by hand');
  if (/\b(import|from|require\()\s*$/.test(before)) return refuse('the key is a module name: edit it by hand');
  if (isTypeOrEnumValue(text, token.start, before)) return refuse('the key is a type or an enum member, not a value: edit it by hand');
  // A JSX attribute (`apiKey="…"`) takes an expression container: `apiKey={process.env.NAME}`.
  if (/[\w$-]=$/.test(before) && jsxCapable) {
    if (!isJsxAttributeAt(text, token.start)) return refuse('the key may be a JSX attribute keyguard cannot delimit: edit it by hand');
    if (whole) return plan([{ start: token.start, end: token.end, text: `{${expression}}` }]);
    const head = text.slice(token.contentStart, start);
    const tail = text.slice(end, token.contentEnd);
    // JSX attribute text has no escapes but entities: only plain text can move into a template.
    if (/[\\&]/.test(head + tail)) return refuse('the JSX attribute holds entities or backslashes beside the key: edit it by hand');
    return plan([{ start: token.start, end: token.end, text: `{\`${toTemplateText(head)}\${${expression}}${toTemplateText(tail)}\`}` }]);
  }
  if (!whole) {
    const raw = text.slice(token.contentStart, token.contentEnd);
    const head = raw.slice(0, start - token.contentStart);
    const tail = raw.slice(end - token.contentStart);
    return plan([{ start: token.start, end: token.end, text: `\`${toTemplateText(head)}\${${expression}}${toTemplateText(tail)}\`` }]);
  }
  // process.env.NAME = '…' (also ??= and ||=): the statement goes; the program reads NAME from the environment.
  const envSet = /^[ \t]*process\.env(?:\.([A-Za-z_$][\w$]*)|\[\s*(['"])([A-Za-z_]\w*)\2\s*\])\s*(?:\?\?|\|\|)?=\s*$/.exec(before);
  if (envSet) {
    if (!/^\s*;?\s*(\/\/.*)?$/.test(after)) return refuse('the environment is set inside a longer statement: remove it by hand');
    const setName = envSet[1] ?? envSet[3];
    return {
      ...plan([removeLine(text, token.start, token.end)], 'remove', setName, undefined),
      notes: [`the line that set ${setName} in the program is removed: the program reads it from the environment`],
    };
  }
  // process.env.NAME ?? '…' and || '…' (also `|| ('…' as string)`): the fallback goes, the read stays.
  const fallback = /(process\.env(?:\.([A-Za-z_$][\w$]*)|\[\s*(['"])([A-Za-z_]\w*)\3\s*\]))(\s*(?:\?\?|\|\|)\s*)(\(\s*)?$/.exec(before);
  const closing = fallback?.[6] ? /^\s*(?:(?:as|satisfies)\s+[\w$.<>[\]| ]+?\s*)?\)/.exec(after) : /^/.exec(after);
  if (fallback && closing) {
    const readName = fallback[2] ?? fallback[4];
    const from = token.start - fallback[5].length - (fallback[6]?.length ?? 0);
    return {
      ...plan([{ start: from, end: token.end + closing[0].length, text: '' }], 'replace', readName, fallback[1]),
      removesFallback: true,
    };
  }
  return plan([{ start: token.start, end: token.end, text: expression }]);
}

// ---------------------------------------------------------------------------------------------
// Shell

function planShell(target: EnvReadTarget): EnvReadResult {
  const { text, start, end } = target;
  const lineStart = lineStartOf(text, start);
  const lineEnd = lineContentEnd(text, start);
  if (end > lineEnd) return refuse('the key spans lines: edit it by hand');
  if (/\.(ps1|psm1|psd1|bat|cmd)$/i.test(target.path))
    return refuse('PowerShell and batch files are not rewritten: read the variable by hand');
  // Quote state at the key: none, single or double; a # at a word start begins a comment.
  let state: 'none' | 'single' | 'double' = 'none';
  let quoteAt = -1;
  for (let i = lineStart; i < start; i++) {
    const ch = text[i];
    if (state === 'none') {
      if (ch === '\\') i++;
      else if (ch === "'") {
        state = 'single';
        quoteAt = i;
      } else if (ch === '"') {
        state = 'double';
        quoteAt = i;
      } else if (ch === '#' && (i === lineStart || /\s/.test(text[i - 1]))) {
        return placeholderPlan(target, start, end);
      }
    } else if (state === 'single') {
      if (ch === "'") state = 'none';
    } else if (ch === '\\') i++;
    else if (ch === '"') state = 'none';
  }
  const envVar = target.envVar;
  const read = `"$${envVar}"`;
  const plan = (edit: TextEdit): EnvReadPlan => ({
    ok: true,
    action: 'replace',
    edits: [edit],
    read,
    envVar,
    storesValue: true,
    notes: [],
  });
  if (state === 'double') {
    const whole = quoteAt === start - 1 && text[end] === '"';
    return plan({ start, end, text: whole ? `$${envVar}` : `\${${envVar}}` });
  }
  if (state === 'single') {
    if (quoteAt === start - 1 && text[end] === "'") return plan({ start: start - 1, end: end + 1, text: `"$${envVar}"` });
    return refuse('the key is inside a single-quoted string with other text: rewrite it with "…${' + envVar + '}…" by hand');
  }
  const wordStart = start === lineStart || /[\s=;]/.test(text[start - 1]);
  const wordEnd = end === lineEnd || /[\s;]/.test(text[end]);
  if (!wordStart || !wordEnd) return refuse('the key is part of a longer word: edit it by hand');
  return plan({ start, end, text: `"$${envVar}"` });
}

// ---------------------------------------------------------------------------------------------
// Dockerfile

function planDockerfile(target: EnvReadTarget): EnvReadResult {
  const { text, start, end } = target;
  const lineStart = lineStartOf(text, start);
  const lineEnd = lineContentEnd(text, start);
  const line = text.slice(lineStart, lineEnd);
  const previous = lineStart > 0 ? text.slice(lineStartOf(text, lineStart - 1), lineStart).trimEnd() : '';
  if (/^\s*#/.test(line)) return placeholderPlan(target, start, end);
  if (previous.endsWith('\\') || line.trimEnd().endsWith('\\'))
    return refuse('the instruction continues over several lines: edit it by hand');
  const runTime = 'pass it at run time: docker run --env-file .env … (or -e NAME), or Compose’s env_file';
  // ENV NAME=value [NAME2=value2 …] and the legacy ENV NAME value.
  const legacy = /^(\s*ENV\s+)([A-Za-z_]\w*)\s+(?![\w]+=)(.*)$/i.exec(line);
  if (legacy) {
    const valueAt = lineStart + line.length - legacy[3].length;
    if (start < valueAt) return refuse('the key is not the value of the ENV instruction: edit it by hand');
    return dockerRemoval(text, start, end, legacy[2], runTime);
  }
  const env = /^(\s*ENV\s+)(.*)$/i.exec(line);
  if (env) {
    const pairs = [...env[2].matchAll(/([A-Za-z_]\w*)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)/g)];
    const pair = pairs.find((p) => {
      const at = lineStart + env[1].length + (p.index ?? 0);
      return at <= start && end <= at + p[0].length;
    });
    if (!pair) return refuse('the key is not the value of an ENV variable: edit it by hand');
    const pairAt = lineStart + env[1].length + (pair.index ?? 0);
    const valueAt = pairAt + pair[1].length + 1;
    const quoted = /^["']/.test(pair[2]);
    const contentStart = quoted ? valueAt + 1 : valueAt;
    const contentEnd = valueAt + pair[2].length - (quoted ? 1 : 0);
    if (start !== contentStart || end !== contentEnd) return refuse('the key is part of a longer ENV value: edit it by hand');
    if (pairs.length === 1) return dockerRemoval(text, start, end, pair[1], runTime);
    // Several variables: only this pair goes (with the space before it, or after it when first).
    const pairEnd = pairAt + pair[0].length;
    const first = pairs[0] === pair;
    const edit = first
      ? { start: pairAt, end: pairEnd + (/^\s*/.exec(text.slice(pairEnd, lineEnd))?.[0].length ?? 0), text: '' }
      : { start: pairAt - (/\s*$/.exec(text.slice(lineStart, pairAt))?.[0].length ?? 0), end: pairEnd, text: '' };
    return { ok: true, action: 'remove', edits: [edit], envVar: pair[1], storesValue: true, notes: [runTime.replace('NAME', pair[1])] };
  }
  const arg = /^(\s*ARG\s+)([A-Za-z_]\w*)=(["']?)(.*?)\3\s*$/i.exec(line);
  if (arg) {
    const valueAt = lineStart + arg[1].length + arg[2].length + 1 + arg[3].length;
    if (start !== valueAt || end !== valueAt + arg[4].length) return refuse('the key is part of a longer ARG default: edit it by hand');
    const defaultAt = lineStart + arg[1].length + arg[2].length;
    return {
      ok: true,
      action: 'remove',
      edits: [{ start: defaultAt, end: lineStart + arg[0].trimEnd().length, text: '' }],
      envVar: arg[2],
      storesValue: true,
      notes: [
        `the ARG ${arg[2]} loses its default; build arguments stay in the image history: prefer a build secret (RUN --mount=type=secret,id=${arg[2]})`,
      ],
    };
  }
  return refuse('the key is used at build time (RUN, LABEL…): mount it as a build secret (RUN --mount=type=secret) by hand');
}

function dockerRemoval(text: string, start: number, end: number, name: string, runTime: string): EnvReadPlan {
  return {
    ok: true,
    action: 'remove',
    edits: [removeLine(text, start, end)],
    envVar: name,
    storesValue: true,
    notes: [runTime.replace('NAME', name)],
  };
}

// ---------------------------------------------------------------------------------------------
// YAML: Compose and GitHub Actions

function planYaml(target: EnvReadTarget): EnvReadResult {
  const { text, start, end } = target;
  const flavour = yamlFlavourOf(target.path);
  const lineStart = lineStartOf(text, start);
  const lineEnd = lineContentEnd(text, start);
  if (end > lineEnd) return refuse('the key spans lines: edit it by hand');
  // A # after a space, outside quotes, starts a comment.
  let quote = '';
  for (let i = lineStart; i < start; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '#' && (i === lineStart || /\s/.test(text[i - 1]))) return placeholderPlan(target, start, end);
  }
  if (flavour === 'other') {
    return refuse('keyguard rewrites Compose files and GitHub Actions workflows only: reference a secret the way this tool does');
  }
  const line = text.slice(lineStart, start);
  if (!quote && /[{[]/.test(line.replace(/\$\{\{[^}]*\}\}|\$\{[^}]*\}/g, ''))) {
    return refuse('the key is inside a YAML flow collection ({…} or […]): edit it by hand');
  }
  const envVar = target.envVar;
  if (flavour === 'actions') {
    return {
      ok: true,
      action: 'replace',
      edits: [{ start, end, text: `\${{ secrets.${envVar} }}` }],
      read: `\${{ secrets.${envVar} }}`,
      envVar,
      storesValue: true,
      notes: [`add the repository secret ${envVar} (gh secret set ${envVar}), then rotate the key: the workflow held it`],
    };
  }
  return {
    ok: true,
    action: 'replace',
    edits: [{ start, end, text: `\${${envVar}}` }],
    read: `\${${envVar}}`,
    envVar,
    storesValue: true,
    notes: [`Compose reads ${envVar} from the shell or the .env file beside the Compose file`],
  };
}
