/**
 * A real editor: Debian's Neovim (0.7.2 on these machines) starts the built server with its
 * built-in LSP client on a Python file holding a fake key, headless, and this test reads what
 * Neovim received through `vim.diagnostic.get`. Neovim 0.7 has `vim.lsp.start_client` and
 * `vim.lsp.buf_attach_client` (`vim.lsp.start` came in 0.8) and push diagnostics only (no
 * LSP 3.17 pull, no dynamic file watching: those are tested in diagnostics.test.ts).
 *
 * In CI (CI=true) a missing `nvim` fails the test: .ci/run installs it with apt-get.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { expectNoWholeKey, fakeKey, REPO_ROOT, removeTempDirs, tempRepo, testEnv } from '@keyguard/test-utils';
import { SERVER_BIN } from './lsp-session';

jest.setTimeout(120_000);
afterAll(removeTempDirs);

const KEY = fakeKey('proj', 41);

const version = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const installed = version.status === 0;
if (!installed && process.env.CI !== 'true') {
  console.warn('neovim.test.ts: skipped, `nvim` is not installed (apt-get install neovim; in CI this fails)');
}
const describeWithNeovim = installed || process.env.CI === 'true' ? describe : describe.skip;

interface NeovimDiagnostic {
  lnum: number;
  col: number;
  end_lnum: number;
  end_col: number;
  severity: number;
  message: string;
  source: string;
  code?: string;
  user_data?: { lsp?: { code?: string; codeDescription?: { href: string } } };
}

/** The first lua code block after `heading` in a Markdown file: what a user copies. */
function luaBlock(file: string, heading: string): string {
  const text = readFileSync(join(REPO_ROOT, file), 'utf8');
  const block = /```lua\n([\s\S]*?)```/.exec(text.slice(text.indexOf(heading)));
  if (!text.includes(heading) || !block) throw new Error(`${file}: no lua block after "${heading}"`);
  return block[1];
}

/** A Lua string literal. */
const lua = (text: string): string => JSON.stringify(text);

describeWithNeovim('Neovim (built-in LSP client)', () => {
  test('shows the key as an error where it is, and clears it when the line is fixed', () => {
    expect(version.stdout).toMatch(/^NVIM v\d+\.\d+/);
    const root = tempRepo();
    const file = join(root, 'app.py');
    writeFileSync(file, `import openai\n\nopenai.api_key = "${KEY}"\n`);
    const out = join(root, 'diagnostics.json');
    // The set-up block of docs/editors.md, as a user pastes it into init.lua.
    const init = join(root, 'init.lua');
    writeFileSync(init, luaBlock('docs/editors.md', '## Neovim'));
    const script = join(root, 'check.lua');
    writeFileSync(
      script,
      [
        `local result = { filetype = vim.bo.filetype, name = vim.api.nvim_buf_get_name(0) }`,
        `vim.wait(30000, function() return #vim.diagnostic.get(0) > 0 end, 50)`,
        `result.found = vim.diagnostic.get(0)`,
        // The key's line, rewritten to read the key from the environment.
        `vim.api.nvim_buf_set_lines(0, 2, 3, false, { 'openai.api_key = os.environ["OPENAI_API_KEY"]' })`,
        `vim.wait(30000, function() return #vim.diagnostic.get(0) == 0 end, 50)`,
        `result.after = vim.diagnostic.get(0)`,
        `result.clients = #vim.lsp.get_active_clients()`,
        `local handle = io.open(${lua(out)}, 'w')`,
        `handle:write(vim.fn.json_encode(result))`,
        `handle:close()`,
        `vim.lsp.stop_client(vim.lsp.get_active_clients())`,
        `vim.wait(5000, function() return #vim.lsp.get_active_clients() == 0 end, 50)`,
        `vim.cmd('qa!')`,
        '',
      ].join('\n'),
    );
    const home = join(root, 'home');
    // keyguard-language-server on PATH, as `npm install --global` puts it.
    const bin = join(home, 'bin');
    mkdirSync(bin, { recursive: true });
    symlinkSync(SERVER_BIN, join(bin, 'keyguard-language-server'));
    const run = spawnSync('nvim', ['--headless', '-u', init, '-c', `luafile ${script}`, file], {
      cwd: root,
      env: testEnv({
        HOME: home,
        PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`,
        XDG_CONFIG_HOME: join(home, 'config'),
        XDG_DATA_HOME: join(home, 'data'),
        XDG_CACHE_HOME: join(home, 'cache'),
        XDG_STATE_HOME: join(home, 'state'),
      }),
      encoding: 'utf8',
      timeout: 90_000,
    });
    expect(run.error).toBeUndefined();
    expect(run.status).toBe(0);
    const result = JSON.parse(readFileSync(out, 'utf8')) as {
      filetype: string;
      clients: number;
      found: NeovimDiagnostic[];
      after: NeovimDiagnostic[] | Record<string, never>;
    };
    expect(result.filetype).toBe('python');
    expect(result.clients).toBe(1);
    expect(result.found).toHaveLength(1);
    const [diagnostic] = result.found;
    const column = 'openai.api_key = "'.length;
    // Neovim's rows and columns are 0-based, as LSP's.
    expect(diagnostic).toEqual(
      expect.objectContaining({ lnum: 2, col: column, end_lnum: 2, end_col: column + KEY.length, severity: 1, source: 'keyguard' }),
    );
    expect(diagnostic.user_data?.lsp?.code ?? diagnostic.code).toBe('openai-api-key');
    expect(diagnostic.message).toMatch(/OPENAI_API_KEY/);
    // An empty Lua table is encoded as an empty JSON array or object.
    expect(Object.keys(result.after)).toHaveLength(0);
    expectNoWholeKey([readFileSync(out, 'utf8'), run.stdout, run.stderr], [KEY]);
  });
});
