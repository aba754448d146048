import type { ScanResult, ReportedFinding } from '../scan';

/** The JSON report: exactly DESIGN.md's shape (`version`, `findings`, `stats`), extended only. */
export function formatJson(result: ScanResult): string {
  const findings = result.findings.map((finding: ReportedFinding) => ({
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
  return `${JSON.stringify({ version: 1, findings, stats: result.stats }, null, 2)}\n`;
}
