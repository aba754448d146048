import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
// Type only: erased at build time, so the hook's start-up loads nothing more.
import type { JsonFinding, JsonReport } from '@keyguard/cli';

/** What the hook needs of the outside world; tests may pass their own. */
export interface HookIO {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  cwd: string;
  env: NodeJS.ProcessEnv;
}


const BYPASS = 'git commit --no-verify';

/** Where `keyguard baseline` writes; keep in step with the CLI's DEFAULT_BASELINE. */
const DEFAULT_BASELINE = '.keyguard-baseline.json';

/**
 * The hook honours `.keyguard-baseline.json` at the repository root (where git runs hooks)
 * without a flag, so "record it with keyguard baseline" is all a false alarm needs; a
 * "baseline" in keyguard.config.json takes precedence, as in the CLI.
 */
function baselineArgs(cwd: string): string[] {
  const baseline = join(cwd, DEFAULT_BASELINE);
  if (!existsSync(baseline)) return [];
  const config = join(cwd, 'keyguard.config.json');
  if (existsSync(config) && /"baseline"\s*:/.test(readFileSync(config, 'utf8'))) return [];
  return ['--baseline', baseline];
}

/** A path as a person can read it: quoted when it holds a newline, a tab or a quote. */
const showPath = (path: string): string => (/[\u0000-\u001f"]/.test(path) ? JSON.stringify(path) : path);

/**
 * Scans what is staged (all of it, or the files lint-staged or pre-commit pass) through the
 * CLI's own `run`, so config, baseline, ignore files and inline ignores behave exactly as in
 * `keyguard scan --staged`. Returns 1 with a message for a person when the commit would add a
 * key, 0 quietly otherwise, and 2 when the scan itself failed: the hook fails closed.
 */
export async function runHook(files: readonly string[], io: HookIO): Promise<number> {
  let stdout = '';
  let stderr = '';
  let code: number;
  try {
    // Required here, not at the top: `init` and `--help` never pay for loading the scanner.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { run } = require('@keyguard/cli') as typeof import('@keyguard/cli');
    code = await run(['scan', '--staged', '--format', 'json', ...baselineArgs(io.cwd), '--', ...files], {
      stdout: { write: (text: string) => (stdout += text), isTTY: false },
      stderr: { write: (text: string) => (stderr += text), isTTY: false },
      stdin: process.stdin,
      cwd: io.cwd,
      env: io.env,
    });
  } catch (error) {
    return failClosed(error instanceof Error ? error.message : String(error), io);
  }
  const warnings = stderr.split('\n').filter((line) => line.startsWith('keyguard: warning') || line.startsWith('keyguard: note'));
  if (code === 0) {
    for (const line of warnings) io.stderr.write(`${line}\n`);
    return 0;
  }
  if (code !== 1) return failClosed(stderr.trim().split('\n')[0]?.replace(/^keyguard: /, '') || `the scanner exited with status ${code}`, io);
  let findings: JsonFinding[];
  try {
    findings = (JSON.parse(stdout) as JsonReport).findings;
  } catch {
    return failClosed('the scanner printed a report that could not be read', io);
  }
  if (findings.length === 0) return failClosed('the scanner reported findings but listed none', io);
  io.stderr.write(blockedMessage(findings));
  for (const line of warnings) io.stderr.write(`${line}\n`);
  return 1;
}

/** The message for someone who has just pasted a key: where, what happened, what to do now. */
export function blockedMessage(findings: readonly JsonFinding[]): string {
  const count = findings.length;
  const places = findings.map((finding) => `${showPath(finding.file)}:${finding.line}`);
  const width = Math.max(...places.map((place) => place.length));
  const lines = [
    '',
    `keyguard: commit blocked. It would add ${count === 1 ? 'an OpenAI API key' : `${count} OpenAI API keys`}:`,
    '',
    ...findings.map((finding, i) => `  ${places[i].padEnd(width)}  ${finding.secret}  (${finding.ruleId})`),
    '',
    'The commit was stopped before the key left this machine: nothing was committed or pushed.',
    '',
    'What to do now:',
    '  1. Move the key out of the code, into an environment variable or a .env file that .gitignore lists.',
    '  2. Read it from there: os.environ["OPENAI_API_KEY"] (Python) or process.env.OPENAI_API_KEY (Node.js).',
    '  3. Stage the fixed file (git add) and commit again.',
    '  4. If the key was ever shared, pushed or committed anywhere, rotate it now:',
    '     https://platform.openai.com/api-keys (deleting the line does not un-leak it).',
    '',
    'Only if this is a false alarm (a test fixture, a revoked example):',
    '  - add a comment containing keyguard-ignore on that line (or keyguard-ignore-next-line above it), or',
    '  - record it in the baseline: run npx --package=@keyguard/cli keyguard baseline at the repository root, then commit .keyguard-baseline.json, or',
    `  - bypass this check once, deliberately: ${BYPASS}`,
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
