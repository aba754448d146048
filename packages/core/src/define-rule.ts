import { compileLinearPattern } from './engine/linear-pattern';
import { isPlaceholderKeyBody, isPlaceholderValue } from './engine/placeholder';
import { longestPrefixOf } from './engine/prefix';
import type { FoundSecret, MatchContext, Matcher, MatcherDefinition, Rule, RuleDefinition } from './types';

/**
 * Every rule's last remediation step, the one for a false alarm. One constant, so that an adapter
 * with a false-alarm section of its own (the hook names the commands for the commit at hand) can
 * leave exactly this step out; core's tests hold every rule's lists to ending with it.
 */
export const FALSE_ALARM_STEP = 'A false alarm? Add a "keyguard-ignore" comment on the line, or record it with: keyguard baseline.';

/** Characters a token is made of: a default match must not have one on either side. */
const isTokenCode = (code: number): boolean =>
  (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 45;

/**
 * The validator a matcher without one gets: the secret is its `secretGroup` (or the whole
 * match), a whole token, and not made up (the engine's placeholder check on what follows the
 * rule's longest redaction prefix). Enough for a token rule: no code in its record.
 */
function defaultValidator(definition: MatcherDefinition, prefixes: readonly string[]): Matcher['validate'] {
  const group = definition.secretGroup;
  return ({ text, start, end, match }: MatchContext): FoundSecret[] => {
    if (group !== undefined) {
      const span = match.indices?.groups?.[group];
      if (!span) return [];
      [start, end] = span;
    }
    if (start === end) return [];
    if (start > 0 && isTokenCode(text.charCodeAt(start - 1))) return [];
    if (end < text.length && isTokenCode(text.charCodeAt(end))) return [];
    const secret = text.slice(start, end);
    const body = secret.slice(longestPrefixOf(secret, prefixes).length);
    return body.length === 0 || isPlaceholderKeyBody(body) ? [] : [{ start, end }];
  };
}

/**
 * Turns a rule record into a runnable rule: its matchers' patterns compile through the
 * linear-time seam (an unsafe pattern fails at load, not on some input months later), a
 * matcher without a validator gets the default one, and the keywords become lower-case bytes
 * for the prefilter.
 */
export function defineRule(definition: RuleDefinition): Rule {
  const fail = (why: string): never => {
    throw new Error(`rule ${definition.id}: ${why}`);
  };
  const keywordBytes = definition.keywords.map((keyword) => {
    if (!/^[\x20-\x7e]+$/.test(keyword)) fail(`keyword ${keyword} is not printable ASCII`);
    return Buffer.from(keyword.toLowerCase(), 'latin1');
  });
  if (definition.matchers.length === 0) fail('a rule needs a matcher');
  const names = new Set<string>();
  const redactPrefixes = definition.redactPrefixes ?? [];
  const matchers = definition.matchers.map((matcher): Matcher => {
    if (names.has(matcher.name)) fail(`two matchers are named ${matcher.name}`);
    names.add(matcher.name);
    const regex = compileLinearPattern(matcher.pattern, matcher.flags);
    if (matcher.secretGroup !== undefined && !new RegExp(`\\(\\?<${matcher.secretGroup}>`).test(matcher.pattern)) {
      fail(`matcher ${matcher.name} has no group named ${matcher.secretGroup}`);
    }
    return { ...matcher, regex, validate: matcher.validate ?? defaultValidator(matcher, redactPrefixes) };
  });
  if (definition.eslint && definition.eslint.kind === 'ast' && !definition.sinks) fail("an ESLint twin of kind 'ast' needs sinks");
  const eslint =
    definition.eslint === false
      ? null
      : { name: definition.eslint?.name ?? `no-${definition.id}`, kind: definition.eslint?.kind ?? 'text' };
  return {
    ...definition,
    label: definition.label ?? 'secret',
    redactPrefixes,
    matchers,
    isPlaceholderValue: definition.isPlaceholderValue ?? ((value: string): boolean => isPlaceholderValue(value)),
    eslint,
    keywordBytes,
  };
}
