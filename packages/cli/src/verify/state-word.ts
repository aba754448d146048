/**
 * How text and GitHub annotations name a verification state: `unknown` reads `unverified`
 * (nothing was proved either way). No imports: the hook's text blocks load this.
 */
export function stateWord(verification: { state: string } | undefined): string | undefined {
  if (!verification) return undefined;
  return verification.state === 'unknown' ? 'unverified' : verification.state;
}
