import { parseArgs } from 'node:util';
import { closestName, KeyguardError } from '@keyguard/core';
import type { FailOn } from './scan';

export type Format = 'text' | 'json' | 'jsonl' | 'sarif' | 'github';
export const FORMATS: readonly Format[] = ['text', 'json', 'jsonl', 'sarif', 'github'];
const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'note', 'live'];

/** The parsed command line. Parsing happens in run(), never at import. */
export interface CliOptions {
  command: 'scan' | 'baseline' | 'rules' | 'revoke' | 'fix' | 'help' | 'version';
  paths: string[];
  staged: boolean;
  allLines: boolean;
  git: boolean;
  since?: string;
  range?: string;
  all: boolean;
  stdin: boolean;
  stdinFilename?: string;
  format?: Format;
  output?: string;
  baseline?: string;
  config?: string;
  noIgnore: boolean;
  color?: boolean;
  /** `--fail-on`: the least severity that makes exit 1 (default: the config's failOn, else warning: errors and warnings). */
  failOn?: FailOn;
  /** `--quiet`: the findings only (no steps, summary or notes). */
  quiet: boolean;
  /** `--verbose`: what was scanned, on standard error (counts, skipped items, timings). */
  verbose: boolean;
  /** `--verify`: ask the OpenAI API whether each key found is live (docs/verify.md). */
  verify: boolean;
  /** `--openai-base-url`: where `--verify` sends keys instead of https://api.openai.com (proxies, tests). */
  openaiBaseUrl?: string;
  /** revoke `--from-report FILE`: the keys of a keyguard JSON report instead of a scan. */
  fromReport?: string;
  /** revoke `--yes`: delete without asking. */
  yes: boolean;
  /** revoke `--dry-run`: show what would be deleted, delete nothing. */
  dryRun: boolean;
  /** `fix --env-file FILE`: where secrets go (default .env at the repository root). */
  envFile?: string;
  /** `fix --history`: the revoke-then-rewrite steps for keys in git history. */
  history: boolean;
  /** `fix --history --replace-file FILE`: where the git filter-repo replacements go. */
  replaceFile?: string;
  /** With command 'help': the command whose help to print; none for the overview. */
  helpFor?: CommandName;
}

export type CommandName = 'scan' | 'baseline' | 'rules' | 'revoke' | 'fix';

/** One flag of the command line: what the parser accepts and what each command's --help lists. */
export interface FlagSpec {
  name: string;
  type: 'boolean' | 'string';
  short?: string;
  /** The value's placeholder in the help (string flags). */
  value?: string;
  /** One line for `--help`. */
  description: string;
  /** The whole meaning, in Markdown, for the flag reference in docs/cli.md (generated); `description` when left out. */
  docs?: string;
  commands: readonly CommandName[];
}

const SOURCES: readonly CommandName[] = ['scan', 'baseline'];

/** The one flag table: the parser, the unknown-flag check and the per-command help read it. */
export const FLAGS: readonly FlagSpec[] = [
  {
    name: 'staged',
    type: 'boolean',
    description: 'scan what the next commit would add (the git index)',
    docs: "scan what the next commit would add, read from the git index rather than the working tree (the pre-commit hook's mode, see [pre-commit.md](pre-commit.md)). Paths narrow it to those files. Applies `.keyguard-baseline.json` at the repository root when it exists and neither `--baseline` nor the config names one, exactly as the hook does. With `fix`: fix the staged content, in the index and the work tree together, so the next commit goes through; a file whose unstaged changes touch the same lines is refused (see [fix.md](fix.md))",
    commands: [...SOURCES, 'fix'],
  },
  {
    name: 'all-lines',
    type: 'boolean',
    description: 'with --staged: every line of the staged files, not only the added ones',
    docs: 'with `--staged`: scan whole staged files instead of the added lines',
    commands: SOURCES,
  },
  {
    name: 'git',
    type: 'boolean',
    description: 'scan git history: the content each commit added',
    docs: 'scan git history: the content each commit added, over the history of `HEAD`; narrowed by `--since`, `--range` or `--all`. Takes no paths. Works in a checkout (from any folder of it) and in a bare repository (a mirror). Details in [ci.md](ci.md)',
    commands: SOURCES,
  },
  {
    name: 'since',
    type: 'string',
    value: 'REV',
    description: 'with --git: the commits after REV',
    docs: 'with `--git`: the commits after REV on `HEAD`',
    commands: SOURCES,
  },
  {
    name: 'range',
    type: 'string',
    value: 'A..B',
    description: 'with --git: the commits in A..B',
    docs: 'with `--git`: the commits in A..B (what a pull request adds)',
    commands: SOURCES,
  },
  {
    name: 'all',
    type: 'boolean',
    description: 'with --git: every commit of every branch',
    docs: 'with `--git`: every commit of every ref',
    commands: SOURCES,
  },
  {
    name: 'stdin',
    type: 'boolean',
    description: 'scan standard input',
    docs: 'scan standard input as one file. Takes no paths',
    commands: SOURCES,
  },
  {
    name: 'stdin-filename',
    type: 'string',
    value: 'NAME',
    description: 'with --stdin: the file name to report',
    docs: 'the name standard input is reported under (default `<stdin>`); its extension picks the file kind, so `--stdin-filename .env` reads `KEY=value` lines as an env file',
    commands: SOURCES,
  },
  {
    name: 'format',
    type: 'string',
    short: 'f',
    value: FORMATS.join('|'),
    description: 'report format (default text)',
    docs: 'the report format (default `text`); see [Formats](#formats)',
    commands: ['scan'],
  },
  {
    name: 'output',
    type: 'string',
    short: 'o',
    value: 'FILE',
    description: 'write the report to FILE',
    docs: 'write the report to FILE instead of standard output (the folder must exist)',
    commands: SOURCES,
  },
  {
    name: 'baseline',
    type: 'string',
    value: 'FILE',
    description: 'drop findings already recorded in FILE',
    docs: 'drop findings recorded in FILE (see [Baselines](#baselines)); a missing or malformed FILE is an error',
    commands: ['scan'],
  },
  {
    name: 'config',
    type: 'string',
    short: 'c',
    value: 'FILE',
    description: 'default: keyguard.config.json at the repository root',
    docs: 'the config file (default `keyguard.config.json` at the repository root, or in the working directory outside git, if present); a missing FILE is an error',
    commands: ['scan', 'baseline', 'rules', 'revoke', 'fix'],
  },
  {
    name: 'no-ignore',
    type: 'boolean',
    description: 'do not honour ignore files',
    docs: "do not honour `.gitignore` or `.keyguardignore` (the config's `ignore` list still applies)",
    commands: [...SOURCES, 'fix'],
  },
  {
    name: 'color',
    type: 'boolean',
    description: 'force colours on (text format)',
    docs: 'force colours in the text report on',
    commands: ['scan'],
  },
  {
    name: 'no-color',
    type: 'boolean',
    description: 'force colours off (text format)',
    docs: 'force colours in the text report off (`NO_COLOR` does too)',
    commands: ['scan'],
  },
  {
    name: 'fail-on',
    type: 'string',
    value: FAIL_ON.join('|'),
    description: "the least severity that makes exit 1 (default: the config's failOn, else warning; live: only live keys)",
    docs: "the least severity that makes exit 1 (default: the config's `failOn`, else `warning`: errors and warnings fail, notes are reported and pass). `error` lets warnings through with exit 0, still reported; `note` fails on every finding. `live` (with `--verify`): only the keys the OpenAI API answered as live fail the run. See [Severities](#severities)",
    commands: ['scan'],
  },
  {
    name: 'verify',
    type: 'boolean',
    description: 'ask the OpenAI API whether each key found is live (sends the keys there; off by default)',
    docs: 'opt-in: send each distinct key found to the OpenAI API (`GET /v1/models`; an admin key to the Admin API, an Azure key to the endpoint named beside it) and report it `live`, `revoked` or `unverified`. The first line on standard error says where keys go. Also `"verify": true` in the config. See [verify.md](verify.md)',
    commands: ['scan'],
  },
  {
    name: 'openai-base-url',
    type: 'string',
    value: 'URL',
    description: 'with --verify: send keys to URL instead of https://api.openai.com (proxies, tests)',
    docs: 'where `--verify` and `keyguard revoke` send keys instead of `https://api.openai.com` (a proxy, a test server); also `KEYGUARD_OPENAI_BASE_URL`. Printed on standard error whenever it is not the default. See [verify.md](verify.md)',
    commands: ['scan', 'revoke'],
  },
  {
    name: 'from-report',
    type: 'string',
    value: 'FILE',
    description: 'revoke the keys of a keyguard JSON report (keyguard scan --format json) instead of scanning',
    docs: 'revoke the OpenAI keys of a keyguard JSON report (`keyguard scan --format json --output FILE`) instead of scanning PATHs. A report holds only redacted keys, so more matches may be ambiguous than with a scan. See [verify.md](verify.md#keyguard-revoke)',
    commands: ['revoke'],
  },
  {
    name: 'yes',
    type: 'boolean',
    short: 'y',
    description: 'delete the matched keys without asking (scripts)',
    docs: 'delete the matched keys without asking. Without it, revoke asks on a terminal and only shows what it would delete when standard input is not a terminal',
    commands: ['revoke'],
  },
  {
    name: 'dry-run',
    type: 'boolean',
    description: 'show what would be deleted (revoke) or changed (fix, as a redacted diff); change nothing',
    docs: 'change nothing, and show what would change: `revoke` shows what it would delete (the default when standard input is not a terminal and `--yes` is absent); `fix` prints every change as a unified diff (the code, the env file, `.gitignore`, `.env.example`) with each secret redacted, and exits 1 when there is something to fix',
    commands: ['revoke', 'fix'],
  },
  {
    name: 'env-file',
    type: 'string',
    value: 'FILE',
    description: 'with fix: where the secrets go (default .env at the repository root)',
    docs: 'with `fix`: the env file the secrets are moved to (default `.env` at the repository root). Created with mode 0600; a variable is added once, and a different value for a variable it already holds is a conflict, reported and never overwritten',
    commands: ['fix'],
  },
  {
    name: 'quiet',
    type: 'boolean',
    short: 'q',
    description: 'print the findings only: no steps, summary or notes (warnings still go to stderr)',
    docs: 'the findings only: in the text report the stylish rows, without the steps, the summary line and the notes; nothing at all when nothing is found. With a machine format the report is unchanged and the skipped count and notes are not repeated on standard error. Warnings (a file that could not be read or is over `maxFileSize`) are still printed: what was not scanned is never silent',
    commands: ['scan'],
  },
  {
    name: 'verbose',
    type: 'boolean',
    description: 'say on stderr what was scanned: source, config, counts, each skipped item, timings',
    docs: "say on standard error what was scanned: the source, the config and each rule's severity, the baseline and how many findings it accepts, files and bytes scanned, findings and distinct keys, each skipped item with its reason, and the time taken (set-up, scan, report). The report on standard output is unchanged, so `--verbose --format json` stays machine-readable",
    commands: ['scan'],
  },
  {
    name: 'history',
    type: 'boolean',
    description: 'with fix: the revoke-then-rewrite steps for keys in git history',
    docs: 'with `fix`: scan git history and print the order that keeps evidence (revoke the key, check its usage, then rewrite history); with `--replace-file`, write a `git filter-repo --replace-text` file. It rewrites nothing itself',
    commands: ['fix'],
  },
  {
    name: 'replace-file',
    type: 'string',
    value: 'FILE',
    description: 'with fix --history: write git filter-repo replacements to FILE (0600, outside the repository)',
    docs: 'with `fix --history`: write the `git filter-repo --replace-text` file to FILE (mode 0600; refused inside the repository). **The one output of keyguard that holds whole keys**: it says so on standard error; delete it after the rewrite',
    commands: ['fix'],
  },
  {
    name: 'help',
    type: 'boolean',
    short: 'h',
    description: 'print this help',
    docs: "print the command's usage and its flags",
    commands: ['scan', 'baseline', 'rules', 'revoke', 'fix'],
  },
];

/** What parseArgs reads: the table, and --version (the whole tool's, no command's). */
const optionSpec: Record<string, { type: 'boolean' | 'string'; short?: string }> = Object.fromEntries([
  ...FLAGS.map((flag) => [flag.name, flag.short ? { type: flag.type, short: flag.short } : { type: flag.type }] as const),
  ['version', { type: 'boolean', short: 'v' }] as const,
]);

const COMMANDS = ['scan', 'baseline', 'rules', 'revoke', 'fix', 'help', 'version'] as const;
const USAGES: Record<CommandName, string> = {
  scan: 'keyguard scan [PATH...] [flags]: scan files or folders (default .); honours .gitignore and .keyguardignore',
  baseline: "keyguard baseline [PATH...] [flags]: record today's findings (default .keyguard-baseline.json)",
  rules: 'keyguard rules [flags]: list the rules with their severities, as the config sets them',
  revoke:
    'keyguard revoke [PATH... | --from-report FILE] [flags]: with OPENAI_ADMIN_KEY in the environment, delete the leaked OpenAI keys found (asks first)',
  fix: 'keyguard fix [PATH...] [flags]: move hard-coded secrets into .env and read them from the environment',
};

/** The flags one command takes, from the table. */
export function flagsOf(command: CommandName): FlagSpec[] {
  return FLAGS.filter((flag) => flag.commands.includes(command));
}

/** `keyguard <command> --help`: the command's usage and its flags, from the table. */
export function commandHelp(command: CommandName): string {
  const rows = flagsOf(command).map((flag) => {
    const names = `${flag.short ? `-${flag.short}, ` : ''}--${flag.name}${flag.value ? ` ${flag.value}` : ''}`;
    return `  ${names.padEnd(36)} ${flag.description}\n`;
  });
  const exit =
    command === 'fix'
      ? '0 nothing to fix, 1 fixes applied (or pending, with --dry-run), 2 usage, configuration or runtime error'
      : '0 nothing found, 1 findings, 2 usage, configuration or runtime error';
  return `Usage: ${USAGES[command]}\n\nFlags:\n${rows.join('')}\nExit status: ${exit}.\n`;
}

/** The closest known flag of the command, when it is within a small edit distance. */
function suggestFlag(name: string, command: CommandName): string | undefined {
  return closestName(
    name,
    flagsOf(command).map((flag) => flag.name),
  );
}

/**
 * Refuses a flag the table does not know, or one the command does not take, before the
 * strict parse: one line that names the command, a close flag and the command's help.
 */
function checkFlags(argv: readonly string[]): void {
  const { tokens } = parseArgs({ args: [...argv], options: optionSpec, allowPositionals: true, strict: false, tokens: true });
  const first = tokens.find((token) => token.kind === 'positional');
  const named = first !== undefined && ['scan', 'baseline', 'rules', 'revoke', 'fix'].includes(first.value);
  const command = (named ? first.value : 'scan') as CommandName;
  for (const token of tokens) {
    if (token.kind !== 'option' || token.name === 'version') continue;
    const flag = FLAGS.find((spec) => spec.name === token.name || spec.short === token.name);
    if (flag && flag.commands.includes(command)) continue;
    if (flag && !(command === 'baseline' && (flag.name === 'format' || flag.name === 'baseline'))) {
      throw new KeyguardError(`${token.rawName} does not apply to keyguard ${command}`, `See keyguard ${command} --help`);
    }
    if (flag) continue; // baseline's own messages below say why.
    const suggestion = suggestFlag(token.name, command);
    const where = named ? ` for ${command}` : '';
    const help = named ? `keyguard ${command} --help` : 'keyguard --help';
    const didYouMean = suggestion ? ` Did you mean --${suggestion}?` : '';
    throw new KeyguardError(`unknown flag ${token.rawName}${where}.${didYouMean} See ${help}`);
  }
}

/** Parses argv (without node and the script); bad usage is a KeyguardError (exit 2). */
export function parseCommandLine(argv: readonly string[]): CliOptions {
  checkFlags(argv);
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: optionSpec, allowPositionals: true, strict: true });
  } catch (error) {
    const message = (error as Error).message.split('\n')[0].replace(/\. To specify a positional argument.*$/, '');
    throw new KeyguardError(message.replace(/\.$/, ''), 'Run: keyguard --help');
  }
  const { values, positionals } = parsed;
  // `keyguard` alone scans the working directory, like `keyguard scan`.
  let command: CliOptions['command'] = 'scan';
  let paths = positionals;
  if (values.version) command = 'version';
  else if (positionals.length > 0) {
    const first = positionals[0];
    if (!(COMMANDS as readonly string[]).includes(first)) {
      throw new KeyguardError(`unknown command "${first}"`, 'Commands: scan, baseline, rules, revoke, fix. Run: keyguard --help');
    }
    command = first as CliOptions['command'];
    paths = positionals.slice(1);
  }
  if (values.help) {
    // `keyguard scan --help` is the command's own help; `keyguard --help` the overview.
    const named = positionals.length > 0 && command !== 'help' && command !== 'version';
    return { ...emptyOptions(), command: 'help', helpFor: named ? (command as CommandName) : undefined };
  }
  const flag = (name: string): boolean => values[name] === true;
  const text = (name: string): string | undefined => {
    const value = values[name];
    return typeof value === 'string' ? value : undefined;
  };
  if (command === 'help' && (['scan', 'baseline', 'rules', 'revoke', 'fix'] as readonly string[]).includes(paths[0])) {
    return { ...emptyOptions(), command: 'help', helpFor: paths[0] as CommandName };
  }
  const format = text('format');
  if (format !== undefined && !(FORMATS as readonly string[]).includes(format)) {
    throw new KeyguardError(`--format must be one of ${FORMATS.join(', ')} (got "${format}")`, 'Try: keyguard scan --format json');
  }
  const failOn = text('fail-on');
  if (failOn !== undefined && !(FAIL_ON as readonly string[]).includes(failOn)) {
    throw new KeyguardError(`--fail-on must be one of ${FAIL_ON.join(', ')} (got "${failOn}")`, 'Try: keyguard scan --fail-on error');
  }
  const options: CliOptions = {
    command,
    paths,
    staged: flag('staged'),
    allLines: flag('all-lines'),
    git: flag('git'),
    since: text('since'),
    range: text('range'),
    all: flag('all'),
    stdin: flag('stdin'),
    stdinFilename: text('stdin-filename'),
    format: format as Format | undefined,
    output: text('output'),
    baseline: text('baseline'),
    config: text('config'),
    noIgnore: flag('no-ignore'),
    color: flag('no-color') ? false : values.color === true ? true : undefined,
    ...(failOn !== undefined ? { failOn: failOn as FailOn } : {}),
    quiet: flag('quiet'),
    verbose: flag('verbose'),
    verify: flag('verify'),
    ...(text('openai-base-url') !== undefined ? { openaiBaseUrl: text('openai-base-url') } : {}),
    ...(text('from-report') !== undefined ? { fromReport: text('from-report') } : {}),
    yes: flag('yes'),
    dryRun: flag('dry-run'),
    envFile: text('env-file'),
    history: flag('history'),
    replaceFile: text('replace-file'),
  };
  checkCombinations(options);
  checkCommand(options, format !== undefined);
  return options;
}

function emptyOptions(): CliOptions {
  return {
    command: 'help',
    paths: [],
    staged: false,
    allLines: false,
    git: false,
    all: false,
    stdin: false,
    noIgnore: false,
    quiet: false,
    verbose: false,
    verify: false,
    yes: false,
    dryRun: false,
    history: false,
  };
}

/** Flags that mean nothing to a command are refused rather than silently ignored. */
function checkCommand(options: CliOptions, formatGiven: boolean): void {
  if (options.command === 'fix') checkFix(options);
  if (options.command === 'rules' && options.paths.length > 0) {
    throw new KeyguardError(`keyguard rules takes no paths (got "${options.paths[0]}")`, 'Run: keyguard rules');
  }
  if (options.command === 'revoke') {
    if (options.fromReport !== undefined && options.paths.length > 0)
      throw new KeyguardError('keyguard revoke takes PATHs or --from-report FILE, not both', 'Run: keyguard revoke --from-report FILE');
    if (options.fromReport === '') throw new KeyguardError('--from-report needs a file', 'Run: keyguard revoke --from-report report.json');
    if (options.yes && options.dryRun) throw new KeyguardError('--yes and --dry-run cannot be combined', 'Pick one');
  }
  if (options.command === 'baseline') {
    if (formatGiven)
      throw new KeyguardError(
        'keyguard baseline always writes JSON; --format does not apply',
        'Run: keyguard baseline --output .keyguard-baseline.json',
      );
    if (options.baseline !== undefined)
      throw new KeyguardError('keyguard baseline records every finding; --baseline does not apply', 'Run: keyguard baseline --output FILE');
  }
}

/** `keyguard fix`'s own combinations: --history takes no paths and writes no code. */
function checkFix(options: CliOptions): void {
  if (options.envFile === '') throw new KeyguardError('--env-file needs a file name', 'Try: keyguard fix --env-file .env.local');
  if (options.replaceFile === '')
    throw new KeyguardError('--replace-file needs a file name', 'Try: keyguard fix --history --replace-file ../replacements.txt');
  if (options.replaceFile !== undefined && !options.history) {
    throw new KeyguardError('--replace-file goes with --history', 'Try: keyguard fix --history --replace-file ../replacements.txt');
  }
  if (options.history && (options.staged || options.dryRun || options.envFile !== undefined || options.paths.length > 0)) {
    throw new KeyguardError(
      'keyguard fix --history takes no paths, --staged, --dry-run or --env-file',
      'Try: keyguard fix --history --replace-file ../replacements.txt',
    );
  }
}

function checkCombinations(options: CliOptions): void {
  if (options.quiet && options.verbose) throw new KeyguardError('--quiet and --verbose cannot be combined', 'Pick one');
  const sources = [options.staged && '--staged', options.git && '--git', options.stdin && '--stdin'].filter(Boolean);
  if (sources.length > 1) throw new KeyguardError(`${sources.join(' and ')} cannot be combined`, 'Pick one source to scan');
  if ((options.since || options.range || options.all) && !options.git) {
    throw new KeyguardError('--since, --range and --all go with --git', 'Try: keyguard scan --git --range origin/main..HEAD');
  }
  if ([options.since, options.range, options.all || undefined].filter(Boolean).length > 1) {
    throw new KeyguardError('--since, --range and --all cannot be combined', 'Pick one range of history');
  }
  if (options.range !== undefined && !/^[^.\s][^\s]*\.\.\.?[^.\s]/.test(options.range)) {
    throw new KeyguardError(`--range expects A..B (got "${options.range}")`, 'Try: keyguard scan --git --range origin/main..HEAD');
  }
  if (options.allLines && !options.staged)
    throw new KeyguardError('--all-lines goes with --staged', 'Try: keyguard scan --staged --all-lines');
  if (options.stdinFilename === '')
    throw new KeyguardError('--stdin-filename needs a name', 'Try: cat app.py | keyguard scan --stdin --stdin-filename app.py');
  if (options.stdinFilename !== undefined && !options.stdin)
    throw new KeyguardError('--stdin-filename goes with --stdin', 'Try: cat app.py | keyguard scan --stdin --stdin-filename app.py');
  if ((options.staged || options.git || options.stdin) && options.paths.length > 0 && !options.staged) {
    throw new KeyguardError(
      `paths cannot be given with ${options.git ? '--git' : '--stdin'}`,
      'Run from the repository, or drop the paths',
    );
  }
}

export const HELP = `keyguard: keeps OpenAI API keys out of source code and git history

Usage:
  keyguard scan [PATH...]        scan files or folders (default .); honours .gitignore and .keyguardignore
    --staged [--all-lines]       scan what the next commit would add (the git index)
    --git [--since REV | --range A..B | --all]
                                 scan git history: the content each commit added
    --stdin [--stdin-filename N] scan standard input
    --format text|json|jsonl|sarif|github   report format (default text; jsonl streams)
    --output FILE                write the report to FILE
    --baseline FILE              drop findings already recorded in FILE
    --config FILE                default: keyguard.config.json at the repository root
    --fail-on error|warning|note|live  the least severity that makes exit 1 (default: config failOn, else warning)
    --verify [--openai-base-url URL]   opt-in: ask the OpenAI API whether each key found is live
    --no-ignore                  do not honour ignore files
    --color, --no-color          force colours on or off (text format)
    -q, --quiet                  the findings only: no steps, summary or notes
    --verbose                    say what was scanned (counts, skipped items, timings) on stderr
  keyguard baseline [PATH...] [--output FILE]
                                 record today's findings (default .keyguard-baseline.json)
  keyguard rules [--config FILE] list the rules with their severities (as the config sets them)
  keyguard revoke [PATH... | --from-report FILE] [--yes] [--dry-run] [--openai-base-url URL]
                                 with OPENAI_ADMIN_KEY: delete the leaked OpenAI keys found
  keyguard fix [PATH...] [--staged] [--dry-run] [--env-file FILE]
                                 move hard-coded secrets into .env; the code reads the environment
  keyguard fix --history [--replace-file FILE]
                                 the revoke-then-rewrite steps for keys in git history
  keyguard --version

Exit status: 0 nothing found, 1 findings, 2 usage, configuration or runtime error.
`;
