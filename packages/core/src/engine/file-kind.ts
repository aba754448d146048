import type { FileKind } from '../types';

const byExtension: Record<string, FileKind> = {
  env: 'env',
  sh: 'shell',
  bash: 'shell',
  zsh: 'shell',
  fish: 'shell',
  ksh: 'shell',
  ps1: 'shell',
  bat: 'shell',
  cmd: 'shell',
  yml: 'yaml',
  yaml: 'yaml',
  toml: 'toml',
  ini: 'ini',
  cfg: 'ini',
  conf: 'ini',
  config: 'xml',
  editorconfig: 'ini',
  properties: 'properties',
  json: 'json',
  jsonc: 'json',
  json5: 'json',
  ipynb: 'notebook',
  py: 'python',
  pyw: 'python',
  pyi: 'python',
  js: 'javascript',
  jsx: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  ts: 'javascript',
  tsx: 'javascript',
  mts: 'javascript',
  cts: 'javascript',
  vue: 'javascript',
  svelte: 'javascript',
  go: 'go',
  java: 'java',
  kt: 'java',
  kts: 'java',
  scala: 'java',
  groovy: 'java',
  gradle: 'java',
  cs: 'csharp',
  csx: 'csharp',
  vb: 'csharp',
  rb: 'ruby',
  rake: 'ruby',
  gemspec: 'ruby',
  php: 'php',
  md: 'markdown',
  mdx: 'markdown',
  markdown: 'markdown',
  rst: 'markdown',
  txt: 'markdown',
  xml: 'xml',
  csproj: 'xml',
  plist: 'xml',
  html: 'xml',
  htm: 'xml',
  tf: 'ini',
  tfvars: 'ini',
  hcl: 'ini',
  jsonl: 'json',
  ndjson: 'json',
  webmanifest: 'json',
  astro: 'javascript',
  psm1: 'shell',
  psd1: 'shell',
  bats: 'shell',
  service: 'ini',
  rmd: 'markdown',
  qmd: 'markdown',
  adoc: 'markdown',
  swift: 'code',
  rs: 'code',
  dart: 'code',
  c: 'code',
  h: 'code',
  cc: 'code',
  cpp: 'code',
  cxx: 'code',
  hpp: 'code',
  m: 'code',
  mm: 'code',
  r: 'code',
  jl: 'code',
  lua: 'code',
  ex: 'code',
  exs: 'code',
  erl: 'code',
  pl: 'code',
  pm: 'code',
  hs: 'code',
  clj: 'code',
  cljs: 'code',
  elm: 'code',
  fs: 'code',
  fsx: 'code',
  ml: 'code',
  nim: 'code',
  zig: 'code',
  sol: 'code',
  cr: 'code',
  d: 'code',
};

/**
 * What a file's name says it is. Rules use it only where syntax differs: an unquoted
 * `API_KEY=value` is a literal in an env file or a Dockerfile, a variable in Python.
 */
export function fileKindOf(path: string | undefined): FileKind {
  if (!path) return 'other';
  const base = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  if (base === '.env' || base.startsWith('.env.') || base.endsWith('.env') || base === '.envrc' || base === 'env') return 'env';
  if (base === 'dockerfile' || base.startsWith('dockerfile.') || base.endsWith('.dockerfile') || base === 'containerfile')
    return 'dockerfile';
  if (base === 'makefile' || base === 'gnumakefile' || base.endsWith('.mk') || base === 'procfile') return 'shell';
  if (base === '.bashrc' || base === '.zshrc' || base === '.profile' || base === '.bash_profile' || base === '.zprofile') return 'shell';
  if (base === '.npmrc' || base === '.pypirc' || base === '.netrc' || base === '.gitconfig') return 'ini';
  const dot = base.lastIndexOf('.');
  if (dot === -1) return 'other';
  return byExtension[base.slice(dot + 1)] ?? 'other';
}

/** Kinds where `NAME=value` and `name: value` hold literal strings even without quotes. */
export function holdsUnquotedLiterals(kind: FileKind): boolean {
  return (
    kind === 'env' ||
    kind === 'shell' ||
    kind === 'dockerfile' ||
    kind === 'yaml' ||
    kind === 'ini' ||
    kind === 'properties' ||
    kind === 'toml' ||
    kind === 'markdown' ||
    kind === 'other'
  );
}
