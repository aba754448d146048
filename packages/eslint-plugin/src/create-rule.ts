import { ruleDocsUrl, rules as coreRules } from '@keyguard/core';
import type { TSESLint } from '@typescript-eslint/utils';
import type { RuleWithMetaAndName } from '@typescript-eslint/utils/eslint-utils';

/** What each rule's `meta.docs` holds beyond the description and the URL. */
export interface KeyguardRuleDocs {
  /** On in `configs.recommended`. */
  recommended: boolean;
}

type NamedRule<Options extends readonly unknown[], MessageIds extends string> = TSESLint.RuleModule<
  MessageIds,
  Options,
  KeyguardRuleDocs
> & { name: string };

/** Distinct option lists a rule keeps merged with its defaults (a project has a handful). */
const MAX_CACHED_OPTIONS = 64;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `defaults` with `user`'s keys over them, plain objects merged key by key (typescript-eslint's applyDefault). */
function merged(defaults: unknown, user: unknown): unknown {
  if (user === undefined) return defaults;
  if (!isPlainObject(defaults) || !isPlainObject(user)) return user;
  const result: Record<string, unknown> = { ...defaults };
  for (const [key, value] of Object.entries(user)) result[key] = merged(defaults[key], value);
  return result;
}

/** Freezes a merged options list and everything in it: one copy serves every file, and no rule can change it. */
function deepFrozen<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFrozen(inner);
    Object.freeze(value);
  }
  return value;
}

/**
 * The one rule factory: every rule's `meta.docs.url` points at its core rule's page,
 * docs/rules/<core id>.md, which documents the core rule and its ESLint twin together, and
 * `create` gets the options merged with the defaults (typescript-eslint's RuleCreator contract).
 *
 * Not RuleCreator itself: it deep-clones the defaults (structuredClone) for every rule on every
 * file, which was most of what five rules cost ESLint beyond their own work on files without a
 * keyword (issue 16). Here a rule merges each distinct options list once and hands every file the
 * same frozen copy.
 */
export function createRule<Options extends readonly unknown[], MessageIds extends string>(
  spec: Readonly<RuleWithMetaAndName<Options, MessageIds, KeyguardRuleDocs>>,
): NamedRule<Options, MessageIds> {
  const core = coreRules.find((candidate) => candidate.eslint?.name === spec.name);
  if (!core) throw new Error(`@keyguard/eslint-plugin: no core rule has the ESLint twin ${spec.name}`);
  const defaults = (spec.meta.defaultOptions ?? spec.defaultOptions ?? []) as Options;
  const withDefaults = deepFrozen(structuredClone(defaults));
  const byOptions = new Map<string, Options>();
  const optionsOf = (user: readonly unknown[]): Options => {
    if (user.length === 0) return withDefaults;
    const key = JSON.stringify(user);
    let options = byOptions.get(key);
    if (!options) {
      // A copy: the project's own config objects are never frozen.
      options = deepFrozen(structuredClone(defaults.map((option, index) => merged(option, user[index])))) as unknown as Options;
      if (byOptions.size < MAX_CACHED_OPTIONS) byOptions.set(key, options);
    }
    return options;
  };
  return {
    name: spec.name,
    meta: { ...spec.meta, docs: { ...spec.meta.docs, url: ruleDocsUrl(core.id) } },
    defaultOptions: spec.defaultOptions,
    create: (context) => spec.create(context, optionsOf(context.options)),
  };
}

/** `Disallow <the rule's description>`: a description that starts with a plain word is lower-cased (`Hard-coded`, but not `GitHub`). */
export function describeTwin(description: string): string {
  const plainWord = /^[A-Z][a-z]+(?:-[a-z]+)*(?![A-Za-z0-9])/.test(description);
  return `Disallow ${plainWord ? description.charAt(0).toLowerCase() + description.slice(1) : description} in source code`;
}
