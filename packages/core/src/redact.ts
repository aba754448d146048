import { longestPrefixOf } from './engine/prefix';
import { rules } from './rules';

let registeredPrefixes: readonly string[] | undefined;

/** Every registered rule's redaction prefixes, longest first (read once, at the first call). */
function knownPrefixes(): readonly string[] {
  registeredPrefixes ??= [...new Set(rules.flatMap((rule) => rule.redactPrefixes))].sort((a, b) => b.length - a.length);
  return registeredPrefixes;
}

/**
 * Redacts a secret for display: a short prefix and suffix joined by `…`, never more than a
 * quarter of the secret's characters in all. A known prefix (a rule's `redactPrefixes`) is
 * shown when the budget allows, since it tells the reader which kind of secret leaked. Without
 * `prefixes`, every registered rule's count.
 */
export function redactSecret(secret: string, prefixes: readonly string[] = knownPrefixes()): string {
  const budget = Math.floor(secret.length / 4);
  if (budget < 2) return '…';
  const knownPrefix = longestPrefixOf(secret, prefixes);
  const suffixLength = Math.min(3, Math.floor(budget / 3));
  const prefixLength = Math.min(budget - suffixLength, knownPrefix.length + 2, knownPrefix ? Infinity : 4);
  const suffix = suffixLength > 0 ? secret.slice(secret.length - suffixLength) : '';
  return `${secret.slice(0, prefixLength)}…${suffix}`;
}
