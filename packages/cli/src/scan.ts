import {
  applyBaseline,
  failsOn,
  findSecretsInPath,
  fingerprintPathOf,
  redactSecretsIn,
  scanBuffer,
  scanChunks,
  StreamScanner,
  type Baseline,
  type BufferScan,
  type Finding,
  type ResolvedConfig,
  type Rule,
  type ScanOptions,
  type Severity,
  type UserPattern,
} from '@keyguard/core';
import { isSkipped, isUnscanned, type ScanItem, type SkippedItem, type Source, type SourceEvent } from './sources/types';
import { keySecretOf, type KeySecret } from './verify/key-secret';
import type { Verification } from './verify/verify-keys';

/**
 * A finding as the CLI reports it: history scans add who made the commit and when. `author`
 * is redacted like a path (a key pasted into user.name or user.email is never printed whole).
 */
export interface ReportedFinding extends Finding {
  author?: string;
  date?: string;
  /** With `--verify`: what the OpenAI API said of the key (verify/verify-keys.ts). */
  verification?: Verification;
}

export interface ScanResult {
  findings: ReportedFinding[];
  stats: { files: number; bytes: number; durationMs: number };
  /** What was asked to be scanned and was not read (every reason but `binary`), in source order. */
  skipped: SkippedItem[];
  /**
   * Binary files: scanned, for the keys that need no context only (core's scan-binary.ts), so
   * counted here and not listed among the skipped (a repository may hold thousands of images).
   */
  binaryFiles: number;
  /** Files that were scanned but hold invalid UTF-8 (scanned with replacement characters). */
  invalidUtf8: string[];
  /** Lines for the summary, from the source: a shallow clone, what a history scan covered. */
  notes: string[];
  /**
   * What was asked to be scanned and was not, and fails this run (`--staged`, `--git`, the
   * hook, unless the config's `onSkipped` accepts the reason): exit 2, or 1 with findings.
   */
  failedSkips: SkippedItem[];
  /**
   * The least severity that fails this run (the config's `failOn`, or `--fail-on`): findings
   * below it are reported and make no exit status, and block no commit.
   */
  failOn: FailOn;
  /**
   * With `ScanRun.onFinding` (`--format jsonl`): the findings were handed on as they were found
   * and `findings` stays empty; these count them (after the baseline) for the exit status.
   */
  streamed?: { findings: number; failing: number };
}

export interface ScanRun {
  config: ResolvedConfig;
  baseline?: Baseline;
  /** Called after each item, for the progress indicator. */
  onProgress?(files: number, bytes: number): void;
  /**
   * Threads a file scan may use (the main thread included). Default: KEYGUARD_THREADS, else
   * one per core. Small scans stay on the main thread whatever this says (parallel.ts).
   */
  threads?: number;
  /** The working directory's path from the repository root, for fingerprints ('' or absent at the root). */
  fingerprintPrefix?: string;
  /**
   * A scan that fails on what it could not scan (`--staged`, `--git`, the hook): the config's
   * accepted reasons (`onSkipped`). Absent: a directory scan, where skips only warn.
   */
  strictSkips?: { accept: readonly string[] };
  /** `--verify`: gets each reported secret, whole, for the verifier (never part of the result). */
  onSecret?(secret: KeySecret): void;
  /** `--fail-on`: overrides the config's `failOn` for this run. */
  failOn?: FailOn;
  /**
   * `--format jsonl`: gets each finding as soon as its item is scanned, in source order, the
   * baseline already applied; the result then holds none (memory stays bounded on a history
   * with any number of findings) and counts them in `streamed`.
   */
  onFinding?: (finding: ReportedFinding) => void;
}

/** What the scan needs to scan one item; a worker thread gets it through scan-settings.ts. */
export interface ItemScanner {
  rules: readonly Rule[];
  allow: readonly UserPattern[];
  maxFileSize: number;
  /** The working directory's path from the repository root ('' at the root): see fingerprintPathOf. */
  fingerprintPrefix?: string;
  /** `--verify`: outcomes carry each reported secret, whole (in memory only, for the verifier). */
  revealSecrets?: boolean;
}

/**
 * What scanning one item gave, before it is added to the result: the bytes it counts, the
 * reason it was passed over, or its findings. Plain data, so it can cross from a worker.
 */
export interface ItemOutcome {
  bytes: number;
  /** Secrets in the item's path itself (a file named with a key), skipped or not. */
  pathFindings?: ReportedFinding[];
  skipped?: SkippedItem;
  scanned?: { path: string; findings: ReportedFinding[]; invalidUtf8: boolean };
  /** With `revealSecrets`: the secrets of the findings, whole, for `--verify` only. */
  secrets?: KeySecret[];
}

/** Scans one item a source yielded. The only place the CLI calls the scanner. */
export function scanItem(event: SourceEvent, scanner: ItemScanner): ItemOutcome {
  // Every path the CLI prints comes through here, with its secrets redacted; a secret in a
  // path is a finding of its own, on line 0 (issue 11).
  const path = redactSecretsIn(event.path);
  const inPath = path === event.path ? undefined : { pathFindings: pathFindingsOf(event, scanner) };
  // Every name a skip carries is redacted, as the path is: `file` too.
  if (isSkipped(event))
    return { bytes: 0, ...inPath, skipped: { ...event, path, ...(event.file ? { file: redactSecretsIn(event.file) } : {}) } };
  const secrets = scanner.revealSecrets ? new Map<string, KeySecret>() : undefined;
  if (event.chunks) {
    if (isAsyncChunks(event.chunks)) throw new Error('scanItem: an asynchronous stream goes to scanStreamedItem');
    try {
      const scanned = scanChunks(event.chunks, scanOptionsFor(event, scanner, secrets));
      return outcomeOf(event, path, inPath, scanned, scanned.bytes, secrets);
    } catch (error) {
      const detail = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      return { bytes: 0, ...inPath, skipped: { skipped: true, path, reason: 'unreadable', detail } };
    }
  }
  const bytes = event.bytes.length;
  if (bytes > scanner.maxFileSize) {
    return { bytes, ...inPath, skipped: { skipped: true, path, reason: 'too-large', detail: `${bytes} bytes` } };
  }
  return outcomeOf(event, path, inPath, scanBuffer(event.bytes, scanOptionsFor(event, scanner, secrets)), bytes, secrets);
}

const scanOptionsFor = (event: ScanItem, scanner: ItemScanner, secrets?: Map<string, KeySecret>): ScanOptions => ({
  path: event.path,
  commit: event.commit,
  rules: scanner.rules,
  allow: scanner.allow,
  fingerprintPath: fingerprintPathOf(event.path, scanner.fingerprintPrefix),
  ...(secrets ? { onSecret: (secret) => secrets.set(secret.id, keySecretOf(secret)) } : {}),
});

const isAsyncChunks = (chunks: ScanItem['chunks']): chunks is AsyncIterable<Buffer | string> =>
  chunks !== undefined && Symbol.asyncIterator in chunks;

/** Scans an item whose chunks arrive asynchronously (standard input), in constant memory. */
async function scanStreamedItem(event: ScanItem, chunks: AsyncIterable<Buffer | string>, scanner: ItemScanner): Promise<ItemOutcome> {
  const path = redactSecretsIn(event.path);
  const inPath = path === event.path ? undefined : { pathFindings: pathFindingsOf(event, scanner) };
  const secrets = scanner.revealSecrets ? new Map<string, KeySecret>() : undefined;
  const stream = new StreamScanner(scanOptionsFor(event, scanner, secrets));
  for await (const chunk of chunks) stream.write(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return outcomeOf(event, path, inPath, stream.end(), stream.bytes, secrets);
}

function outcomeOf(
  event: ScanItem,
  path: string,
  inPath: Pick<ItemOutcome, 'pathFindings'> | undefined,
  scanned: BufferScan,
  bytes: number,
  revealed?: Map<string, KeySecret>,
): ItemOutcome {
  const outcome = outcomeOfScan(event, path, inPath, scanned, bytes);
  if (!revealed) return outcome;
  // Only the secrets of the findings kept (an added line's, not an unchanged line's).
  const ids = new Set([...(outcome.scanned?.findings ?? []), ...(outcome.pathFindings ?? [])].map((finding) => finding.secretId));
  const secrets = [...revealed.values()].filter((secret) => ids.has(secret.id));
  return secrets.length > 0 ? { ...outcome, secrets } : outcome;
}

function outcomeOfScan(
  event: ScanItem,
  path: string,
  inPath: Pick<ItemOutcome, 'pathFindings'> | undefined,
  scanned: BufferScan,
  bytes: number,
): ItemOutcome {
  const findings: ReportedFinding[] = [];
  for (const finding of scanned.findings) {
    if (event.lines && !event.lines.has(finding.line)) continue;
    findings.push({
      ...finding,
      file: path,
      ...(event.author ? { author: redactSecretsIn(event.author) } : {}),
      ...(event.date ? { date: event.date } : {}),
    });
  }
  // A binary file is still counted as skipped: only the secrets that need no context were
  // looked for in it (core's scan-binary.ts). What it held of those is reported.
  if (scanned.status === 'binary') {
    const skipped: SkippedItem = { skipped: true, path, reason: 'binary' };
    return findings.length > 0
      ? { bytes, ...inPath, skipped, scanned: { path, findings, invalidUtf8: false } }
      : { bytes, ...inPath, skipped };
  }
  const invalidUtf8 = scanned.status === 'scanned' && scanned.invalidUtf8;
  return { bytes, ...inPath, scanned: { path, findings, invalidUtf8 } };
}

function pathFindingsOf(event: SourceEvent, scanner: ItemScanner): ReportedFinding[] {
  const item = isSkipped(event) ? undefined : event;
  return findSecretsInPath(event.path, {
    rules: scanner.rules,
    allow: scanner.allow,
    ...(item?.commit ? { commit: item.commit } : {}),
    fingerprintPath: fingerprintPathOf(event.path, scanner.fingerprintPrefix),
  }).map((finding) => ({
    ...finding,
    ...(item?.author ? { author: redactSecretsIn(item.author) } : {}),
    ...(item?.date ? { date: item.date } : {}),
  }));
}

/** Adds one item's outcome to the result, in source order. */
export function recordOutcome(result: ScanResult, outcome: ItemOutcome, run: Pick<ScanRun, 'onProgress' | 'onSecret'>): void {
  result.stats.bytes += outcome.bytes;
  for (const secret of outcome.secrets ?? []) run.onSecret?.(secret);
  for (const finding of outcome.pathFindings ?? []) result.findings.push(finding);
  if (outcome.skipped) {
    if (outcome.skipped.reason === 'binary') result.binaryFiles++;
    else result.skipped.push(outcome.skipped);
    for (const finding of outcome.scanned?.findings ?? []) result.findings.push(finding);
    return;
  }
  if (!outcome.scanned) return;
  result.stats.files++;
  if (outcome.scanned.invalidUtf8) result.invalidUtf8.push(outcome.scanned.path);
  for (const finding of outcome.scanned.findings) result.findings.push(finding);
  run.onProgress?.(result.stats.files, result.stats.bytes);
}

/**
 * Runs core over every item a source yields, and takes the source's summary. A source that
 * scans its own items (the file source, on several threads when the scan is large) is asked
 * to; the result is the same, in the same order, either way.
 */
export async function scanSource(source: Source, run: ScanRun): Promise<ScanResult> {
  const started = process.hrtime.bigint();
  const result: ScanResult = {
    findings: [],
    stats: { files: 0, bytes: 0, durationMs: 0 },
    skipped: [],
    binaryFiles: 0,
    invalidUtf8: [],
    notes: [],
    failedSkips: [],
    failOn: run.failOn ?? run.config.failOn,
  };
  const scanner: ItemScanner = {
    rules: run.config.rules,
    allow: run.config.allow,
    maxFileSize: run.config.maxFileSize,
    fingerprintPrefix: run.fingerprintPrefix,
    ...(run.onSecret ? { revealSecrets: true } : {}),
  };
  const stream = run.onFinding && streamFindings(result, run.onFinding, run.baseline);
  const record = (outcome: ItemOutcome): void => {
    recordOutcome(result, outcome, run);
    stream?.();
  };
  if (source.scanItems) await source.scanItems(scanner, record, { threads: run.threads });
  else {
    for await (const event of source) {
      record(
        !isSkipped(event) && isAsyncChunks(event.chunks) ? await scanStreamedItem(event, event.chunks, scanner) : scanItem(event, scanner),
      );
    }
  }
  const summary = source.summary();
  result.notes = summary.notes;
  // A source that counts what it read itself (history: every unique blob, not only the items it yields).
  if (summary.read) result.stats = { ...result.stats, ...summary.read };
  const strict = run.strictSkips;
  if (strict) result.failedSkips = result.skipped.filter((item) => isUnscanned(item) && !strict.accept.includes(item.reason));
  result.findings = applyBaseline(result.findings, run.baseline);
  result.stats.durationMs = Math.round(Number(process.hrtime.bigint() - started) / 1e6);
  return result;
}

/**
 * Hands on the findings an outcome added to the result and drops them from it: the baseline
 * test is core's applyBaseline (the fingerprint is accepted), with the accepted set built once.
 */
function streamFindings(result: ScanResult, onFinding: (finding: ReportedFinding) => void, baseline?: Baseline): () => void {
  const accepted = new Set(baseline?.findings.map((entry) => entry.fingerprint));
  const streamed = (result.streamed = { findings: 0, failing: 0 });
  return () => {
    for (const finding of result.findings) {
      if (accepted.has(finding.fingerprint)) continue;
      streamed.findings++;
      if (failingFindings([finding], result.failOn).length > 0) streamed.failing++;
      onFinding(finding);
    }
    result.findings.length = 0;
  };
}

/** What fails a run: a severity and those above it, or `live`, the keys `--verify` found live. */
export type FailOn = Severity | 'live';

/** The findings that fail the run: those at least as severe as its `failOn` (with `live`, the live keys). */
export function failingFindings<T extends Pick<ReportedFinding, 'severity' | 'verification'>>(findings: readonly T[], failOn: FailOn): T[] {
  return findings.filter((finding) => (failOn === 'live' ? finding.verification?.state === 'live' : failsOn(finding.severity, failOn)));
}

/**
 * The exit status of a scan: 1 with a finding at least as severe as its `failOn`, else 2 when
 * something it had to scan was not, else 0 (findings below `failOn`, such as notes by default,
 * are a pass).
 */
export function exitStatusOf(result: Pick<ScanResult, 'findings' | 'failedSkips' | 'failOn' | 'streamed'>): number {
  if (failingFindings(result.findings, result.failOn).length > 0 || (result.streamed?.failing ?? 0) > 0) return 1;
  return result.failedSkips.length > 0 ? 2 : 0;
}
