import { KeyguardError, loadBaseline, loadConfig } from '@keyguard/core';
import { findRepository, requireRepository } from './git/repository';
import { scanSource, type FailOn, type ScanResult } from './scan';
import { readStaged } from './sources/staged';
import { endpointNotice, resolveEndpoint } from './verify/base-url';
import type { KeySecret } from './verify/key-secret';
import { verifyFindings, verifyTimeoutOf } from './verify/verify-keys';

export interface StagedScanOptions {
  /** Where the scan runs: paths are reported relative to it. */
  cwd: string;
  /** The environment git runs in (a hook's GIT_INDEX_FILE must reach it). Default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Only these paths' staged content (as lint-staged passes them); every staged file when empty. */
  paths?: readonly string[];
  /** Whole staged files instead of the lines the commit adds. */
  allLines?: boolean;
  /** --config: default keyguard.config.json at the repository root. */
  config?: string;
  /** --baseline: default the config's "baseline", else .keyguard-baseline.json at the root if present. */
  baseline?: string;
  /** Honour .keyguardignore and the config's "ignore" (default true). */
  useIgnoreFiles?: boolean;
  /**
   * --fail-on: the least severity that blocks the commit (default the config's failOn, else
   * warning); `live` (with `verify`) blocks only on keys the OpenAI API answered as live.
   */
  failOn?: FailOn;
  /**
   * The hook's opt-in `--verify` (issue 15): ask the OpenAI API (or KEYGUARD_OPENAI_BASE_URL)
   * whether each key found is live, as `keyguard scan --verify` does. Absent: nothing is sent,
   * whatever the config says (its `"verify": true` is `keyguard scan`'s, never the hook's).
   * `onNotice` gets where keys will go before any leaves: the hook's first lines on stderr.
   */
  verify?: { onNotice(lines: readonly string[]): void };
}

/**
 * What the next commit would add, scanned: `keyguard scan --staged` as a function, for the
 * pre-commit hook, which formats the result itself. The same repository lookup, config,
 * default baseline, ignore files and inline ignores as the command; it loads only what a
 * staged scan needs (no argument parser, no reporters, no directory walk). Throws a
 * KeyguardError (one line, exit 2 for the command) when the scan cannot run.
 */
export async function scanStaged(options: StagedScanOptions): Promise<ScanResult> {
  const { cwd, env } = options;
  const lookup = findRepository(cwd, env);
  const repository = requireRepository(lookup, '--staged', cwd);
  const config = loadConfig({ config: options.config }, cwd, repository.root);
  const baseline = loadBaseline({ config: options.config, baseline: options.baseline }, config, cwd, repository.root, true);
  const source = readStaged({
    cwd,
    repository,
    paths: options.paths ?? [],
    allLines: options.allLines ?? false,
    useIgnoreFiles: options.useIgnoreFiles ?? true,
    ignorePatterns: config.ignore,
    maxFileSize: config.maxFileSize,
    env,
  });
  if (options.failOn === 'live' && !options.verify) {
    throw new KeyguardError(
      '--fail-on live needs --verify (nothing is sent to the OpenAI API without it)',
      'Try: keyguard-pre-commit --verify --fail-on live',
    );
  }
  const endpoint = options.verify ? resolveEndpoint(undefined, env ?? process.env) : undefined;
  if (endpoint) options.verify?.onNotice(endpointNotice(endpoint, 'verify'));
  const secrets = endpoint ? new Map<string, KeySecret>() : undefined;
  const result = await scanSource(source, {
    config,
    baseline,
    fingerprintPrefix: repository.prefix,
    strictSkips: { accept: config.acceptSkipped },
    ...(secrets ? { onSecret: (secret: KeySecret) => secrets.set(secret.id, secret) } : {}),
    ...(options.failOn ? { failOn: options.failOn } : {}),
  });
  if (endpoint && secrets) {
    result.findings = await verifyFindings(result.findings, secrets, { endpoint, timeoutMs: verifyTimeoutOf(env ?? process.env) });
    secrets.clear();
  }
  return result;
}
