import { compileAllowList } from '@keyguard/core';

const compiledByPatterns = new Map<string, RegExp[]>();

/**
 * Compiles a rule's `allow` option through core's linear-time check. A bad pattern throws one
 * line that names the rule, the option and the fix; ESLint shows it as a configuration error.
 * Compiled once per distinct option, not once per file.
 */
export function compileAllow(ruleName: string, patterns: readonly string[] | undefined): RegExp[] {
  if (!patterns || patterns.length === 0) return [];
  const cacheKey = `${ruleName}\u0000${JSON.stringify(patterns)}`;
  const cached = compiledByPatterns.get(cacheKey);
  if (cached) return cached;
  const problems: string[] = [];
  const compiled = compileAllowList(patterns, `option "allow"`, problems);
  if (problems.length > 0) {
    throw new Error(
      `@keyguard/${ruleName}: ${problems.join('; ')}. Use linear-time regular expressions: no backreferences, lookaround or nested quantifiers.`,
    );
  }
  compiledByPatterns.set(cacheKey, compiled);
  return compiled;
}

/** True when one of the patterns matches the whole value (as core's own allow list does). */
export function isAllowed(value: string, allow: readonly RegExp[]): boolean {
  return allow.some((pattern) => {
    pattern.lastIndex = 0;
    const match = pattern.exec(value);
    return match !== null && match.index === 0 && match[0].length === value.length;
  });
}
