/**
 * Redacts a secret for display: a short prefix and suffix joined by `…`, never more than a
 * quarter of the secret's characters in all. A known key prefix (`sk-proj-`) is shown when the
 * budget allows, since it tells the reader which kind of key leaked.
 */
export function redactSecret(secret: string): string {
  const budget = Math.floor(secret.length / 4);
  if (budget < 2) return '…';
  const knownPrefix = /^sk-(?:proj|svcacct|admin|None)-|^sk-/.exec(secret)?.[0] ?? '';
  const suffixLength = Math.min(3, Math.floor(budget / 3));
  const prefixLength = Math.min(budget - suffixLength, knownPrefix.length + 2, knownPrefix ? Infinity : 4);
  const suffix = suffixLength > 0 ? secret.slice(secret.length - suffixLength) : '';
  return `${secret.slice(0, prefixLength)}…${suffix}`;
}
