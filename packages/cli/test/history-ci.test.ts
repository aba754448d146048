/**
 * The CI example and its guide: the workflow does what docs/ci.md says, and neither file holds
 * anything keyguard itself would flag (the workflow is copied into users' repositories).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '@keyguard/test-utils';

const REPO_ROOT = join(__dirname, '..', '..', '..');
const WORKFLOW = 'examples/github-actions/keyguard.yml';
const workflow = readFileSync(join(REPO_ROOT, WORKFLOW), 'utf8');
const guide = readFileSync(join(REPO_ROOT, 'docs/ci.md'), 'utf8');

/** The lines of one job, from its key to the next job's key. */
function job(name: string): string {
  const start = workflow.indexOf(`\n  ${name}:\n`);
  expect(start).toBeGreaterThan(-1);
  const next = workflow.slice(start + 1).search(/\n {2}[a-z-]+:\n/);
  return next === -1 ? workflow.slice(start) : workflow.slice(start, start + 1 + next);
}

describe('examples/github-actions/keyguard.yml', () => {
  test('keyguard finds nothing in the workflow or the guide', () => {
    const run = runCli(['scan', WORKFLOW, 'docs/ci.md', '--format', 'json'], { cwd: REPO_ROOT });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  test('runs on pull requests, pushes to the default branch, a schedule and by hand', () => {
    expect(workflow).toMatch(/^on:\n {2}pull_request:\n {2}push:\n {4}branches: \[main\]\n {2}schedule:\n {4}- cron: '[^']+'/m);
    expect(workflow).toMatch(/^ {2}workflow_dispatch:/m);
    expect(workflow).toMatch(/^permissions:\n {2}contents: read/m);
  });

  // The action itself (action.yml) is run by action.test.ts; actionlint and the pins by workflows.test.ts.
  test('the pull-request job runs the keyguard action on the range, with the history it needs', () => {
    const pr = job('pull-request');
    expect(pr).toContain("if: github.event_name == 'pull_request'");
    expect(pr).toContain('fetch-depth: 0');
    expect(pr).toMatch(/uses: keyguard\/keyguard@v\d+\.\d+\.\d+\n/);
    expect(pr).not.toContain('continue-on-error');
    expect(pr).not.toContain('${{'); // nothing from the event is pasted anywhere
  });

  test('the history job scans everything into SARIF, uploads it even on findings, then fails', () => {
    const history = job('history');
    expect(history).toContain("if: github.event_name != 'pull_request'");
    expect(history).toContain('security-events: write');
    expect(history).toContain('fetch-depth: 0');
    expect(history).toMatch(/id: keyguard\n\s+uses: keyguard\/keyguard@v[\d.]+\n\s+with:\n\s+scan: history\n\s+fail-on-findings: 'false'/);
    expect(history).toMatch(
      /if: always\(\) && steps\.keyguard\.outputs\.sarif-file != ''\n\s+uses: github\/codeql-action\/upload-sarif@[0-9a-f]{40} # v\d+\.\d+\.\d+\n\s+with:\n\s+sarif_file: \$\{\{ steps\.keyguard\.outputs\.sarif-file \}\}/,
    );
    expect(history).toMatch(
      /if: steps\.keyguard\.outputs\.findings != '0'\n\s+env:\n\s+FINDINGS: \$\{\{ steps\.keyguard\.outputs\.findings \}\}\n\s+run: \|\n[^\n]*\n\s+exit 1/,
    );
  });

  test('docs/ci.md shows the GitLab jobs with the whole history', () => {
    expect(guide).toContain('GIT_DEPTH: 0');
    expect(guide).toContain('--range "$CI_MERGE_REQUEST_DIFF_BASE_SHA..HEAD"');
    expect(guide).toContain('keyguard scan --git --all --format sarif --output keyguard.sarif');
  });
});
