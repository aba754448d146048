/**
 * keyguard.config.json: its JSON Schema (generated, shipped in @keyguard/cli), every config
 * example the docs show valid against it and accepted by the built CLI, "did you mean" for a
 * misspelt field or rule, and rule severities ("warn") with what they do to the exit status.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import Ajv from 'ajv';
import { configSchema } from '@keyguard/cli';
import { rules } from '@keyguard/core';
import { expectNoWholeKey, fakeKey, fakeValue, removeTempDirs, REPO_ROOT, runCli, tempDir, writeFiles } from '@keyguard/test-utils';

afterAll(removeTempDirs);

// The schema the build makes from the registry. That the committed, shipped file is the same is
// `npm run generate:check` (in `npm run lint`): right after `npm run new-rule` it is stale by
// design, until the author runs `npm run generate`.
const schema = configSchema();
const validate = new Ajv({ allErrors: true }).compile(schema);

/** Markdown files users read: the README, docs/, every package's and example's README. */
function markdownFiles(): string[] {
  const found = [join(REPO_ROOT, 'README.md')];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      if (name === 'node_modules' || name.startsWith('.')) continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.md')) found.push(path);
    }
  };
  for (const dir of ['docs', 'examples', 'packages']) walk(join(REPO_ROOT, dir));
  return found;
}

/**
 * The config examples the docs show: every ```json block under a heading that names the
 * config (Configuration, keyguard.config.json), or that names the schema itself.
 */
function documentedConfigs(): { where: string; text: string }[] {
  const examples: { where: string; text: string }[] = [];
  for (const file of markdownFiles()) {
    let heading = '';
    const lines = readFileSync(file, 'utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (/^#+ /.test(lines[i])) heading = lines[i];
      if (lines[i].trim() !== '```json') continue;
      const end = lines.indexOf('```', i + 1);
      const text = lines.slice(i + 1, end).join('\n');
      if (/configuration|keyguard\.config\.json/i.test(heading) || text.includes('keyguard.config.schema.json')) {
        examples.push({ where: `${relative(REPO_ROOT, file)}:${i + 1}`, text });
      }
      i = end;
    }
  }
  return examples;
}

describe('the JSON Schema of keyguard.config.json', () => {
  test('names every registered rule and every setting a rule takes', () => {
    const rulesSchema = (schema as { properties: { rules: { properties: Record<string, { enum: string[] }> } } }).properties.rules;
    expect(Object.keys(rulesSchema.properties)).toEqual(rules.map((rule) => rule.id));
    for (const entry of Object.values(rulesSchema.properties)) expect(entry.enum).toEqual(['off', 'note', 'warning', 'error', 'warn']);
  });

  test('every documented config example is valid against it, and the built CLI accepts it', () => {
    const examples = documentedConfigs();
    expect(examples.length).toBeGreaterThanOrEqual(2);
    for (const { where, text } of examples) {
      const config = JSON.parse(text) as Record<string, unknown>;
      validate(config);
      expect({ where, errors: validate.errors ?? [] }).toEqual({ where, errors: [] });
      const dir = tempDir();
      // A baseline the example names must exist for keyguard to accept it.
      const files: Record<string, string> = { 'keyguard.config.json': text, 'a.txt': 'clean\n' };
      if (typeof config.baseline === 'string') files[config.baseline] = '{ "version": 1, "findings": [] }\n';
      writeFiles(dir, files);
      expect({ where, ...runCli(['scan'], { cwd: dir }) }).toEqual({ where, status: 0, stdout: expect.any(String), stderr: '' });
    }
  });

  test('refuses what keyguard refuses: an unknown field, a rule that does not exist, a wrong setting', () => {
    for (const config of [
      { ignores: [] },
      { rules: { 'openai-api-keys': 'off' } },
      { rules: { 'openai-api-key': 'high' } },
      { failOn: 'warn' },
      { maxFileSize: 0 },
    ]) {
      expect(validate(config)).toBe(false);
    }
  });
});

describe('config errors: one line, exit 2, with a did-you-mean', () => {
  test.each([
    [{ ignores: ['x'] }, 'unknown field "ignores" (did you mean "ignore"?)'],
    [{ maxfilesize: 10 }, 'unknown field "maxfilesize" (did you mean "maxFileSize"?)'],
    [{ rules: { 'openai-api-keys': 'off' } }, '"rules.openai-api-keys" is not a rule (did you mean "openai-api-key"? see: keyguard rules)'],
    [{ rules: { 'openai-api-key': 'high' } }, '"rules.openai-api-key" must be one of "off", "note", "warning", "error", "warn"'],
    [{ failOn: 'warn' }, '"failOn" must be one of "note", "warning", "error"'],
    [{ frobnicate: 1 }, 'unknown field "frobnicate";'],
  ])('%j', (config, message) => {
    const dir = tempDir();
    writeFiles(dir, { 'keyguard.config.json': JSON.stringify(config) });
    const run = runCli(['scan'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^keyguard: keyguard\.config\.json has 1 problem: [^\n]+\n$/);
    expect(run.stderr.replace(/\. Fix the file.*$/s, ';')).toContain(message.replace(/;$/, ''));
  });

  test('a field nothing is close to gets no suggestion', () => {
    const dir = tempDir();
    writeFiles(dir, { 'keyguard.config.json': JSON.stringify({ frobnicate: 1 }) });
    expect(runCli(['scan'], { cwd: dir }).stderr).not.toContain('did you mean');
  });
});

describe('rule severities', () => {
  const KEY = fakeKey('proj', 81);
  const VALUE = fakeValue(82);

  function project(rulesConfig: Record<string, string>): string {
    const dir = tempDir();
    writeFiles(dir, {
      'keyguard.config.json': JSON.stringify({ $schema: './node_modules/@keyguard/cli/keyguard.config.schema.json', rules: rulesConfig }),
      'app.ts': `import OpenAI from 'openai';\nexport const client = new OpenAI({ apiKey: '${VALUE}' });\n`,
      'big.txt': Array.from({ length: 60 }, (_, i) => `line ${i}\n`).join(''),
    });
    return dir;
  }

  test('"warn": reported as a warning, and still exit 1 by default (a key is a key)', () => {
    const dir = project({ 'openai-key-assignment': 'warn' });
    const text = runCli(['scan'], { cwd: dir });
    expect(text.status).toBe(1);
    expectNoWholeKey([text.stdout, text.stderr], [VALUE]);
    expect(text.stdout).toMatch(/^app\.ts\n {2}2:\d+ {2}warning {2}Hard-coded .* {2}openai-key-assignment$/m);
    expect(runCli(['scan', '--fail-on', 'warning'], { cwd: dir }).status).toBe(1);
    expect(runCli(['scan', '--fail-on', 'note'], { cwd: dir }).status).toBe(1);
  });

  test('--fail-on error lets warnings through with exit 0, still reported; errors still fail', () => {
    const dir = project({ 'openai-key-assignment': 'warn' });
    const run = runCli(['scan', '--fail-on', 'error'], { cwd: dir });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('warning');
    writeFiles(dir, { 'key.py': `k = "${KEY}"\n` });
    expect(runCli(['scan', '--fail-on', 'error'], { cwd: dir }).status).toBe(1);
  });

  test('--fail-on takes error, warning, note or live; anything else is one line, exit 2', () => {
    const run = runCli(['scan', '--fail-on', 'high'], { cwd: tempDir() });
    expect(run).toEqual({
      status: 2,
      stdout: '',
      stderr: 'keyguard: --fail-on must be one of error, warning, note, live (got "high"). Try: keyguard scan --fail-on error\n',
    });
  });

  test('keyguard rules prints each rule with its severity as the config sets it', () => {
    const plain = runCli(['rules'], { cwd: tempDir() });
    expect(plain.status).toBe(0);
    for (const rule of rules) expect(plain.stdout).toMatch(new RegExp(`^${rule.id} +${rule.severity} +\\S`, 'm'));
    const [first, second] = rules;
    const dir = project({ [first.id]: 'off', [second.id]: 'warn' });
    const configured = runCli(['rules'], { cwd: dir }).stdout;
    expect(configured).toMatch(new RegExp(`^${first.id} +off +\\S`, 'm'));
    expect(configured).toMatch(new RegExp(`^${second.id} +warning +\\S`, 'm'));
    const named = runCli(['rules', '--config', 'keyguard.config.json'], { cwd: dir }).stdout;
    expect(named).toBe(configured);
  });

  test("a large scan on worker threads keeps the config's severity", () => {
    const dir = project({ 'openai-key-assignment': 'warn' });
    writeFiles(
      dir,
      Object.fromEntries(
        Array.from({ length: 60 }, (_, i) => [
          `gen/f${i}.ts`,
          `import OpenAI from 'openai';\nnew OpenAI({ apiKey: '${fakeValue(100 + i)}' });\n${'x'.repeat(300_000)}\n`,
        ]),
      ),
    );
    const run = runCli(['scan', '--fail-on', 'error', '--format', 'json'], { cwd: dir, env: { KEYGUARD_THREADS: '2' } });
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as { findings: unknown[] }).findings).toHaveLength(61);
  });
});
