import { fileKindOf, isLockfile } from './engine/file-kind';
import { getRule } from './rules';
import type { Finding, LabelOverrides, Rule } from './types';

/** Where each rule's page lives; findings, SARIF and the ESLint plugin link to it. */
export const DOCS_BASE_URL = 'https://github.com/keyguard/keyguard/blob/main/docs/rules';

export function ruleDocsUrl(ruleId: string): string {
  return `${DOCS_BASE_URL}/${ruleId}.md`;
}

/**
 * Where a finding sits, for the steps that fit it: source code, an env file (`.env`), a commit
 * message, or a package manager's lock file (written by the tool, from what it was given).
 */
export type FindingPlace = 'code' | 'env-file' | 'commit-message' | 'lockfile';

/**
 * The name a history scan reports a key in a commit message under: no file, so a name no file
 * has. Only with a commit is it a message: a file so named outside history is a file.
 */
export const COMMIT_MESSAGE_PATH = '(commit message)';

/** Env-file templates (`.env.example`): committed on purpose, so a key in one is a key in code. */
const ENV_TEMPLATE = /\.(?:example|sample|template|tmpl|dist|defaults)$/i;

/**
 * Where a file's findings sit: an env file (`.env`, `config/.env.local`) that holds secrets on
 * purpose and must stay out of git, a commit's message (COMMIT_MESSAGE_PATH with a commit), a
 * lock file (isLockfile: the key came in with a dependency's URL or a registry setting, and
 * leaves when the lock file is regenerated without it), or anything else (code, config, an env
 * template).
 */
export function findingPlaceOf(path: string, commit?: string): FindingPlace {
  if (path === COMMIT_MESSAGE_PATH && commit) return 'commit-message';
  if (isLockfile(path)) return 'lockfile';
  const base = path.slice(path.lastIndexOf('/') + 1);
  return fileKindOf(path) === 'env' && !ENV_TEMPLATE.test(base) ? 'env-file' : 'code';
}

/** What `remediationFor` takes: a rule (its own steps), or a finding (its label's steps, when its rule has them). */
type RemediationSource = Pick<Rule, 'remediation' | 'envFileRemediation'> | Pick<Finding, 'ruleId' | 'label'>;

/**
 * The steps to take for these findings or rules, each step once, in their order: what a report
 * prints under "What to do". The steps themselves are each rule's: `remediation`, or
 * `envFileRemediation` for a secret in an env file (`place`); for a finding whose label has
 * steps of its own (`labels`: an admin key is revoked first), those.
 */
export function remediationFor(sources: readonly RemediationSource[], place: FindingPlace = 'code'): string[] {
  return [...new Set(sources.flatMap((source) => stepsOf(source, place)))];
}

function stepsOf(source: RemediationSource, place: FindingPlace): readonly string[] {
  let rule: Pick<Rule, 'remediation' | 'envFileRemediation'> | undefined;
  let own: LabelOverrides | undefined;
  if ('ruleId' in source) {
    const found = getRule(source.ruleId);
    rule = found;
    own = found?.labels?.[source.label];
  } else {
    rule = source;
  }
  if (!rule) return [];
  const steps = own?.remediation ?? rule.remediation;
  return place === 'env-file' ? (own?.envFileRemediation ?? own?.remediation ?? rule.envFileRemediation ?? steps) : steps;
}
