import type { ScanResult, ReportedFinding } from '../scan';

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
  commit?: string;
  author?: string;
  date?: string;
}

/** The JSON report: exactly DESIGN.md's shape. Scripts, the hook and the tests read this type. */
export interface JsonReport {
  version: 1;
  findings: JsonFinding[];
  stats: ScanResult['stats'];
}

/** The JSON report: exactly DESIGN.md's shape (`version`, `findings`, `stats`), extended only. */
export function formatJson(result: ScanResult): string {
  const findings = result.findings.map((finding: ReportedFinding): JsonFinding => ({
    ruleId: finding.ruleId,
    message: finding.message,
    file: finding.file,
    line: finding.line,
    column: finding.column,
    endLine: finding.endLine,
    endColumn: finding.endColumn,
    secret: finding.secret,
    fingerprint: finding.fingerprint,
    ...(finding.commit ? { commit: finding.commit } : {}),
    ...(finding.author ? { author: finding.author } : {}),
    ...(finding.date ? { date: finding.date } : {}),
  }));
  const report: JsonReport = { version: 1, findings, stats: result.stats };
  return `${JSON.stringify(report, null, 2)}\n`;
}
