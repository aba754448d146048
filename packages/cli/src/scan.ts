import { applyBaseline, scanBuffer, type Baseline, type Finding, type ResolvedConfig } from '@keyguard/core';
import { isSkipped, type SkippedItem, type SourceEvent } from './sources/types';

/** A finding as the CLI reports it: history scans add who made the commit and when. */
export interface ReportedFinding extends Finding {
  author?: string;
  date?: string;
}

export interface ScanResult {
  findings: ReportedFinding[];
  stats: { files: number; bytes: number; durationMs: number };
  skipped: SkippedItem[];
  /** Files that were scanned but hold invalid UTF-8 (scanned with replacement characters). */
  invalidUtf8: string[];
  /** Lines for the summary: a shallow clone, a submodule passed over. */
  notes: string[];
}

export interface ScanRun {
  config: ResolvedConfig;
  baseline?: Baseline;
  /** Called after each item, for the progress indicator. */
  onProgress?(files: number, bytes: number): void;
}

/** Runs core over every item a source yields. The only place the CLI calls the scanner. */
export async function scanSource(events: AsyncIterable<SourceEvent>, run: ScanRun, notes: string[] = []): Promise<ScanResult> {
  const started = process.hrtime.bigint();
  const result: ScanResult = { findings: [], stats: { files: 0, bytes: 0, durationMs: 0 }, skipped: [], invalidUtf8: [], notes };
  for await (const event of events) {
    if (isSkipped(event)) {
      result.skipped.push(event);
      continue;
    }
    result.stats.files++;
    result.stats.bytes += event.bytes.length;
    if (event.bytes.length > run.config.maxFileSize) {
      result.stats.files--;
      result.skipped.push({ skipped: true, path: event.path, reason: 'too-large', detail: `${event.bytes.length} bytes` });
      continue;
    }
    const scanned = scanBuffer(event.bytes, {
      path: event.path,
      commit: event.commit,
      rules: run.config.rules,
      allow: run.config.allow,
    });
    if (scanned.status === 'binary') {
      result.stats.files--;
      result.skipped.push({ skipped: true, path: event.path, reason: 'binary' });
      continue;
    }
    if (scanned.status === 'scanned' && scanned.invalidUtf8) result.invalidUtf8.push(event.path);
    for (const finding of scanned.findings) {
      if (event.lines && !event.lines.has(finding.line)) continue;
      result.findings.push({
        ...finding,
        ...(event.author ? { author: event.author } : {}),
        ...(event.date ? { date: event.date } : {}),
      });
    }
    run.onProgress?.(result.stats.files, result.stats.bytes);
  }
  result.findings = applyBaseline(result.findings, run.baseline);
  result.stats.durationMs = Math.round(Number(process.hrtime.bigint() - started) / 1e6);
  return result;
}
