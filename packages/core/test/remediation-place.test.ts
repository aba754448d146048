import { COMMIT_MESSAGE_PATH, findingPlaceOf, remediationFor, rules, scanText } from '@keyguard/core';
import { fakeKey } from '@keyguard/test-utils';

describe('where a finding sits, and the steps that fit it', () => {
  it.each([
    ['.env', 'env-file'],
    ['config/.env.local', 'env-file'],
    ['prod.env', 'env-file'],
    ['.env.example', 'code'],
    ['.env.sample', 'code'],
    ['deploy/.env.template', 'code'],
    ['app.py', 'code'],
    ['yarn.lock', 'lockfile'],
    ['web/package-lock.json', 'lockfile'],
    ['deps.lock', 'code'],
  ])('%s is %s', (path, place) => {
    expect(findingPlaceOf(path)).toBe(place);
  });

  it('a commit message is the history name with a commit; without one it is a file so named', () => {
    expect(findingPlaceOf(COMMIT_MESSAGE_PATH, 'a'.repeat(40))).toBe('commit-message');
    expect(findingPlaceOf(COMMIT_MESSAGE_PATH)).toBe('code');
    expect(findingPlaceOf('.env', 'a'.repeat(40))).toBe('env-file');
  });

  it('gives each rule its env-file steps there, and its code steps elsewhere', () => {
    for (const rule of rules) {
      expect(remediationFor([rule], 'code')).toEqual([...rule.remediation]);
      expect(remediationFor([rule], 'env-file')).toEqual([...(rule.envFileRemediation ?? rule.remediation)]);
    }
  });

  // In an env file the key is where it belongs; telling the user to "read it from OPENAI_API_KEY"
  // there is wrong, so the message says what is: keep the file out of git.
  it.each([
    ['an sk- key', (key: string) => `OPENAI_API_KEY=${key}`, fakeKey('proj', 7), 'OPENAI_API_KEY'],
    ['an admin key', (key: string) => `OPENAI_ADMIN_KEY=${key}`, fakeKey('admin', 7), 'OPENAI_ADMIN_KEY'],
    ['an Azure key', (key: string) => `AZURE_OPENAI_API_KEY=${key}`, fakeKey('azure', 7), 'AZURE_OPENAI_API_KEY'],
    ['a webhook secret', (key: string) => `OPENAI_WEBHOOK_SECRET=${key}`, fakeKey('whsec', 7), 'OPENAI_WEBHOOK_SECRET'],
  ])('names the place in the message: %s in .env is kept out of git, in code read from the environment', (_kind, line, key, envVar) => {
    const inEnv = scanText(line(key), { path: 'config/.env' });
    const inExample = scanText(line(key), { path: '.env.example' });
    const inCode = scanText(`${line(key).replace('=', ' = "')}"`, { path: 'settings.py' });
    expect(inEnv).toHaveLength(1);
    expect(inEnv[0].message).toContain('keep this env file out of git');
    expect(inEnv[0].message).not.toContain('read it from');
    for (const findings of [inExample, inCode]) {
      expect(findings).toHaveLength(1);
      expect(findings[0].message).toContain(`read it from ${envVar}`);
      expect(findings[0].message).not.toContain('env file');
    }
  });
});

describe('a key in a lock file', () => {
  // It came in with a dependency's URL or a registry setting: it leaves when the file is regenerated without it.
  it.each(['yarn.lock', 'Cargo.lock', 'packages/web/pnpm-lock.yaml'])('%s: the message says to take it out of the lock file', (path) => {
    const [found] = scanText(`  resolved "https://registry.example.com/x.tgz?token=${fakeKey('proj', 10)}"\n`, { path });
    expect(found.message).toContain('take it out of the lock file (remove it from the dependency URL or registry setting it came from');
    expect(found.message).not.toContain('read it from');
  });
});

describe('a key in a commit message', () => {
  // A message is not code: "read it from OPENAI_API_KEY" does not say how the key comes out of it.
  it.each([
    ['an sk- key', `try the new key\n\nOPENAI_API_KEY=${fakeKey('proj', 8)} works`],
    ['a key given to a client', `fix: use OpenAI(api_key="${fakeKey('proj', 9)}")`],
    ['a webhook secret', `set OPENAI_WEBHOOK_SECRET=${fakeKey('whsec', 8)} on staging`],
  ])('%s: the message says to take it out of the message, and only with a commit', (_kind, message) => {
    const [inMessage] = scanText(message, { path: COMMIT_MESSAGE_PATH, commit: 'c'.repeat(40) });
    expect(inMessage.message).toContain('take it out of the commit message (reword the commit)');
    expect(inMessage.message).not.toContain('read it from');
    const [asFile] = scanText(message, { path: COMMIT_MESSAGE_PATH });
    expect(asFile.message).toContain('read it from');
  });
});

describe('secretId', () => {
  it('is the same for one key in two files and differs between keys; never the key', () => {
    const key = fakeKey('proj', 91);
    const other = fakeKey('proj', 92);
    const [a] = scanText(`k = "${key}"`, { path: 'a.py' });
    const [b] = scanText(`x\nk = "${key}"`, { path: 'b/c.py' });
    const [c] = scanText(`k = "${other}"`, { path: 'a.py' });
    expect(a.secretId).toBe(b.secretId);
    expect(a.fingerprint).not.toBe(b.fingerprint);
    expect(c.secretId).not.toBe(a.secretId);
    expect(a.secretId).toMatch(/^[0-9a-f]{16}$/);
  });
});
