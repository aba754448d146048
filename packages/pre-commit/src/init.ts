import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { HookIO } from './hook';

/** The command lint-staged runs; keep in step with docs/pre-commit.md and examples/husky-lint-staged. */
export const HOOK_COMMAND = 'keyguard-pre-commit';
const MARKER_START = '# >>> keyguard-pre-commit';
const MARKER_END = '# <<< keyguard-pre-commit';

// A require, not a file read beside __dirname, so that bundle/ (scripts/bundle.mjs) carries the version too.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const VERSION = (require('../package.json') as { version: string }).version;
const DEV_DEPENDENCIES: Record<string, string> = {
  husky: '^9.1.7',
  'lint-staged': '^16.2.0',
  '@keyguard/pre-commit': `^${VERSION}`,
};

/** lint-staged's own search order (after package.json); the JSON ones can be merged safely. */
const LINT_STAGED_FILES = [
  '.lintstagedrc', '.lintstagedrc.json', '.lintstagedrc.yaml', '.lintstagedrc.yml',
  '.lintstagedrc.mjs', '.lintstagedrc.js', '.lintstagedrc.cjs', '.lintstagedrc.mts', '.lintstagedrc.ts', '.lintstagedrc.cts',
  'lint-staged.config.mjs', 'lint-staged.config.js', 'lint-staged.config.cjs',
  'lint-staged.config.mts', 'lint-staged.config.ts', 'lint-staged.config.cts',
];

/** The plain hook's block: finds the command on PATH, and blocks (fails closed) when it is missing. */
const PLAIN_HOOK_BLOCK = `${MARKER_START} (added by keyguard-pre-commit init: blocks commits that add an OpenAI API key)
if command -v keyguard-pre-commit >/dev/null 2>&1; then
  keyguard-pre-commit || exit $?
else
  echo "keyguard: commit blocked: keyguard-pre-commit is not installed, so the staged files were not checked for OpenAI keys." >&2
  echo "keyguard: install it with: npm install -g @keyguard/pre-commit   (or bypass this check once: git commit --no-verify)" >&2
  exit 1
fi
${MARKER_END}
`;

interface Change {
  file: string;
  content: string;
  /** What was done to the file, for the person reading the output. */
  summary: string;
  executable?: boolean;
}

interface Plan {
  changes: Change[];
  notes: string[];
  /** Something init could not do itself: the exit status is 1 and the notes say what to do. */
  incomplete: boolean;
}

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function git(args: string[], cwd: string): string | undefined {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** Writes JSON the way the file was written: its indentation and final newline. */
function formatJsonLike(original: string, value: unknown): string {
  const indent = /^[ \t]+(?=")/m.exec(original)?.[0] ?? '  ';
  return `${JSON.stringify(value, null, indent)}${original.endsWith('\n') || original === '' ? '\n' : ''}`;
}

/** Adds keyguard-pre-commit to a lint-staged config object; returns what it did, or undefined if already there. */
function mergeLintStaged(config: Json): string | undefined {
  const mentions = (value: unknown): boolean =>
    (typeof value === 'string' && value.includes(HOOK_COMMAND)) || (Array.isArray(value) && value.some(mentions));
  if (Object.values(config).some(mentions)) return undefined;
  const current = config['*'];
  if (current === undefined) {
    config['*'] = HOOK_COMMAND;
    return `added "*": "${HOOK_COMMAND}"`;
  }
  config['*'] = Array.isArray(current) ? [...(current as unknown[]), HOOK_COMMAND] : [current, HOOK_COMMAND];
  return `added "${HOOK_COMMAND}" after the existing "*" task${Array.isArray(current) ? 's' : ''}`;
}

function planNode(root: string): Plan {
  const plan: Plan = { changes: [], notes: [], incomplete: false };
  const packageFile = join(root, 'package.json');
  const packageText = readFileSync(packageFile, 'utf8');
  let manifest: Json;
  try {
    const parsed: unknown = JSON.parse(packageText);
    if (!isRecord(parsed)) throw new Error('not an object');
    manifest = parsed;
  } catch (error) {
    throw new InitError(`package.json is not valid JSON (${(error as Error).message}); fix it and run init again`);
  }
  const packageSummary: string[] = [];

  // 1. devDependencies, and the prepare script that installs husky's hooks on npm install.
  const dependencies = { ...(isRecord(manifest.dependencies) ? manifest.dependencies : {}), ...(isRecord(manifest.devDependencies) ? manifest.devDependencies : {}) };
  const missing = Object.keys(DEV_DEPENDENCIES).filter((name) => !(name in dependencies));
  if (missing.length > 0) {
    const devDependencies = isRecord(manifest.devDependencies) ? manifest.devDependencies : {};
    for (const name of missing) devDependencies[name] = DEV_DEPENDENCIES[name];
    manifest.devDependencies = Object.fromEntries(Object.entries(devDependencies).sort(([a], [b]) => a.localeCompare(b)));
    packageSummary.push(`added devDependencies ${missing.join(', ')}`);
  }
  const scripts = isRecord(manifest.scripts) ? manifest.scripts : {};
  const prepare = scripts.prepare;
  if (typeof prepare !== 'string' || prepare.trim() === '') {
    scripts.prepare = 'husky';
    manifest.scripts = scripts;
    packageSummary.push('added the script "prepare": "husky"');
  } else if (!/\bhusky\b/.test(prepare)) {
    scripts.prepare = `${prepare} && husky`;
    manifest.scripts = scripts;
    packageSummary.push(`appended "&& husky" to the existing "prepare" script`);
  }

  // 2. lint-staged's config, wherever it lives: merged, never replaced.
  const configFile = LINT_STAGED_FILES.find((name) => existsSync(join(root, name)));
  if (isRecord(manifest['lint-staged'])) {
    const did = mergeLintStaged(manifest['lint-staged']);
    if (did) packageSummary.push(`lint-staged config: ${did}`);
    else plan.notes.push('package.json: lint-staged already runs keyguard-pre-commit');
  } else if (configFile) {
    const file = join(root, configFile);
    const text = readFileSync(file, 'utf8');
    let config: unknown;
    if (configFile === '.lintstagedrc' || configFile.endsWith('.json')) {
      try {
        config = JSON.parse(text);
      } catch {
        config = undefined; // YAML in .lintstagedrc
      }
    }
    if (isRecord(config)) {
      const did = mergeLintStaged(config);
      if (did) plan.changes.push({ file, content: formatJsonLike(text, config), summary: `merged: ${did}` });
      else plan.notes.push(`${configFile}: lint-staged already runs keyguard-pre-commit`);
    } else if (text.includes(HOOK_COMMAND)) {
      plan.notes.push(`${configFile}: lint-staged already runs keyguard-pre-commit`);
    } else {
      plan.incomplete = true;
      plan.notes.push(`${configFile} is not JSON, so init did not edit it. Add this task to it yourself: "*": "${HOOK_COMMAND}" (for every staged file)`);
    }
  } else {
    manifest['lint-staged'] = { '*': HOOK_COMMAND };
    packageSummary.push(`added a "lint-staged" config: "*": "${HOOK_COMMAND}"`);
  }
  if (packageSummary.length > 0) {
    plan.changes.push({ file: packageFile, content: formatJsonLike(packageText, manifest), summary: packageSummary.join('; ') });
  }

  // 3. husky's hook: created, or appended to (an existing hook keeps everything it did).
  const hookFile = join(root, '.husky', 'pre-commit');
  if (!existsSync(hookFile)) {
    plan.changes.push({ file: hookFile, content: 'npx lint-staged\n', summary: 'runs npx lint-staged', executable: true });
  } else {
    const hook = readFileSync(hookFile, 'utf8');
    if (/\blint-staged\b/.test(hook)) plan.notes.push('.husky/pre-commit already runs lint-staged');
    else {
      plan.changes.push({ file: hookFile, content: `${hook}${hook.endsWith('\n') || hook === '' ? '' : '\n'}npx lint-staged\n`, summary: 'appended npx lint-staged (the existing commands stay and run first)', executable: true });
    }
  }

  if (missing.length > 0) plan.notes.push(`Next: run npm install (it installs ${missing.join(', ')}, and its prepare script activates the hook)`);
  else if (git(['config', '--get', 'core.hooksPath'], root) !== '.husky/_') plan.notes.push('Next: run npx husky (or npm install) to activate the hook');
  return plan;
}

function planPlain(root: string, cwd: string): Plan {
  const plan: Plan = { changes: [], notes: [], incomplete: false };
  // --git-path honours core.hooksPath and linked worktrees.
  const hooks = resolve(cwd, git(['rev-parse', '--git-path', 'hooks'], cwd) ?? join(root, '.git', 'hooks'));
  const hookFile = join(hooks, 'pre-commit');
  if (!existsSync(hookFile)) {
    plan.changes.push({ file: hookFile, content: `#!/bin/sh\n${PLAIN_HOOK_BLOCK}`, summary: 'runs keyguard-pre-commit', executable: true });
  } else {
    const hook = readFileSync(hookFile, 'utf8');
    const shebang = /^#!.*\n?/.exec(hook)?.[0] ?? '';
    if (hook.includes(MARKER_START)) plan.notes.push(`${relative(cwd, hookFile) || hookFile} already runs keyguard-pre-commit`);
    else if (shebang && !/\b(sh|bash|dash|zsh|ksh)\b/.test(shebang)) {
      plan.incomplete = true;
      plan.notes.push(`${hookFile} is not a shell script (${shebang.trim()}), so init did not edit it. Make it run: keyguard-pre-commit (a non-zero exit must stop the commit)`);
    } else {
      // Inserted at the top, not appended: a hook that ends in `exec` or `exit` would never reach a block added after it.
      const rest = hook.slice(shebang.length);
      plan.changes.push({ file: hookFile, content: `${shebang || '#!/bin/sh\n'}${PLAIN_HOOK_BLOCK}${rest}`, summary: 'added the keyguard block at the top; the existing hook runs after it, unchanged', executable: true });
    }
  }
  plan.notes.push('The hook runs keyguard-pre-commit from PATH: install it with npm install -g @keyguard/pre-commit');
  return plan;
}

export class InitError extends Error {}

export const INIT_HELP = `Usage: keyguard-pre-commit init [--dry-run]

Sets up the pre-commit hook in the current git repository:
  - a Node project (package.json at the root): husky 9 + lint-staged 16 run keyguard-pre-commit;
    .husky/pre-commit and the lint-staged config are merged with what is there, never replaced
  - any other project: a plain pre-commit hook in git's hooks folder (core.hooksPath is honoured)
  --dry-run   print what would be written, write nothing
`;

/** `keyguard-pre-commit init [--dry-run]`: returns 0 when set up, 1 when something is left to do by hand, 2 on error. */
export function runInit(args: readonly string[], io: HookIO): number {
  const unknown = args.filter((arg) => arg !== '--dry-run' && arg !== '--help' && arg !== '-h');
  if (unknown.length > 0) {
    io.stderr.write(`keyguard-pre-commit: init does not take ${unknown[0]}. Usage: keyguard-pre-commit init [--dry-run]\n`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(INIT_HELP);
    return 0;
  }
  const dryRun = args.includes('--dry-run');
  const root = git(['rev-parse', '--show-toplevel'], io.cwd);
  if (!root) {
    io.stderr.write('keyguard-pre-commit: init needs a git repository, and this folder is not in one. Run git init first\n');
    return 2;
  }
  let plan: Plan;
  try {
    plan = existsSync(join(root, 'package.json')) ? planNode(root) : planPlain(root, io.cwd);
  } catch (error) {
    io.stderr.write(`keyguard-pre-commit: ${(error as Error).message}\n`);
    return 2;
  }
  const kind = existsSync(join(root, 'package.json')) ? 'Node project: husky + lint-staged' : 'no package.json: a plain git hook';
  io.stdout.write(`keyguard-pre-commit init${dryRun ? ' --dry-run (nothing is written)' : ''} in ${root} (${kind})\n`);
  for (const change of plan.changes) {
    const name = relative(root, change.file) || change.file;
    const verb = existsSync(change.file) ? 'update' : 'create';
    if (dryRun) {
      io.stdout.write(`\nwould ${verb} ${name}: ${change.summary}\n--- ${name}\n${change.content}${change.content.endsWith('\n') ? '' : '\n'}---\n`);
      continue;
    }
    mkdirSync(dirname(change.file), { recursive: true });
    writeFileSync(change.file, change.content);
    if (change.executable) chmodSync(change.file, 0o755);
    io.stdout.write(`${verb}d ${name}: ${change.summary}\n`);
  }
  if (plan.changes.length === 0) io.stdout.write('Nothing to change: keyguard-pre-commit is already set up.\n');
  for (const note of plan.notes) io.stdout.write(`${note}\n`);
  return plan.incomplete ? 1 : 0;
}
