import { parseArgs } from 'node:util';
import { KeyguardError } from '@keyguard/core';

export type Format = 'text' | 'json' | 'sarif' | 'github';
export const FORMATS: readonly Format[] = ['text', 'json', 'sarif', 'github'];

/** The parsed command line. Parsing happens in run(), never at import. */
export interface CliOptions {
  command: 'scan' | 'baseline' | 'rules' | 'help' | 'version';
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
}

const optionSpec = {
  staged: { type: 'boolean' },
  'all-lines': { type: 'boolean' },
  git: { type: 'boolean' },
  since: { type: 'string' },
  range: { type: 'string' },
  all: { type: 'boolean' },
  stdin: { type: 'boolean' },
  'stdin-filename': { type: 'string' },
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  baseline: { type: 'string' },
  config: { type: 'string', short: 'c' },
  'no-ignore': { type: 'boolean' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

const COMMANDS = ['scan', 'baseline', 'rules', 'help', 'version'] as const;

/** Parses argv (without node and the script); bad usage is a KeyguardError (exit 2). */
export function parseCommandLine(argv: readonly string[]): CliOptions {
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
  if (values.help) command = 'help';
  else if (values.version) command = 'version';
  else if (positionals.length > 0) {
    const first = positionals[0];
    if (!(COMMANDS as readonly string[]).includes(first)) {
      throw new KeyguardError(`unknown command "${first}"`, 'Commands: scan, baseline, rules. Run: keyguard --help');
    }
    command = first as CliOptions['command'];
    paths = positionals.slice(1);
  }
  const format = values.format;
  if (format !== undefined && !(FORMATS as readonly string[]).includes(format)) {
    throw new KeyguardError(`--format must be one of ${FORMATS.join(', ')} (got "${format}")`, 'Try: keyguard scan --format json');
  }
  const options: CliOptions = {
    command,
    paths,
    staged: values.staged ?? false,
    allLines: values['all-lines'] ?? false,
    git: values.git ?? false,
    since: values.since,
    range: values.range,
    all: values.all ?? false,
    stdin: values.stdin ?? false,
    stdinFilename: values['stdin-filename'],
    format: format as Format | undefined,
    output: values.output,
    baseline: values.baseline,
    config: values.config,
    noIgnore: values['no-ignore'] ?? false,
    color: values['no-color'] ? false : values.color,
  };
  checkCombinations(options);
  checkCommand(options, values.format !== undefined);
  return options;
}

/** Flags that mean nothing to a command are refused rather than silently ignored. */
function checkCommand(options: CliOptions, formatGiven: boolean): void {
  if (options.command === 'rules' && options.paths.length > 0) {
    throw new KeyguardError(`keyguard rules takes no paths (got "${options.paths[0]}")`, 'Run: keyguard rules');
  }
  if (options.command === 'baseline') {
    if (formatGiven) throw new KeyguardError('keyguard baseline always writes JSON; --format does not apply', 'Run: keyguard baseline --output .keyguard-baseline.json');
    if (options.baseline !== undefined) throw new KeyguardError('keyguard baseline records every finding; --baseline does not apply', 'Run: keyguard baseline --output FILE');
  }
}

function checkCombinations(options: CliOptions): void {
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
  if (options.allLines && !options.staged) throw new KeyguardError('--all-lines goes with --staged', 'Try: keyguard scan --staged --all-lines');
  if (options.stdinFilename === '') throw new KeyguardError('--stdin-filename needs a name', 'Try: cat app.py | keyguard scan --stdin --stdin-filename app.py');
  if (options.stdinFilename !== undefined && !options.stdin) throw new KeyguardError('--stdin-filename goes with --stdin', 'Try: cat app.py | keyguard scan --stdin --stdin-filename app.py');
  if ((options.staged || options.git || options.stdin) && options.paths.length > 0 && !options.staged) {
    throw new KeyguardError(`paths cannot be given with ${options.git ? '--git' : '--stdin'}`, 'Run from the repository, or drop the paths');
  }
}

export const HELP = `keyguard: keeps OpenAI API keys out of source code and git history

Usage:
  keyguard scan [PATH...]        scan files or folders (default .); honours .gitignore and .keyguardignore
    --staged [--all-lines]       scan what the next commit would add (the git index)
    --git [--since REV | --range A..B | --all]
                                 scan git history: the content each commit added
    --stdin [--stdin-filename N] scan standard input
    --format text|json|sarif|github   report format (default text)
    --output FILE                write the report to FILE
    --baseline FILE              drop findings already recorded in FILE
    --config FILE                default: keyguard.config.json at the repository root
    --no-ignore                  do not honour ignore files
    --color, --no-color          force colours on or off (text format)
  keyguard baseline [PATH...] [--output FILE]
                                 record today's findings (default .keyguard-baseline.json)
  keyguard rules                 list the rules
  keyguard --version

Exit status: 0 nothing found, 1 findings, 2 usage, configuration or runtime error.
`;
