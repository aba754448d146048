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
