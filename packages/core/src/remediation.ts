import type { Rule } from './types';

/** Where each rule's page lives; findings, SARIF and the ESLint plugin link to it. */
export const DOCS_BASE_URL = 'https://github.com/keyguard/keyguard/blob/main/docs/rules';

export function ruleDocsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}/${ruleId}.md`;
}

/**
 * The steps to take for findings of these rules, each step once, in the rules' order: what a
 * report prints under "What to do". The steps themselves are each rule's (`remediation`).
 */
export function remediationFor(rules: readonly Pick<Rule, 'remediation'>[]): string[] {
  return [...new Set(rules.flatMap((rule) => rule.remediation))];
}
