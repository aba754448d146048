import { defineRule, FALSE_ALARM_STEP, rules, scanText, type RuleDefinition } from '@keyguard/core';
import { fakeToken } from '@keyguard/test-utils';

/** A plain token rule as a contributor writes one: no validator, no code. */
const record: RuleDefinition = {
  id: 'acme-token',
  description: 'Acme token',
  help: 'An Acme token is written in the file.',
  severity: 'warning',
  label: 'token',
  message: ({ label, secret, envVar }) => `Acme ${label} ${secret}. Read it from ${envVar}.`,
  remediation: ['Rotate it.'],
  envVar: 'ACME_TOKEN',
  redactPrefixes: ['acme_'],
  keywords: ['acme_'],
  matchers: [{ name: 'token', pattern: String.raw`acme_[A-Za-z0-9]{32}` }],
  examples: { truePositives: [], falsePositives: [] },
};

describe('defineRule', () => {
  const rule = defineRule(record);
  const token = fakeToken('acme_');

  it('gives a matcher without a validator the default one: a whole token that is not made up', () => {
    const [finding] = scanText(`ACME="${token}"\n`, { rules: [rule] });
    expect(finding).toMatchObject({ ruleId: 'acme-token', severity: 'warning', label: 'token', envVar: 'ACME_TOKEN', startOffset: 6 });
    expect(finding.message).toBe(`Acme token ${finding.secret}. Read it from ACME_TOKEN.`);
    expect(finding.secret.startsWith('acme_')).toBe(true);
    expect(scanText(`x${token}`, { rules: [rule] })).toEqual([]);
    expect(scanText(`${token}x`, { rules: [rule] })).toEqual([]);
    expect(scanText(`acme_${'x'.repeat(32)}`, { rules: [rule] })).toEqual([]);
    expect(scanText('acme_0123456789abcdefghijklmnopqrstuv', { rules: [rule] })).toEqual([]);
  });

  it('reads the secret from a named group', () => {
    const grouped = defineRule({
      ...record,
      matchers: [{ name: 'assigned', pattern: String.raw`token=(?<secret>acme_[A-Za-z0-9]{32})`, secretGroup: 'secret' }],
    });
    const [finding] = scanText(`token=${token}`, { rules: [grouped] });
    expect([finding.startOffset, finding.endOffset]).toEqual([6, 6 + token.length]);
  });

  it('refuses a record it could not run', () => {
    expect(() => defineRule({ ...record, matchers: [] })).toThrow(/acme-token: a rule needs a matcher/);
    expect(() => defineRule({ ...record, matchers: [record.matchers[0], record.matchers[0]] })).toThrow(/two matchers are named token/);
    expect(() => defineRule({ ...record, matchers: [{ name: 'x', pattern: 'a', secretGroup: 'secret' }] })).toThrow(
      /no group named secret/,
    );
    expect(() => defineRule({ ...record, matchers: [{ name: 'x', pattern: '(a+)+' }] })).toThrow(/not linear-time/);
  });

  it('names an ESLint twin no-<id> that the plugin generates, unless the record says otherwise', () => {
    expect(rule.eslint).toEqual({ name: 'no-acme-token', kind: 'text' });
    expect(defineRule({ ...record, eslint: false }).eslint).toBeNull();
    for (const registered of rules) if (registered.eslint) expect(registered.eslint.name).toMatch(/^no-[a-z0-9-]+$/);
  });

  it('gives every registered rule a complete record', () => {
    for (const registered of rules) {
      expect(['error', 'warning', 'note']).toContain(registered.severity);
      expect(registered.remediation.length).toBeGreaterThan(0);
      expect(registered.envVar).toMatch(/^[A-Z][A-Z0-9_]*$/);
      expect(new Set(registered.matchers.map((matcher) => matcher.name)).size).toBe(registered.matchers.length);
      // One false-alarm step, last in every list: the hook leaves exactly it out (its own section says more).
      const lists = [
        registered.remediation,
        registered.envFileRemediation,
        ...Object.values(registered.labels ?? {}).flatMap((own) => [own.remediation, own.envFileRemediation]),
      ];
      for (const steps of lists.filter((list) => list !== undefined)) {
        expect(steps[steps.length - 1]).toBe(FALSE_ALARM_STEP);
        expect(steps.filter((step) => step.includes('keyguard-ignore'))).toEqual([FALSE_ALARM_STEP]);
      }
      expect(
        registered.message({ label: 'x', secret: 'ab…yz', envVar: registered.envVar, keepOut: `read it from ${registered.envVar}` }),
      ).toContain('ab…yz');
    }
  });
});
