import { compileAddedTextFilter, rules, scanText, type Finding } from '@keyguard/core';
import { fillExample, loadPeerCases } from '@keyguard/test-utils';
import { CORPUS } from './corpus-cases';
import { fillCase } from './utils/corpus';

// The filter a history scan runs over the lines a commit added (issue 16) may say "no" only
// where the whole-file scan finds nothing on those lines: every finding's own line, alone,
// must pass it, in the file it was found in.
const filter = compileAddedTextFilter(rules);
const lineOf = (text: string, finding: Finding): string => text.split('\n')[finding.line - 1];

function expectEveryFindingLinePasses(text: string, path: string): number {
  const findings = scanText(text, { path });
  for (const finding of findings) {
    const line = lineOf(text, finding);
    expect({ path, line: finding.line, rule: finding.ruleId, passes: filter.mayHoldSecret(Buffer.from(line, 'utf8'), path) }).toEqual({
      path,
      line: finding.line,
      rule: finding.ruleId,
      passes: true,
    });
  }
  return findings.length;
}

const PATHS = [
  'app.py',
  'client.ts',
  'settings.json',
  '.env',
  'config.yaml',
  'Dockerfile',
  'setup.sh',
  'notes.md',
  'App.cs',
  'data.unknown',
];

describe('compileAddedTextFilter', () => {
  it.each(rules.map((rule) => [rule.id, rule] as const))(
    'passes the line of every true positive of %s, in every file kind',
    (_id, rule) => {
      let found = 0;
      for (const template of rule.examples.truePositives)
        for (const path of PATHS)
          for (const variant of [0, 1, 2]) found += expectEveryFindingLinePasses(fillExample(template, variant), path);
      expect(found).toBeGreaterThan(rule.examples.truePositives.length);
    },
  );

  it('passes the line of every finding of the realistic corpus', () => {
    let found = 0;
    for (const cases of Object.values(CORPUS))
      for (const item of cases) found += expectEveryFindingLinePasses(fillCase(item.text, item.want).text, item.file);
    expect(found).toBeGreaterThan(100);
  });

  it('passes the line of every finding of the peer cases', () => {
    let found = 0;
    for (const peer of loadPeerCases())
      for (const text of peer.positives) for (const path of PATHS) found += expectEveryFindingLinePasses(text, path);
    expect(found).toBeGreaterThan(10);
  });

  it('says no for code that hands no literal to anything', () => {
    const lines = [
      'from openai import OpenAI',
      'client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])',
      '    def create(self, *, input: SequenceNotStr[str], model: Union[str, "EmbeddingModel"]) -> CreateEmbeddingResponse:',
      'const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });',
      '        return self._post("/chat/completions", body=maybe_transform(body, completion_create_params.CompletionCreateParams))',
    ];
    for (const path of ['app.py', 'client.ts']) for (const line of lines) expect(filter.mayHoldSecret(Buffer.from(line), path)).toBe(false);
  });

  it('says yes for a random literal on a line without any keyword, and for a keyword of a key', () => {
    const value = fillExample('{value}');
    expect(filter.mayHoldSecret(Buffer.from(`    api_key="${value}",`), 'app.py')).toBe(true);
    expect(filter.mayHoldSecret(Buffer.from(`API_KEY=${value}`), '.env')).toBe(true);
    expect(filter.mayHoldSecret(Buffer.from(['s', 'k', '-'].join('')), 'app.py')).toBe(true);
  });
});
