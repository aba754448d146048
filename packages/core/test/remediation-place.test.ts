import { findingPlaceOf, remediationFor, rules, scanText } from '@keyguard/core';
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
  ])('%s is %s', (path, place) => {
    expect(findingPlaceOf(path)).toBe(place);
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
