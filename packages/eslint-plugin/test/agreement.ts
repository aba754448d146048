/**
 * Runs the real `eslint` binary with `configs.recommended` and the built `keyguard scan` over a
 * folder, and gives the places each reports as `file:line:column rule` (the core rule id), so
 * that the agreement tests compare sets. Shared by cli-agreement.test.ts and
 * agreement-tree.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { rules as coreRules } from '@keyguard/core';

const root = join(__dirname, '..', '..', '..');
const eslintBin = join(root, 'node_modules', 'eslint', 'bin', 'eslint.js');
const cliBin = join(root, 'packages', 'cli', 'dist', 'bin.js');
const pluginEntry = join(root, 'packages', 'eslint-plugin', 'dist', 'index.js');

export type Place = string; // `file:line:column rule`, the rule by its core id

/** The core rule id of each ESLint rule, as the registry names the twins. */
const coreIdOf = new Map<string, string>(
  coreRules.flatMap((rule) => (rule.eslint ? [[`@keyguard/${rule.eslint.name}`, rule.id] as const] : [])),
);

/**
 * Writes `eslint.config.mjs` into `dir`: the recommended config alone (its own files and its own
 * parser for TypeScript), then, when given, the same options for every rule.
 */
export function writeEslintConfig(dir: string, options?: object): void {
  const rules = options ? Object.fromEntries([...coreIdOf.keys()].map((name) => [name, ['error', options]])) : {};
  writeFileSync(
    join(dir, 'eslint.config.mjs'),
    [
      `import keyguard from ${JSON.stringify(pathToFileURL(pluginEntry).href)};`,
      'export default [',
      '  ...keyguard.configs.recommended,',
      ...(Object.keys(rules).length > 0 ? [`  { rules: ${JSON.stringify(rules)} },`] : []),
      '];',
      '',
    ].join('\n'),
  );
}

export interface EslintRun {
  places: Set<Place>;
  /** Files ESLint could not parse (`path:line message`). */
  fatal: string[];
  /** The paths of the files that did not parse. */
  unparsed: Set<string>;
  /** Every message the plugin wrote, one a line. */
  messages: string;
}

export function eslintPlaces(dir: string, folder = 'src'): EslintRun {
  const result = spawnSync(process.execPath, [eslintBin, '-c', join(dir, 'eslint.config.mjs'), '--format', 'json', '--no-cache', folder], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  if (result.status !== 0 && result.status !== 1) throw new Error(`eslint exited ${result.status}: ${result.stderr}`);
  const results = JSON.parse(result.stdout) as Array<{
    filePath: string;
    messages: Array<{ ruleId: string | null; line: number; column: number; fatal?: boolean; message: string }>;
  }>;
  const places = new Set<Place>();
  const fatal: string[] = [];
  const unparsed = new Set<string>();
  for (const file of results) {
    const path = relative(dir, file.filePath).split('\\').join('/');
    for (const message of file.messages) {
      if (message.fatal) {
        fatal.push(`${path}:${message.line} ${message.message}`);
        unparsed.add(path);
      }
      const id = message.ruleId ? coreIdOf.get(message.ruleId) : undefined;
      if (id) places.add(`${path}:${message.line}:${message.column} ${id}`);
    }
  }
  // ESLint's JSON holds each file's source; what the plugin wrote is in the messages.
  const messages = results.flatMap((file) => file.messages.map((message) => message.message)).join('\n');
  return { places, fatal, unparsed, messages };
}

export function cliPlaces(dir: string, folder = 'src', args: string[] = []): { places: Set<Place>; output: string } {
  const result = spawnSync(process.execPath, [cliBin, 'scan', folder, '--format', 'json', ...args], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  if (result.status !== 0 && result.status !== 1) throw new Error(`keyguard exited ${result.status}: ${result.stderr}`);
  const report = JSON.parse(result.stdout) as { findings: Array<{ ruleId: string; file: string; line: number; column: number }> };
  return {
    places: new Set(report.findings.map((finding) => `${finding.file}:${finding.line}:${finding.column} ${finding.ruleId}`)),
    output: result.stdout,
  };
}

/** The places in `places` that `other` lacks, sorted: what one tool reports and the other does not. */
export function missingFrom(places: Set<Place>, other: Set<Place>): Place[] {
  return [...places].filter((place) => !other.has(place)).sort();
}
