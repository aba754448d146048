import { KeyguardError } from './errors';
import { describeJsonError } from './json-error';
import type { Finding } from './types';

/** One accepted finding. Holds the fingerprint and a redacted secret, never the secret. */
export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  file: string;
  line: number;
  secret: string;
}

/** Findings already accepted: `keyguard baseline` writes it, `--baseline` drops what it lists. */
export interface Baseline {
  version: 1;
  findings: BaselineEntry[];
}

/**
 * Records findings as a baseline, one entry per fingerprint, in a stable order. Entries of a
 * baseline are findings too: `createBaseline([...baseline.findings, ...more])` adds to one.
 */
export function createBaseline(findings: readonly Pick<Finding, keyof BaselineEntry>[]): Baseline {
  const byFingerprint = new Map<string, BaselineEntry>();
  for (const finding of findings) {
    if (byFingerprint.has(finding.fingerprint)) continue;
    byFingerprint.set(finding.fingerprint, {
      fingerprint: finding.fingerprint,
      ruleId: finding.ruleId,
      file: finding.file,
      line: finding.line,
      secret: finding.secret,
    });
  }
  const entries = [...byFingerprint.values()].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.fingerprint.localeCompare(b.fingerprint),
  );
  return { version: 1, findings: entries };
}

/** Reads a baseline's JSON text; a malformed one is a user error naming the file. */
export function parseBaseline(text: string, source: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new KeyguardError(
      `${source} is not valid JSON (${describeJsonError(error, text)})`,
      'Recreate it with: keyguard baseline --output ' + source,
    );
  }
  const findings = (data as { findings?: unknown })?.findings;
  if (typeof data !== 'object' || data === null || (data as { version?: unknown }).version !== 1 || !Array.isArray(findings)) {
    throw new KeyguardError(
      `${source} is not a keyguard baseline (expected {"version": 1, "findings": [...]})`,
      'Recreate it with: keyguard baseline --output ' + source,
    );
  }
  const bad = findings.findIndex((entry) => typeof (entry as BaselineEntry)?.fingerprint !== 'string');
  if (bad !== -1)
    throw new KeyguardError(`${source}: findings[${bad}] has no fingerprint`, 'Recreate it with: keyguard baseline --output ' + source);
  return data as Baseline;
}

/** Drops the findings a baseline has accepted. */
export function applyBaseline<T extends { fingerprint: string }>(findings: readonly T[], baseline: Baseline | undefined): T[] {
  if (!baseline) return [...findings];
  const accepted = new Set(baseline.findings.map((entry) => entry.fingerprint));
  return findings.filter((finding) => !accepted.has(finding.fingerprint));
}
