import { envReadExpression, FALSE_ALARM_STEP, fileKindOf, findingPlaceOf, remediationFor, rules } from '@keyguard/core';
import type { ReportedFinding } from '../scan';
import { stateWord } from '../verify/state-word';

/**
 * The parts of a report for a person, shared by `keyguard scan`'s text report (text.ts) and
 * the pre-commit hook's blocked message (packages/pre-commit/src/hook.ts, through
 * `@keyguard/cli/staged`), so a commit and a CI run say the same things in the same shape.
 * Only core is imported: the hook loads this on every blocked commit.
 */

type Row = Pick<
  ReportedFinding,
  'file' | 'line' | 'column' | 'message' | 'ruleId' | 'label' | 'severity' | 'secretId' | 'commit' | 'verification'
> &
  Partial<Pick<ReportedFinding, 'envVar'>>;

export interface BlockOptions {
  color: boolean;
}

export const paint = (on: boolean, code: string, text: string): string => (on ? `\x1b[${code}m${text}\x1b[0m` : text);
export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** A path as a person can read it: quoted when it holds a newline, a tab or a quote. */
const showPath = (path: string): string => (/[\u0000-\u001f"]/.test(path) ? JSON.stringify(path) : path);

/** Findings by file (and commit, in a history scan), in the order given. */
function groupByFile<T extends Row>(findings: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const finding of findings) {
    const key = finding.commit ? `${showPath(finding.file)} @ ${finding.commit.slice(0, 12)}` : showPath(finding.file);
    const group = groups.get(key);
    if (group) group.push(finding);
    else groups.set(key, [finding]);
  }
  return groups;
}

/**
 * ESLint's stylish shape: the path once, then one `line:col  message  rule` row per finding,
 * the columns aligned within the file. Line 0 is a secret in the file's path (core's
 * findSecretsInPath), shown as `0:0` as ESLint shows a file-level problem. A warning or a note
 * says so after the place; an error says nothing more.
 */
export function findingGroups(findings: readonly Row[], options: BlockOptions): string[] {
  const lines: string[] = [];
  for (const [file, group] of groupByFile(findings)) {
    lines.push(paint(options.color, '4', file));
    const places = group.map(
      (finding) => `${finding.line}:${finding.column}${finding.severity === 'error' ? '' : `  ${finding.severity}`}`,
    );
    let placeWidth = 0;
    let messageWidth = 0;
    // Loops, not Math.max(...): a spread of 200,000 arguments overflows the stack.
    for (const place of places) placeWidth = Math.max(placeWidth, place.length);
    for (const finding of group) messageWidth = Math.max(messageWidth, finding.message.length);
    group.forEach((finding, i) => {
      const place = paint(options.color, '2', places[i].padEnd(placeWidth));
      const rule = paint(options.color, '2', finding.ruleId);
      // With --verify, what the OpenAI API said of the key ends the row: live, revoked or unverified.
      const word = stateWord(finding.verification);
      const state = word ? `  ${paint(options.color, word === 'live' ? '1;31' : '2', word)}` : '';
      lines.push(`  ${place}  ${finding.message.padEnd(messageWidth)}  ${rule}${state}`);
    });
    lines.push('');
  }
  return lines;
}

/**
 * "3 findings (2 distinct keys) in 2 files": a key found in three places is one key to
 * rotate and three places to fix, so both are counted (core's `secretId`).
 */
export function findingCount(findings: readonly Row[]): string {
  const messages = new Set(findings.filter(isInCommitMessage).map((finding) => finding.commit)).size;
  const files = new Set(findings.filter((finding) => !isInCommitMessage(finding)).map((finding) => finding.file)).size;
  const keys = new Set(findings.map((finding) => finding.secretId)).size;
  const distinct = findings.length > 1 ? ` (${plural(keys, 'distinct key')})` : '';
  // A commit message is not a file: "in 1 file and 2 commit messages".
  const places = [
    ...(files > 0 || messages === 0 ? [plural(files, 'file')] : []),
    ...(messages > 0 ? [plural(messages, 'commit message')] : []),
  ];
  return `${plural(findings.length, 'finding')}${distinct} in ${places.join(' and ')}`;
}

/** Whether a finding is a key in a commit message: it comes out by rewriting the message, not by moving it to the environment. */
export const isInCommitMessage = (finding: Pick<Row, 'file' | 'commit'>): boolean =>
  findingPlaceOf(finding.file, finding.commit) === 'commit-message';

/**
 * What to do about keys in commit messages, whatever the rule: rewrite the message (git names
 * the commands), and rotate the key if the commit has left the machine. The rules' own steps
 * (move the key to the environment) fit a file, not a message.
 */
function commitMessageSteps(findings: readonly Row[]): string[] {
  const commits = [...new Set(findings.map((finding) => finding.commit!.slice(0, 12)))];
  const one = commits.length === 1;
  return [
    one
      ? `Rewrite the message of commit ${commits[0]}, which holds the key: git commit --amend if it is the last commit, otherwise git rebase -i ${commits[0]}^ and mark it reword. Do it before you push.`
      : `Rewrite the messages of commits ${commits.join(', ')}, which hold the keys: git commit --amend for the last commit; for older ones, git rebase -i <the oldest of them>^ and mark each reword. Do it before you push.`,
    `If ${one ? 'that commit was' : 'those commits were'} already pushed or shared, rotate the key as well: rewriting the message does not take back what was published.`,
  ];
}

/**
 * What to do about keys in package managers' lock files, whatever the rule: the lock file
 * records what the tool was given, so the key leaves where it came from and the file is
 * regenerated; it was committed, so it is rotated. The rules' own steps (read the key from the
 * environment) fit code, not a generated file.
 */
function lockfileSteps(findings: readonly Row[]): string[] {
  const files = [...new Set(findings.map((finding) => finding.file))];
  const names = files.map(shellWord).join(', ');
  return [
    `Take the key out of ${names}: a lock file records what the package manager was given, so remove it where it came from (a dependency's URL in the manifest, a registry setting such as .npmrc or pip.conf), then regenerate the lock file.`,
    'Rotate the key if the lock file was ever committed, pushed or shared: regenerating the file does not remove it from git history.',
  ];
}

/** The env files (`.env`, not `.env.example`) that hold a finding: each must leave git. */
function envFilesOf(findings: readonly Row[]): string[] {
  return [...new Set(findings.filter((finding) => finding.line > 0 && findingPlaceOf(finding.file) === 'env-file').map((f) => f.file))];
}

/**
 * What to do, each step once: the rules' own steps (core), those for a secret in code and
 * those for a secret in an env file (keep the file out of git rather than "read it from the
 * environment"), merged in order; then the concrete commands for the env files found.
 * `falseAlarm: false` leaves out the false-alarm step.
 */
export function nextSteps(findings: readonly Row[], options: { falseAlarm?: boolean } = {}): string[] {
  const inMessages = findings.filter(isInCommitMessage);
  const isInLockfile = (finding: Row): boolean => !isInCommitMessage(finding) && findingPlaceOf(finding.file) === 'lockfile';
  const inLockfiles = findings.filter(isInLockfile);
  const inFiles = findings.filter((finding) => !isInCommitMessage(finding) && !isInLockfile(finding));
  const envFiles = new Set(envFilesOf(inFiles));
  const inCode = inFiles.filter((finding) => !envFiles.has(finding.file));
  const inEnv = inFiles.filter((finding) => envFiles.has(finding.file));
  // One finding per rule and label, in the rules' order: a label may have steps of its own (an
  // admin key is revoked first), and the steps come out in the same order whatever the files.
  const sourcesOf = (some: readonly Row[]) =>
    rules.flatMap((rule) => [...new Map(some.filter((finding) => finding.ruleId === rule.id).map((f) => [f.label, f])).values()]);
  const envSteps = remediationFor(sourcesOf(inEnv), 'env-file');
  const codeSteps = remediationFor(sourcesOf(inCode), 'code');
  let steps = mergeInOrder(envSteps, codeSteps);
  if (envFiles.size > 0) {
    // The concrete commands go right after the env files' own step (keep the file out of git).
    const names = [...envFiles].map(shellWord).join(' ');
    const command = `For ${names}: git rm --cached -- ${names}, then add ${envFiles.size === 1 ? 'it' : 'them'} to .gitignore.`;
    const envOnly = envSteps.filter((step) => !codeSteps.includes(step));
    const at = envOnly.length > 0 ? steps.indexOf(envOnly[envOnly.length - 1]) + 1 : steps.length;
    steps.splice(at, 0, command);
  }
  // After the files' steps, before the false-alarm step that every rule ends with.
  const placeSteps = [
    ...(inLockfiles.length > 0 ? lockfileSteps(inLockfiles) : []),
    ...(inMessages.length > 0 ? commitMessageSteps(inMessages) : []),
  ];
  if (placeSteps.length > 0) {
    const at = steps.indexOf(FALSE_ALARM_STEP);
    steps.splice(at === -1 ? steps.length : at, 0, ...placeSteps);
    if (!steps.includes(FALSE_ALARM_STEP)) steps.push(FALSE_ALARM_STEP);
  }
  // The hook has a false-alarm section of its own (with the commands for the commit at hand):
  // every rule ends its steps with core's false-alarm step, so exactly that one is left out.
  if (options.falseAlarm === false) steps = steps.filter((step) => step !== FALSE_ALARM_STEP);
  return steps;
}

/**
 * The step that names `keyguard fix --staged` for the findings it can fix: in a file whose
 * language core knows how to make read the variable (docs/fix.md), not in an env file (that
 * one leaves git instead). Undefined when none can be fixed that way.
 */
export function fixStep(findings: readonly Row[]): string | undefined {
  const files = [
    ...new Set(
      findings
        .filter((f) => f.line > 0 && (envReadExpression(f.file, f.envVar ?? 'KEY') !== undefined || fileKindOf(f.file) === 'dockerfile'))
        .map((f) => f.file),
    ),
  ];
  if (files.length === 0) return undefined;
  const names =
    files.length > 3 ? `${files.slice(0, 3).map(shellWord).join(' ')} and ${files.length - 3} more` : files.map(shellWord).join(' ');
  return `Let keyguard move the key out of ${names}: npx @keyguard/cli fix --staged (the code reads the environment variable, the key goes to an ignored .env, and the fix is staged).`;
}

/** A file name as a shell word: quoted only when it needs to be. */
function shellWord(name: string): string {
  return /^[\w./@%+=:,-]+$/.test(name) ? name : `'${name.replace(/'/g, `'\\''`)}'`;
}

/**
 * Two ordered lists as one, each item once, keeping both orders where they agree: the steps
 * both share (rotate first, the false alarm last) stay put and each list's own steps fall
 * between them where they stood.
 */
function mergeInOrder(first: readonly string[], second: readonly string[]): string[] {
  const merged: string[] = [];
  let j = 0;
  for (const step of first) {
    const at = second.indexOf(step, j);
    if (at !== -1) {
      merged.push(...second.slice(j, at));
      j = at + 1;
    }
    merged.push(step);
  }
  merged.push(...second.slice(j));
  return [...new Set(merged)];
}
