import { redactSecretsIn } from '@keyguard/core';
import { exitStatusOf, failingFindings, type FailOn, type ReportedFinding, type ScanResult } from '../scan';
import { jsonFindingOf, jsonStatsOf, type JsonFinding, type JsonReport } from './json';

/**
 * `--format jsonl`: JSON Lines (https://jsonlines.org), one object per line, each with a
 * `type`. A `finding` line is a finding of the JSON report (json.ts), written as soon as the
 * scan finds it, in discovery order (not sorted: the source's order, newest commit first in a
 * history scan). The last line is the `summary`; a stream without one was cut short (the run
 * failed with exit 2, or was killed). Keep in step with docs/cli.md (Formats: jsonl).
 */
export type JsonlFindingLine = { type: 'finding' } & JsonFinding;

/** The last line of a jsonl report: what the JSON report says beside its findings, and the exit status. */
export interface JsonlSummaryLine extends Pick<JsonReport, 'version' | 'stats' | 'skipped'> {
  type: 'summary';
  /** How many `finding` lines came before (after the baseline). */
  findings: number;
  /** Of those, how many fail the run (at or above `failOn`). */
  failing: number;
  failOn: FailOn;
  /** The exit status of the run: 0, 1, or 2 (something it had to scan was not). */
  exitCode: number;
  /** What the text report prints under its summary: a shallow clone, what a history scan covered. */
  notes: string[];
}

/** One finding's line, with its newline. */
export function jsonlFindingLine(finding: ReportedFinding): string {
  const line: JsonlFindingLine = { type: 'finding', ...jsonFindingOf(finding) };
  return `${JSON.stringify(line)}\n`;
}

/** The summary line, with its newline: after the scan, from its result (streamed or not). */
export function jsonlSummaryLine(result: ScanResult): string {
  const counted = result.streamed ?? {
    findings: result.findings.length,
    failing: failingFindings(result.findings, result.failOn).length,
  };
  const summary: JsonlSummaryLine = {
    type: 'summary',
    version: 1,
    findings: counted.findings,
    failing: counted.failing,
    failOn: result.failOn,
    exitCode: exitStatusOf(result),
    ...jsonStatsOf(result),
    notes: result.notes.map(redactSecretsIn),
  };
  return `${JSON.stringify(summary)}\n`;
}

/** The whole jsonl report of a finished scan (the command streams the same lines as it goes). */
export function formatJsonl(result: ScanResult): string {
  return result.findings.map(jsonlFindingLine).join('') + jsonlSummaryLine(result);
}
