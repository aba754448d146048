import type { Severity } from '@keyguard/core';
import type { ReportedFinding, ScanResult } from '../scan';
import { stateWord } from '../verify/state-word';

/** The annotation kind for each severity: `::error`, `::warning`, and `::notice` for a note. */
const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', note: 'notice' };

/**
 * GitHub Actions workflow commands: one annotation per finding (`::error`, `::warning` or
 * `::notice`, by the finding's severity), shown on the line in the pull request. Escaping follows the runner's own toolkit (actions/toolkit, command.ts):
 * data escapes `%`, `\r`, `\n`; properties also escape `:` and `,`.
 */
export function formatGithub(result: ScanResult): string {
  const lines = result.findings.map(annotation);
  // A plain line after the annotations: the job log's summary, not an annotation itself.
  const count = result.findings.length;
  const scanned = `${result.stats.files} file${result.stats.files === 1 ? '' : 's'} scanned`;
  lines.push(count === 0 ? `keyguard: no secrets found (${scanned})` : `keyguard: ${count} finding${count === 1 ? '' : 's'} (${scanned})`);
  return `${lines.join('\n')}\n`;
}

function annotation(finding: ReportedFinding): string {
  // Line 0 (a secret in the file's path): an annotation on the file, not on a line.
  const lines =
    finding.line === 0
      ? []
      : [`line=${finding.line}`, `col=${finding.column}`, `endLine=${finding.endLine}`, `endColumn=${finding.endColumn}`];
  // With --verify the state leads: a live key is the one to revoke first.
  const word = stateWord(finding.verification);
  const title = `keyguard ${finding.ruleId}${word ? ` (${word})` : ''}`;
  const properties = [`file=${escapeProperty(finding.file)}`, ...lines, `title=${escapeProperty(title)}`];
  const where = finding.commit ? ` (commit ${finding.commit.slice(0, 12)})` : '';
  const state = word && finding.verification ? `${word.toUpperCase()} (${finding.verification.reason}): ` : '';
  return `::${COMMAND[finding.severity]} ${properties.join(',')}::${escapeData(`${state}${finding.message}${where}`)}`;
}

/** Escapes a workflow command's message. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a workflow command's property value. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
