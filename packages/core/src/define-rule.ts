import { compileLinearPattern } from './engine/linear-pattern';
import type { Rule, RuleDefinition } from './types';

/**
 * Turns a rule record into a runnable rule: its patterns compile through the linear-time
 * seam (an unsafe pattern fails at load, not on some input months later) and its keywords
 * become lower-case bytes for the prefilter.
 */
export function defineRule(definition: RuleDefinition): Rule {
  const keywordBytes = definition.keywords.map((keyword) => {
    if (!/^[\x20-\x7e]+$/.test(keyword)) throw new Error(`rule ${definition.id}: keyword ${keyword} is not printable ASCII`);
    return Buffer.from(keyword.toLowerCase(), 'latin1');
  });
  return {
    ...definition,
    regexes: definition.patterns.map((pattern) => compileLinearPattern(pattern, definition.flags)),
    keywordBytes,
  };
}
