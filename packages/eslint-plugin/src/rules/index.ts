import { rules as coreRules } from '@keyguard/core';
import { sinkRule, type SinkRule } from './sink-rule';
import { tokenRule, type TokenRule } from './token-rule';

/**
 * Every rule the plugin ships, by name, generated from core's registry: each core rule that asks
 * for an ESLint twin (`rule.eslint`) gets one, named as the record says, of the kind it asks
 * for (`text`: a token rule; `ast`: a sink rule, from the record's `sinks`). A new core rule
 * needs no code here. The meta-tests check each is documented and recommended.
 */
export const rules: Record<string, TokenRule | SinkRule> = {};
for (const rule of coreRules) {
  const twin = rule.eslint;
  if (!twin) continue;
  if (twin.kind === 'ast') {
    // defineRule refuses an `ast` twin without sinks; this guards a record built by hand.
    if (!rule.sinks) throw new Error(`@keyguard/eslint-plugin: core rule ${rule.id} asks for a sink rule but has no sinks`);
    rules[twin.name] = sinkRule(rule, rule.sinks, twin.name);
  } else {
    rules[twin.name] = tokenRule(rule, twin.name);
  }
}
