import type { FileKind, Rule } from '../types';

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

/**
 * The lock files package managers write (`package-lock.json`, `yarn.lock`, `pnpm-lock.yaml`,
 * `poetry.lock`, `Cargo.lock`, `go.sum`, …), by name. Nobody writes an assignment in one: it
 * pins versions, URLs and hashes. gitleaks leaves them out altogether; keyguard scans them for
 * the keys whose shape says what they are (rulesFor). They are most of what a JavaScript
 * project's history holds (74 % of langchainjs's 5.4 GB of file versions), and the rules that
 * judge values by their context cost four times as much there for nothing (issue 16).
 */
const LOCKFILES = new Set([
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lock',
  'deno.lock',
  'poetry.lock',
  'pipfile.lock',
  'pdm.lock',
  'uv.lock',
  'pylock.toml',
  'conda-lock.yml',
  'cargo.lock',
  'gemfile.lock',
  'composer.lock',
  'go.sum',
  'gopkg.lock',
  'podfile.lock',
  'package.resolved',
  'cartfile.resolved',
  'pubspec.lock',
  'mix.lock',
  'packages.lock.json',
  'paket.lock',
  'gradle.lockfile',
  'flake.lock',
  '.terraform.lock.hcl',
  'stack.yaml.lock',
  'renv.lock',
  'shard.lock',
]);

/** True when the path names a package manager's lock file (LOCKFILES; `pylock.<name>.toml` too). */
export function isLockfile(path: string | undefined): boolean {
  if (!path) return false;
  const base = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  return LOCKFILES.has(base) || (base.startsWith('pylock.') && base.endsWith('.toml'));
}

const shapeRules = new WeakMap<readonly Rule[], readonly Rule[]>();

/**
 * The rules that run on a file at `path`: all of them, except in a lock file (isLockfile),
 * where only the rules whose keywords are part of the secret (`keywordsIn: 'secret'`: key
 * shapes) run; the rules that judge a value by the names and calls around it
 * (`keywordsIn: 'file'`) have nothing to judge there. One array per rules list, so what is
 * compiled for a list (the prefilter) is reused.
 */
export function rulesFor(rules: readonly Rule[], path: string | undefined): readonly Rule[] {
  // A list already without such rules (the candidates scanBuffer chose from this one) is itself.
  if (!isLockfile(path) || !rules.some((rule) => rule.keywordsIn === 'file')) return rules;
  let shapes = shapeRules.get(rules);
  if (!shapes) {
    shapes = rules.filter((rule) => rule.keywordsIn !== 'file');
    shapeRules.set(rules, shapes);
  }
  return shapes;
}
