import { DOCS_BASE_URL } from '@keyguard/core';
// The subpath, not the package root: the root loads ~400 modules (TypeScript's AST tooling)
// that a JavaScript-only project never needs.
import { RuleCreator } from '@typescript-eslint/utils/eslint-utils';

/** What each rule's `meta.docs` holds beyond the description and the URL. */
export interface KeyguardRuleDocs {
  /** On in `configs.recommended`. */
  recommended: boolean;
}

/**
 * The one rule factory: every rule's `meta.docs.url` points at its page, docs/rules/<rule>.md
 * in the repository (core's DOCS_BASE_URL; keep the page's file name equal to the rule name).
 */
export const createRule = RuleCreator<KeyguardRuleDocs>((name) => `${DOCS_BASE_URL}/${name}.md`);
