import { compileAddedTextFilter, isLockfile, rules, scanBuffer, scanText, StreamScanner } from '@keyguard/core';
import { describeKey, fakeKey, fakeValue } from '@keyguard/test-utils';

// Package managers' lock files are scanned for key shapes only (core's rulesFor): the rule that
// judges a value by the names and calls around it has nothing to judge there (issue 16).

const LOCKFILES = [
  'package-lock.json',
  'web/npm-shrinkwrap.json',
  'yarn.lock',
  'packages/app/pnpm-lock.yaml',
  'bun.lock',
  'deno.lock',
  'poetry.lock',
  'Pipfile.lock',
  'pdm.lock',
  'uv.lock',
  'pylock.toml',
  'pylock.dev.toml',
  'Cargo.lock',
  'Gemfile.lock',
  'composer.lock',
  'go.sum',
  'ios/Podfile.lock',
  'Package.resolved',
  'pubspec.lock',
  'mix.lock',
  'packages.lock.json',
  'gradle.lockfile',
  'flake.lock',
  'infra/.terraform.lock.hcl',
];
const NOT_LOCKFILES = [
  'package.json',
  'go.mod',
  'Cargo.toml',
  'pyproject.toml',
  'yarn.lock.bak',
  'my-package-lock.json',
  'deps.lock',
  'lock.json',
  'pylock.toml.txt',
  'yarn.lock/notes.md',
  '',
];

const shapes = [fakeKey('proj', 61), fakeKey('legacy', 62), fakeKey('svcacct', 63)];
const value = fakeValue(64);

/** A lock file's text with `line` among its entries. */
function lockText(line: string): string {
  return ['# generated: do not edit', 'lodash@^4.17.21:', '  version "4.17.21"', line, '  integrity sha512-AAAA', ''].join('\n');
}

const shape = ({ ruleId, line, column }: { ruleId: string; line: number; column: number }): object => ({ ruleId, line, column });
const ids = (findings: readonly { ruleId: string }[]): string[] => findings.map((finding) => finding.ruleId);

describe('lock files', () => {
  it.each(LOCKFILES)('names %s a lock file', (path) => expect(isLockfile(path)).toBe(true));
  it.each(NOT_LOCKFILES)('does not name %j a lock file', (path) => expect(isLockfile(path)).toBe(false));

  it.each(LOCKFILES.flatMap((path) => shapes.map((key) => [path, describeKey(key), key] as const)))(
    'finds %s: %s, as in any other file, through every entry point',
    (path, _name, key) => {
      const text = lockText(`  resolved "https://registry.example.com/x.tgz?token=${key}"`);
      const bytes = Buffer.from(text);
      const expected = scanText(text, { path: 'deps.txt' }).map(shape);
      expect(expected).toHaveLength(1);
      expect(scanText(text, { path }).map(shape)).toEqual(expected);
      const buffered = scanBuffer(bytes, { path });
      expect(buffered.status).toBe('scanned');
      expect(buffered.findings.map(shape)).toEqual(expected);
      const stream = new StreamScanner({ path });
      for (let at = 0; at < bytes.length; at += 7) stream.write(bytes.subarray(at, at + 7));
      expect(stream.end().findings.map(shape)).toEqual(expected);
    },
  );

  // The same text a user could write in a config file: reported there, not in a lock file.
  const assignments = [
    ['yarn.lock', 'deps.lock', `OPENAI_API_KEY=${value}`],
    ['pnpm-lock.yaml', 'config.yaml', `openai_api_key: ${value}`],
    ['package-lock.json', 'settings.json', `{ "openai": { "apiKey": "${value}" } }`],
    ['poetry.lock', 'poetry.toml', `openai_api_key = "${value}"`],
  ] as const;

  it.each(assignments)('reads no value by its context in %s (the same line in %s is reported)', (lockfile, other, line) => {
    const text = `${line}\n`;
    expect(ids(scanText(text, { path: other }))).toEqual(['openai-key-assignment']);
    expect(scanText(text, { path: lockfile })).toEqual([]);
    expect(scanBuffer(Buffer.from(text), { path: lockfile }).findings).toEqual([]);
    const stream = new StreamScanner({ path: lockfile });
    stream.write(Buffer.from(text));
    expect(stream.end().findings).toEqual([]);
  });

  it('tells a history scan that the lines a commit added to a lock file hold no value to judge', () => {
    const filter = compileAddedTextFilter(rules);
    for (const [lockfile, other, line] of assignments) {
      expect(filter.mayHoldSecret(Buffer.from(line), other)).toBe(true);
      expect(filter.mayHoldSecret(Buffer.from(line), lockfile)).toBe(false);
    }
    // A key shape is still a candidate there.
    expect(filter.mayHoldSecret(Buffer.from(`  resolved "x?token=${shapes[0]}"`), 'yarn.lock')).toBe(true);
  });
});
