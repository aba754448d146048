/**
 * The language server's env-read code action writes the same text as `keyguard fix` and the
 * ESLint plugin's suggestion (issue 14): @keyguard/test-utils' ENV_READ_CASES, every row, through
 * the built server and Microsoft's client side of the protocol. Each row's file is opened, its one
 * diagnostic's code actions requested, the env action's edit applied as an editor applies it,
 * and the text compared with the table; a row the table leaves alone gets no env action.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ENV_READ_CASES, expectNoWholeKey, fakeKey, fakeValue, fillExample, removeTempDirs, tempRepo } from '@keyguard/test-utils';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Command } from 'vscode-languageserver-protocol';
import { LspSession } from './lsp-session';

let root: string;
let session: LspSession;

beforeAll(async () => {
  root = tempRepo();
  session = new LspSession({ root });
  await session.initialize();
});

afterAll(async () => {
  expect(await session.shutdown()).toBe(0);
  const secrets = [fakeKey('proj'), fakeKey('legacy'), fakeKey('unmarked'), fakeValue()];
  expectNoWholeKey([session.output, ...session.logs], secrets);
  removeTempDirs();
});

const isAction = (item: CodeAction | Command): item is CodeAction => 'kind' in item || 'edit' in item;
/** The env-read action's titles (code-actions.ts ENV_READ_TITLE); the others are ignore, baseline and docs. */
const ENV_TITLE =
  /^(Read \S+ from the environment|Remove the hard-coded fallback|Remove the line that sets|Replace the key with the placeholder)/;

const languageIds: Record<string, string> = {
  '.ts': 'typescript',
  '.tsx': 'typescriptreact',
  '.js': 'javascript',
  '.jsx': 'javascriptreact',
  '.py': 'python',
  '.sh': 'shellscript',
  '.yaml': 'yaml',
  '.yml': 'yaml',
  '.md': 'markdown',
};
const languageOf = (path: string): string =>
  path.endsWith('Dockerfile')
    ? 'dockerfile'
    : path.endsWith('.env')
      ? 'dotenv'
      : (languageIds[/\.\w+$/.exec(path)?.[0] ?? ''] ?? 'plaintext');

describe('the code action writes the table text (the same as keyguard fix and ESLint)', () => {
  it.each(ENV_READ_CASES.map((item, i) => [`${item.path}: ${item.name}`, item, i] as const))('%s', async (_, item, i) => {
    const text = fillExample(item.before);
    // One folder per row, so rows sharing a path (app.py, a.ts) do not share a document.
    const file = join(root, `row${i}`, item.path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    const languageId = languageOf(item.path);
    const uri = await session.open(file, languageId, text);
    const diagnostics = await session.diagnostics(uri);
    expect(diagnostics).toHaveLength(1);
    const actions = (await session.codeActions(uri, diagnostics[0])).filter(isAction);
    const envActions = actions.filter((action) => ENV_TITLE.test(action.title));
    if (item.after === null) {
      expect(envActions).toEqual([]);
      return;
    }
    expect(envActions).toHaveLength(1);
    const edits = envActions[0].edit?.changes?.[uri] ?? [];
    const fixed = TextDocument.applyEdits(TextDocument.create(uri, languageId, 1, text), edits);
    expect(fixed).toBe(fillExample(item.after));
    await session.close(uri);
  });
});
