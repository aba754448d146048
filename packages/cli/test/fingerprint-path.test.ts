import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fingerprintPathOf } from '@keyguard/cli';
import { fakeValue, removeTempDirs, runCli, tempRepo, writeFiles } from '@keyguard/test-utils';

afterAll(removeTempDirs);

describe('fingerprintPathOf', () => {
  it.each([
    ['app.py', undefined, 'app.py'],
    ['app.py', '', 'app.py'],
    ['app.py', 'sub', 'sub/app.py'],
    ['../top.py', 'sub', 'top.py'],
    ['./x/../y.py', 'a/b', 'a/b/y.py'],
    ['../../outside.py', 'sub', '../outside.py'],
    ['src/.env', 'sub', 'sub/src/.env'],
    ['..hidden/...', 'a/b', 'a/b/..hidden/...'],
    ['x/./y.py', 'sub', 'sub/x/y.py'],
    ['x//y.py', 'sub', 'sub/x/y.py'],
    ['nested/', 'sub', 'sub/nested'],
    ['x/..', 'sub', 'sub'],
  ])('sees %s from %s as %s', (path, prefix, expected) => {
    expect(fingerprintPathOf(path, prefix)).toBe(expected);
  });
});

describe('fingerprints from any working directory', () => {
  const value = fakeValue(41);
  let repo: string;

  beforeAll(() => {
    repo = tempRepo();
    mkdirSync(join(repo, 'sub', 'deeper'), { recursive: true });
    writeFiles(repo, { 'sub/deeper/app.py': `import openai\nopenai.api_key = "${value}"\n` });
  });

  const fingerprints = (cwd: string): string[] => {
    const result = runCli(['scan', '--format', 'json'], { cwd });
    expect(result.status).toBe(1);
    return (JSON.parse(result.stdout) as { findings: { fingerprint: string }[] }).findings.map((finding) => finding.fingerprint);
  };

  it('are the same at the root and in a subfolder, while the reported paths differ', () => {
    const atRoot = fingerprints(repo);
    expect(atRoot).toHaveLength(1);
    expect(fingerprints(join(repo, 'sub'))).toEqual(atRoot);
    expect(fingerprints(join(repo, 'sub', 'deeper'))).toEqual(atRoot);
  });

  it('let a baseline recorded at the root silence a scan from a subfolder, and the reverse', () => {
    expect(runCli(['baseline', '--output', 'root-baseline.json'], { cwd: repo }).status).toBe(0);
    const fromSub = runCli(['scan', '--baseline', '../root-baseline.json'], { cwd: join(repo, 'sub') });
    expect(fromSub.stderr).toBe('');
    expect(fromSub.status).toBe(0);

    expect(runCli(['baseline', '--output', 'sub-baseline.json'], { cwd: join(repo, 'sub', 'deeper') }).status).toBe(0);
    expect(runCli(['scan', '--baseline', 'sub/deeper/sub-baseline.json'], { cwd: repo }).status).toBe(0);
  });
});
