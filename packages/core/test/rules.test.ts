import { findNonLinearSyntax, rules, scanText } from '@keyguard/core';
import { fillExample, secretsIn } from '@keyguard/test-utils';

describe.each(rules.map((rule) => [rule.id, rule] as const))('rule %s', (_id, rule) => {
  it.each(rule.examples.truePositives.map((template, index) => [index, template]))(
    'true positive #%i gives exactly one finding whose span is the inserted secret',
    (_index, template) => {
      const text = fillExample(template);
      const [secret] = secretsIn(template);
      const findings = scanText(text, { rules: [rule] });
      expect(findings.map((finding) => finding.ruleId)).toEqual([rule.id]);
      expect(text.slice(findings[0].startOffset, findings[0].endOffset)).toBe(secret);
    },
  );

  it.each(rule.examples.falsePositives.map((template, index) => [index, template]))(
    'false positive #%i gives no finding',
    (_index, template) => {
      expect(scanText(fillExample(template), { rules: [rule] })).toEqual([]);
    },
  );

  it('has a keyword in every true positive', () => {
    for (const template of rule.examples.truePositives) {
      const text = fillExample(template);
      expect(rule.keywords.some((keyword) => text.includes(keyword))).toBe(true);
    }
  });

  it('has only linear-time patterns', () => {
    for (const matcher of rule.matchers) expect(findNonLinearSyntax(matcher.pattern)).toBeUndefined();
  });
});
