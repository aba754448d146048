// Types only: erased at build time. The scan itself is required in runPrePush.
import type { ReportedFinding, ScanResult } from '@keyguard/cli/staged';
import { reasonOf, type HookIO } from './hook';

const BYPASS = 'git push --no-verify';

/** What git passes a pre-push hook: the remote's name and URL as arguments, the refs on standard input. */
export interface PushRequest {
  remote: string;
  /** The hook's standard input, read whole (one short line per ref). */
  input: string;
  /**
   * Run by the pre-commit framework (the hook id keyguard-pre-push): the push is read from its
   * PRE_COMMIT_* variables (`frameworkPush`), not from `remote` and `input`.
   */
  framework?: boolean;
  failOn?: 'error' | 'warning' | 'note';
}

/**
 * The pre-push hook: scans the commits the push would send that the remote does not have yet
 * (`scanPushed` from `@keyguard/cli/staged`: the history scan of exactly those commits), so a
 * key committed where no pre-commit hook ran (`--no-verify`, a cherry-pick, a rebase, a clean
 * merge, another clone) is stopped before it leaves the machine. Returns 1 with a message when
 * a pushed commit adds a key, 0 quietly otherwise, 2 when the scan failed: it fails closed.
 */
export async function runPrePush(request: PushRequest, io: HookIO): Promise<number> {
  let result: ScanResult | undefined;
  let remote = request.remote;
  let staged: typeof import('@keyguard/cli/staged');
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    staged = require('@keyguard/cli/staged') as typeof import('@keyguard/cli/staged');
    if (request.framework && !staged.isFrameworkPushStage(io.env)) {
      // The framework ran keyguard-pre-push at a commit (a config that gives it no `stages`
      // runs it at every installed stage): no push, so nothing of its own to check. The commit
      // is the `keyguard` hook's. Say so (pre-commit shows it with --verbose), and pass.
      io.stderr.write(
        'keyguard: keyguard-pre-push checks the commits a push sends; pre-commit ran it with no push (at a commit, or pre-commit run without --from-ref and --to-ref), so it checked nothing here. ' +
          'Give it "stages: [pre-push]" in .pre-commit-config.yaml (pre-commit before 3.2: [push]) and run pre-commit install --hook-type pre-push\n',
      );
      return 0;
    }
    const push = request.framework
      ? staged.frameworkPush(io.env, io.cwd)
      : { remote: request.remote, updates: staged.parsePushUpdates(request.input) };
    remote = push.remote;
    result = await staged.scanPushed({
      cwd: io.cwd,
      env: io.env,
      remote: push.remote,
      updates: push.updates,
      ...(request.failOn ? { failOn: request.failOn } : {}),
    });
  } catch (error) {
    io.stderr.write(
      `keyguard: push blocked because the secrets scan failed: ${reasonOf(error)}\n` +
        `keyguard: nothing was checked, so nothing was let through. Fix the cause and push again, or bypass this check deliberately, once: ${BYPASS}\n`,
    );
    return 2;
  }
  // Only deletions: no commit leaves the machine.
  if (!result) return 0;
  const blocking = staged.failingFindings(result.findings, result.failOn);
  const blocks = new Set(blocking);
  const passing = result.findings.filter((finding) => !blocks.has(finding));
  if (passing.length > 0) {
    io.stderr.write(
      [
        '',
        `keyguard: the commits being pushed hold ${staged.findingCount(passing)} below the fail-on severity (${result.failOn}): not blocking.`,
        '',
        ...staged.findingGroups(passing, { color: false }),
        '',
      ].join('\n'),
    );
  }
  if (blocking.length > 0) io.stderr.write(blockedPushMessage(blocking, remote, staged));
  for (const line of staged.warningLines(result)) io.stderr.write(`keyguard: ${line}\n`);
  if (blocking.length === 0 && result.failedSkips.length > 0) {
    // A commit the walk could not list is said as one, not as a file version (issue 9).
    const unread = staged.describeUnread(result.failedSkips, (files) => [
      `${files.length === 1 ? '1 file version' : `${files.length} file versions`} in the pushed commits could not be scanned`,
    ]);
    io.stderr.write(
      `keyguard: push blocked: ${unread.join(' and ')} (above). ` +
        `Fix the cause, accept it with "onSkipped" in keyguard.config.json, or bypass this check deliberately, once: ${BYPASS}\n`,
    );
  }
  return staged.exitStatusOf(result);
}

/**
 * The message for a push that would publish a key: where (path @ commit, the CLI's rows), what
 * happened, and what to do: the key is in a commit now, so it comes out of the commits before
 * the push, not only out of the files. Never the whole key.
 */
function blockedPushMessage(findings: readonly ReportedFinding[], remote: string, blocks: typeof import('@keyguard/cli/staged')): string {
  // A key in a commit message has steps of its own (nextSteps: rewrite the message); a key in
  // a file comes out of the commits that added it as well as out of the file.
  const steps = blocks.nextSteps(findings, { falseAlarm: false });
  const commits = [
    ...new Set(findings.flatMap((finding) => (finding.commit && !blocks.isInCommitMessage(finding) ? [finding.commit.slice(0, 12)] : []))),
  ];
  const which = commits.length === 1 ? `commit ${commits[0]}` : `commits ${commits.join(', ')}`;
  const last =
    commits.length > 0
      ? `Take the key out of ${which} too, not only out of the files: if it is the last commit, git commit --amend; otherwise git rebase -i ${commits.length === 1 ? `${commits[0]}^` : '<the oldest of them>^'} and edit ${commits.length === 1 ? 'it' : 'each'}. Then push again.`
      : 'Push again.';
  const lines = [
    '',
    `keyguard: push blocked: the commits being pushed to ${remote} hold ${blocks.findingCount(findings)}.`,
    '',
    ...blocks.findingGroups(findings, { color: false }),
    `The push was stopped before the key left this machine: nothing was sent to ${remote}.`,
    '',
    'What to do now:',
    ...steps.map((step, i) => `  ${i + 1}. ${step}`),
    `  ${steps.length + 1}. ${last}`,
    '',
    'Only if this is a false alarm (a test fixture, a revoked example):',
    '  - add a comment containing keyguard-ignore on that line (amend the commit), or record it in the baseline: npx --package=@keyguard/cli keyguard baseline, or',
    `  - bypass this check once, deliberately: ${BYPASS}`,
    '',
  ];
  return `${lines.join('\n')}\n`;
}
