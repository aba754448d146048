import { fileKindOf } from '@keyguard/core';

/**
 * How to write a comment in a file, for the "ignore" code action. Core honours
 * `keyguard-ignore` and `keyguard-ignore-next-line` in any comment syntax (inline-ignore.ts
 * reads the words, not the comment), so this table only decides what keeps the file valid:
 * - `trailing`: a comment may follow code on the same line (` # keyguard-ignore`);
 * - `lineOnly`: a comment must have a line of its own (env files, Dockerfiles, INI and
 *   properties files, where `#` after a value is part of the value): then the marker goes on
 *   the line above, as `keyguard-ignore-next-line`.
 * A kind without comments (JSON, a notebook's JSON) gets no ignore action: the baseline is the
 * way to accept a finding there.
 */
export interface CommentSyntax {
  open: string;
  close?: string;
  lineOnly?: boolean;
}

const HASH: CommentSyntax = { open: '#' };
const SLASHES: CommentSyntax = { open: '//' };
const DASHES: CommentSyntax = { open: '--' };
const HTML: CommentSyntax = { open: '<!--', close: '-->' };
const HASH_OWN_LINE: CommentSyntax = { open: '#', lineOnly: true };

/** By extension, where the file kind does not decide (core's `code` kind spans many syntaxes). */
const BY_EXTENSION: Record<string, CommentSyntax | null> = {
  r: HASH,
  jl: HASH,
  ex: HASH,
  exs: HASH,
  pl: HASH,
  pm: HASH,
  nim: HASH,
  cr: HASH,
  hs: DASHES,
  elm: DASHES,
  lua: DASHES,
  erl: { open: '%' },
  clj: { open: ';' },
  cljs: { open: ';' },
  ml: { open: '(*', close: '*)' },
  tf: HASH,
  tfvars: HASH,
  hcl: HASH,
  bat: { open: 'REM', lineOnly: true },
  cmd: { open: 'REM', lineOnly: true },
  jsonc: SLASHES,
  json5: SLASHES,
  html: HTML,
  htm: HTML,
};

/** The comment syntax of a file (by its name), or null when it has none. */
export function commentSyntaxOf(path: string): CommentSyntax | null {
  const base = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  const dot = base.lastIndexOf('.');
  const byExtension = dot === -1 ? undefined : BY_EXTENSION[base.slice(dot + 1)];
  if (byExtension !== undefined) return byExtension;
  switch (fileKindOf(path)) {
    case 'python':
    case 'shell':
    case 'yaml':
    case 'toml':
    case 'ruby':
      return HASH;
    case 'env':
    case 'dockerfile':
    case 'ini':
    case 'properties':
      return HASH_OWN_LINE;
    case 'javascript':
    case 'go':
    case 'java':
    case 'csharp':
    case 'php':
    case 'code':
      return SLASHES;
    case 'markdown':
    case 'xml':
      return HTML;
    default:
      return null;
  }
}

/** The comment text: `# keyguard-ignore`, `<!-- keyguard-ignore -->`. */
export function commentOf(syntax: CommentSyntax, words: string): string {
  return syntax.close ? `${syntax.open} ${words} ${syntax.close}` : `${syntax.open} ${words}`;
}
