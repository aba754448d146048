import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ruleDocsUrl } from '@keyguard/core';
import { expectNoWholeKey, fakeKey, fakeValue, removeTempDirs, runCli, tempRepo } from '@keyguard/test-utils';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Command, Diagnostic } from 'vscode-languageserver-protocol';
import { LspSession } from './lsp-session';

const KEY = fakeKey('proj', 61);
const VALUE = fakeValue(62);
let root: string;
let session: LspSession;

beforeAll(async () => {
  root = tempRepo();
  session = new LspSession({ root });
  await session.initialize();
});

afterAll(async () => {
  expect(await session.shutdown()).toBe(0);
  expectNoWholeKey([session.output, ...session.logs], [KEY, VALUE]);
  removeTempDirs();
});

const isAction = (item: CodeAction | Command): item is CodeAction => 'kind' in item || 'edit' in item || 'diagnostics' in item;

interface Opened {
  uri: string;
  file: string;
  text: string;
  languageId: string;
  diagnostic: Diagnostic;
  actions: CodeAction[];
}

/** Opens a file holding one finding, and asks for the fixes of its diagnostic. */
async function openWithFinding(name: string, languageId: string, text: string): Promise<Opened> {
  const file = join(root, name);
  writeFileSync(file, text);
  const uri = await session.open(file, languageId, text);
  const diagnostics = await session.diagnostics(uri);
  expect(diagnostics).toHaveLength(1);
  const actions = (await session.codeActions(uri, diagnostics[0])).filter(isAction);
  for (const action of actions) expect(action.kind).toBe('quickfix');
  return { uri, file, text, languageId, diagnostic: diagnostics[0], actions };
}

function actionTitled(opened: Opened, title: RegExp): CodeAction {
  const action = opened.actions.find((candidate) => title.test(candidate.title));
  if (!action)
    throw new Error(`no action matching ${String(title)} among: ${opened.actions.map((candidate) => candidate.title).join(' | ')}`);
  return action;
}

/**
 * Applies a code action's edit as an editor would (the text changes in the editor, then is
 * saved), and checks the result rescans clean: the server publishes nothing for the new
 * version, and `keyguard scan` finds nothing in the saved file.
 */
async function applyAndRescan(opened: Opened, action: CodeAction): Promise<string> {
  const edits = action.edit?.changes?.[opened.uri];
  expect(edits?.length).toBeGreaterThan(0);
  const document = TextDocument.create(opened.uri, opened.languageId, 1, opened.text);
  const fixed = TextDocument.applyEdits(document, edits!);
  const version = await session.change(opened.uri, fixed);
  expect(await session.diagnosticsFor(opened.uri, version)).toEqual([]);
  writeFileSync(opened.file, fixed);
  expect(runCli(['scan', opened.file], { cwd: root }).status).toBe(0);
  return fixed;
}

describe('code actions, each requested, applied, and the result rescanned', () => {
  const python = `import openai\n\nopenai.api_key = "${KEY}"\n`;

  test('Python: read the key from the environment (core planEnvRead: os.environ, import os)', async () => {
    const opened = await openWithFinding('env_read.py', 'python', python);
    const action = actionTitled(opened, /^Read OPENAI_API_KEY from the environment \(os\.environ\["OPENAI_API_KEY"\]\)$/);
    expect(action.isPreferred).toBe(true);
    const fixed = await applyAndRescan(opened, action);
    expect(fixed).toBe('import os\nimport openai\n\nopenai.api_key = os.environ["OPENAI_API_KEY"]\n');
  });

  test('Python: keyguard-ignore at the end of the line, in # comment syntax', async () => {
    const opened = await openWithFinding('ignored.py', 'python', python);
    const fixed = await applyAndRescan(opened, actionTitled(opened, /\(keyguard-ignore\)$/));
    expect(fixed.split('\n')[2]).toBe(`openai.api_key = "${KEY}" # keyguard-ignore`);
  });

  test('.env: keyguard-ignore-next-line on the line above (a # after a value would be part of it); no env read', async () => {
    const text = `DEBUG=1\n  OPENAI_API_KEY=${VALUE}\n`;
    const opened = await openWithFinding('.env', 'dotenv', text);
    expect(opened.actions.map((action) => action.title)).not.toContainEqual(expect.stringMatching(/^Read /));
    const fixed = await applyAndRescan(opened, actionTitled(opened, /\(keyguard-ignore-next-line\)$/));
    expect(fixed).toBe(`DEBUG=1\n  # keyguard-ignore-next-line\n  OPENAI_API_KEY=${VALUE}\n`);
  });

  test('TypeScript: the env read is process.env, the comment is //', async () => {
    const text = `import OpenAI from 'openai';\nconst client = new OpenAI({ apiKey: '${KEY}' });\n`;
    const opened = await openWithFinding('client.ts', 'typescript', text);
    const fixed = await applyAndRescan(opened, actionTitled(opened, /^Read OPENAI_API_KEY from the environment/));
    expect(fixed).toContain('new OpenAI({ apiKey: process.env.OPENAI_API_KEY })');
    const again = await openWithFinding('client2.ts', 'typescript', text);
    expect((await applyAndRescan(again, actionTitled(again, /\(keyguard-ignore\)$/))).split('\n')[1]).toMatch(/ \/\/ keyguard-ignore$/);
  });

  test('a notebook (.ipynb JSON): the env read edits the cell source; no comment can be written in JSON', async () => {
    const notebook = `${JSON.stringify(
      {
        cells: [
          {
            cell_type: 'code',
            execution_count: null,
            metadata: {},
            outputs: [],
            source: ['import openai\n', `openai.api_key = "${KEY}"\n`],
          },
        ],
        metadata: {},
        nbformat: 4,
        nbformat_minor: 5,
      },
      null,
      1,
    )}\n`;
    const opened = await openWithFinding('demo.ipynb', 'json', notebook);
    expect(opened.actions.map((action) => action.title)).not.toContainEqual(expect.stringMatching(/keyguard-ignore/));
    const fixed = await applyAndRescan(opened, actionTitled(opened, /^Read OPENAI_API_KEY from the environment/));
    const cells = (JSON.parse(fixed) as { cells: Array<{ source: string[] }> }).cells;
    expect(cells[0].source.join('')).toContain('openai.api_key = os.environ["OPENAI_API_KEY"]');
  });

  test('accept in the baseline: .keyguard-baseline.json gets the entry (redacted), and the finding is gone', async () => {
    const opened = await openWithFinding('accepted.py', 'python', python);
    const action = actionTitled(opened, /^Accept this finding in the baseline \(\.keyguard-baseline\.json\)$/);
    expect(action.command?.command).toBe('keyguard.addToBaseline');
    await session.execute(action.command!);
    expect(await session.diagnostics(opened.uri, (params) => params.diagnostics.length === 0)).toEqual([]);
    const baseline = readFileSync(join(root, '.keyguard-baseline.json'), 'utf8');
    expect(JSON.parse(baseline)).toEqual({
      version: 1,
      findings: [expect.objectContaining({ ruleId: 'openai-api-key', file: 'accepted.py', line: 3 })],
    });
    expectNoWholeKey([baseline], [KEY]);
    // The CLI accepts it through the same file: the baseline the server wrote is the CLI's.
    const scan = runCli(['scan', '--baseline', '.keyguard-baseline.json', 'accepted.py'], { cwd: root });
    expect(scan.status).toBe(0);
    // A second finding is added beside the first, not over it.
    const other = await openWithFinding('second.py', 'python', python);
    await session.execute(actionTitled(other, /^Accept this finding in the baseline/).command!);
    await session.diagnostics(other.uri, (params) => params.diagnostics.length === 0);
    const files = (JSON.parse(readFileSync(join(root, '.keyguard-baseline.json'), 'utf8')) as { findings: Array<{ file: string }> })
      .findings;
    expect(files.map((entry) => entry.file)).toEqual(['accepted.py', 'second.py']);
  });

  test("open the rule's docs: window/showDocument with the rule's page", async () => {
    const opened = await openWithFinding('docs.py', 'python', python);
    const action = actionTitled(opened, /^Open the docs of openai-api-key$/);
    await session.execute(action.command!);
    await session.until(() => session.shownDocuments.length > 0);
    expect(session.shownDocuments).toEqual([ruleDocsUrl('openai-api-key')]);
  });
});
