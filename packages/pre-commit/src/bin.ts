#!/usr/bin/env node
// Kept small on purpose: a commit waits for this process, so the scanner is loaded only
// when a scan runs (hook.ts) and `init` never loads it.
import type { HookIO } from './hook';

const HELP = `keyguard-pre-commit: blocks a commit that would add an OpenAI API key

Usage:
  keyguard-pre-commit [--all-lines] [--fail-on error|warning|note|live] [--verify] [-- FILE...]
                                       scan what is staged: the lines the commit adds (whole
                                       staged files with --all-lines), only FILEs' if given;
                                       findings below --fail-on (default: the config's failOn,
                                       else warning, so notes never block) are shown, not blocking;
                                       --verify asks the OpenAI API whether each key is live
                                       (sends the keys: off unless given; docs/verify.md), and
                                       --fail-on live then blocks only live keys
  keyguard-pre-commit pre-push [--fail-on error|warning|note] REMOTE [URL]
                                       git's pre-push hook: scan the commits the push sends
                                       that REMOTE does not have yet (the refs on stdin)
  keyguard-pre-commit pre-push --framework [--fail-on error|warning|note]
                                       the same at the pre-commit framework's pre-push stage
                                       (hook id keyguard-pre-push): the push is read from
                                       PRE_COMMIT_FROM_REF, PRE_COMMIT_TO_REF and the others
  keyguard-pre-commit init [--dry-run] set up the hooks (husky + lint-staged, or plain git hooks)

File names go after --, so that none is taken for a flag or a command (lint-staged passes
absolute paths, which need none). An unknown flag is an error: the commit is blocked.

Exit status: 0 nothing found, 1 a key would be committed, 2 the scan failed or bad usage (the commit is blocked).
`;

const USAGE =
  'Usage: keyguard-pre-commit [--all-lines] [--fail-on error|warning|note|live] [--verify] [-- FILE...]; run keyguard-pre-commit --help';

type FailOn = 'error' | 'warning' | 'note' | 'live';
const FAIL_ON: readonly string[] = ['error', 'warning', 'note', 'live'];

/** What the command line asks: a command, or a scan of (some) staged files; `error` fails closed. */
type Request =
  | { kind: 'init'; args: string[] }
  | { kind: 'pre-push'; remote: string; framework: boolean; failOn?: Exclude<FailOn, 'live'> }
  | { kind: 'help' | 'version' }
  | { kind: 'scan'; files: string[]; allLines: boolean; failOn?: FailOn; verify: boolean }
  | { kind: 'error'; message: string; push?: boolean };

/**
 * Reads the arguments, failing closed: a flag it does not know is an error (exit 2), never a
 * file name, so a mistyped option cannot turn the hook into a pass. After `--` everything is
 * a file name, whatever it looks like (`init`, `--help`): the pre-commit framework's entry
 * ends with `--`, so a staged file can never run a command. `init`, `--help` and `--version`
 * are commands only as the first (and for the last two, the only) argument.
 */
function parseArguments(argv: readonly string[]): Request {
  if (argv[0] === 'init') return { kind: 'init', args: argv.slice(1) };
  if (argv[0] === 'pre-push') return parsePrePush(argv.slice(1));
  if (argv.length === 1 && (argv[0] === '--help' || argv[0] === '-h')) return { kind: 'help' };
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) return { kind: 'version' };
  const files: string[] = [];
  let allLines = false;
  let verify = false;
  let failOn: FailOn | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      files.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '--all-lines') allLines = true;
    else if (arg === '--verify') verify = true;
    else if (arg === '--fail-on' || arg.startsWith('--fail-on=')) {
      const value = arg === '--fail-on' ? argv[++i] : arg.slice('--fail-on='.length);
      if (value === undefined || !FAIL_ON.includes(value))
        return { kind: 'error', message: `--fail-on must be one of ${FAIL_ON.join(', ')} (got ${JSON.stringify(value ?? '')})` };
      failOn = value as FailOn;
    } else if (arg.startsWith('-'))
      return { kind: 'error', message: `unknown option ${JSON.stringify(arg)} (file names go after --). ${USAGE}` };
    else files.push(arg);
  }
  // Nothing is live that was not asked: `live` without --verify would block nothing, silently.
  if (failOn === 'live' && !verify)
    return { kind: 'error', message: '--fail-on live needs --verify (nothing is sent to the OpenAI API without it)' };
  return { kind: 'scan', files, allLines, verify, ...(failOn ? { failOn } : {}) };
}

/** `pre-push [--fail-on S] REMOTE [URL]`: what git passes its pre-push hook, after the command. */
function parsePrePush(argv: readonly string[]): Request {
  const positional: string[] = [];
  let failOn: Exclude<FailOn, 'live'> | undefined;
  let framework = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--framework') framework = true;
    else if (arg === '--fail-on' || arg.startsWith('--fail-on=')) {
      const value = arg === '--fail-on' ? argv[++i] : arg.slice('--fail-on='.length);
      // pre-push does not verify: `live` would block nothing.
      if (value === undefined || !FAIL_ON.includes(value) || value === 'live')
        return {
          kind: 'error',
          push: true,
          message: `--fail-on must be one of ${FAIL_ON.filter((word) => word !== 'live').join(', ')} (got ${JSON.stringify(value ?? '')})`,
        };
      failOn = value as Exclude<FailOn, 'live'>;
    } else if (arg === '--') positional.push(...argv.slice(i + 1, (i = argv.length)));
    else if (arg.startsWith('-') && positional.length === 0)
      return { kind: 'error', push: true, message: `pre-push does not take ${JSON.stringify(arg)}` };
    else positional.push(arg);
  }
  // The pre-commit framework passes the push in PRE_COMMIT_* variables, and no arguments.
  if (framework && positional.length > 0)
    return { kind: 'error', push: true, message: 'pre-push --framework takes no remote: the pre-commit framework passes it' };
  if (framework) return { kind: 'pre-push', remote: '', framework, ...(failOn ? { failOn } : {}) };
  if (positional.length < 1 || positional.length > 2)
    return {
      kind: 'error',
      push: true,
      message: 'pre-push takes the remote and its URL, as git passes them: keyguard-pre-commit pre-push "$@"',
    };
  return { kind: 'pre-push', remote: positional[0], framework, ...(failOn ? { failOn } : {}) };
}

/** Standard input, whole: a pre-push hook gets one short line per ref. */
async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

async function main(argv: string[], io: HookIO): Promise<number> {
  const request = parseArguments(argv);
  switch (request.kind) {
    case 'init':
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      return (require('./init') as typeof import('./init')).runInit(request.args, io);
    case 'pre-push':
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      return (require('./push') as typeof import('./push')).runPrePush(
        {
          remote: request.remote,
          // pre-commit reads git's ref lines itself: its hooks get none.
          input: request.framework ? '' : await readAll(process.stdin),
          framework: request.framework,
          ...(request.failOn ? { failOn: request.failOn } : {}),
        },
        io,
      );
    case 'help':
      io.stdout.write(HELP);
      return 0;
    case 'version':
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      io.stdout.write(`${(require('../package.json') as { version: string }).version}\n`);
      return 0;
    case 'error':
      io.stderr.write(
        request.push
          ? `keyguard-pre-commit: ${request.message}. The push is blocked: fix the hook's command, or bypass it once: git push --no-verify\n`
          : `keyguard-pre-commit: ${request.message}. The commit is blocked: fix the hook's command, or bypass it once: git commit --no-verify\n`,
      );
      return 2;
    case 'scan':
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      return (require('./hook') as typeof import('./hook')).runHook(
        {
          files: request.files,
          allLines: request.allLines,
          ...(request.verify ? { verify: true } : {}),
          ...(request.failOn ? { failOn: request.failOn } : {}),
        },
        io,
      );
  }
}

const io: HookIO = { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env };
main(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Fail closed: whatever went wrong, the commit does not go through unchecked.
    process.stderr.write(
      `keyguard: commit blocked because the secrets scan failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`,
    );
    process.stderr.write('keyguard: fix the cause and commit again, or bypass this check deliberately, once: git commit --no-verify\n');
    process.exitCode = 2;
  },
);
