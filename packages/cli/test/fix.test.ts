/**
 * `keyguard fix` (issue 14) over real temporary git repositories, with the built command:
 * every sink form per language before and after, with the env file, .gitignore and
 * .env.example it leaves; a second run changes nothing and `keyguard scan` finds nothing;
 * the fixed programs still get the key; the file-safety cases (CRLF, BOM, UTF-16, read-only,
 * a tracked .env, symbolic links, a conflicting value). No test prints a whole key: texts
 * are compared with each secret replaced by <SECRET>.
 */
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  expectNoWholeKey,
  fakeKey,
  fakeValue,
  fillExample,
  git,
  removeTempDirs,
  runCli,
  secretsIn,
  tempDir,
  tempRepo,
  writeFiles,
} from '@keyguard/test-utils';

// The writer itself, not through the command: a file changing between the read and the rename
// cannot be timed from outside the built CLI.
import { writeFileAtomic } from '../src/fix/text-file';

afterAll(removeTempDirs);

const KEYS = [fakeKey('proj'), fakeKey('legacy'), fakeKey('svcacct'), fakeValue(), fakeValue(1), fakeKey('proj', 1)];

/** The text with every test secret replaced, so a failing comparison never prints one. */
function masked(text: string): string {
  let out = text;
  for (const key of [...KEYS].sort((a, b) => b.length - a.length)) out = out.split(key).join('<SECRET>');
  return out;
}

function read(dir: string, path: string): string {
  return readFileSync(join(dir, path), 'utf8');
}

function fix(dir: string, args: string[] = []): { status: number | null; stdout: string; stderr: string } {
  const run = runCli(['fix', ...args], { cwd: dir });
  expect(run.stderr).not.toMatch(/internal error|\n\s+at /);
  expectNoWholeKey([run.stdout, run.stderr], KEYS);
  return run;
}

interface Case {
  path: string;
  before: string;
  after: string;
  /** The variable .env and .env.example get. */
  envVar?: string;
}

/** Every sink form core reports and fix rewrites, one file per case. `{key}`/`{value}` are fake secrets. */
const cases: Case[] = [
  {
    path: 'app.py',
    before: 'import openai\nopenai.api_key = "{key}"\n',
    after: 'import os\nimport openai\nopenai.api_key = os.environ["OPENAI_API_KEY"]\n',
  },
  {
    path: 'app.py',
    before: 'from openai import OpenAI\nclient = OpenAI(api_key="{value}")\n',
    after: 'import os\nfrom openai import OpenAI\nclient = OpenAI(api_key=os.environ["OPENAI_API_KEY"])\n',
  },
  {
    path: 'src/azure.py',
    before:
      '"""Azure."""\nfrom __future__ import annotations\nclient = AsyncAzureOpenAI(\n    azure_endpoint="https://x.openai.azure.com",\n    api_key="{value}",\n)\n',
    after:
      '"""Azure."""\nfrom __future__ import annotations\nimport os\nclient = AsyncAzureOpenAI(\n    azure_endpoint="https://x.openai.azure.com",\n    api_key=os.environ["AZURE_OPENAI_API_KEY"],\n)\n',
    envVar: 'AZURE_OPENAI_API_KEY',
  },
  { path: 'app.py', before: 'import os\nos.environ["OPENAI_API_KEY"] = "{value}"\nimport openai\n', after: 'import os\nimport openai\n' },
  { path: 'app.py', before: 'import os\nos.environ.setdefault("OPENAI_API_KEY", "{value}")\n', after: 'import os\n' },
  {
    path: 'chain.py',
    before: 'import os\nllm = ChatOpenAI(openai_api_key="{value}")\n',
    after: 'import os\nllm = ChatOpenAI(openai_api_key=os.environ["OPENAI_API_KEY"])\n',
  },
  {
    path: 'web/ai.ts',
    before: "const openai = new OpenAI({ apiKey: '{value}' });\n",
    after: 'const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });\n',
  },
  { path: 'web/ai.js', before: "openai.apiKey = '{value}';\n", after: 'openai.apiKey = process.env.OPENAI_API_KEY;\n' },
  { path: 'web/setup.mjs', before: "process.env.OPENAI_API_KEY = '{value}';\nimport('./app.mjs');\n", after: "import('./app.mjs');\n" },
  {
    path: 'web/key.ts',
    before: "export const key = process.env.OPENAI_API_KEY ?? '{key}';\n",
    after: 'export const key = process.env.OPENAI_API_KEY;\n',
  },
  {
    path: 'web/llm.ts',
    before: "const model = new ChatOpenAI({ openAIApiKey: '{value}' });\n",
    after: 'const model = new ChatOpenAI({ openAIApiKey: process.env.OPENAI_API_KEY });\n',
  },
  { path: 'scripts/env.sh', before: 'export OPENAI_API_KEY="{value}"\n', after: 'export OPENAI_API_KEY="$OPENAI_API_KEY"\n' },
  {
    path: 'scripts/models.sh',
    before: 'curl https://api.openai.com/v1/models -H "Authorization: Bearer {value}"\n',
    after: 'curl https://api.openai.com/v1/models -H "Authorization: Bearer ${OPENAI_API_KEY}"\n',
  },
  {
    path: 'Dockerfile',
    before: 'FROM python:3.12\nENV OPENAI_API_KEY={value}\nCMD ["python", "app.py"]\n',
    after: 'FROM python:3.12\nCMD ["python", "app.py"]\n',
  },
  {
    path: 'docker-compose.yml',
    before: 'services:\n  app:\n    environment:\n      OPENAI_API_KEY: {value}\n',
    after: 'services:\n  app:\n    environment:\n      OPENAI_API_KEY: ${OPENAI_API_KEY}\n',
  },
  {
    path: '.github/workflows/test.yml',
    before: 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    env:\n      OPENAI_API_KEY: "{value}"\n',
    after: 'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    env:\n      OPENAI_API_KEY: "${{ secrets.OPENAI_API_KEY }}"\n',
  },
];

describe('keyguard fix, per language', () => {
  it.each(cases.map((c, i) => [`${c.path} #${i}`, c] as const))('%s: source, .env, .gitignore and .env.example after', (_, c) => {
    const dir = tempRepo();
    const before = fillExample(c.before);
    const [secret] = secretsIn(c.before);
    writeFiles(dir, { [c.path]: before });
    const line = before.slice(0, before.indexOf(secret)).split('\n').length;
    const envVar = c.envVar ?? 'OPENAI_API_KEY';

    const first = fix(dir);
    expect(first.status).toBe(1);
    expect(masked(first.stdout)).toMatch(/fixed/);
    expect(masked(read(dir, c.path))).toBe(c.after);
    expect(masked(read(dir, '.env'))).toBe(`# ${envVar}: moved here by keyguard fix from ${c.path}:${line}\n${envVar}=<SECRET>\n`);
    expect(read(dir, '.env')).toContain(`${envVar}=${secret}\n`);
    expect(statSync(join(dir, '.env')).mode & 0o777).toBe(0o600);
    expect(read(dir, '.gitignore')).toBe('.env\n');
    expect(read(dir, '.env.example')).toBe(
      `# The variables this project reads. Copy to .env and fill in; never commit .env.\n${envVar}=\n`,
    );

    // A second run changes nothing; keyguard scan finds nothing.
    const files = [c.path, '.env', '.gitignore', '.env.example'].map((path) => read(dir, path));
    const second = fix(dir);
    expect(second.status).toBe(0);
    expect([c.path, '.env', '.gitignore', '.env.example'].map((path) => read(dir, path))).toEqual(files);
    expect(runCli(['scan'], { cwd: dir }).status).toBe(0);
  });

  it('a notebook: the code cell reads os.environ, the JSON stays valid with its formatting, outputs holding the key are cleared', () => {
    const dir = tempRepo();
    const key = fakeKey('proj');
    const nb = (source: string[], outputs: object[]): string =>
      JSON.stringify(
        {
          cells: [{ cell_type: 'code', execution_count: 1, metadata: {}, outputs, source }],
          metadata: { kernelspec: { language: 'python', name: 'python3' } },
          nbformat: 4,
          nbformat_minor: 5,
        },
        null,
        1,
      ) + '\n';
    writeFiles(dir, {
      'nb.ipynb': nb(
        ['import openai\n', `openai.api_key = "${key}"\n`, 'print(openai.api_key)'],
        [{ name: 'stdout', output_type: 'stream', text: [`${key}\n`] }],
      ),
    });
    const run = fix(dir);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/cleared the cell outputs/);
    expect(masked(read(dir, 'nb.ipynb'))).toBe(
      nb(['import os\n', 'import openai\n', 'openai.api_key = os.environ["OPENAI_API_KEY"]\n', 'print(openai.api_key)'], []),
    );
    expect(read(dir, '.env')).toContain(`OPENAI_API_KEY=${key}\n`);
    expect(runCli(['scan'], { cwd: dir }).status).toBe(0);
  });
});

describe('the fixed programs still get the key', () => {
  const hash = (text: string): string => createHash('sha256').update(text).digest('hex');

  it('python3 and node --env-file read the same value from the written .env', () => {
    const dir = tempRepo();
    const key = fakeKey('proj');
    writeFiles(dir, {
      'app.py': `import hashlib\nimport openai\nopenai.api_key = "${key}"\nprint(hashlib.sha256(openai.api_key.encode()).hexdigest())\n`,
      'app.js': `const { createHash } = require('node:crypto');\nconst openai = { apiKey: '' };\nopenai.apiKey = '${key}';\nconsole.log(createHash('sha256').update(openai.apiKey).digest('hex'));\n`,
    });
    // A stand-in for the SDK, so the script runs without it.
    writeFiles(dir, { 'openai.py': 'api_key = None\n' });
    expect(fix(dir).status).toBe(1);
    expect(read(dir, 'app.py')).not.toContain(key);
    // Python has no --env-file: the test loads .env as a shell's `set -a; . .env` would.
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH };
    for (const line of read(dir, '.env').split('\n')) {
      const match = /^([A-Z_]+)=(.*)$/.exec(line);
      if (match) env[match[1]] = match[2];
    }
    const python = spawnSync('python3', ['app.py'], { cwd: dir, env, encoding: 'utf8' });
    expect(python.stderr).toBe('');
    const node = spawnSync(process.execPath, ['--env-file=.env', 'app.js'], {
      cwd: dir,
      env: { PATH: process.env.PATH },
      encoding: 'utf8',
    });
    expect(node.stderr).toBe('');
    expect(python.stdout.trim()).toBe(hash(key));
    expect(node.stdout.trim()).toBe(hash(key));
  });
});

describe('keyguard fix keeps files safe', () => {
  it('keeps CRLF line endings and a UTF-8 byte-order mark, and changes no other byte', () => {
    const dir = tempRepo();
    const key = fakeKey('legacy');
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    writeFiles(dir, { 'app.py': Buffer.concat([bom, Buffer.from(`# café\r\nimport openai\r\nopenai.api_key = "${key}"\r\n`)]) });
    expect(fix(dir).status).toBe(1);
    const after = readFileSync(join(dir, 'app.py'));
    expect(after.subarray(0, 3)).toEqual(bom);
    expect(after.subarray(3).toString('utf8')).toBe(
      '# café\r\nimport os\r\nimport openai\r\nopenai.api_key = os.environ["OPENAI_API_KEY"]\r\n',
    );
  });

  it('refuses a UTF-16 file and leaves it alone', () => {
    const dir = tempRepo();
    const text = `openai.api_key = "${fakeKey('proj')}"\n`;
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    writeFiles(dir, { 'app.py': bytes });
    const run = fix(dir);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/app\.py:1:\d+ +not fixed: UTF-16/);
    expect(readFileSync(join(dir, 'app.py'))).toEqual(bytes);
    expect(existsSync(join(dir, '.env'))).toBe(false);
  });

  it('leaves a read-only file alone and says so', () => {
    const dir = tempRepo();
    const before = `openai.api_key = "${fakeKey('proj')}"\n`;
    writeFiles(dir, { 'app.py': before });
    chmodSync(join(dir, 'app.py'), 0o444);
    const run = fix(dir);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/not fixed: read-only/);
    expect(read(dir, 'app.py')).toBe(before);
    expect(statSync(join(dir, 'app.py')).mode & 0o777).toBe(0o444);
  });

  it('keeps the mode of a rewritten file', () => {
    const dir = tempRepo();
    writeFiles(dir, { 'run.sh': `#!/bin/sh\nexport OPENAI_API_KEY="${fakeValue()}"\n` });
    chmodSync(join(dir, 'run.sh'), 0o750);
    expect(fix(dir).status).toBe(1);
    expect(statSync(join(dir, 'run.sh')).mode & 0o777).toBe(0o750);
  });

  it('names the git rm --cached command for a tracked .env, and keeps its value', () => {
    const dir = tempRepo();
    const value = fakeValue();
    writeFiles(dir, { '.env': `OPENAI_API_KEY=${value}\n` });
    git(dir, 'add', '.env');
    git(dir, 'commit', '-q', '--no-verify', '-m', 'env');
    const run = fix(dir);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('git rm --cached -- .env');
    expect(read(dir, '.env')).toBe(`OPENAI_API_KEY=${value}\n`);
    expect(read(dir, '.gitignore')).toBe('.env\n');
  });

  it('adds the value once when two files hold the same key, and reports a different value as a conflict', () => {
    const dir = tempRepo();
    const key = fakeKey('proj');
    const other = fakeKey('proj', 1);
    writeFiles(dir, {
      'a.py': `import openai\nopenai.api_key = "${key}"\n`,
      'b.py': `import openai\nopenai.api_key = "${key}"\n`,
      'c.py': `import openai\nopenai.api_key = "${other}"\n`,
    });
    const run = fix(dir);
    expect(run.status).toBe(1);
    expect(masked(read(dir, '.env'))).toBe('# OPENAI_API_KEY: moved here by keyguard fix from a.py:2\nOPENAI_API_KEY=<SECRET>\n');
    expect(run.stdout).toMatch(
      /c\.py:2:\d+ +not fixed: a\.py:2 already holds another value for OPENAI_API_KEY \(key [0-9a-f]+; this one is [0-9a-f]+\)/,
    );
    expect(read(dir, 'c.py')).toContain(other);
    expect(read(dir, 'b.py')).toContain('os.environ["OPENAI_API_KEY"]');
  });

  it('never overwrites a different value already in .env', () => {
    const dir = tempRepo();
    const inEnv = fakeValue(1);
    writeFiles(dir, {
      '.gitignore': '.env\n',
      '.env': `OPENAI_API_KEY=${inEnv}\n`,
      'app.py': `import openai\nopenai.api_key = "${fakeKey('proj')}"\n`,
    });
    const run = fix(dir);
    expect(run.stdout).toMatch(/not fixed: \.env already holds another value for OPENAI_API_KEY/);
    expect(read(dir, '.env')).toBe(`OPENAI_API_KEY=${inEnv}\n`);
  });

  it('does not follow a .env symlink out of the repository', () => {
    const dir = tempRepo();
    const outside = join(tempDir('keyguard-outside-'), 'target.env');
    writeFileSync(outside, '# outside\n');
    symlinkSync(outside, join(dir, '.env'));
    const before = `import openai\nopenai.api_key = "${fakeKey('proj')}"\n`;
    writeFiles(dir, { '.gitignore': '.env\n', 'app.py': before });
    const run = fix(dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^keyguard: \.env is a symbolic link out of the repository.*\n$/);
    expect(readFileSync(outside, 'utf8')).toBe('# outside\n');
    expect(read(dir, 'app.py')).toBe(before);
  });

  it('--dry-run prints a redacted diff and writes nothing', () => {
    const dir = tempRepo();
    const before = `import openai\nopenai.api_key = "${fakeKey('proj')}"\n`;
    writeFiles(dir, { 'app.py': before });
    const run = fix(dir, ['--dry-run']);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('--- a/app.py\n+++ b/app.py\n@@ -1,2 +1,3 @@\n+import os\n import openai\n-openai.api_key = "sk-proj-');
    expect(run.stdout).toContain('+openai.api_key = os.environ["OPENAI_API_KEY"]\n');
    expect(run.stdout).toContain('--- /dev/null\n+++ b/.env\n');
    expect(run.stdout).toMatch(/Dry run: nothing written/);
    expect(read(dir, 'app.py')).toBe(before);
    expect(existsSync(join(dir, '.env'))).toBe(false);
    expect(existsSync(join(dir, '.gitignore'))).toBe(false);
  });

  it('says why a place is left alone (Markdown), exit 1, file unchanged', () => {
    const dir = tempRepo();
    const before = `Set your key: ${fakeKey('proj')}\n`;
    writeFiles(dir, { 'README.md': before });
    const run = fix(dir);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/README\.md:1:\d+ +not fixed: a prose page/);
    expect(read(dir, 'README.md')).toBe(before);
  });

  it('exit 0 when there is nothing to fix; exit 2 with one line on bad usage', () => {
    const dir = tempRepo();
    writeFiles(dir, { 'app.py': 'print(1)\n' });
    expect(fix(dir).status).toBe(0);
    const bad = runCli(['fix', '--env-file'], { cwd: dir });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('keyguard fix --staged', () => {
  const show = (dir: string, path: string): string => git(dir, 'show', `:${path}`);

  it('fixes the index and the work tree together, so the next commit passes', () => {
    const dir = tempRepo();
    writeFiles(dir, { 'app.py': `import openai\nopenai.api_key = "${fakeKey('proj')}"\n` });
    git(dir, 'add', 'app.py');
    const run = fix(dir, ['--staged']);
    expect(run.status).toBe(1);
    const fixed = 'import os\nimport openai\nopenai.api_key = os.environ["OPENAI_API_KEY"]\n';
    expect(show(dir, 'app.py')).toBe(fixed);
    expect(read(dir, 'app.py')).toBe(fixed);
    expect(read(dir, '.env')).toContain(`OPENAI_API_KEY=${fakeKey('proj')}\n`);
    expect(runCli(['scan', '--staged'], { cwd: dir }).status).toBe(0);
    expect(git(dir, 'diff', '--name-only')).not.toContain('app.py');
  });

  it('keeps unstaged changes elsewhere in the file out of the index', () => {
    const dir = tempRepo();
    const staged = `import openai\nopenai.api_key = "${fakeKey('proj')}"\n\n\n\n\ndef main():\n    pass\n`;
    writeFiles(dir, { 'app.py': staged });
    git(dir, 'add', 'app.py');
    writeFiles(dir, { 'app.py': `${staged}\nprint("not staged")\n` });
    expect(fix(dir, ['--staged']).status).toBe(1);
    const fixed = staged.replace(/"sk-proj-[^"]+"/, 'os.environ["OPENAI_API_KEY"]').replace('import openai', 'import os\nimport openai');
    expect(masked(show(dir, 'app.py'))).toBe(fixed);
    expect(masked(read(dir, 'app.py'))).toBe(`${fixed}\nprint("not staged")\n`);
  });

  it('refuses a file whose unstaged changes touch the same lines, and changes nothing', () => {
    const dir = tempRepo();
    const staged = `import openai\nopenai.api_key = "${fakeKey('proj')}"\n`;
    writeFiles(dir, { 'app.py': staged });
    git(dir, 'add', 'app.py');
    const worktree = `import openai\nopenai.api_key = "${fakeKey('proj')}"  # unstaged comment\n`;
    writeFiles(dir, { 'app.py': worktree });
    const run = fix(dir, ['--staged']);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/app\.py:2:\d+ +not fixed: unstaged changes in the same lines/);
    expect(show(dir, 'app.py')).toBe(staged);
    expect(read(dir, 'app.py')).toBe(worktree);
  });
});

describe('keyguard fix --staged, partial staging', () => {
  const show = (dir: string, path: string): string => git(dir, 'show', `:${path}`);

  it('rewrites only what the commit adds: an older key in the file is named, not rewritten; unstaged hunks stay unstaged', () => {
    const dir = tempRepo();
    const older = `import openai\nold_key = "${fakeKey('legacy')}"\n\n\n\n\nprint("a")\n`;
    writeFiles(dir, { 'app.py': older });
    git(dir, 'add', 'app.py');
    git(dir, 'commit', '-q', '--no-verify', '-m', 'old key');
    const staged = `${older}\n\n\n\nopenai.api_key = "${fakeKey('proj')}"\n`;
    writeFiles(dir, { 'app.py': staged });
    git(dir, 'add', 'app.py');
    // An unstaged hunk in the same file, far from both keys.
    writeFiles(dir, { 'app.py': staged.replace('print("a")', 'print("b")') });
    const run = fix(dir, ['--staged']);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(
      /app\.py:2:\d+ +not fixed: this commit does not add it \(the hook does not block it\): keyguard fix app\.py moves it too/,
    );
    expect(run.stdout).toMatch(/app\.py:12:\d+ +fixed: reads os\.environ\["OPENAI_API_KEY"\]; import os added/);
    const fixedIndex = `import os\n${staged}`.replace(`"${fakeKey('proj')}"`, 'os.environ["OPENAI_API_KEY"]');
    expect(masked(show(dir, 'app.py'))).toBe(masked(fixedIndex));
    expect(masked(read(dir, 'app.py'))).toBe(masked(fixedIndex.replace('print("a")', 'print("b")')));
    // The older key is still in both copies; the unstaged hunk is all git diff shows.
    expect(show(dir, 'app.py').includes(fakeKey('legacy'))).toBe(true);
    expect(git(dir, 'diff', '-U0', '--', 'app.py')).toMatch(/^-print\("a"\)\n\+print\("b"\)$/m);
    // The hook's scan (what the commit adds) is clean now.
    expect(runCli(['scan', '--staged'], { cwd: dir }).status).toBe(0);
  });

  it('changes .gitignore and .env.example in the work tree only: the index gets the fixed file alone, and .env stays out of git', () => {
    const dir = tempRepo();
    writeFiles(dir, { 'app.py': `import openai\nopenai.api_key = "${fakeKey('proj')}"\n` });
    git(dir, 'add', 'app.py');
    expect(fix(dir, ['--staged']).status).toBe(1);
    expect(git(dir, 'diff', '--cached', '--name-only').trim().split('\n')).toEqual(['app.py']);
    expect(read(dir, '.gitignore')).toBe('.env\n');
    expect(read(dir, '.env.example')).toMatch(/^OPENAI_API_KEY=$/m);
    expect(git(dir, 'status', '--porcelain', '--untracked-files=all').split('\n').filter(Boolean).sort()).toEqual([
      '?? .env.example',
      '?? .gitignore',
      'A  app.py',
    ]);
    git(dir, 'commit', '-q', '--no-verify', '-m', 'fixed');
    expect(git(dir, 'ls-files')).toBe('app.py\n');
  });
});

describe('keyguard fix when the file changes between the scan and the write', () => {
  it('leaves the file as the other writer left it, says so, and leaves no temporary file (built CLI, a deterministic preload)', () => {
    const dir = tempRepo();
    const original = `import openai\nopenai.api_key = "${fakeKey('proj')}"\n`;
    writeFiles(dir, { 'app.py': original });
    // Runs inside the built CLI: when keyguard fix opens its temporary file beside app.py (after
    // it read and planned app.py, before it compares and renames), another writer appends a line.
    const preload = join(tempDir('keyguard-preload-'), 'edit-meanwhile.js');
    writeFileSync(
      preload,
      [
        "const fs = require('node:fs');",
        "const path = require('node:path');",
        'const open = fs.openSync;',
        'let done = false;',
        'fs.openSync = function (file, flags, ...rest) {',
        "  if (!done && flags === 'wx' && /\\.app\\.py\\.keyguard-.*\\.tmp$/.test(String(file))) {",
        '    done = true;',
        "    fs.appendFileSync(path.join(path.dirname(String(file)), 'app.py'), '# edited meanwhile\\n');",
        '  }',
        '  return open.call(this, file, flags, ...rest);',
        '};',
        '',
      ].join('\n'),
    );
    const run = runCli(['fix'], { cwd: dir, env: { NODE_OPTIONS: `--require ${preload}` } });
    expectNoWholeKey([run.stdout, run.stderr], KEYS);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/app\.py:2:\d+ +not fixed: the file changed on disk since the scan: not touched/);
    expect(read(dir, 'app.py') === `${original}# edited meanwhile\n`).toBe(true);
    expect(readdirSync(dir).filter((name) => name.includes('.keyguard-'))).toEqual([]);
  });
});

describe('keyguard fix outside a git repository', () => {
  it('rewrites the file, writes .env and .env.example in the working directory, and says it could not check .gitignore', () => {
    const dir = tempDir('keyguard-nogit-');
    writeFiles(dir, { 'app.py': `import openai\nopenai.api_key = "${fakeKey('proj')}"\n` });
    const run = fix(dir);
    expect(run.status).toBe(1);
    expect(read(dir, 'app.py')).toBe('import os\nimport openai\nopenai.api_key = os.environ["OPENAI_API_KEY"]\n');
    expect(read(dir, '.env')).toContain(`OPENAI_API_KEY=${fakeKey('proj')}\n`);
    expect(statSync(join(dir, '.env')).mode & 0o777).toBe(0o600);
    expect(read(dir, '.env.example')).toMatch(/^OPENAI_API_KEY=$/m);
    expect(existsSync(join(dir, '.gitignore'))).toBe(false);
    expect(run.stdout).toMatch(/not inside a git repository: \.env is not added to any \.gitignore/);
    // Nothing ignores .env here, so the next run finds the key there: kept, nothing changed, exit 1.
    const again = fix(dir);
    expect(again.status).toBe(1);
    expect(again.stdout).toMatch(/^\.env:2:\d+ +kept: an env file is where the secret belongs$/m);
    expect(read(dir, 'app.py')).toBe('import os\nimport openai\nopenai.api_key = os.environ["OPENAI_API_KEY"]\n');
  });

  it('--staged outside a repository: one line, exit 2', () => {
    const dir = tempDir('keyguard-nogit-');
    const run = fix(dir, ['--staged']);
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('keyguard fix --history', () => {
  /** A repository whose history holds a key that the work tree no longer does. */
  function leakedRepo(key: string): string {
    const dir = tempRepo();
    writeFiles(dir, { 'app.py': `import openai\nopenai.api_key = "${key}"\n` });
    git(dir, 'add', 'app.py');
    git(dir, 'commit', '-q', '--no-verify', '-m', 'leak');
    writeFiles(dir, { 'app.py': 'import os\nimport openai\nopenai.api_key = os.environ["OPENAI_API_KEY"]\n' });
    git(dir, 'commit', '-q', '--no-verify', '-am', 'fix');
    return dir;
  }

  it('prints revoke, check usage, then rewrite, in that order, and writes the replacements file 0600 outside the repository', () => {
    const key = fakeKey('proj');
    const dir = leakedRepo(key);
    const file = join(tempDir('keyguard-replace-'), 'replacements.txt');
    const run = fix(dir, ['--history', '--replace-file', file]);
    expect(run.status).toBe(1);
    const revoke = run.stdout.indexOf('https://platform.openai.com/api-keys');
    const usage = run.stdout.indexOf('https://platform.openai.com/usage');
    const rewrite = run.stdout.indexOf(`git filter-repo --replace-text ${file}`);
    expect(revoke).toBeGreaterThan(-1);
    expect(usage).toBeGreaterThan(revoke);
    expect(rewrite).toBeGreaterThan(usage);
    expect(run.stdout).toMatch(/Keys in git history: 1 distinct/);
    expect(run.stderr).toMatch(/wrote 1 whole key to .* \(mode 0600\)\. It is the one keyguard output that holds whole keys/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8') === `${key}==><OPENAI_API_KEY>\n`).toBe(true);
  });

  it.each([
    ['a folder of the checkout', (dir: string) => (mkdirSync(join(dir, 'docs')), join(dir, 'docs'))],
    ['a bare mirror of it', (dir: string) => (git(dir, 'clone', '-q', '--mirror', dir, `${dir}.git`), `${dir}.git`)],
  ])('reads the keys back from %s too, and refuses a replacements file inside a mirror', (_where, place) => {
    const key = fakeKey('proj');
    const cwd = place(leakedRepo(key));
    const file = join(tempDir('keyguard-replace-'), 'replacements.txt');
    const run = fix(cwd, ['--history', '--replace-file', file]);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/Keys in git history: 1 distinct/);
    expect(readFileSync(file, 'utf8') === `${key}==><OPENAI_API_KEY>\n`).toBe(true);
    const inside = fix(cwd, ['--history', '--replace-file', 'r.txt']);
    expect(inside.status).toBe(2);
    expect(existsSync(join(cwd, 'r.txt'))).toBe(false);
  });

  it('refuses a replacements file inside the repository, and one that exists', () => {
    const dir = leakedRepo(fakeKey('proj'));
    const inside = fix(dir, ['--history', '--replace-file', 'replacements.txt']);
    expect(inside.status).toBe(2);
    expect(inside.stderr).toMatch(/^keyguard: --replace-file replacements\.txt is inside the repository.*\n$/);
    expect(existsSync(join(dir, 'replacements.txt'))).toBe(false);
    const existing = join(tempDir('keyguard-replace-'), 'r.txt');
    writeFileSync(existing, '');
    expect(fix(dir, ['--history', '--replace-file', existing]).status).toBe(2);
    expect(readFileSync(existing, 'utf8')).toBe('');
  });

  it('without --replace-file: the steps, the command that writes the file, no key; exit 0 for a clean history', () => {
    const run = fix(leakedRepo(fakeKey('proj')), ['--history']);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('keyguard fix --history --replace-file ../keyguard-replacements.txt');
    const clean = tempRepo();
    writeFiles(clean, { 'a.py': 'print(1)\n' });
    git(clean, 'add', 'a.py');
    git(clean, 'commit', '-q', '--no-verify', '-m', 'a');
    expect(fix(clean, ['--history'])).toMatchObject({ status: 0 });
  });
});

describe('the atomic write keyguard fix uses', () => {
  it('leaves a file that changed since it was read alone, and leaves no temporary file beside it', () => {
    const dir = tempDir('keyguard-atomic-');
    const path = join(dir, 'app.py');
    writeFileSync(path, 'read by the scan\n');
    const read = readFileSync(path);
    writeFileSync(path, 'changed by someone else\n');
    expect(writeFileAtomic(path, Buffer.from('the fix\n'), 0o644, read)).toBe(false);
    expect(readFileSync(path, 'utf8')).toBe('changed by someone else\n');
    expect(writeFileAtomic(path, Buffer.from('the fix\n'), 0o640, readFileSync(path))).toBe(true);
    expect(readFileSync(path, 'utf8')).toBe('the fix\n');
    expect(statSync(path).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(['app.py']);
  });
});
