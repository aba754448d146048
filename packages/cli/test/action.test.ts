/**
 * The GitHub Action (action.yml, action/main.cjs), run as the runner runs it: `node` on the
 * entry point, the inputs as INPUT_* variables with action.yml's defaults, GITHUB_OUTPUT and
 * GITHUB_STEP_SUMMARY files, GITHUB_WORKSPACE, and GITHUB_EVENT_PATH with a pull-request
 * payload, in scripted repositories. It runs the committed bundle/, as on GitHub.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { containsAnyKey, exec, fakeKey, REPO_ROOT, removeTempDirs, tempDir, TempRepo, type Run } from '@keyguard/test-utils';

jest.setTimeout(120_000);
afterAll(removeTempDirs);

const ENTRY = join(REPO_ROOT, 'action', 'main.cjs');
const OLD_KEY = fakeKey('legacy', 91);
const NEW_KEY = fakeKey('proj', 92);

/** action.yml's inputs and their defaults, read from the file (what the runner passes when a workflow sets nothing). */
function defaultInputs(): Record<string, string> {
  const text = readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8');
  const block = text.slice(text.indexOf('\ninputs:\n'), text.indexOf('\noutputs:\n'));
  const inputs: Record<string, string> = {};
  for (const match of block.matchAll(/^ {2}([\w-]+):\n(?: {4}.*\n)*? {4}default: '([^']*)'$/gm)) inputs[match[1]] = match[2];
  return inputs;
}

interface ActionRun extends Run {
  outputs: Record<string, string>;
  summary: string;
  annotations: { kind: string; properties: string; message: string }[];
}

function runAction(repo: TempRepo, options: { inputs?: Record<string, string>; event?: string; payload?: unknown } = {}): ActionRun {
  const dir = tempDir('keyguard-action-runner-');
  const files = {
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary'),
    GITHUB_EVENT_PATH: join(dir, 'event.json'),
  };
  writeFileSync(files.GITHUB_OUTPUT, '');
  writeFileSync(files.GITHUB_STEP_SUMMARY, '');
  writeFileSync(files.GITHUB_EVENT_PATH, JSON.stringify(options.payload ?? {}));
  const env: NodeJS.ProcessEnv = {
    ...files,
    GITHUB_WORKSPACE: repo.dir,
    GITHUB_EVENT_NAME: options.event ?? 'push',
    GITHUB_ACTIONS: 'true',
  };
  for (const [name, value] of Object.entries({ ...defaultInputs(), ...options.inputs }))
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  // The runner starts the step in the workspace; the entry point finds bundle/ beside itself.
  const run = exec(process.execPath, [ENTRY], { cwd: repo.dir, env });
  const outputs = Object.fromEntries(
    readFileSync(files.GITHUB_OUTPUT, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split(/=(.*)/s).slice(0, 2)),
  );
  const annotations = [...run.stdout.matchAll(/^::(error|warning|notice)(?: ([^:]*))?::(.*)$/gm)].map((match) => ({
    kind: match[1],
    properties: match[2] ?? '',
    message: match[3],
  }));
  return { ...run, outputs, summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'), annotations };
}

/** main: a key in an early commit; a branch `feature` off it adds another key, then a clean commit. */
function scriptedRepo(): { repo: TempRepo; base: string; head: string } {
  const repo = new TempRepo();
  repo.write('app.py', `import openai\nopenai.api_key = "${OLD_KEY}"\n`).add('app.py').commit('an old leak');
  repo
    .write('app.py', 'import os\nimport openai\nopenai.api_key = os.environ["OPENAI_API_KEY"]\n')
    .add('app.py')
    .commit('fixed, but still in history');
  const base = repo.head()!;
  repo.git('checkout', '-q', '-b', 'feature');
  repo
    .write('src/my client.ts', `import OpenAI from 'openai';\nconst client = new OpenAI({ apiKey: "${NEW_KEY}" });\n`)
    .add('src')
    .commit('a new leak');
  repo.write('README.md', '# demo\n').add('README.md').commit('docs');
  return { repo, base, head: repo.head()! };
}

const pullRequest = (base: string, head: string): unknown => ({
  action: 'synchronize',
  number: 7,
  pull_request: { number: 7, base: { ref: 'main', sha: base }, head: { ref: 'feature', sha: head } },
});

describe('the GitHub Action, run as the runner runs it', () => {
  it("on a pull request, scans the pull request's range only: annotation, SARIF, summary, outputs, a failed step", () => {
    const { repo, base, head } = scriptedRepo();
    const run = runAction(repo, { event: 'pull_request', payload: pullRequest(base, head) });
    expect(run.status).toBe(1);
    expect(run.annotations).toEqual([
      {
        kind: 'error',
        properties: expect.stringMatching(
          /^file=src\/my client\.ts,line=2,col=\d+,endLine=2,endColumn=\d+,title=keyguard openai-api-key \(commit [0-9a-f]{7}\)$/,
        ),
        message: expect.stringContaining('sk-proj-'),
      },
    ]);
    expect(run.outputs.findings).toBe('1');
    expect(run.outputs['sarif-file']).toBe(join(repo.dir, 'keyguard.sarif'));
    const sarif = JSON.parse(readFileSync(run.outputs['sarif-file'], 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results).toHaveLength(1);
    expect(run.summary).toMatch(/^## keyguard\n\nScanned the pull request's commits \([0-9a-f]{7}\.\.[0-9a-f]{7}\): \*\*1 finding\*\*\./);
    expect(run.summary).toContain('| `openai-api-key` | `src/my client.ts:2` |');
    expect(containsAnyKey(run.output + run.summary + readFileSync(run.outputs['sarif-file'], 'utf8'), [OLD_KEY, NEW_KEY])).toBe(false);
  });

  it('on a push, scans the whole history and finds the key that was removed since', () => {
    const { repo } = scriptedRepo();
    const run = runAction(repo, { event: 'push' });
    expect(run.status).toBe(1);
    expect(run.outputs.findings).toBe('2');
    expect(run.annotations.map((annotation) => /file=([^,]*)/.exec(annotation.properties)?.[1]).sort()).toEqual([
      'app.py',
      'src/my client.ts',
    ]);
    expect(run.summary).toContain('Scanned the whole history (every commit of every ref): **2 findings**.');
  });

  it('passes a clean pull request: exit 0, findings=0, no annotation', () => {
    const { repo, head } = scriptedRepo();
    const docs = repo.git('rev-parse', 'HEAD~1').trim();
    const run = runAction(repo, { event: 'pull_request', payload: pullRequest(docs, head) });
    expect(run.status).toBe(0);
    expect(run.annotations).toEqual([]);
    expect(run.outputs.findings).toBe('0');
    expect(run.summary).toContain('no secrets found.');
  });

  it('with fail-on-findings false, reports and passes; a baseline input drops what it records', () => {
    const { repo } = scriptedRepo();
    expect(runAction(repo, { inputs: { 'fail-on-findings': 'false' } })).toMatchObject({ status: 0, outputs: { findings: '2' } });
    const baseline = exec(
      process.execPath,
      [join(REPO_ROOT, 'bundle', 'keyguard.js'), 'baseline', '--git', '--all', '--output', 'accepted.json'],
      { cwd: repo.dir },
    );
    expect(baseline.status).toBe(0);
    expect(runAction(repo, { inputs: { baseline: 'accepted.json' } })).toMatchObject({ status: 0, outputs: { findings: '0' } });
  });

  it('annotates a note as ::notice and passes on it; the fail-on input makes it fail', () => {
    const { repo } = scriptedRepo();
    repo
      .write('keyguard.config.json', JSON.stringify({ rules: { 'openai-api-key': 'note' } }))
      .add('keyguard.config.json')
      .commit('notes only');
    const run = runAction(repo);
    expect(run.status).toBe(0);
    expect(run.outputs.findings).toBe('2');
    expect(run.annotations.map((annotation) => annotation.kind)).toEqual(['notice', 'notice']);
    expect(runAction(repo, { inputs: { 'fail-on': 'note' } }).status).toBe(1);
    const wrong = runAction(repo, { inputs: { 'fail-on': 'live' } });
    expect(wrong.status).toBe(1);
    expect(wrong.annotations).toEqual([
      expect.objectContaining({ kind: 'error', message: expect.stringContaining('fail-on must be error, warning or note') }),
    ]);
  });

  it('annotates at most 10 findings of a kind and says how many more were cut', () => {
    const repo = new TempRepo();
    for (let i = 0; i < 13; i++) repo.write(`keys/k${i}.env`, `OPENAI_API_KEY=${fakeKey('proj', 100 + i)}\n`);
    repo.add('keys').commit('thirteen keys');
    const run = runAction(repo);
    expect(run.status).toBe(1);
    expect(run.outputs.findings).toBe('13');
    const errors = run.annotations.filter((annotation) => annotation.kind === 'error');
    expect(errors).toHaveLength(10);
    expect(errors[9].message).toMatch(
      /^keyguard: 4 more findings not annotated here: GitHub shows at most 10 error annotations per step\. All 13 are in the job summary/,
    );
    expect(run.summary).toContain('4 findings were not annotated.');
  });

  it('says as a warning that a shallow clone truncates the history', () => {
    const { repo } = scriptedRepo();
    const clone = tempDir('keyguard-action-shallow-');
    expect(exec('git', ['clone', '-q', '--depth', '1', '--branch', 'feature', `file://${repo.dir}`, clone], { cwd: repo.dir }).status).toBe(
      0,
    );
    const run = runAction(new TempRepo(clone), { event: 'push' });
    const warnings = run.annotations.filter((annotation) => annotation.kind === 'warning');
    expect(warnings).toHaveLength(1);
    expect(warnings[0].message).toMatch(/shallow clone.*fetch-depth: 0/);
    expect(run.summary).toMatch(/> History is truncated/);
    // The boundary commit is scanned as if it added every file: the key in it is found.
    expect(run.outputs.findings).toBe('1');
  });

  it('fails the step with one error line, no stack trace, on bad input or a missing commit', () => {
    const { repo } = scriptedRepo();
    const bad = runAction(repo, { inputs: { scan: 'everything' } });
    expect(bad.status).toBe(1);
    expect(bad.stdout).toBe(
      '::error title=keyguard%3A the scan did not run::keyguard: the input scan must be auto, pull-request or history (got "everything")\n',
    );
    const notPull = runAction(repo, { inputs: { scan: 'pull-request' }, event: 'push' });
    expect(notPull.annotations).toEqual([
      { kind: 'error', properties: expect.any(String), message: expect.stringContaining('scan: pull-request needs a pull_request event') },
    ]);
    const missing = runAction(repo, { event: 'pull_request', payload: pullRequest('1'.repeat(40), repo.head()!) });
    expect(missing.status).toBe(1);
    expect(missing.annotations.at(-1)?.message).toMatch(/^keyguard: --range: unknown revision/);
    expect(missing.output).not.toMatch(/\n\s+at /);
  });
});
