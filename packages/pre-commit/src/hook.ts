// Types only: erased at build time. The scan itself is required in runHook.
import type { ReportedFinding, ScanResult } from '@keyguard/cli/staged';

/** What the hook needs of the outside world; tests may pass their own. */
export interface HookIO {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** What the hook was asked: which staged files (all when empty), whether whole files, and what blocks. */
export interface HookRequest {
  files: readonly string[];
  allLines?: boolean;
  /** --fail-on: the least severity that blocks the commit (default the config's failOn, else warning); live needs --verify. */
  failOn?: 'error' | 'warning' | 'note' | 'live';
  /** --verify: ask the OpenAI API whether each key found is live (issue 15; off unless the hook's command says so). */
  verify?: boolean;
}

const BYPASS = 'git commit --no-verify';

/**
 * Scans what is staged (all of it, or the files lint-staged or pre-commit pass) with the CLI's
 * own staged scan (`scanStaged` from `@keyguard/cli/staged`), so config, the default baseline
 * (.keyguard-baseline.json at the repository root), ignore files and inline ignores behave
 * exactly as in `keyguard scan --staged`, and formats the result for a person. Returns 1 with
 * a message when the commit would add a key, 0 quietly otherwise, and 2 when the scan itself
 * failed: the hook fails closed.
 */
export async function runHook(request: HookRequest, io: HookIO): Promise<number> {
  let result: ScanResult;
  let warningLines: (result: ScanResult) => string[];
  let exitStatusOf: (result: ScanResult) => number;
  let failingFindings: (findings: readonly ReportedFinding[], failOn: ScanResult['failOn']) => ReportedFinding[];
  try {
    // Required here, not at the top: `init` and `--help` never pay for loading the scanner,
    // and the staged entry loads no argument parser, reporter or directory walk.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const staged = require('@keyguard/cli/staged') as typeof import('@keyguard/cli/staged');
    warningLines = staged.warningLines;
    exitStatusOf = staged.exitStatusOf;
    failingFindings = staged.failingFindings;
    result = await staged.scanStaged({
      cwd: io.cwd,
      env: io.env,
      paths: request.files,
      allLines: request.allLines ?? false,
      ...(request.failOn ? { failOn: request.failOn } : {}),
      // Before any key leaves: where keys go, the first lines on stderr.
      ...(request.verify ? { verify: { onNotice: (lines) => lines.forEach((line) => io.stderr.write(`keyguard: ${line}\n`)) } } : {}),
    });
  } catch (error) {
    return failClosed(reasonOf(error), io);
  }
  const warnings = warningLines(result).map((line) => `keyguard: ${line}\n`);
  // Nothing to read is not a silent pass: say that nothing was checked (a commit that only
  // deletes or renames, or FILEs of which none is staged).
  if (result.stats.files === 0 && result.skipped.length === 0 && result.binaryFiles === 0) {
    const count = request.files.length;
    const which =
      count === 0
        ? 'nothing staged adds content'
        : count === 1
          ? 'the file given adds no staged content'
          : `none of the ${count} files given adds staged content`;
    io.stderr.write(`keyguard: ${which}, so nothing was scanned\n`);
  }
  // Findings below the fail-on severity (a Realtime client secret's note, by default) are
  // shown and let through; the others block the commit.
  const blocking = failingFindings(result.findings, result.failOn);
  const blocks = new Set(blocking);
  const passing = result.findings.filter((finding) => !blocks.has(finding));
  if (passing.length > 0) io.stderr.write(passingMessage(passing, result.failOn));
  if (blocking.length > 0) io.stderr.write(blockedMessage(blocking));
  for (const line of warnings) io.stderr.write(line);
  // Staged content that could not be read (a blob over maxFileSize, a submodule, an LFS pointer
  // without its object) is not a pass: the commit is blocked unless the config's onSkipped accepts it.
  if (blocking.length === 0 && result.failedSkips.length > 0) {
    io.stderr.write(
      `keyguard: commit blocked: ${result.failedSkips.length === 1 ? '1 staged file' : `${result.failedSkips.length} staged files`} could not be scanned (above). ` +
        `Fix the cause, accept it with "onSkipped" in keyguard.config.json, or bypass this check deliberately, once: ${BYPASS}\n`,
    );
  }
  return exitStatusOf(result);
}

/**
 * A KeyguardError's one line (what, then what to do); anything else is a bug, said as one.
 * Redacted by core like everything the CLI prints: a key in a path must not reach the terminal.
 */
export function reasonOf(error: unknown): string {
  const line =
    error instanceof Error && typeof (error as { toLine?: unknown }).toLine === 'function'
      ? (error as Error & { toLine(): string }).toLine()
      : `internal error: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}. Please report it`;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('@keyguard/core') as typeof import('@keyguard/core')).redactSecretsIn(line);
  } catch {
    return line; // core itself failed to load: the line is that module error, which holds no content
  }
}

/**
 * The message for someone who has just pasted a key: where (the CLI's stylish rows, path once),
 * how many findings and distinct keys, what happened, and what to do now, fitted to the place
 * (a key in `.env`: keep the file out of git). The blocks are the CLI's text report's
 * (`@keyguard/cli/staged`), so the hook and `keyguard scan` say the same. Never the whole key.
 */
export function blockedMessage(findings: readonly ReportedFinding[]): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const blocks = require('@keyguard/cli/staged') as typeof import('@keyguard/cli/staged');
  const steps = blocks.nextSteps(findings, { falseAlarm: false });
  // Rotating comes first whatever else is done; keyguard fix --staged right after it.
  const fix = blocks.fixStep(findings);
  if (fix) steps.splice(steps.findIndex((step) => /rotate/i.test(step)) + 1, 0, fix);
  const lines = [
    '',
    `keyguard: commit blocked: the staged changes hold ${blocks.findingCount(findings)}.`,
    '',
    ...blocks.findingGroups(findings, { color: false }),
    'The commit was stopped before the key left this machine: nothing was committed or pushed.',
    '',
    'What to do now:',
    ...steps.map((step, i) => `  ${i + 1}. ${step}`),
    `  ${steps.length + 1}. Stage the fixed files (git add) and commit again.`,
    '',
    'Only if this is a false alarm (a test fixture, a revoked example):',
    '  - add a comment containing keyguard-ignore on that line (or keyguard-ignore-next-line above it), or',
    '  - record it in the baseline: run npx --package=@keyguard/cli keyguard baseline at the repository root, then commit .keyguard-baseline.json, or',
    `  - bypass this check once, deliberately: ${BYPASS}`,
    '',
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * Findings that do not block (below the fail-on severity): where they are, and that the commit
 * goes on. Short: the person is committing, and these are worth a look, not a stop.
 */
function passingMessage(findings: readonly ReportedFinding[], failOn: string): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const blocks = require('@keyguard/cli/staged') as typeof import('@keyguard/cli/staged');
  const why = failOn === 'live' ? 'that the OpenAI API did not answer as live (--fail-on live)' : `below the fail-on severity (${failOn})`;
  const lines = [
    '',
    `keyguard: the staged changes hold ${blocks.findingCount(findings)} ${why}: not blocking.`,
    '',
    ...blocks.findingGroups(findings, { color: false }),
    'Worth a look before you push: a short-lived secret may still be live. To block on these too: "failOn": "note" in keyguard.config.json.',
    '',
  ];
  return `${lines.join('\n')}\n`;
}

function failClosed(reason: string, io: HookIO): number {
  io.stderr.write(
    `keyguard: commit blocked because the secrets scan failed: ${reason.split('\n')[0]}\n` +
      `keyguard: nothing was checked, so nothing was let through. Fix the cause and commit again, or bypass this check deliberately, once: ${BYPASS}\n`,
  );
  return 2;
}
