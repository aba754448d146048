/** The longest of `prefixes` that starts `secret`, or the empty string. */
export function longestPrefixOf(secret: string, prefixes: readonly string[]): string {
  let longest = '';
  for (const prefix of prefixes) if (prefix.length > longest.length && secret.startsWith(prefix)) longest = prefix;
  return longest;
}
