import { FALSE_ALARM_STEP, remediationFor } from '@keyguard/core';
import { fakeKey, parseJsonReport, runCli, tempRepo, writeFiles } from '@keyguard/test-utils';

// A key in a package manager's lock file came in with a dependency's URL or a registry
// setting: "read it from OPENAI_API_KEY" does not say how it leaves; regenerating the file does.

describe('the steps for a key in a lock file', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const blocks = require('../dist/report/text-blocks.js') as typeof import('../src/report/text-blocks');
  const finding = (file: string, secretId: string) =>
    ({ file, secretId, line: 3, column: 1, message: 'm', ruleId: 'openai-api-key', label: 'project key', severity: 'error' }) as const;
  const ruleSteps = remediationFor([{ ruleId: 'openai-api-key', label: 'project key' }]);
  const takeOut = (names: string) =>
    `Take the key out of ${names}: a lock file records what the package manager was given, so remove it where it came from (a dependency's URL in the manifest, a registry setting such as .npmrc or pip.conf), then regenerate the lock file.`;
  const rotate =
    'Rotate the key if the lock file was ever committed, pushed or shared: regenerating the file does not remove it from git history.';

  it.each<[string, ReturnType<typeof finding>[], string[]]>([
    ['a lock file alone', [finding('yarn.lock', 'k1')], [takeOut('yarn.lock'), rotate, FALSE_ALARM_STEP]],
    [
      "code and two lock files: the rule's steps, then the lock files', the false alarm last",
      [finding('app.py', 'k1'), finding('web/package-lock.json', 'k2'), finding('poetry.lock', 'k2')],
      [...ruleSteps.filter((step) => step !== FALSE_ALARM_STEP), takeOut('web/package-lock.json, poetry.lock'), rotate, FALSE_ALARM_STEP],
    ],
    ['a file that is not a lock file, as before', [finding('deps.lock', 'k1')], ruleSteps],
  ])('%s', (_, findings, steps) => {
    expect(blocks.nextSteps(findings)).toEqual(steps);
  });

  it('says so in the finding itself, in every format', () => {
    const key = fakeKey('proj', 821);
    const root = tempRepo();
    writeFiles(root, {
      'yarn.lock': `lodash@^4.17.21:\n  version "4.17.21"\n  resolved "https://registry.example.com/x.tgz?token=${key}"\n`,
    });
    const json = runCli(['scan', '--format', 'json', 'yarn.lock'], { cwd: root });
    expect(json.status).toBe(1);
    const [found] = parseJsonReport(json.stdout).findings;
    expect(found.message).toContain('take it out of the lock file');
    expect(found.message).not.toContain('read it from');
    const text = runCli(['scan', 'yarn.lock'], { cwd: root });
    expect(text.stdout).toContain('Take the key out of yarn.lock');
    expect(text.stdout).not.toContain('Move the key to an environment variable');
    for (const output of [json.stdout, json.stderr, text.stdout, text.stderr]) expect(output).not.toContain(key);
  });
});
