/**
 * Secrets in text that keyguard prints but did not scan as content: a file or folder named
 * with a key, a path in a warning, a note. Issue 11: such a key was printed whole in every
 * report format, in the baseline and in "cannot read" warnings, and was never a finding.
 */
import { prefilterFor } from './engine/prefilter';
import type { UserPattern } from './engine/user-pattern';
import { redactSecret } from './redact';
import { rules as allRules } from './rules';
import { findSecrets, scanText } from './scan-text';
import type { Finding, Rule } from './types';

/**
 * Replaces every secret the rules find in `text` with its redaction (`sk-proj-Ab…9zQ`). Text
 * without a rule's keyword comes back as it is, at the cost of a few `includes`. Every rule
 * runs and the allow list does not apply: an accepted key is still not printed whole.
 */
export function redactSecretsIn(text: string): string {
  // Every path a scan reports comes through here: the keyword test alone decides most of them,
  // without setting up a scan of the text (issue 16).
  if (prefilterFor(allRules).candidatesInText(text).length === 0) return text;
  const found = findSecrets(text, undefined, allRules);
  if (found.length === 0) return text;
  let out = '';
  let at = 0;
  for (const secret of found) {
    out += text.slice(at, secret.start) + redactSecret(text.slice(secret.start, secret.end));
    at = secret.end;
  }
  return out + text.slice(at);
}

export interface PathScanOptions {
  rules?: readonly Rule[];
  allow?: readonly UserPattern[];
  commit?: string;
  /** The path from the repository root, for the fingerprint (as for the file's content). */
  fingerprintPath?: string;
}

/**
 * Findings for the secrets in a path itself (a file or folder named with a key). They are
 * told apart from content findings by line and column 0 (content is 1-based): the secret is in
 * the name, not on a line. `file` is the path with its secrets redacted, as for every finding;
 * the fingerprint hashes the real path with a ` (path)` mark, so accepting the key in the name
 * in a baseline does not accept the same key in the file's content, or the reverse.
 */
export function findSecretsInPath(path: string, options: PathScanOptions = {}): Finding[] {
  const findings = scanText(path, {
    rules: options.rules,
    allow: options.allow,
    inlineIgnore: false,
    ...(options.commit ? { commit: options.commit } : {}),
    fingerprintPath: `${options.fingerprintPath ?? path} (path)`,
  });
  if (findings.length === 0) return findings;
  const file = redactSecretsIn(path);
  return findings.map((finding) => ({
    ...finding,
    file,
    message: `In the file's path: ${finding.message}`,
    line: 0,
    column: 0,
    endLine: 0,
    endColumn: 0,
  }));
}
