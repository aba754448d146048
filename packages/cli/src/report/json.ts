import type { ScanResult, ReportedFinding } from '../scan';
import type { SkippedItem } from '../sources/types';
import type { Verification } from '../verify/verify-keys';

/** One finding of the JSON report (DESIGN.md); history scans add `commit`, `author`, `date`. */
export interface JsonFinding {
  ruleId: string;
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  secret: string;
  fingerprint: string;
  severity: ReportedFinding['severity'];
  commit?: string;
  author?: string;
  date?: string;
  /** With `--verify` only: what the OpenAI API said of the key (docs/verify.md). */
  verification?: Verification;
}

/** What was passed over, by name (redacted) and why; `fails` when it failed the run (onSkipped). */
interface JsonSkipped {
  path: string;
  reason: SkippedItem['reason'];
  detail?: string;
  fails: boolean;
  /** In history: the commit's whole id (of the file version, or of the commit that could not be listed). */
  commit?: string;
}

/** The JSON report: exactly DESIGN.md's shape. Scripts, the hook and the tests read this type. */
export interface JsonReport {
  version: 1;
  findings: JsonFinding[];
  /**
   * DESIGN.md's stats; `skipped` counts by reason (always present, `{}` when nothing) what was
   * not read, and, as before, `binary`: binary files, which are scanned for the keys that need
   * no context only and are not listed in `skipped`.
   */
  stats: ScanResult['stats'] & { skipped: Record<string, number> };
  /** Added to DESIGN.md's shape: every item that was not read (each counted in `stats.skipped`; binary files are not listed), in source order. */
  skipped: JsonSkipped[];
}

/** The JSON report: exactly DESIGN.md's shape (`version`, `findings`, `stats`), extended only. */
export function formatJson(result: ScanResult): string {
  const report: JsonReport = { version: 1, findings: result.findings.map(jsonFindingOf), ...jsonStatsOf(result) };
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** One finding as the JSON report (and each `--format jsonl` finding line) holds it. */
export function jsonFindingOf(finding: ReportedFinding): JsonFinding {
  return {
    ruleId: finding.ruleId,
    message: finding.message,
    file: finding.file,
    line: finding.line,
    column: finding.column,
    endLine: finding.endLine,
    endColumn: finding.endColumn,
    secret: finding.secret,
    fingerprint: finding.fingerprint,
    severity: finding.severity,
    ...(finding.commit ? { commit: finding.commit } : {}),
    ...(finding.author ? { author: finding.author } : {}),
    ...(finding.date ? { date: finding.date } : {}),
    ...(finding.verification ? { verification: finding.verification } : {}),
  };
}

/** The report's `stats` (with the counts of what was skipped) and `skipped` list: shared with jsonl's summary line. */
export function jsonStatsOf(
  result: Pick<ScanResult, 'stats' | 'skipped' | 'binaryFiles' | 'failedSkips'>,
): Pick<JsonReport, 'stats' | 'skipped'> {
  const counts: Record<string, number> = {};
  for (const item of result.skipped) counts[item.reason] = (counts[item.reason] ?? 0) + 1;
  // Counted under skipped as before (extend, never break), though they are scanned.
  if (result.binaryFiles > 0) counts.binary = result.binaryFiles;
  const failing = new Set(result.failedSkips);
  const skipped = result.skipped.map((item): JsonSkipped => ({
    path: item.path,
    reason: item.reason,
    ...(item.detail ? { detail: item.detail } : {}),
    fails: failing.has(item),
    ...(item.commit ? { commit: item.commit } : {}),
  }));
  return { stats: { ...result.stats, skipped: counts }, skipped };
}
