import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import {
  baselineFile,
  configPath,
  ignoreCaseFor,
  IgnoreRules,
  KeyguardError,
  loadBaseline,
  loadConfig,
  redactSecretsIn,
  resolveConfig,
  type Baseline,
  type ResolvedConfig,
} from '@keyguard/core';

/** A settings file that could not be used, and the one line that says why (shown as a diagnostic on it). */
interface SettingsProblem {
  /** The file's absolute path. */
  file: string;
  message: string;
}

/**
 * What the CLI would apply to a file under `root` (its repository root): the config, the
 * baseline and the ignore files, loaded with core's loaders (the ones `keyguard scan` and the
 * hook use). A broken file is a problem, not a crash: the scan goes on with the defaults for
 * that part, and the problem is shown on the file.
 */
export interface RootSettings {
  root: string;
  config: ResolvedConfig;
  baseline?: Baseline;
  /** Where "add to baseline" writes: the config's "baseline", else .keyguard-baseline.json. */
  baselineFile: string;
  ignore: IgnoreRules;
  problems: SettingsProblem[];
}

const problemOf = (file: string, error: unknown): SettingsProblem => ({
  file,
  message: redactSecretsIn(error instanceof KeyguardError ? error.toLine() : error instanceof Error ? error.message : String(error)),
});

/** Loads a root's settings. Never throws: each broken file becomes a problem. */
function loadRootSettings(root: string): RootSettings {
  const problems: SettingsProblem[] = [];
  let config = resolveConfig({});
  try {
    config = loadConfig({}, root, root);
  } catch (error) {
    problems.push(problemOf(configPath({}, root, root), error));
  }
  const { file } = baselineFile({}, config, root, root);
  let baseline: Baseline | undefined;
  try {
    // As the hook applies it: what would block a commit is what the editor shows.
    baseline = loadBaseline({}, config, root, root, true);
  } catch (error) {
    problems.push(problemOf(file, error));
  }
  const ignore = new IgnoreRules({
    root,
    fileNames: ['.keyguardignore'],
    patterns: config.ignore,
    ignoreCase: ignoreCaseFor(existsSync(join(root, '.git')) ? root : undefined),
    onProblem(ignoreFile, problem) {
      problems.push({ file: ignoreFile, message: `cannot read ${relative(root, ignoreFile).split(sep).join('/')} (${problem})` });
    },
  });
  return { root, config, baseline, baselineFile: file, ignore, problems };
}

/**
 * The root a file's settings come from, as the CLI finds it: the repository around it (the
 * nearest folder above holding `.git`, without running git), else the workspace folder that
 * holds it, else its own folder.
 */
export function rootOfFile(file: string, workspaceFolders: readonly string[]): string {
  const folder = workspaceFolders
    .filter((candidate) => file === candidate || file.startsWith(candidate.endsWith(sep) ? candidate : candidate + sep))
    .sort((a, b) => b.length - a.length)[0];
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    if (isGitDir(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) break;
  }
  return folder ?? dirname(file);
}

function isGitDir(path: string): boolean {
  try {
    const stats = statSync(path);
    // A linked worktree or a submodule has a `.git` file.
    return stats.isDirectory() || stats.isFile();
  } catch {
    return false;
  }
}

/** The file's path from the root with `/`, or undefined when it lies outside it. */
export function pathFromRoot(file: string, root: string): string | undefined {
  const path = relative(root, file).split(sep).join('/');
  return path === '' || path.startsWith('../') || path === '..' ? undefined : path;
}

/** Settings per root, loaded when first needed and dropped when a settings file changes. */
export class SettingsCache {
  private readonly byRoot = new Map<string, RootSettings>();

  /** `onLoad` is told each root's settings when they are loaded (to show their problems). */
  constructor(private readonly onLoad: (settings: RootSettings) => void = () => {}) {}

  get(root: string): RootSettings {
    let settings = this.byRoot.get(root);
    if (!settings) {
      settings = loadRootSettings(root);
      this.byRoot.set(root, settings);
      this.onLoad(settings);
    }
    return settings;
  }

  /** Every root loaded so far. */
  roots(): RootSettings[] {
    return [...this.byRoot.values()];
  }

  clear(): void {
    this.byRoot.clear();
  }
}
