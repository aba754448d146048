#!/usr/bin/env node
// Kept small on purpose: a commit waits for this process, so the scanner is loaded only
// when a scan runs (hook.ts) and `init` never loads it.
import type { HookIO } from './hook';

const HELP = `keyguard-pre-commit: blocks a commit that would add an OpenAI API key

Usage:
  keyguard-pre-commit [FILE...]        scan what is staged (only these files' staged content, if given)
  keyguard-pre-commit init [--dry-run] set up the hook (husky + lint-staged, or a plain git hook)

Exit status: 0 nothing found, 1 a key would be committed, 2 the scan failed (the commit is blocked).
`;

async function main(argv: string[], io: HookIO): Promise<number> {
  const [first, ...rest] = argv;
  if (first === 'init') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('./init') as typeof import('./init')).runInit(rest, io);
  }
  if (first === '--help' || first === '-h') {
    io.stdout.write(HELP);
    return 0;
  }
  if (first === '--version' || first === '-v') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    io.stdout.write(`${(require('../package.json') as { version: string }).version}\n`);
    return 0;
  }
  const files = first === '--' ? rest : argv;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('./hook') as typeof import('./hook')).runHook({ files }, io);
}

const io: HookIO = { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env };
main(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Fail closed: whatever went wrong, the commit does not go through unchecked.
    process.stderr.write(`keyguard: commit blocked because the secrets scan failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`);
    process.stderr.write('keyguard: fix the cause and commit again, or bypass this check deliberately, once: git commit --no-verify\n');
    process.exitCode = 2;
  },
);
