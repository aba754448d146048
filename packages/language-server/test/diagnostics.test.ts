import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULE_SETTINGS, ruleDocsUrl } from '@keyguard/core';
import {
  expectNoWholeKey,
  fakeKey,
  fakeValue,
  parseJsonReport,
  removeTempDirs,
  runCli,
  tempRepo,
  writeFiles,
  type JsonFinding,
} from '@keyguard/test-utils';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-protocol';
import { LspSession, uriOf } from './lsp-session';

// The config's word for a warning ('warn' until issue 12's severities: 'warning').
const WARNING = RULE_SETTINGS.find((setting) => setting.startsWith('warn'))!;

const KEY = fakeKey('proj', 31);
const LEGACY = fakeKey('legacy', 32);
const VALUE = fakeValue(33);

const python = `import openai\n\nopenai.api_key = "${KEY}"\nprint("ready")\n`;
const dotenv = `# local settings\nOPENAI_API_KEY=${VALUE}\nDEBUG=1\n`;
const notebook = `${JSON.stringify(
  {
    cells: [
      { cell_type: 'markdown', metadata: {}, source: ['# Demo\n'] },
      {
        cell_type: 'code',
        execution_count: null,
        metadata: {},
        outputs: [],
        source: ['from openai import OpenAI\n', `client = OpenAI(api_key="${LEGACY}")\n`],
      },
    ],
    metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } },
    nbformat: 4,
    nbformat_minor: 5,
  },
  null,
  1,
)}\n`;

let root: string;
let session: LspSession;
const sessions: LspSession[] = [];

/** Every session is shut down at the end, also when its test failed half-way. */
function track(started: LspSession): LspSession {
  sessions.push(started);
  return started;
}

/** What `keyguard scan --format json` reports for one file of the workspace. */
function cliFindings(path: string): JsonFinding[] {
  const run = runCli(['scan', '--format', 'json', path], { cwd: root });
  expect(run.status).toBe(1);
  return parseJsonReport(run.stdout).findings;
}

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, note: DiagnosticSeverity.Information };

/** The diagnostic the server must publish for a CLI finding: the same place, rule and message. */
function expectedFor(finding: JsonFinding): Partial<Diagnostic> {
  return {
    range: {
      start: { line: finding.line - 1, character: finding.column - 1 },
      end: { line: finding.endLine - 1, character: finding.endColumn - 1 },
    },
    severity: SEVERITY[finding.severity],
    source: 'keyguard',
    code: finding.ruleId,
    codeDescription: { href: ruleDocsUrl(finding.ruleId) },
    message: finding.message,
  };
}

const textAt = (text: string, diagnostic: Diagnostic): string => {
  const lines = text.split('\n');
  expect(diagnostic.range.start.line).toBe(diagnostic.range.end.line);
  return lines[diagnostic.range.start.line].slice(diagnostic.range.start.character, diagnostic.range.end.character);
};

beforeAll(async () => {
  root = tempRepo();
  writeFiles(root, { 'app.py': python, '.env': dotenv, 'demo.ipynb': notebook });
  session = track(new LspSession({ root }));
  await session.initialize();
});

afterAll(async () => {
  const code = await session.shutdown();
  expect(code).toBe(0);
  for (const other of sessions) if (other.child.exitCode === null) await other.shutdown();
  expectNoWholeKey([session.output, ...session.logs], [KEY, LEGACY, VALUE]);
  removeTempDirs();
});

describe('push diagnostics (a client without textDocument.diagnostic)', () => {
  test('the server says who it is and what it offers', async () => {
    expect(session.initializeResult?.serverInfo?.name).toBe('keyguard-language-server');
    expect(session.initializeResult?.capabilities.diagnosticProvider).toEqual(
      expect.objectContaining({ interFileDependencies: false, workspaceDiagnostics: false }),
    );
    // It asks to hear about the settings files (client/registerCapability, after initialized).
    await session.until(() => session.registrations.length > 0);
    expect(JSON.stringify(session.registrations)).toContain('keyguard.config.json');
  });

  test('a Python file: the key, where the CLI reports it, with its message, rule, docs link and severity', async () => {
    const uri = await session.open(join(root, 'app.py'), 'python', python);
    const diagnostics = await session.diagnostics(uri);
    const cli = cliFindings('app.py');
    expect(cli).toHaveLength(1);
    expect(diagnostics).toEqual(cli.map((finding) => expect.objectContaining(expectedFor(finding))));
    expect(textAt(python, diagnostics[0])).toBe(KEY);
    expect(diagnostics[0].message).not.toContain(KEY);
  });

  test('a .env file: the hard-coded value given to OPENAI_API_KEY', async () => {
    const uri = await session.open(join(root, '.env'), 'dotenv', dotenv);
    const diagnostics = await session.diagnostics(uri);
    const cli = cliFindings('.env');
    expect(cli.map((finding) => finding.ruleId)).toEqual(['openai-key-assignment']);
    expect(diagnostics).toEqual(cli.map((finding) => expect.objectContaining(expectedFor(finding))));
    expect(textAt(dotenv, diagnostics[0])).toBe(VALUE);
  });

  test('a notebook as JSON text (.ipynb): the key inside the cell source', async () => {
    const uri = await session.open(join(root, 'demo.ipynb'), 'json', notebook);
    const diagnostics = await session.diagnostics(uri);
    const cli = cliFindings('demo.ipynb');
    expect(cli).toHaveLength(1);
    expect(diagnostics).toEqual(cli.map((finding) => expect.objectContaining(expectedFor(finding))));
    expect(textAt(notebook, diagnostics[0])).toBe(LEGACY);
  });

  test('a notebook cell sent as a document (vscode-notebook-cell:, Python): the key in the cell', async () => {
    const cell = `from openai import OpenAI\nclient = OpenAI(api_key="${LEGACY}")\n`;
    const uri = `${uriOf(join(root, 'demo.ipynb')).replace(/^file:/, 'vscode-notebook-cell:')}#W1sZmlsZQ%3D%3D`;
    await session.open(join(root, 'demo.ipynb'), 'python', cell, uri);
    const diagnostics = await session.diagnostics(uri);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toEqual(
      expect.objectContaining({ code: 'openai-api-key', severity: DiagnosticSeverity.Error, source: 'keyguard' }),
    );
    expect(diagnostics[0].range).toEqual({ start: { line: 1, character: 25 }, end: { line: 1, character: 25 + LEGACY.length } });
    // The same message as for the notebook file: the same finding.
    expect(diagnostics[0].message).toBe(cliFindings('demo.ipynb')[0].message);
  });

  test('a lock file opened as YAML: the key shapes only, as the CLI scans it', async () => {
    // Yarn 2's yarn.lock is YAML, and editors may open it so: it stays a lock file.
    const lock = `"openai@npm:^4.52.0":\n  version: 4.52.0\n  OPENAI_API_KEY: ${VALUE}\n  resolution: "x?token=${LEGACY}"\n`;
    writeFileSync(join(root, 'yarn.lock'), lock);
    const uri = await session.open(join(root, 'yarn.lock'), 'yaml', lock);
    const diagnostics = await session.diagnostics(uri);
    const cli = cliFindings('yarn.lock');
    expect(cli.map((finding) => finding.ruleId)).toEqual(['openai-api-key']);
    expect(diagnostics).toEqual(cli.map((finding) => expect.objectContaining(expectedFor(finding))));
    expect(textAt(lock, diagnostics[0])).toBe(LEGACY);
  });

  test('changing the text to read the key from the environment clears the diagnostics', async () => {
    const uri = uriOf(join(root, 'app.py'));
    const fixed = 'import os\nimport openai\n\nopenai.api_key = os.environ["OPENAI_API_KEY"]\nprint("ready")\n';
    const version = await session.change(uri, fixed);
    expect(await session.diagnosticsFor(uri, version)).toEqual([]);
    // And back: typing the key again brings the diagnostic back, at its new place.
    const again = await session.edit(uri, { start: { line: 3, character: 17 }, end: { line: 3, character: 45 } }, `"${KEY}"`);
    const diagnostics = await session.diagnosticsFor(uri, again);
    expect(diagnostics.map((diagnostic) => diagnostic.range.start)).toEqual([{ line: 3, character: 18 }]);
  });

  test('closing a document clears its diagnostics', async () => {
    const uri = uriOf(join(root, '.env'));
    await session.close(uri);
    expect(await session.diagnostics(uri, (params) => params.diagnostics.length === 0)).toEqual([]);
  });
});

describe('pull diagnostics (LSP 3.17 textDocument/diagnostic)', () => {
  let pulling: LspSession;

  beforeAll(async () => {
    pulling = track(new LspSession({ root, pull: true }));
    await pulling.initialize();
  });

  afterAll(async () => {
    expect(await pulling.shutdown()).toBe(0);
    expectNoWholeKey([pulling.output, ...pulling.logs], [KEY, LEGACY, VALUE]);
  });

  test('a pull returns what a push would have, and nothing is pushed', async () => {
    const uri = await pulling.open(join(root, 'app.py'), 'python', python);
    const diagnostics = await pulling.pull(uri);
    expect(diagnostics).toEqual(cliFindings('app.py').map((finding) => expect.objectContaining(expectedFor(finding))));
    await pulling.change(uri, 'print("nothing here")\n');
    expect(await pulling.pull(uri)).toEqual([]);
    expect(pulling.published(uri)).toBeUndefined();
  });

  test('a pull for a document the server does not have is an empty report', async () => {
    expect(await pulling.pull(uriOf(join(root, 'not-open.py')))).toEqual([]);
  });
});

describe('the settings', () => {
  test('skipJavaScript leaves JS and TS to ESLint; other files are still scanned', async () => {
    const js = track(new LspSession({ root, initializationOptions: { settings: { skipJavaScript: true } } }));
    await js.initialize();
    const source = `const client = new OpenAI({ apiKey: "${KEY}" });\n`;
    const jsUri = await js.open(join(root, 'client.ts'), 'typescript', source);
    const pyUri = await js.open(join(root, 'app.py'), 'python', python);
    expect(await js.diagnostics(pyUri)).toHaveLength(1);
    expect(await js.diagnostics(jsUri)).toEqual([]);
    // Turned off again through workspace/didChangeConfiguration: the TS file is scanned.
    await js.configure({ skipJavaScript: false });
    expect(await js.diagnostics(jsUri, (params) => params.diagnostics.length > 0)).toHaveLength(1);
    expect(await js.shutdown()).toBe(0);
  });

  test('severityThreshold hides findings below it; enable: false hides everything', async () => {
    const dir = tempRepo();
    writeFiles(dir, {
      'keyguard.config.json': JSON.stringify({ rules: { 'openai-key-assignment': WARNING } }),
      'app.py': python,
      '.env': dotenv,
    });
    const strict = track(new LspSession({ root: dir, initializationOptions: { settings: { severityThreshold: 'error' } } }));
    await strict.initialize();
    const envUri = await strict.open(join(dir, '.env'), 'dotenv', dotenv);
    const pyUri = await strict.open(join(dir, 'app.py'), 'python', python);
    expect(await strict.diagnostics(pyUri)).toHaveLength(1);
    expect(await strict.diagnostics(envUri)).toEqual([]);
    await strict.configure({ severityThreshold: 'note' });
    const warned = await strict.diagnostics(envUri, (params) => params.diagnostics.length > 0);
    expect(warned.map((diagnostic) => diagnostic.severity)).toEqual([DiagnosticSeverity.Warning]);
    await strict.configure({ enable: false });
    expect(await strict.diagnostics(pyUri, (params) => params.diagnostics.length === 0)).toEqual([]);
    expect(await strict.shutdown()).toBe(0);
  });
});

describe("the workspace's keyguard.config.json, .keyguardignore and baseline", () => {
  test('are honoured, and reloaded on workspace/didChangeWatchedFiles', async () => {
    const dir = tempRepo();
    writeFiles(dir, { 'app.py': python, 'scripts/tool.py': python });
    const workspace = track(new LspSession({ root: dir }));
    await workspace.initialize();
    const app = await workspace.open(join(dir, 'app.py'), 'python', python);
    const tool = await workspace.open(join(dir, 'scripts/tool.py'), 'python', python);
    expect(await workspace.diagnostics(app)).toHaveLength(1);
    expect(await workspace.diagnostics(tool)).toHaveLength(1);

    // .keyguardignore: scripts/ is not scanned.
    writeFileSync(join(dir, '.keyguardignore'), 'scripts/\n');
    await workspace.filesChanged(join(dir, '.keyguardignore'));
    expect(await workspace.diagnostics(tool, (params) => params.diagnostics.length === 0)).toEqual([]);
    expect(await workspace.diagnostics(app)).toHaveLength(1);

    // The baseline the CLI writes (named by the config) accepts the finding.
    writeFileSync(join(dir, 'keyguard.config.json'), JSON.stringify({ baseline: 'accepted.json' }));
    const recorded = runCli(['baseline', '--output', 'accepted.json'], { cwd: dir });
    expect(recorded.status).toBe(0);
    await workspace.filesChanged(join(dir, 'keyguard.config.json'), join(dir, 'accepted.json'));
    expect(await workspace.diagnostics(app, (params) => params.diagnostics.length === 0)).toEqual([]);

    // A broken config: one diagnostic on it that says what is wrong; files are scanned with the defaults.
    const configFile = join(dir, 'keyguard.config.json');
    writeFileSync(configFile, '{ "rules": { "openai-api-key": "loud" } }');
    await workspace.filesChanged(configFile);
    const problems = await workspace.diagnostics(uriOf(configFile));
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toMatch(/^keyguard\.config\.json .*"rules\.openai-api-key" must be one of/);
    expect(await workspace.diagnostics(app, (params) => params.diagnostics.length > 0)).toHaveLength(1);

    // Fixed: the config's diagnostic is cleared.
    writeFileSync(configFile, JSON.stringify({ rules: { 'openai-api-key': 'off', 'openai-key-assignment': 'off' } }));
    await workspace.filesChanged(configFile);
    expect(await workspace.diagnostics(uriOf(configFile), (params) => params.diagnostics.length === 0)).toEqual([]);
    expect(await workspace.diagnostics(app, (params) => params.diagnostics.length === 0)).toEqual([]);
    expect(await workspace.shutdown()).toBe(0);
    expectNoWholeKey([workspace.output, ...workspace.logs], [KEY]);
  });
});
