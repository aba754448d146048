import { applyTextEdits, envReadExpression, planEnvRead, scanText, type EnvReadResult } from '@keyguard/core';
import { fillExample } from '@keyguard/test-utils';

/** Scans a text, plans every finding and applies what can be applied: what `keyguard fix` does to one file. */
function fixText(path: string, text: string): { text: string; results: EnvReadResult[] } {
  const findings = scanText(text, { path });
  const results = findings.map((f) => planEnvRead({ path, text, start: f.startOffset, end: f.endOffset, envVar: f.envVar }));
  const edits = results.flatMap((r) => (r.ok ? r.edits : []));
  const fixed = applyTextEdits(text, edits);
  if (fixed === undefined) throw new Error(`overlapping edits in ${path}`);
  return { text: fixed, results };
}

interface Case {
  path: string;
  before: string;
  after: string;
  /** The variable the rewritten code reads (the finding's when left out). */
  envVar?: string;
}

/** Every sink form core reports, per language: the source before and after. `{key}`, `{value}` are fake keys. */
const rewrites: Case[] = [
  // Python
  {
    path: 'app.py',
    before: 'import openai\nopenai.api_key = "{key}"\n',
    after: 'import os\nimport openai\nopenai.api_key = os.environ["OPENAI_API_KEY"]\n',
  },
  {
    path: 'app.py',
    before: 'import os\nclient = OpenAI(api_key="{value}")\n',
    after: 'import os\nclient = OpenAI(api_key=os.environ["OPENAI_API_KEY"])\n',
  },
  {
    path: 'app.py',
    before: 'client = AsyncAzureOpenAI(\n    azure_endpoint="https://x.openai.azure.com",\n    api_key=\'{value}\',\n)\n',
    after:
      'import os\nclient = AsyncAzureOpenAI(\n    azure_endpoint="https://x.openai.azure.com",\n    api_key=os.environ["AZURE_OPENAI_API_KEY"],\n)\n',
  },
  {
    path: 'app.py',
    before:
      '#!/usr/bin/env python3\n"""The app."""\nfrom __future__ import annotations\n\nimport sys\nos_key = 1\nopenai.api_key = "{key}"\n',
    after:
      '#!/usr/bin/env python3\n"""The app."""\nfrom __future__ import annotations\nimport os\n\nimport sys\nos_key = 1\nopenai.api_key = os.environ["OPENAI_API_KEY"]\n',
  },
  {
    path: 'app.py',
    before: '"""Doc\nstring."""\nimport sys, os\nllm = ChatOpenAI(openai_api_key=r"{value}")\n',
    after: '"""Doc\nstring."""\nimport sys, os\nllm = ChatOpenAI(openai_api_key=os.environ["OPENAI_API_KEY"])\n',
  },
  { path: 'app.py', before: 'import os\nos.environ["OPENAI_API_KEY"] = "{value}"\nprint(1)\n', after: 'import os\nprint(1)\n' },
  { path: 'app.py', before: 'import os\nos.environ.setdefault("OPENAI_API_KEY", "{value}")\n', after: 'import os\n' },
  {
    path: 'app.py',
    before: 'import os\nkey = os.getenv("OPENAI_API_KEY", "{key}")\n',
    after: 'import os\nkey = os.getenv("OPENAI_API_KEY")\n',
  },
  {
    path: 'app.py',
    before: 'API_KEY = "{value}"\nclient = OpenAI(api_key=API_KEY)\n',
    after: 'import os\nAPI_KEY = os.environ["OPENAI_API_KEY"]\nclient = OpenAI(api_key=API_KEY)\n',
  },
  { path: 'app.py', before: 'import os\n# old key: {key}\n', after: 'import os\n# old key: <OPENAI_API_KEY>\n' },
  {
    path: 'app.py',
    before: 'import openai\r\nopenai.api_key = "{key}"\r\n',
    after: 'import os\r\nimport openai\r\nopenai.api_key = os.environ["OPENAI_API_KEY"]\r\n',
  },
  {
    path: 'app.py',
    before: '\uFEFF# -*- coding: utf-8 -*-\nopenai.api_key = "{key}"\n',
    after: '\uFEFF# -*- coding: utf-8 -*-\nimport os\nopenai.api_key = os.environ["OPENAI_API_KEY"]\n',
  },
  // JavaScript and TypeScript
  {
    path: 'src/ai.ts',
    before: "const openai = new OpenAI({ apiKey: '{value}' });\n",
    after: 'const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });\n',
  },
  { path: 'src/ai.js', before: "openai.apiKey = '{value}';\n", after: 'openai.apiKey = process.env.OPENAI_API_KEY;\n' },
  { path: 'src/ai.mjs', before: "process.env.OPENAI_API_KEY = '{value}';\nrun();\n", after: 'run();\n' },
  {
    path: 'src/ai.ts',
    before: "const key = process.env.OPENAI_API_KEY ?? '{key}';\n",
    after: 'const key = process.env.OPENAI_API_KEY;\n',
  },
  { path: 'src/ai.ts', before: 'const key = `{key}`;\n', after: 'const key = process.env.OPENAI_API_KEY;\n' },
  { path: 'src/ai.ts', before: "const header = 'Bearer {key}';\n", after: 'const header = `Bearer ${process.env.OPENAI_API_KEY}`;\n' },
  {
    path: 'src/ai.ts',
    before: 'const h = `Bearer {key} for ${user}`;\n',
    after: 'const h = `Bearer ${process.env.OPENAI_API_KEY} for ${user}`;\n',
  },
  { path: 'src/ai.ts', before: '// was {key}\nconst a = 1;\n', after: '// was <OPENAI_API_KEY>\nconst a = 1;\n' },
  {
    path: 'src/ai.ts',
    before: "const openai = createOpenAI({ apiKey: '{value}' });\n",
    after: 'const openai = createOpenAI({ apiKey: process.env.OPENAI_API_KEY });\n',
  },
  {
    path: 'src/ai.ts',
    before: "const model = new ChatOpenAI({ openAIApiKey: '{value}' });\n",
    after: 'const model = new ChatOpenAI({ openAIApiKey: process.env.OPENAI_API_KEY });\n',
  },
  {
    path: 'src/client.ts',
    before: "const url = import.meta.env.VITE_API_URL;\nconst openai = new OpenAI({ apiKey: '{value}' });\n",
    after: 'const url = import.meta.env.VITE_API_URL;\nconst openai = new OpenAI({ apiKey: import.meta.env.VITE_OPENAI_API_KEY });\n',
    envVar: 'VITE_OPENAI_API_KEY',
  },
  // Shell
  { path: 'run.sh', before: 'export OPENAI_API_KEY="{value}"\n', after: 'export OPENAI_API_KEY="$OPENAI_API_KEY"\n' },
  { path: 'run.sh', before: 'OPENAI_API_KEY={value}\n', after: 'OPENAI_API_KEY="$OPENAI_API_KEY"\n' },
  { path: 'run.sh', before: "export OPENAI_API_KEY='{value}'\n", after: 'export OPENAI_API_KEY="$OPENAI_API_KEY"\n' },
  {
    path: 'run.sh',
    before: 'curl https://api.openai.com/v1/models -H "Authorization: Bearer {value}"\n',
    after: 'curl https://api.openai.com/v1/models -H "Authorization: Bearer ${OPENAI_API_KEY}"\n',
  },
  { path: 'run.sh', before: 'echo hi # {key}\n', after: 'echo hi # <OPENAI_API_KEY>\n' },
  // Dockerfile
  {
    path: 'Dockerfile',
    before: 'FROM python:3.12\nENV OPENAI_API_KEY={value}\nCMD ["python"]\n',
    after: 'FROM python:3.12\nCMD ["python"]\n',
  },
  { path: 'Dockerfile', before: 'FROM python:3.12\nENV OPENAI_API_KEY {key}\n', after: 'FROM python:3.12\n' },
  { path: 'Dockerfile', before: 'FROM node\nENV PORT=80 OPENAI_API_KEY="{key}"\n', after: 'FROM node\nENV PORT=80\n' },
  { path: 'Dockerfile', before: 'FROM node\nARG OPENAI_API_KEY={key}\n', after: 'FROM node\nARG OPENAI_API_KEY\n' },
  // YAML
  {
    path: 'docker-compose.yml',
    before: 'services:\n  app:\n    environment:\n      OPENAI_API_KEY: {value}\n',
    after: 'services:\n  app:\n    environment:\n      OPENAI_API_KEY: ${OPENAI_API_KEY}\n',
  },
  {
    path: 'compose.yaml',
    before: 'services:\n  app:\n    environment:\n      - OPENAI_API_KEY={key}\n',
    after: 'services:\n  app:\n    environment:\n      - OPENAI_API_KEY=${OPENAI_API_KEY}\n',
  },
  {
    path: '.github/workflows/ci.yml',
    before: 'jobs:\n  test:\n    env:\n      OPENAI_API_KEY: "{value}"\n',
    after: 'jobs:\n  test:\n    env:\n      OPENAI_API_KEY: "${{ secrets.OPENAI_API_KEY }}"\n',
  },
  {
    path: '.github/workflows/ci.yml',
    before: 'jobs:\n  test:\n    env:\n      OPENAI_API_KEY: {key}\n',
    after: 'jobs:\n  test:\n    env:\n      OPENAI_API_KEY: ${{ secrets.OPENAI_API_KEY }}\n',
  },
];

describe('planEnvRead rewrites every sink form core reports', () => {
  it.each(rewrites.map((c, i) => [`${c.path} #${i}`, c] as const))('%s', (_, c) => {
    const before = fillExample(c.before);
    const findings = scanText(before, { path: c.path });
    expect(findings.length).toBeGreaterThan(0);
    const { text, results } = fixText(c.path, before);
    for (const r of results) expect(r).toMatchObject({ ok: true });
    expect(text).toBe(c.after);
    // The result holds nothing core reports, and a second run changes nothing.
    expect(scanText(text, { path: c.path })).toEqual([]);
    expect(fixText(c.path, text).text).toBe(text);
    const stored = results.find((r) => r.ok && r.storesValue);
    if (c.envVar && stored?.ok) expect(stored.envVar).toBe(c.envVar);
  });
});

describe('planEnvRead in notebooks', () => {
  const notebook = (cells: object[]): string =>
    JSON.stringify({ cells, metadata: { language_info: { name: 'python' } }, nbformat: 4, nbformat_minor: 5 }, null, 1) + '\n';
  const code = (source: string[], outputs: object[] = []) => ({ cell_type: 'code', execution_count: 1, metadata: {}, outputs, source });

  it('edits inside the JSON string, adds import os as a new first line, keeps nbformat formatting', () => {
    const before = notebook([code(['import openai\n', fillExample('openai.api_key = "{key}"\n'), 'print(1)'])]);
    const { text } = fixText('nb.ipynb', before);
    expect(text).toBe(notebook([code(['import os\n', 'import openai\n', 'openai.api_key = os.environ["OPENAI_API_KEY"]\n', 'print(1)'])]));
    expect(() => JSON.parse(text) as unknown).not.toThrow();
    expect(scanText(text, { path: 'nb.ipynb' })).toEqual([]);
  });

  it('does not add import os when an earlier cell has it', () => {
    const before = notebook([code(['import os']), code([fillExample('client = OpenAI(api_key="{value}")')])]);
    const { text } = fixText('nb.ipynb', before);
    expect(text).toBe(notebook([code(['import os']), code(['client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])'])]));
  });

  it('removes an os.environ assignment as one source line', () => {
    const before = notebook([code(['import os\n', fillExample('os.environ["OPENAI_API_KEY"] = "{value}"\n'), 'run()'])]);
    expect(fixText('nb.ipynb', before).text).toBe(notebook([code(['import os\n', 'run()'])]));
  });

  it('clears outputs that hold the key, and says so', () => {
    const output = { name: 'stdout', output_type: 'stream', text: [fillExample('{key}\n')] };
    const before = notebook([code(['import os\n', 'print(os.environ["OPENAI_API_KEY"])'], [output])]);
    const { text, results } = fixText('nb.ipynb', before);
    expect(text).toBe(
      notebook([code(['import os\n', 'print(os.environ["OPENAI_API_KEY"])'], [])]).replace('"outputs": []', '"outputs": []'),
    );
    expect(results[0]).toMatchObject({ ok: true, action: 'clear-output', storesValue: false });
  });

  it('refuses a markdown cell', () => {
    const before = notebook([{ cell_type: 'markdown', metadata: {}, source: [fillExample('key: {key}')] }]);
    expect(fixText('nb.ipynb', before).results[0]).toMatchObject({ ok: false, reason: expect.stringMatching(/markdown cell/) as unknown });
  });
});

describe('planEnvRead refuses what it cannot rewrite safely', () => {
  const refusals: [string, string, RegExp][] = [
    ['app.py', 'h = {"Authorization": "Bearer {key}"}  # openai\n', /string with other text/],
    ['README.md', 'Use `{key}` as your key.\n', /prose/],
    ['server.log', 'key={key}\n', /does not parse/],
    ['settings.json', '{ "OpenAI": { "ApiKey": "{value}" } }\n', /JSON/],
    ['deploy.yaml', 'env:\n  - name: OPENAI_API_KEY\n    value: "{value}"\n', /Compose files and GitHub Actions/],
    ['run.sh', "echo 'token {key} here'\n", /single-quoted/],
    ['Dockerfile', 'FROM x\nRUN curl -H "Authorization: Bearer {key}" https://api.openai.com/v1/models\n', /build secret/],
    ['app.py', 'k = b"{key}"\n', /bytes/],
  ];
  it.each(refusals)('%s: %s', (path, template, reason) => {
    const before = fillExample(template);
    const { text, results } = fixText(path, before);
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) expect(r.ok ? 'rewritten' : r.reason).toMatch(reason);
    expect(text).toBe(before);
  });

  it('keeps the value in an env file: that is where it belongs', () => {
    const before = fillExample('OPENAI_API_KEY={value}\n');
    const { text, results } = fixText('.env', before);
    expect(text).toBe(before);
    expect(results[0]).toMatchObject({ ok: true, action: 'keep', edits: [] });
  });
});

describe('envReadExpression', () => {
  it.each([
    ['a.py', 'os.environ["OPENAI_API_KEY"]'],
    ['a.ipynb', 'os.environ["OPENAI_API_KEY"]'],
    ['a.ts', 'process.env.OPENAI_API_KEY'],
    ['run.sh', '"$OPENAI_API_KEY"'],
    ['compose.yml', '${OPENAI_API_KEY}'],
    ['.github/workflows/x.yaml', '${{ secrets.OPENAI_API_KEY }}'],
    ['k8s.yaml', undefined],
    ['.env', undefined],
  ])('%s reads %s', (path, expected) => {
    expect(envReadExpression(path, 'OPENAI_API_KEY')).toBe(expected);
  });
  it('uses import.meta.env only where the file already does', () => {
    expect(envReadExpression('a.ts', 'OPENAI_API_KEY', 'import.meta.env.VITE_URL')).toBe('import.meta.env.VITE_OPENAI_API_KEY');
  });
});
