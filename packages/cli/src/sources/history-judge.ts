import { rules as allRules, scanBuffer, type Rule } from '@keyguard/core';

/**
 * What scanning one blob told: nothing to report for any path (`clean` by the byte prefilter,
 * or `binary`), nothing for this file kind (`clean-kind`: the rules ran and found nothing),
 * or the lines that hold findings (`dirty`).
 */
export type Judgement =
  | { status: 'binary' | 'clean' | 'clean-kind' }
  | { status: 'dirty'; findingLines: number[] };

/** The scan settings a worker thread can receive: rule ids and allow-list sources, not objects. */
export interface ScanSettings {
  ruleIds: string[];
  allow: { source: string; flags: string }[];
}

export function settingsOf(config: { rules: readonly Rule[]; allow: readonly RegExp[] }): ScanSettings {
  return { ruleIds: config.rules.map((rule) => rule.id), allow: config.allow.map((pattern) => ({ source: pattern.source, flags: pattern.flags })) };
}

export function compileSettings(settings: ScanSettings): { rules: Rule[]; allow: RegExp[] } {
  return {
    rules: allRules.filter((rule) => settings.ruleIds.includes(rule.id)),
    allow: settings.allow.map(({ source, flags }) => new RegExp(source, flags)),
  };
}

/** Runs core over a blob as if it were at `path` (the path picks the file kind). */
export function judgeBlob(bytes: Buffer, path: string, compiled: { rules: readonly Rule[]; allow: readonly RegExp[] }): Judgement {
  const scan = scanBuffer(bytes, { path, rules: compiled.rules, allow: compiled.allow });
  if (scan.status === 'binary') return { status: 'binary' };
  if (scan.status === 'no-candidate') return { status: 'clean' };
  if (scan.findings.length === 0) return { status: 'clean-kind' };
  return { status: 'dirty', findingLines: [...new Set(scan.findings.map((finding) => finding.line))] };
}
