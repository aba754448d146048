import { compileAllowList, type UserPattern } from '@keyguard/core';

const compiledByPatterns = new Map<string, UserPattern[]>();

/**
 * Compiles a rule's `allow` option with core's linear-time engine. A bad pattern throws one
 * line that names the rule, the option's entry (by index, never its text: an allow entry is
 * often a key) and the fix; ESLint shows it as a configuration error. Compiled once per
 * distinct option, not once per file.
 */
export function compileAllow(ruleName: string, patterns: readonly string[] | undefined): UserPattern[] {
  if (!patterns || patterns.length === 0) return [];
  const cacheKey = `${ruleName}\u0000${JSON.stringify(patterns)}`;
  const cached = compiledByPatterns.get(cacheKey);
  if (cached) return cached;
  const problems: string[] = [];
  const compiled = compileAllowList(patterns, `option "allow"`, problems);
  if (problems.length > 0) {
    throw new Error(`@keyguard/${ruleName}: ${problems.join('; ')}. Write RE2 syntax: no backreferences or lookaround.`);
  }
  compiledByPatterns.set(cacheKey, compiled);
  return compiled;
}
