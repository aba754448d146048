import { createHash } from 'node:crypto';

/**
 * A finding's fingerprint: a hash of the rule, the file and the secret, so it stays the same
 * when lines move and differs when the secret or the file changes. The commit is left out on
 * purpose: a key accepted in a baseline stays accepted in every commit of the history.
 */
export function fingerprintOf(ruleId: string, file: string, secret: string): string {
  const secretHash = createHash('sha256').update(secret).digest('hex');
  return createHash('sha256').update(`${ruleId}\0${file}\0${secretHash}`).digest('hex').slice(0, 32);
}

/** A secret's identity alone (`Finding.secretId`): the same secret has the same id in every file. */
export function secretIdOf(secret: string): string {
  return createHash('sha256').update(secret).digest('hex').slice(0, 16);
}
