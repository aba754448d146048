import { ruleDocsUrl, rules as coreRules } from '@keyguard/core';
// The subpath, not the package root: the root loads ~400 modules (TypeScript's AST tooling)
// that a JavaScript-only project never needs.
import { RuleCreator } from '@typescript-eslint/utils/eslint-utils';

/** What each rule's `meta.docs` holds beyond the description and the URL. */
export interface KeyguardRuleDocs {
  /** On in `configs.recommended`. */
  recommended: boolean;
}

/**
 * The one rule factory: every rule's `meta.docs.url` points at its core rule's page,
 * docs/rules/<core id>.md, which documents the core rule and its ESLint twin together.
 */
export const createRule = RuleCreator<KeyguardRuleDocs>((name) => {
  const rule = coreRules.find((candidate) => candidate.eslint?.name === name);
  if (!rule) throw new Error(`@keyguard/eslint-plugin: no core rule has the ESLint twin ${name}`);
  return ruleDocsUrl(rule.id);
});

/** `Disallow <the rule's description>`: a description that starts with a plain word is lower-cased (`Hard-coded`, but not `GitHub`). */
export function describeTwin(description: string): string {
  const plainWord = /^[A-Z][a-z]+(?:-[a-z]+)*(?![A-Za-z0-9])/.test(description);
  return `Disallow ${plainWord ? description.charAt(0).toLowerCase() + description.slice(1) : description} in source code`;
}
