import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expectNoWholeKey, fakeKey, removeTempDirs, tempRepo, writeFiles } from '@keyguard/test-utils';
import { LspSession, uriOf } from './lsp-session';

const KEY = fakeKey('proj', 51);
let root: string;
let session: LspSession;

/** Writes one framed message of raw bytes to the server, as a broken client might. */
function writeRaw(body: Buffer): void {
  session.child.stdin!.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
}

beforeAll(async () => {
  root = tempRepo();
  session = new LspSession({ root });
  await session.initialize();
});

afterAll(async () => {
  // Still alive after all of it, and it shuts down cleanly.
  await session.ping();
  expect(await session.shutdown()).toBe(0);
  expectNoWholeKey([session.output, ...session.logs], [KEY]);
  removeTempDirs();
});

describe('bad input never kills the server', () => {
  test('invalid UTF-8 in a document: scanned as replacement characters, the key still found', async () => {
    const uri = uriOf(join(root, 'broken.py'));
    const head = Buffer.from(
      `{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"${uri}","languageId":"python","version":1,"text":"# caf`,
    );
    const tail = Buffer.from(`\\nopenai.api_key = \\"${KEY}\\"\\n"}}}`);
    writeRaw(Buffer.concat([head, Buffer.from([0xc3, 0x28, 0xff, 0xfe]), tail]));
    const diagnostics = await session.diagnostics(uri);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].range.start).toEqual({ line: 1, character: 'openai.api_key = "'.length });
    await session.ping();
  });

  test('a message that is not JSON, and a request for a method it does not know', async () => {
    writeRaw(Buffer.from('{"jsonrpc": "2.0", "method": '));
    await expect(session.connection.sendRequest('keyguard/nothing-here', {})).rejects.toThrow();
    await session.ping();
  });

  test('a 4 MB line with a key in the middle', async () => {
    const filler = 'x'.repeat(2 * 1024 * 1024);
    const text = `data = "${filler}" ; openai.api_key = "${KEY}" ; more = "${filler}"\n`;
    const uri = await session.open(join(root, 'huge.py'), 'python', text);
    const diagnostics = await session.diagnostics(uri);
    expect(diagnostics).toHaveLength(1);
    const start = text.indexOf(KEY);
    expect(diagnostics[0].range).toEqual({ start: { line: 0, character: start }, end: { line: 0, character: start + KEY.length } });
    await session.close(uri);
  });

  test('a document closed before its scan ran, and changes to a document that is not open', async () => {
    const uri = await session.open(join(root, 'gone.py'), 'python', `openai.api_key = "${KEY}"\n`);
    await session.close(uri);
    await session.change(uriOf(join(root, 'never-opened.py')), `openai.api_key = "${KEY}"\n`);
    await session.ping();
    // Whatever was published for the closed document ends empty.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(session.published(uri)?.diagnostics ?? []).toEqual([]);
  });

  test("a document larger than the config's maxFileSize: not scanned, and one warning says so", async () => {
    const dir = tempRepo();
    writeFiles(dir, { 'keyguard.config.json': JSON.stringify({ maxFileSize: 1000 }) });
    const other = new LspSession({ root: dir });
    try {
      await other.initialize();
      const text = `openai.api_key = "${KEY}"\n${'# padding\n'.repeat(200)}`;
      const uri = await other.open(join(dir, 'big.py'), 'python', text);
      const diagnostics = await other.diagnostics(uri);
      expect(diagnostics).toEqual([
        expect.objectContaining({
          severity: 2,
          source: 'keyguard',
          message: `Not scanned: ${Buffer.byteLength(text)} bytes, larger than the config's maxFileSize (1000). Raise maxFileSize in keyguard.config.json to scan it.`,
        }),
      ]);
      const small = await other.open(join(dir, 'small.py'), 'python', `openai.api_key = "${KEY}"\n`);
      expect((await other.diagnostics(small)).map((diagnostic) => diagnostic.code)).toEqual(['openai-api-key']);
    } finally {
      expect(await other.shutdown()).toBe(0);
    }
  });

  test('a keyguard.config.json that is a folder: one diagnostic on it, and files are still scanned', async () => {
    const dir = tempRepo();
    mkdirSync(join(dir, 'keyguard.config.json'));
    writeFiles(dir, { 'app.py': `openai.api_key = "${KEY}"\n` });
    const other = new LspSession({ root: dir });
    try {
      await other.initialize();
      const uri = await other.open(join(dir, 'app.py'), 'python', `openai.api_key = "${KEY}"\n`);
      expect(await other.diagnostics(uri)).toHaveLength(1);
      const problems = await other.diagnostics(uriOf(join(dir, 'keyguard.config.json')));
      expect(problems.map((problem) => problem.message)).toEqual([
        expect.stringMatching(/keyguard\.config\.json is not a regular file \(a folder\)/),
      ]);
    } finally {
      expect(await other.shutdown()).toBe(0);
    }
  });
});
