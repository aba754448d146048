import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { parseBaseline, type Baseline } from './baseline';
import { parseConfig, resolveConfig, type ResolvedConfig } from './config';
import { KeyguardError } from './errors';
import { MAX_BASELINE_BYTES, MAX_CONFIG_BYTES, readSettingsFile } from './settings-file';

/*
 * Where a scan's settings come from: the config file, the baseline. Moved here from the CLI so
 * that the CLI, the hook and the language server load them the one way (issue 13).
 */

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

/** Where the config lives: --config, else keyguard.config.json at the repository root (or cwd). */
export function configPath(options: ConfigOptions, cwd: string, root: Root): string {
  return options.config !== undefined ? resolve(cwd, options.config) : join(root ?? cwd, 'keyguard.config.json');
}

/** The config: --config, else keyguard.config.json at the repository root, else defaults. */
export function loadConfig(options: ConfigOptions, cwd: string, root: Root): ResolvedConfig {
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
 * Where the baseline is: --baseline FILE (relative to the working directory), else the
 * config's "baseline" (relative to the config file), else .keyguard-baseline.json at the
 * repository root (`named` false: applied only where `loadBaseline` is told `byDefault`).
 */
export function baselineFile(
  options: ConfigOptions & { baseline?: string },
  config: ResolvedConfig,
  cwd: string,
  root: Root,
): { file: string; named: boolean } {
  const path = options.baseline ?? config.baseline;
  if (path === undefined) return { file: join(root ?? cwd, DEFAULT_BASELINE), named: false };
  const file = options.baseline !== undefined ? resolve(cwd, path) : resolve(dirname(configPath(options, cwd, root)), path);
  return { file, named: true };
}

/**
 * The baseline to apply: the one `baselineFile` names, or, when `byDefault` (what a commit
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
  const { file, named } = baselineFile(options, config, cwd, root);
  if (!named) {
    return byDefault && existsSync(file)
      ? parseBaseline(
          readText(file, relativeName(file, cwd), `Recreate it with: keyguard baseline --output ${DEFAULT_BASELINE}`),
          relativeName(file, cwd),
        )
      : undefined;
  }
  const name = options.baseline ?? relativeName(file, cwd);
  const from = options.baseline !== undefined ? '--baseline' : 'the config\'s "baseline"';
  if (!existsSync(file)) throw new KeyguardError(`${from} ${name}: no such file`, `Create it with: keyguard baseline --output ${name}`);
  return parseBaseline(readText(file, name, `Recreate it with: keyguard baseline --output ${name}`), name);
}
