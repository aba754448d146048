import { getRule } from '@keyguard/core';

/**
 * The environment variable a suggestion reads instead of a hard-coded value: the one the rule's
 * record names for this sink (`envVarFor`: an Azure client reads its own), else the record's
 * `envVar`. The plugin names no variable itself.
 */
export function envVarFor(ruleId: string, sinkOrName?: string): string {
  const rule = getRule(ruleId);
  if (!rule) throw new Error(`@keyguard/eslint-plugin: core has no rule ${ruleId}`);
  return (sinkOrName !== undefined && rule.envVarFor ? rule.envVarFor(sinkOrName) : undefined) ?? rule.envVar;
}
