import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { KeyguardError, parseBaseline, parseConfig, resolveConfig, type Baseline, type ResolvedConfig } from '@keyguard/core';
import { MAX_BASELINE_BYTES, MAX_CONFIG_BYTES, readSettingsFile } from './settings-file';
import { findRepository, type RepositoryLookup } from './git/repository';

/** Where `keyguard baseline` writes, and what `--staged` and the hook apply when nothing names a baseline. */
export const DEFAULT_BASELINE = '.keyguard-baseline.json';

/** The flags that say where the config is. */
export interface ConfigOptions {
  config?: string;
}

/**
 * The repository root a run works from: found once per run and handed to the config, the
 * fingerprints and the sources. Null outside a work tree (or without git).
 */
export type Root = string | null;

export const rootOf = (lookup: RepositoryLookup): Root => lookup.repository?.root ?? null;

/** Where the config lives: --config, else keyguard.config.json at the repository root (or cwd). */
export function configPath(options: ConfigOptions, cwd: string, root: Root): string {
  return options.config !== undefined ? resolve(cwd, options.config) : join(root ?? cwd, 'keyguard.config.json');
}

/** The config: --config, else keyguard.config.json at the repository root, else defaults. */
export function loadConfig(options: ConfigOptions, cwd: string, root: Root = rootOf(findRepository(cwd))): ResolvedConfig {
  const explicit = options.config !== undefined;
  const file = configPath(options, cwd, root);
  const name = options.config ?? relativeName(file, cwd);
  if (!existsSync(file)) {
    if (explicit)
      throw new KeyguardError(
        `--config ${options.config}: no such file`,
        'Check the path, or drop --config to use keyguard.config.json at the repository root',
      );
    return resolveConfig({});
  }
  return parseConfig(readText(file, name, 'Check that it is a readable file', MAX_CONFIG_BYTES), name);
}

/** A user-facing name for a file: relative to the working directory when it lies below it. */
export function relativeName(file: string, cwd: string): string {
  const rel = relative(cwd, file).split(sep).join('/');
  return rel && !rel.startsWith('..') ? rel : file;
}

/**
 * Reads a file the user named: a regular file only, within its cap (settings-file.ts); any
 * failure is a one-line user error, never a stack trace or a hang.
 */
function readText(file: string, name: string, hint: string, maxBytes = MAX_BASELINE_BYTES): string {
  return readSettingsFile(file, { name, maxBytes, hint });
}

/**
 * The baseline to apply: --baseline FILE (relative to the working directory), else the
 * config's "baseline" (relative to the config file), else, when `byDefault` (what a commit
 * adds: `scan --staged` and the hook), .keyguard-baseline.json at the repository root if it
 * exists, so "record it with keyguard baseline" is all a false alarm at commit time needs.
 * A named file that is missing or malformed is an error: a scan that silently dropped its
 * baseline would report everything, or nothing.
 */
export function loadBaseline(
  options: ConfigOptions & { baseline?: string },
  config: ResolvedConfig,
  cwd: string,
  root: Root,
  byDefault = false,
): Baseline | undefined {
  const path = options.baseline ?? config.baseline;
  if (path === undefined) {
    const file = join(root ?? cwd, DEFAULT_BASELINE);
    return byDefault && existsSync(file)
      ? parseBaseline(
          readText(file, relativeName(file, cwd), `Recreate it with: keyguard baseline --output ${DEFAULT_BASELINE}`),
          relativeName(file, cwd),
        )
      : undefined;
  }
  const file = options.baseline !== undefined ? resolve(cwd, path) : resolve(dirname(configPath(options, cwd, root)), path);
  const name = options.baseline !== undefined ? path : relativeName(file, cwd);
  const from = options.baseline !== undefined ? '--baseline' : 'the config\'s "baseline"';
  if (!existsSync(file)) throw new KeyguardError(`${from} ${name}: no such file`, `Create it with: keyguard baseline --output ${name}`);
  return parseBaseline(readText(file, name, `Recreate it with: keyguard baseline --output ${name}`), name);
}
