import { closeSync, existsSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  configPath,
  createBaseline,
  DEFAULT_BASELINE,
  KeyguardError,
  loadBaseline,
  loadConfig,
  redactSecretsIn,
  relativeName,
  rules,
  type ResolvedConfig,
} from '@keyguard/core';
import { HELP, commandHelp, parseCommandLine, type CliOptions, type Format } from './args';
import type { CliIO } from './io';
import { formatReport } from './report';
import { jsonlFindingLine, jsonlSummaryLine } from './report/jsonl';
import { binaryPhrase, summarizeSkipped } from './report/text';
import { findRepository, prefixWithoutGit, requireRepository, rootOf, type RepositoryLookup } from './git/repository';
import { exitStatusOf, scanSource, type ReportedFinding, type ScanResult } from './scan';
import { warningLines } from './warnings';
import { readFiles } from './sources/file-source';
import type { Source } from './sources/types';
import type { OpenAIEndpoint } from './verify/base-url';
import type { KeySecret } from './verify/key-secret';
import type { revokeCommand as RevokeCommand, RevokeScan } from './revoke';
import type { fixCommand as FixCommand } from './fix/fix-command';

/*
 * What only some commands need is required when they run, not at start-up: `--version`,
 * `--help` and a folder scan do not load the history walk, the index reader, standard input,
 * fix, revoke (required in their `case`) or the verifier (issue 10: a command's start-up is a wait in every hook and CI step).
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const history = (): typeof import('./sources/git-history') => require('./sources/git-history') as typeof import('./sources/git-history');
const staged = (): typeof import('./sources/staged') => require('./sources/staged') as typeof import('./sources/staged');
const stdin = (): typeof import('./sources/stdin') => require('./sources/stdin') as typeof import('./sources/stdin');
const baseUrl = (): typeof import('./verify/base-url') => require('./verify/base-url') as typeof import('./verify/base-url');
const verifier = (): typeof import('./verify/verify-keys') => require('./verify/verify-keys') as typeof import('./verify/verify-keys');
/* eslint-enable @typescript-eslint/no-require-imports */

// A require, not a file read beside __dirname, so that bundle/ (scripts/bundle.mjs) carries the version too.
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const VERSION = (require('../package.json') as { version: string }).version;

/**
 * Runs the keyguard command line and returns its exit status: 0 nothing found, 1 findings,
 * 2 usage, configuration or runtime error. Never exits the process and never throws.
 */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  try {
    const options = parseCommandLine(argv);
    switch (options.command) {
      case 'help':
        io.stdout.write(options.helpFor ? commandHelp(options.helpFor) : HELP);
        return 0;
      case 'version':
        io.stdout.write(`${VERSION}\n`);
        return 0;
      case 'rules':
        io.stdout.write(listRules(contextOf(options, io).config));
        return 0;
      case 'baseline':
        return await writeBaselineCommand(options, io);
      case 'scan':
        return await scanCommand(options, io);
      case 'revoke': {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { revokeCommand } = require('./revoke') as { revokeCommand: typeof RevokeCommand };
        return await revokeCommand(options, io, () => scanForRevoke(options, io), verifier().verifyTimeoutOf(io.env));
      }
      case 'fix': {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { fixCommand } = require('./fix/fix-command') as { fixCommand: typeof FixCommand };
        return await fixCommand(options, io);
      }
    }
  } catch (error) {
    // An error may name what the user gave (a path, a flag's value): never print a key in it.
    if (error instanceof KeyguardError) {
      io.stderr.write(`keyguard: ${redactSecretsIn(error.toLine())}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(
      `keyguard: internal error: ${redactSecretsIn(message.split('\n')[0])}. Please report it; set KEYGUARD_DEBUG=1 for details.\n`,
    );
    if (io.env.KEYGUARD_DEBUG) io.stderr.write(`${(error as Error)?.stack ?? ''}\n`);
    return 2;
  }
}

/**
 * `keyguard rules`: every rule with the severity it has here (the config's `rules`: `error`,
 * `warning`, or `off`) and what it catches.
 */
function listRules(config: ResolvedConfig): string {
  const width = Math.max(...rules.map((rule) => rule.id.length));
  const severityOf = (id: string): string => config.rules.find((rule) => rule.id === id)?.severity ?? 'off';
  return rules.map((rule) => `${rule.id.padEnd(width)}  ${severityOf(rule.id).padEnd(7)}  ${rule.description}\n`).join('');
}

/** What one run works on: its repository (found once), its config, and where it reports from. */
interface RunContext {
  lookup: RepositoryLookup;
  config: ResolvedConfig;
  /** The baseline the scan applied, once it ran (for --verbose). */
  baseline?: { name: string; entries: number };
}

function contextOf(options: CliOptions, io: CliIO): RunContext {
  const lookup = findRepository(io.cwd, io.env);
  return { lookup, config: loadConfig(options, io.cwd, rootOf(lookup)) };
}

function sourceFor(options: CliOptions, io: CliIO, { lookup, config }: RunContext): Source {
  if (options.stdin) return stdin().readStdin(io.stdin, options.stdinFilename);
  if (options.staged) {
    return staged().readStaged({
      cwd: io.cwd,
      repository: requireRepository(lookup, '--staged', io.cwd),
      paths: options.paths,
      allLines: options.allLines,
      useIgnoreFiles: !options.noIgnore,
      ignorePatterns: config.ignore,
      maxFileSize: config.maxFileSize,
      env: io.env,
    });
  }
  if (options.git) {
    return history().readHistory({
      cwd: io.cwd,
      repository: requireRepository(lookup, '--git', io.cwd),
      since: options.since,
      range: options.range,
      all: options.all,
      config,
      useIgnoreFiles: !options.noIgnore,
    });
  }
  return readFiles({
    cwd: io.cwd,
    paths: options.paths,
    useIgnoreFiles: !options.noIgnore,
    ignorePatterns: config.ignore,
    maxFileSize: config.maxFileSize,
    repositoryRoot: rootOf(lookup),
  });
}

async function runScan(
  options: CliOptions,
  io: CliIO,
  context: RunContext,
  useBaseline: boolean,
  secrets?: Map<string, KeySecret>,
  onFinding?: (finding: ReportedFinding) => void,
): Promise<ScanResult> {
  const { lookup, config } = context;
  const baseline = useBaseline ? loadBaseline(options, config, io.cwd, rootOf(lookup), options.staged) : undefined;
  if (baseline) context.baseline = { name: options.baseline ?? config.baseline ?? DEFAULT_BASELINE, entries: baseline.findings.length };
  const progress = createProgress(io);
  // Fingerprints hash the path from the repository root (fingerprintPathOf); without git's
  // answer (git missing), from the `.git` folder above, so they do not depend on git being there.
  // History's paths are the tree's, from the repository's root whatever the working directory
  // (a bare repository has only those); the other sources' are the working directory's.
  const fingerprintPrefix = options.git ? '' : (lookup.repository?.prefix ?? prefixWithoutGit(io.cwd));
  try {
    // What a commit adds and what history holds must not pass with something unread (issue 11).
    const strictSkips = options.staged || options.git ? { accept: config.acceptSkipped } : undefined;
    return await scanSource(sourceFor(options, io, context), {
      config,
      baseline,
      onProgress: progress.update,
      fingerprintPrefix,
      strictSkips,
      ...(secrets ? { onSecret: (secret: KeySecret) => secrets.set(secret.id, secret) } : {}),
      ...(options.failOn ? { failOn: options.failOn } : {}),
      ...(onFinding ? { onFinding } : {}),
    });
  } finally {
    progress.stop();
  }
}

async function scanCommand(options: CliOptions, io: CliIO): Promise<number> {
  const started = process.hrtime.bigint();
  checkOutputFolder(options.output, io);
  const context = contextOf(options, io);
  const format: Format = options.format ?? 'text';
  const endpoint = verifyEndpointOf(options, context.config, io);
  if (endpoint && format === 'jsonl') {
    // Keys are verified after the scan, over every finding; jsonl has written them by then.
    throw new KeyguardError(
      `--format jsonl streams each finding as it is found and cannot carry --verify's answers (${options.verify ? '--verify' : '"verify": true in the config'})`,
      'Use --format json or sarif with --verify',
    );
  }
  // Before any key leaves: where keys go (issue 15). The first line on stderr.
  if (endpoint) for (const line of baseUrl().endpointNotice(endpoint, 'verify')) io.stderr.write(`keyguard: ${line}\n`);
  const ready = process.hrtime.bigint();
  const secrets = endpoint ? new Map<string, KeySecret>() : undefined;
  // jsonl: each finding goes out as it is found, so the result never holds them all (issue 16).
  const stream = format === 'jsonl' ? openLineStream(options.output, io) : undefined;
  let result: ScanResult;
  try {
    result = await runScan(options, io, context, true, secrets, stream && ((finding) => stream.write(jsonlFindingLine(finding))));
    stream?.write(jsonlSummaryLine(result));
  } finally {
    stream?.close();
  }
  if (endpoint && secrets) {
    result.findings = await verifier().verifyFindings(result.findings, secrets, {
      endpoint,
      timeoutMs: verifier().verifyTimeoutOf(io.env),
    });
    secrets.clear();
    if (!options.quiet)
      for (const line of verificationLines(result, options.verbose)) io.stderr.write(`keyguard: ${redactSecretsIn(line)}\n`);
  }
  const scanned = process.hrtime.bigint();
  if (!stream) {
    // Colours only on a terminal, never with NO_COLOR (https://no-color.org); --color forces them.
    const color = options.color ?? (!options.output && Boolean(io.stdout.isTTY) && !io.env.NO_COLOR);
    const sorted = sortFindings(result);
    writeReport(formatReport(format, sorted, { color, quiet: options.quiet }), options.output, io);
  }
  // Warnings (a file that could not be read) are said even with --quiet: never a silent pass.
  warn(result, io);
  if (!options.quiet) {
    // The text report carries its own summary; a machine format keeps stdout clean, so what was
    // passed over is said on stderr.
    const skipped = summarizeSkipped(result);
    if (format !== 'text' && skipped) io.stderr.write(`keyguard: ${skipped}\n`);
    // Notes too (a shallow clone's truncated history): CI logs show stderr.
    if (format !== 'text') for (const note of result.notes) io.stderr.write(`keyguard: note: ${redactSecretsIn(note)}\n`);
  }
  if (options.verbose) {
    const ms = (from: bigint, to: bigint): number => Math.round(Number(to - from) / 1e6);
    const timings = { setup: ms(started, ready), scan: ms(ready, scanned), report: ms(scanned, process.hrtime.bigint()) };
    for (const line of verboseLines(options, io, context, result, timings)) io.stderr.write(`keyguard: ${redactSecretsIn(line)}\n`);
  }
  return exitStatusOf(result);
}

/**
 * Where `--verify` sends keys, when it is on (the flag, or `"verify": true` in the config);
 * undefined when off. `--fail-on live` and `--openai-base-url` mean nothing without it.
 */
function verifyEndpointOf(options: CliOptions, config: ResolvedConfig, io: CliIO): OpenAIEndpoint | undefined {
  const on = options.verify || config.verify;
  if (!on) {
    if (options.failOn === 'live')
      throw new KeyguardError(
        '--fail-on live needs --verify (or "verify": true in the config)',
        'Try: keyguard scan --verify --fail-on live',
      );
    if (options.openaiBaseUrl !== undefined)
      throw new KeyguardError('--openai-base-url goes with --verify', 'Try: keyguard scan --verify --openai-base-url URL');
    return undefined;
  }
  return baseUrl().resolveEndpoint(options.openaiBaseUrl, io.env);
}

/** `keyguard revoke PATH…`: a file scan (no baseline: a baselined key is still a leaked key) with the keys whole. */
const scanForRevoke = async (options: CliOptions, io: CliIO): ReturnType<RevokeScan> => {
  const secrets = new Map<string, KeySecret>();
  const result = await runScan(options, io, contextOf(options, io), false, secrets);
  return { findings: result.findings, secrets };
};

/** `--verify`'s summary on stderr: the counts by state, and with --verbose each key (redacted) and why. */
function verificationLines(result: ScanResult, verbose: boolean): string[] {
  const seen = new Map<string, ReportedFinding>();
  for (const finding of result.findings) if (!seen.has(finding.secretId)) seen.set(finding.secretId, finding);
  const keys = [...seen.values()];
  const count = (state: string): number => keys.filter((finding) => finding.verification?.state === state).length;
  const lines = [
    `verified ${plural(keys.length, 'distinct key')}: ${count('live')} live, ${count('revoked')} revoked, ${count('unknown')} unverified`,
  ];
  if (verbose) for (const finding of keys) lines.push(`  ${finding.secret} ${stateWord(finding)}: ${finding.verification?.reason ?? ''}`);
  return lines;
}

/** How text and annotations name a state: `unknown` reads `unverified` (nothing was proved). */
const stateWord = (finding: ReportedFinding): string =>
  finding.verification?.state === 'unknown' ? 'unverified' : (finding.verification?.state ?? '');

/**
 * `--verbose`: what the scan read, from where, with what, and how long each part took, on
 * standard error (so any format's report stays clean on stdout). Each skipped item is named.
 */
function verboseLines(
  options: CliOptions,
  io: CliIO,
  { lookup, config, baseline }: RunContext,
  result: ScanResult,
  timings: { setup: number; scan: number; report: number },
): string[] {
  const what = options.stdin
    ? `standard input (as ${options.stdinFilename ?? '<stdin>'})`
    : options.staged
      ? `the git index (${options.allLines ? 'whole staged files' : 'the lines the next commit adds'}${options.paths.length > 0 ? `, ${options.paths.join(' ')}` : ''})`
      : options.git
        ? `git history (${options.range ?? (options.since ? `after ${options.since}` : options.all ? 'every ref' : 'HEAD')})`
        : `files in ${options.paths.length > 0 ? options.paths.join(' ') : '.'}${rootOf(lookup) ? ' (what git lists: tracked and untracked, not ignored)' : ''}`;
  const file = configPath(options, io.cwd, rootOf(lookup));
  const configLine = existsSync(file) ? `config: ${relativeName(file, io.cwd)}` : 'config: none (defaults)';
  const severities = config.rules.map((rule) => `${rule.id} (${rule.severity})`).join(', ');
  const lines = [
    `scanning ${what}`,
    `${configLine}; rules: ${severities || 'none'}; fails on ${result.failOn === 'live' ? 'live keys only' : `${result.failOn} and above`}${options.noIgnore ? '; ignore files not honoured (--no-ignore)' : ''}`,
    baseline ? `baseline: ${baseline.name} (${plural(baseline.entries, 'accepted finding')})` : 'baseline: none',
    `scanned ${plural(result.stats.files, 'file')}, ${result.stats.bytes} bytes; ${
      // jsonl streamed the findings and kept none: their count only.
      result.streamed
        ? `${plural(result.streamed.findings, 'finding')} (streamed)`
        : `${plural(result.findings.length, 'finding')}, ${plural(new Set(result.findings.map((finding) => finding.secretId)).size, 'distinct key')}`
    }`,
  ];
  const counts = summarizeSkipped(result);
  lines.push(counts ? counts : 'skipped nothing');
  if (result.binaryFiles > 0) lines.push(binaryPhrase(result.binaryFiles));
  for (const item of result.skipped) lines.push(`  skipped ${item.path}: ${item.reason}${item.detail ? ` (${item.detail})` : ''}`);
  for (const note of result.notes) lines.push(`note: ${note}`);
  lines.push(
    `time: ${timings.setup + timings.scan + timings.report} ms (setup ${timings.setup} ms, scan ${timings.scan} ms, report ${timings.report} ms)`,
  );
  return lines;
}

const plural = (n: number, one: string): string => `${n} ${one}${n === 1 ? '' : 's'}`;

async function writeBaselineCommand(options: CliOptions, io: CliIO): Promise<number> {
  checkOutputFolder(options.output, io);
  const context = contextOf(options, io);
  const result = await runScan(options, io, context, false);
  const { config } = context;
  // The config's "baseline" names where the team keeps it; then `keyguard scan` applies it by itself.
  const fromConfig = options.output === undefined && config.baseline !== undefined;
  const output =
    options.output ??
    (fromConfig
      ? relativeName(resolve(dirname(configPath(options, io.cwd, rootOf(context.lookup))), config.baseline!), io.cwd)
      : DEFAULT_BASELINE);
  const baseline = createBaseline(sortFindings(result).findings);
  writeReport(`${JSON.stringify(baseline, null, 2)}\n`, output, io);
  const count = `${baseline.findings.length} finding${baseline.findings.length === 1 ? '' : 's'}`;
  const next = fromConfig ? 'keyguard scan applies it (the config names it)' : `Scan with: keyguard scan --baseline ${output}`;
  io.stderr.write(`keyguard: ${redactSecretsIn(`recorded ${count} in ${output}. ${next}`)}\n`);
  warn(result, io);
  return 0;
}

/** Fails before a long scan, not after it, when the report could not be written. */
function checkOutputFolder(output: string | undefined, io: CliIO): void {
  if (output !== undefined && !existsSync(dirname(resolve(io.cwd, output)))) {
    throw new KeyguardError(`--output ${output}: the folder does not exist`, 'Create it first');
  }
}

function writeReport(text: string, output: string | undefined, io: CliIO): void {
  if (!output) {
    io.stdout.write(text);
    return;
  }
  checkOutputFolder(output, io);
  const file = resolve(io.cwd, output);
  try {
    writeFileSync(file, text);
  } catch (error) {
    throw new KeyguardError(
      `cannot write ${output} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
      'Check the path and its permissions',
    );
  }
}

/**
 * Where `--format jsonl` writes its lines as they come: standard output, or `--output FILE`
 * (written synchronously, line by line). Standard output is synchronous for files and pipes on
 * Linux and macOS, so a slow reader holds the scan up rather than letting lines pile up here.
 * Once a reader has closed the pipe (`| head`), lines are no longer written (bin.ts ends the
 * run quietly with its status).
 */
function openLineStream(output: string | undefined, io: CliIO): { write(text: string): void; close(): void } {
  if (!output) {
    const stdout = io.stdout as CliIO['stdout'] & { destroyed?: boolean };
    return { write: (text) => void (stdout.destroyed || stdout.write(text)), close: () => {} };
  }
  checkOutputFolder(output, io);
  let fd: number;
  try {
    fd = openSync(resolve(io.cwd, output), 'w');
  } catch (error) {
    throw new KeyguardError(
      `cannot write ${output} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
      'Check the path and its permissions',
    );
  }
  return {
    write(text) {
      try {
        writeSync(fd, text);
      } catch (error) {
        throw new KeyguardError(
          `cannot write ${output} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
          'Free space, or write it elsewhere',
        );
      }
    },
    close: () => closeSync(fd),
  };
}

function sortFindings(result: ScanResult): ScanResult {
  const findings = [...result.findings].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || (a.commit ?? '').localeCompare(b.commit ?? ''),
  );
  return { ...result, findings };
}

/** Warnings go to stderr, one line each, so a report on stdout stays machine-readable. */
function warn(result: ScanResult, io: CliIO): void {
  for (const line of warningLines(result)) io.stderr.write(`keyguard: ${line}\n`);
}

/** A progress line on a terminal's stderr, only when a scan runs longer than a second. */
function createProgress(io: CliIO): { update: (files: number, bytes: number) => void; stop: () => void } {
  if (!io.stderr.isTTY || io.env.CI) return { update: () => {}, stop: () => {} };
  const started = Date.now();
  let shown = false;
  let last = 0;
  return {
    update(files, bytes) {
      const now = Date.now();
      if (now - started < 1000 || now - last < 100) return;
      last = now;
      shown = true;
      io.stderr.write(`\r\x1b[Kkeyguard: scanned ${files} files, ${(bytes / 1048576).toFixed(1)} MB…`);
    },
    stop() {
      if (shown) io.stderr.write('\r\x1b[K');
    },
  };
}
