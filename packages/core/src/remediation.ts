import { fileKindOf } from './engine/file-kind';
import type { Rule } from './types';

/** Where each rule's page lives; findings, SARIF and the ESLint plugin link to it. */
export const DOCS_BASE_URL = 'https://github.com/keyguard/keyguard/blob/main/docs/rules';

export function ruleDocsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}/${ruleId}.md`;
}

/** Where a finding sits, for the steps that fit it: source code, or an env file (`.env`). */
export type FindingPlace = 'code' | 'env-file';

/** Env-file templates (`.env.example`): committed on purpose, so a key in one is a key in code. */
const ENV_TEMPLATE = /\.(?:example|sample|template|tmpl|dist|defaults)$/i;

/**
 * Where a file's findings sit: an env file (`.env`, `config/.env.local`) that holds secrets on
 * purpose and must stay out of git, or anything else (code, config, an env template).
 */
export function findingPlaceOf(path: string): FindingPlace {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return fileKindOf(path) === 'env' && !ENV_TEMPLATE.test(base) ? 'env-file' : 'code';
}

/**
 * The steps to take for findings of these rules, each step once, in the rules' order: what a
 * report prints under "What to do". The steps themselves are each rule's: `remediation`, or
 * `envFileRemediation` for a secret in an env file (`place`).
 */
export function remediationFor(rules: readonly Pick<Rule, 'remediation' | 'envFileRemediation'>[], place: FindingPlace = 'code'): string[] {
  return [...new Set(rules.flatMap((rule) => (place === 'env-file' ? (rule.envFileRemediation ?? rule.remediation) : rule.remediation)))];
}
