/**
 * The SARIF report's structure, field by field, as GitHub code scanning reads it. Microsoft's
 * validator runs over real output in sarif-validator.test.ts.
 */
import { formatSarif, type ReportedFinding, type ScanResult } from '@keyguard/cli';
import { redactSecret, ruleDocsUrl, rules, scanText } from '@keyguard/core';
import { containsAnyKey, fakeKey, fakeValue, removeTempDirs, runCli, tempDir, writeFiles } from '@keyguard/test-utils';
// toUriReference is internal to the SARIF reporter (not exported); it is tested alone from src.
import { toUriReference } from '../src/report/sarif';

afterAll(removeTempDirs);

const KEY = fakeKey('proj', 601);
const VALUE = fakeValue(602);

type Sarif = any;

function findingsIn(path: string, text: string, extra: Partial<ReportedFinding> = {}): ReportedFinding[] {
  return scanText(text, { path }).map((finding) => ({ ...finding, ...extra }));
}

function resultOf(findings: ReportedFinding[]): ScanResult {
  return {
    findings,
    stats: { files: 1, bytes: 100, durationMs: 1 },
    skipped: [],
    binaryFiles: 0,
    invalidUtf8: [],
    notes: [],
    failedSkips: [],
    failOn: 'warning',
  };
}

describe('formatSarif', () => {
  const findings = [
    ...findingsIn('src/my app/main #1.py', `x = 1\nclient = OpenAI(api_key="${KEY}")\n`),
    ...findingsIn('web/client.ts', `const a = new OpenAI({ apiKey: '${VALUE}' });\n`, {
      commit: 'a'.repeat(40),
      author: 'Ada Lovelace <ada@example.com>',
      date: '2024-01-01T09:04:00+00:00',
    }),
  ];
  const text = formatSarif(resultOf(findings));
  const log: Sarif = JSON.parse(text);
  const run = log.runs[0];

  test('is SARIF 2.1.0 with one run of the keyguard driver', () => {
    expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expect(run.tool.driver).toMatchObject({ name: 'keyguard', informationUri: expect.stringMatching(/^https:\/\//) });
    expect(run.tool.driver.semanticVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(run.tool.driver.version).toBe(run.tool.driver.semanticVersion);
    expect(run.columnKind).toBe('utf16CodeUnits');
    expect(run.invocations).toEqual([{ executionSuccessful: true }]);
    expect(run.originalUriBaseIds['%SRCROOT%']).toBeDefined();
  });

  test('lists every rule with its help, docs link, level and security severity', () => {
    expect(run.tool.driver.rules.map((rule: Sarif) => rule.id)).toEqual(rules.map((rule) => rule.id));
    for (const [index, rule] of rules.entries()) {
      const descriptor = run.tool.driver.rules[index];
      expect(descriptor).toMatchObject({
        id: rule.id,
        name: expect.stringMatching(/^[A-Z][a-z]+(?:[A-Z][a-z]+)*$/),
        shortDescription: { text: expect.stringContaining(rule.description) },
        fullDescription: { text: expect.any(String) },
        help: { text: expect.stringContaining(ruleDocsUrl(rule.id)), markdown: expect.stringContaining(`](${ruleDocsUrl(rule.id)})`) },
        helpUri: ruleDocsUrl(rule.id),
        // The record's severity: SARIF's level has the same three words; GitHub ranks by security-severity.
        defaultConfiguration: { level: rule.severity },
        properties: {
          tags: expect.arrayContaining(['security', 'secret']),
          precision: 'high',
          'security-severity': { error: '9.0', warning: '6.0', note: '3.0' }[rule.severity],
        },
      });
    }
  });

  test('places each result on its line with a relative, percent-encoded uri and the fingerprint', () => {
    expect(run.results).toHaveLength(2);
    const [first, second] = run.results;
    expect(first).toMatchObject({
      ruleId: 'openai-api-key',
      ruleIndex: rules.findIndex((rule) => rule.id === 'openai-api-key'),
      level: 'error',
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'src/my%20app/main%20%231.py', uriBaseId: '%SRCROOT%' },
            region: { startLine: 2, startColumn: findings[0].column, endLine: 2, endColumn: findings[0].endColumn },
          },
        },
      ],
      partialFingerprints: { 'keyguard/v1': findings[0].fingerprint },
    });
    expect(first.properties).toBeUndefined();
    expect(second).toMatchObject({
      ruleId: 'openai-key-assignment',
      ruleIndex: rules.findIndex((rule) => rule.id === 'openai-key-assignment'),
    });
  });

  test('history results carry the commit, author and date, and say where the key came in', () => {
    const [, second] = run.results;
    expect(second.properties).toEqual({
      commit: 'a'.repeat(40),
      author: 'Ada Lovelace <ada@example.com>',
      date: '2024-01-01T09:04:00+00:00',
    });
    expect(second.message.text).toContain(`commit ${'a'.repeat(12)} by Ada Lovelace on 2024-01-01`);
    expect(second.message.text).not.toContain('ada@example.com');
  });

  test('messages hold the redacted secret and never a whole key', () => {
    expect(run.results[0].message.text).toContain(redactSecret(KEY));
    expect(run.results[0].message.text).toMatch(/\.$/);
    expect(containsAnyKey(text, [KEY, VALUE])).toBe(false);
  });

  test('the scan’s notes become tool notifications; a truncated history is a warning', () => {
    const notes = [
      'History is truncated: this is a shallow clone (fetch-depth: 0)',
      'History: 3 commits, 4 file versions, 4 unique blobs scanned (0.0 MB).',
    ];
    const withNotes: Sarif = JSON.parse(formatSarif({ ...resultOf([]), notes }));
    expect(withNotes.runs[0].invocations).toEqual([
      {
        executionSuccessful: true,
        toolExecutionNotifications: [
          { level: 'warning', message: { text: `${notes[0]}.` } },
          { level: 'note', message: { text: notes[1] } },
        ],
      },
    ]);
  });

  test('no findings: an empty results array, the rules still listed', () => {
    const empty: Sarif = JSON.parse(formatSarif(resultOf([])));
    expect(empty.runs[0].results).toEqual([]);
    expect(empty.runs[0].tool.driver.rules).toHaveLength(rules.length);
  });

  test.each([
    ['src/app.py', 'src/app.py'],
    ['a b/c#d.py', 'a%20b/c%23d.py'],
    ['100%.txt', '100%25.txt'],
    ['win\\path.py', 'win/path.py'],
    ['ünïcode/ß.py', '%C3%BCn%C3%AFcode/%C3%9F.py'],
  ])('toUriReference(%j) is %j', (path, uri) => {
    expect(toUriReference(path)).toBe(uri);
  });
});

describe('keyguard scan --format sarif', () => {
  test('writes SARIF to stdout or --output, exit 1 with findings', () => {
    const dir = tempDir();
    writeFiles(dir, { 'app.py': `client = OpenAI(api_key="${KEY}")\n` });
    const out = runCli(['scan', '--format', 'sarif'], { cwd: dir });
    expect(out.status).toBe(1);
    const log: Sarif = JSON.parse(out.stdout);
    expect(log.runs[0].results.map((result: Sarif) => result.locations[0].physicalLocation.artifactLocation.uri)).toEqual(['app.py']);
    expect(containsAnyKey(out.stdout + out.stderr, [KEY])).toBe(false);
  });
});
