import { verifyResourceOf, type RevealedSecret } from '@keyguard/core';

/**
 * A reported secret, whole, as `--verify` keeps it: in memory only, never in a finding, a
 * report, a log or an error message (issue 15).
 */
export interface KeySecret {
  /** The finding's `secretId`. */
  id: string;
  value: string;
  /**
   * The origin of the resource the secret is valid at, when its rule's verify record asks for
   * one and the text names it near the secret (core's verifyResourceOf: an Azure endpoint).
   */
  resource?: string;
}

/**
 * The secret as `--verify` keeps it, with the resource core finds named near it. Runs where the
 * secret is revealed (a worker thread too), so the file's text never has to travel.
 */
export function keySecretOf(secret: RevealedSecret): KeySecret {
  const resource = verifyResourceOf(secret);
  return resource ? { id: secret.id, value: secret.value, resource } : { id: secret.id, value: secret.value };
}
