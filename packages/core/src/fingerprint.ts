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

/**
 * The path a finding's fingerprint hashes: the reported path (relative to the working
 * directory) seen from the repository root, so `keyguard baseline` at the root and a scan from
 * a subfolder (or the reverse) agree on every fingerprint.
 */
export function fingerprintPathOf(path: string, prefix: string | undefined): string {
  if (!prefix) return path;
  // A path with no `.`, `..` or empty part (what a scan of a subfolder reports for every file)
  // is just appended: no split and join per file (issue 16).
  if (path !== '' && !UNUSUAL_PART.test(path)) return `${prefix}/${path}`;
  const parts: string[] = prefix.split('/');
  for (const part of path.split('/')) {
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}

/** A `.` or `..` part, or an empty one (a leading, doubled or trailing `/`). */
const UNUSUAL_PART = /(?:^|\/)\.{0,2}(?:\/|$)/;
