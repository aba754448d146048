/**
 * The labelled corpus (issue 9): several hundred cases built from the categories, across
 * Python, JS/TS, Go, Ruby, Java, C#, shell, Markdown, YAML, JSON, .env and notebooks. Each marked
 * span is a finding the case must give (utils/labelled.ts has the template language); a case
 * with no span must give none. The ESLint plugin runs the JS/TS cases too
 * (packages/eslint-plugin/test/labelled-corpus.test.ts).
 */
import type { LabelledCase } from './utils/labelled';

const cases: LabelledCase[] = [];
const add = (category: string, file: string, text: string, want?: string): void => {
  cases.push(want === undefined ? { category, file, text } : { category, file, text, want });
};

/** A sink in each language, `$` where the value goes (quoted by the sink itself). */
const SINKS: [string, string][] = [
  ['app.py', 'from openai import OpenAI\nclient = OpenAI(api_key="$")\n'],
  ['test_client.py', 'def test_client(monkeypatch):\n    monkeypatch.setenv("OPENAI_API_KEY", "$")\n'],
  ['conftest.py', 'import openai\nopenai.api_key = "$"\n'],
  ['client.test.ts', "import OpenAI from 'openai';\nconst client = new OpenAI({ apiKey: '$' });\n"],
  ['setup.test.js', "process.env.OPENAI_API_KEY = '$';\n"],
  ['client_test.go', 'package openai_test\n\nfunc TestClient(t *testing.T) {\n\tclient := openai.NewClient("$")\n}\n'],
  ['client_spec.rb', 'RSpec.describe OpenAI::Client do\n  let(:client) { OpenAI::Client.new(access_token: "$") }\nend\n'],
  ['ClientTest.java', 'OpenAIClient client = OpenAIOkHttpClient.builder().apiKey("$").build();\n'],
  ['ClientTests.cs', 'var client = new OpenAIClient(new ApiKeyCredential("$"));\n'],
  ['.env.test', 'OPENAI_API_KEY=$\n'],
  ['ci.yml', 'env:\n  OPENAI_API_KEY: $\n'],
  ['run-tests.sh', 'export OPENAI_API_KEY="$"\npytest\n'],
  ['settings.json', '{ "openai_api_key": "$" }\n'],
];
const sinkWith = (index: number, value: string): [string, string] => {
  const [file, text] = SINKS[index % SINKS.length];
  return [file, text.replace('$', value)];
};

// 1. Test values are not credentials: words with a short counter, year or version.
const FIXTURES = [
  'something1234',
  'access_token1',
  'foo_bar_123',
  'key-v2-9',
  'ci-key-2024',
  'fixture-key-001',
  'test-token-42',
  'my-test-api-key',
  'fake-openai-key-0001',
  'dummy_key_v3',
  'testkey2023',
  'secret-key-1',
  'unit-test-key-7',
  '{sk}test-1234',
  '{sk}fake-key-for-tests',
  'openai-key-for-ci-99',
  'integration_test_token_2',
  'mock-api-key-2025-01',
  'test_api_key_for_mocking',
  'not-a-real-key-12345',
  'local-dev-key-v1',
  '{sk}proj-test-key-123',
  'my_openai_key_v10',
  'key_for_unit_tests_2',
  'example-key-abc-123',
  'FAKE_KEY_12345',
  'testing123',
  'sample-token-2024-v2',
];
FIXTURES.forEach((value, index) => {
  for (const offset of [0, 5, 9]) {
    const [file, text] = sinkWith(index + offset, value);
    add('fixture', file, text);
  }
});

// 1b. Random values stay findings, test files included: 20+ random characters, 32 hex, base64, proxy keys.
const RANDOM = ['{run:24}', '{value}', '{b64:40}', 'pk-{run:32}', 'proxy_{run:28}', '{hex:40}', '{run:20}'];
RANDOM.forEach((value, index) => {
  for (const offset of [0, 3, 6, 10]) {
    const [file, text] = sinkWith(index + offset, `⟦${value}⟧`);
    add('random-value', file, text);
  }
});
// An Azure key of the 84-character form: its own rule, anywhere.
add('random-value', 'test_azure.py', 'client = AzureOpenAI(api_key="⟦{key:azure}⟧", api_version="2024-10-21")\n');
add('random-value', 'azure.test.ts', "const client = new AzureOpenAI({ apiKey: '⟦{key:azure}⟧' });\n");
add('random-value', 'appsettings.Test.json', '{ "AzureOpenAI": { "ApiKey": "⟦{key:azure}⟧" } }\n');
// Real keys in test files are keys.
add('random-value', 'test_models.py', 'OPENAI_KEY = "⟦{key:proj}⟧"\n');
add('random-value', 'models.test.ts', "const key = '⟦{key:svcacct}⟧';\n");
add('random-value', 'models_test.go', 'const key = "⟦{key:legacy}⟧"\n');
add('random-value', 'models_spec.rb', 'KEY = "⟦{key:admin}⟧"\n');

// 2. The Bearer heuristic: a header sent to OpenAI is a finding; comparisons, regexes, words and other hosts are not.
add('bearer', 'call.sh', 'curl https://api.openai.com/v1/models -H "Authorization: Bearer ⟦{value}⟧"\n');
add(
  'bearer',
  'README.md',
  '```bash\ncurl https://api.openai.com/v1/chat/completions \\\n  -H "Authorization: Bearer ⟦{value}⟧" \\\n  -d \'{}\'\n```\n',
);
add(
  'bearer',
  'call.py',
  'headers = {"Authorization": "Bearer ⟦{value}⟧"}\nrequests.post("https://api.openai.com/v1/chat/completions", headers=headers)\n',
);
add('bearer', 'call.sh', 'curl -H "Authorization: Bearer ⟦{key:proj}⟧" https://api.openai.com/v1/models\n');
add('bearer', 'call.js', "fetch('https://api.openai.com/v1/models', { headers: { Authorization: 'Bearer ⟦{key:legacy}⟧' } });\n");
add('bearer', 'call.go', 'req.Header.Set("Authorization", "Bearer ⟦{key:proj}⟧")\n');
add('bearer', 'call.rb', 'conn.headers["Authorization"] = "Bearer ⟦{key:svcacct}⟧"\n');
add(
  'bearer',
  'cassette.yaml',
  'interactions:\n- request:\n    headers:\n      Authorization:\n      - Bearer ⟦{value}⟧\n    method: POST\n    uri: https://api.openai.com/v1/chat/completions\n',
);
add('bearer', 'auth_test.py', 'from openai import OpenAI\nassert request.headers["Authorization"] == "Bearer {value}"\n');
add('bearer', 'auth.test.ts', "import OpenAI from 'openai';\nexpect(init.headers.Authorization).toBe('Bearer {value}');\n");
add('bearer', 'auth.test.ts', "import OpenAI from 'openai';\nexpect(headers).toEqual({ Authorization: 'Bearer {value}' });\n");
add(
  'bearer',
  'auth_test.go',
  'package openai\n\nif got := req.Header.Get("Authorization"); got != "Bearer {value}" {\n\tt.Fatal(got)\n}\n',
);
add('bearer', 'auth_spec.rb', 'require "openai"\nexpect(request.headers["Authorization"]).to eq("Bearer {value}")\n');
add('bearer', 'auth_test.py', 'from openai import OpenAI\nexpected_header = "Bearer {value}"\n');
add('bearer', 'auth.test.js', "// api.openai.com\nconst expectedAuthorization = 'Bearer {value}';\n");
add('bearer', 'auth.ts', "import OpenAI from 'openai';\nconst BEARER = /^Bearer [A-Za-z0-9_-]+$/;\n");
add('bearer', 'auth.js', "// openai proxy\nif (!/^Bearer\\s+[\\w.-]{20,}$/i.test(header)) throw new Error('no token');\n");
add('bearer', 'run.sh', '# openai and bedrock\nBEDROCK_AUTH=bearer NEXT=1 OPENAI_BASE_URL=http://localhost:4000 ./run\n');
add('bearer', 'docs.md', 'The OpenAI API uses bearer authentication: send your key as a bearer token in the Authorization header.\n');
add(
  'bearer',
  'notion.py',
  'from openai import OpenAI\nrequests.post("https://api.notion.com/v1/pages", headers={"Authorization": "Bearer {value}"})\n',
);
add(
  'bearer',
  'github.js',
  "import OpenAI from 'openai';\nfetch('https://api.github.com/user', { headers: { Authorization: 'Bearer {value}' } });\n",
);
add('bearer', 'call.sh', '# openai\ncurl https://api.openai.com/v1/models -H "Authorization: Bearer $OPENAI_API_KEY"\n');
add('bearer', 'call.py', 'headers = {"Authorization": f"Bearer {api_key}"}  # api.openai.com\n');
add('bearer', 'auth_test.py', 'import openai\nassert headers["Authorization"] != "Bearer {value}"\n');

// 3. Comparisons are not assignments, for every sink; the assignment beside each is.
const COMPARISONS: [string, string, string][] = [
  ['check.py', 'import openai\nif openai.api_key == "$":\n    pass\n', 'import openai\nopenai.api_key = "$"\n'],
  ['check.py', 'import os\nif os.environ["OPENAI_API_KEY"] == "$":\n    pass\n', 'import os\nos.environ["OPENAI_API_KEY"] = "$"\n'],
  ['check.py', 'from openai import OpenAI\nassert client.api_key == "$"\n', 'from openai import OpenAI\nclient = OpenAI(api_key="$")\n'],
  ['check.ts', "import OpenAI from 'openai';\nif (openai.apiKey === '$') {}\n", "import OpenAI from 'openai';\nopenai.apiKey = '$';\n"],
  ['check.js', "if (process.env.OPENAI_API_KEY !== '$') process.exit(1);\n", "process.env.OPENAI_API_KEY = '$';\n"],
  [
    'check.test.ts',
    "import OpenAI from 'openai';\nexpect(client.apiKey).toBe('$');\n",
    "import OpenAI from 'openai';\nconst client = new OpenAI({ apiKey: '$' });\n",
  ],
  ['check.sh', 'if [ "$OPENAI_API_KEY" = "$" ]; then exit 1; fi\n', 'OPENAI_API_KEY="$"\n'],
  ['check.sh', '[[ $OPENAI_API_KEY == "$" ]] && echo same\n', 'export OPENAI_API_KEY="$"\n'],
  ['check.go', 'package main\n\nif cfg.OpenAIAPIKey == "$" {\n\treturn\n}\n', 'package main\n\ncfg.OpenAIAPIKey = "$"\n'],
  [
    'check.rb',
    'require "openai"\nraise if OpenAI.configuration.access_token == "$"\n',
    'require "openai"\nOpenAI.configuration.access_token = "$"\n',
  ],
  ['Check.java', 'if (openAiApiKey.equals("$")) { return; }\n', 'String openAiApiKey = "$";\n'],
  ['Check.cs', 'if (openAIApiKey == "$") { return; }\n', 'var openAIApiKey = "$";\n'],
];
for (const [file, comparison, assignment] of COMPARISONS) {
  add('comparison', file, comparison.replace('$', '{value}'));
  add('comparison', file, assignment.replace('$', '⟦{value}⟧'));
}

// 4. Split and concatenated keys: joined before matching; the span is the whole expression.
for (const shape of ['proj', 'legacy', 'svcacct']) {
  add('split', 'key.js', `const apiKey = '⟦{key:${shape}@0:12}' + '{key:${shape}@12:}⟧';\n`);
  add('split', 'key.ts', `const apiKey =\n  '⟦{key:${shape}@0:10}' +\n  '{key:${shape}@10:40}' +\n  '{key:${shape}@40:}⟧';\n`);
  add('split', 'key.py', `OPENAI_API_KEY = (\n    "⟦{key:${shape}@0:20}"\n    "{key:${shape}@20:50}"\n    "{key:${shape}@50:}⟧"\n)\n`);
  add('split', 'key.py', `key = "⟦{key:${shape}@0:3}" + "{key:${shape}@3:}⟧"\n`);
  add('split', 'key.go', `package main\n\nconst apiKey = "⟦{key:${shape}@0:16}" +\n\t"{key:${shape}@16:}⟧"\n`);
  add('split', 'key.rb', `API_KEY = "⟦{key:${shape}@0:20}" \\\n  "{key:${shape}@20:}⟧"\n`);
  add('split', 'Key.java', `String apiKey = "⟦{key:${shape}@0:25}" + "{key:${shape}@25:}⟧";\n`);
  add('split', 'Key.cs', `var apiKey = "⟦{key:${shape}@0:30}" +\n    "{key:${shape}@30:}⟧";\n`);
}
add('split', 'key.js', "const prefix = '{key:proj@0:8}';\nconst apiKey = `⟦${prefix}{key:proj@8:}⟧`;\n");
add('split', 'key.ts', "const SK = '{key:legacy@0:3}';\nexport const key = `⟦${SK}{key:legacy@3:}⟧`;\n");
// The marked body without its prefix is a key: the prefix is elsewhere.
add('split', 'key.py', 'PREFIX = "{sk}proj-"\nBODY = "⟦{key:proj@8:}⟧"\n');
add('split', '.env', 'OPENAI_KEY_BODY=⟦{key:svcacct@11:}⟧\n');
// Joined placeholders and variables are not keys.
add('split', 'key.js', "const apiKey = '{sk}' + 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx';\n");
add('split', 'key.js', "const apiKey = '{sk}proj-' + process.env.OPENAI_KEY_SUFFIX;\n");
add('split', 'key.py', 'key = "{sk}" + suffix\n');
add('split', 'key.py', 'label = ("{sk}" "proj-" "..." )\n');
add('split', 'key.go', 'package main\n\nconst prefix = "{sk}" + "proj-"\n');
add('split', 'key.js', "const anthropic = '{key:anthropic@0:20}' + '{key:anthropic@20:}';\n");

// 5. Escapes inside a JS, TS or JSON string decode to the key.
for (const shape of ['proj', 'svcacct', 'legacy']) {
  add('escape', 'key.js', `const apiKey = '⟦{key:${shape}@0:2}\\u002d{key:${shape}@3:}⟧';\n`);
  add('escape', 'key.ts', `const apiKey = "⟦{key:${shape}@0:2}\\x2d{key:${shape}@3:}⟧";\n`);
  add('escape', 'config.json', `{ "apiKey": "⟦\\u0073{key:${shape}@1:}⟧" }\n`);
}
add('escape', 'key.js', "const apiKey = '⟦{key:unmarked-sk-u002d}⟧';\n");
add('escape', 'key.py', 'client = OpenAI(api_key="⟦{key:unmarked-x73k}⟧")\n');
add('escape', 'key.js', "const shown = 'sk\\u002d...';\n");
add('escape', 'key.js', "const shown = 'sk\\u002dxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx';\n");
add('escape', 'key.json', '{ "hint": "\\u0073k-proj-..." }\n');

// 6. The value on the next line.
add('next-line', 'app.py', 'import openai\nopenai.api_key = (\n    "⟦{value}⟧"\n)\n');
add('next-line', 'app.py', 'from openai import OpenAI\nclient = OpenAI(\n    api_key=\n        "⟦{value}⟧",\n)\n');
add('next-line', 'client.ts', "import OpenAI from 'openai';\nconst client = new OpenAI({\n  apiKey:\n    '⟦{value}⟧',\n});\n");
add('next-line', 'client.js', "const openai = new OpenAI({\n  apiKey:\n  '⟦{key:proj}⟧',\n});\n");
add('next-line', 'client.rb', 'client = OpenAI::Client.new(\n  access_token:\n    "⟦{value}⟧"\n)\n');
add(
  'next-line',
  'app.py',
  'import os\nfrom openai import OpenAI\nclient = OpenAI(\n    api_key=\n        os.environ["OPENAI_API_KEY"],\n)\n',
);
add(
  'next-line',
  'client.ts',
  "import OpenAI from 'openai';\nconst client = new OpenAI({\n  apiKey:\n    process.env.OPENAI_API_KEY,\n});\n",
);

// 7. A key inside a binary file: the marker-anchored shapes only.
for (const shape of ['proj', 'legacy', 'svcacct', 'admin']) {
  cases.push({
    category: 'binary',
    file: '__pycache__/app.cpython-312.pyc',
    text: `\u00da\u0008api_key\u00fa\u0084⟦{key:${shape}}⟧`,
    binary: true,
  });
}
cases.push({ category: 'binary', file: 'bin/server', text: 'main.apiKey\u0000⟦{key:proj}⟧\u0000runtime.main', binary: true });
cases.push({ category: 'binary', file: 'bin/server', text: 'main.apiKey\u0000{key:unmarked}\u0000runtime.main', binary: true });
cases.push({ category: 'binary', file: 'app.pyc', text: '\u00da\u0008api_key\u00fa\u0020{value}', binary: true });
cases.push({
  category: 'binary',
  file: 'app.pyc',
  text: '\u00da\u0008api_key\u00fa\u0033{sk}proj-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  binary: true,
});

// 8. Placeholders and redacted keys.
const PLACEHOLDERS = [
  '{sk}...abcd',
  '{sk}xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  '{sk}xxxx',
  '<your key>',
  '<YOUR_OPENAI_API_KEY>',
  '{sk}proj-****abcd',
  '{sk}proj-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
  '{sk}your-openai-api-key-here',
  '{sk}...',
  'YOUR_API_KEY',
  'REPLACE_WITH_YOUR_KEY',
  'your-api-key-here',
  '${OPENAI_API_KEY}',
  '{{ openai_api_key }}',
  '%OPENAI_API_KEY%',
  '{sk}<your-key>',
  '<insert key here>',
  '*****',
  '{sk}proj-Ab…9zQ',
  'changeme',
];
PLACEHOLDERS.forEach((value, index) => {
  for (const offset of [0, 4, 8]) {
    const [file, text] = sinkWith(index + offset, value);
    add('placeholder', file, text);
  }
});

// 9. Reading the key from the environment is the remedy.
add('env-read', 'app.py', 'import os\nfrom openai import OpenAI\nclient = OpenAI(api_key=os.environ["OPENAI_API_KEY"])\n');
add('env-read', 'app.py', 'import openai, os\nopenai.api_key = os.getenv("OPENAI_API_KEY", "")\n');
add('env-read', 'client.ts', "import OpenAI from 'openai';\nconst client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY ?? '' });\n");
add('env-read', 'client.ts', "import OpenAI from 'openai';\nconst client = new OpenAI({ apiKey: import.meta.env.VITE_OPENAI_API_KEY });\n");
add('env-read', 'main.go', 'package main\n\nclient := openai.NewClient(os.Getenv("OPENAI_API_KEY"))\n');
add('env-read', 'client.rb', 'client = OpenAI::Client.new(access_token: ENV.fetch("OPENAI_API_KEY"))\n');
add('env-read', 'Client.java', 'OpenAIClient client = OpenAIOkHttpClient.builder().apiKey(System.getenv("OPENAI_API_KEY")).build();\n');
add('env-read', 'Client.cs', 'var client = new OpenAIClient(Environment.GetEnvironmentVariable("OPENAI_API_KEY"));\n');
add('env-read', 'deploy.yml', 'env:\n  OPENAI_API_KEY: ${{ secrets.OPENAI_API_KEY }}\n');
add('env-read', 'run.sh', 'export OPENAI_API_KEY="$(cat /run/secrets/openai)"\n');
add('env-read', '.env.example', 'OPENAI_API_KEY=\n');
add('env-read', 'compose.yaml', 'services:\n  app:\n    environment:\n      OPENAI_API_KEY: ${OPENAI_API_KEY}\n');

// 10. Docs examples: a real key or value in docs is a finding; a placeholder is not.
add('docs', 'README.md', '## Setup\n\n```bash\nexport OPENAI_API_KEY=⟦{key:proj}⟧\n```\n');
add('docs', 'README.md', '```python\nclient = OpenAI(api_key="⟦{value}⟧")\n```\n');
add(
  'docs',
  'readme.md',
  'Create a `.env` file:\n\n    AZURE_OPENAI_API_KEY=⟦{value}⟧\n    AZURE_OPENAI_ENDPOINT=https://demo.openai.azure.com/\n',
);
add('docs', 'README.md', '```bash\nexport OPENAI_API_KEY={sk}...\n```\n');
add('docs', 'README.md', 'Set `OPENAI_API_KEY` to your key (it starts with `{sk}proj-`).\n');
add('docs', 'docs.md', '| variable | example |\n|---|---|\n| OPENAI_API_KEY | `{sk}proj-...` |\n');
add('docs', 'README.md', '```bash\nexport OPENAI_API_KEY="sk-key-from-open-router"\n```\n');
add('docs', 'setup.md', '```\nOPENAI_API_KEY=<paste your key here>\n```\n');

// 11. Notebooks: JSON strings with escaped quotes and `\n`.
const cell = (source: string): string => JSON.stringify(source).slice(1, -1);
add(
  'notebook',
  'demo.ipynb',
  `{"cells": [{"cell_type": "code", "source": ["import openai\\n", "${cell('openai.api_key = "')}⟦{key:proj}⟧${cell('"\n')}"]}]}\n`,
);
add(
  'notebook',
  'demo.ipynb',
  `{"cells": [{"cell_type": "code", "source": ["import os\\n", "${cell('os.environ["OPENAI_API_KEY"] = "')}⟦{value}⟧${cell('"\n')}"]}]}\n`,
);
add(
  'notebook',
  'demo.ipynb',
  `{"cells": [{"cell_type": "code", "source": ["import getpass, os\\n", "${cell('os.environ["OPENAI_API_KEY"] = getpass.getpass()\n')}"]}]}\n`,
);
add(
  'notebook',
  'demo.ipynb',
  '{"cells": [{"cell_type": "code", "outputs": [{"text": ["OPENAI_API_KEY set: {sk}proj-****abcd\\n"]}], "source": ["import openai\\n"]}]}\n',
);

// 12. Base64 of text that says "OpenAI" holds the marker: not a key (HTTP recordings, images).
/** Base64 of prose that names OpenAI at a multiple of three bytes, so that its base64 holds the marker. */
const base64Prose = (lead: string): string => {
  const padded = lead + ' '.repeat((3 - (lead.length % 3)) % 3);
  const prose = `${padded}OpenAI Models (the chat and responses APIs), the agents SDK and the evals, with prose after it.`;
  return Buffer.from(prose).toString('base64');
};
const wrapped = base64Prose('Wiki pages you might want to explore, with the docs of each model linked below:\n- [')
  .match(/.{1,76}/g)
  ?.join('\n      ');
add('base64', 'cassette.yaml', `response:\n  body:\n    string: !!binary |\n      ${wrapped ?? ''}\n`);
add('base64', 'recording.json', `{ "response": { "body": "${base64Prose('See the section on models and on the [')}" } }\n`);
add('base64', 'cassette.yaml', `- response:\n    body:\n      data: ${base64Prose('Notes on the providers we support, first ')}\n`);

// 13. Other providers' keys are not OpenAI's.
for (const shape of ['anthropic', 'stripe', 'deepseek', 'langfuse', 'proj-unmarked']) {
  add('look-alike', 'keys.env', `OTHER_KEY={key:${shape}}\n`);
  add('look-alike', 'keys.py', `other = "{key:${shape}}"\n`);
}

// More of each category: the shapes a hidden corpus built from the issue would hold.
// Bearer headers to OpenAI in each language, and a bearer value handed to an OpenAI client.
add('bearer', 'call.js', "fetch('https://api.openai.com/v1/chat/completions', { headers: { Authorization: 'Bearer ⟦{value}⟧' } });\n");
add(
  'bearer',
  'call.ts',
  "await axios.post('https://api.openai.com/v1/embeddings', body, { headers: { Authorization: `Bearer ⟦{value}⟧` } });\n",
);
add(
  'bearer',
  'call.go',
  'package main\n\nreq, _ := http.NewRequest("POST", "https://api.openai.com/v1/chat/completions", body)\nreq.Header.Set("Authorization", "Bearer ⟦{value}⟧")\n',
);
add('bearer', 'call.py', 'r = httpx.get("https://api.openai.com/v1/models", headers={"Authorization": "Bearer ⟦{value}⟧"})\n');
add('bearer', 'call.rb', 'Faraday.new(url: "https://api.openai.com") do |f|\n  f.headers["Authorization"] = "Bearer ⟦{value}⟧"\nend\n');
add('bearer', 'client.py', 'from openai import OpenAI\nclient = OpenAI(default_headers={"Authorization": "Bearer ⟦{value}⟧"})\n');
add('bearer', 'test_http.py', 'import openai\nself.assertEqual(req.headers["Authorization"], "Bearer {value}")\n');
add('bearer', 'http.test.ts', "import OpenAI from 'openai';\nassert.strictEqual(headers.authorization, 'Bearer {value}');\n");
add(
  'bearer',
  'http.test.ts',
  "import OpenAI from 'openai';\nexpect(fetchMock).toHaveBeenCalledWith(url, expect.objectContaining({ headers: { Authorization: 'Bearer {value}' } }));\n",
);
add('bearer', 'check.py', '# openai\nif auth_header == "Bearer {value}":\n    allow()\n');
add(
  'bearer',
  'slack.py',
  'from openai import OpenAI\nrequests.post("https://slack.com/api/chat.postMessage", headers={"Authorization": "Bearer {value}"})\n',
);
add('bearer', 'docs.md', 'OpenAI: the `bearer` scheme, as in `Authorization: Bearer <token>`.\n');
add(
  'bearer',
  'cassette.yaml',
  'interactions:\n- request:\n    headers:\n      authorization:\n      - Bearer ⟦{value}⟧\n    uri: https://api.openai.com/v1/responses\n',
);
add(
  'bearer',
  'cassette.yaml',
  'interactions:\n- request:\n    headers:\n      authorization:\n      - Bearer REDACTED\n    uri: https://api.openai.com/v1/responses\n',
);

// Splits inside the marker, and more ways of joining.
add('split', 'key.js', "const apiKey = '⟦{key:proj@0:85}' + '{key:proj@85:}⟧';\n");
add('split', 'key.py', 'api_key = ("⟦{key:svcacct@0:72}"\n           "{key:svcacct@72:}⟧")\n');
add('split', 'key.py', 'openai.api_key = "⟦{key:legacy@0:26}" \\\n    "{key:legacy@26:}⟧"\n');
add('split', 'key.go', 'package main\n\nvar apiKey = "⟦{key:proj@0:40}" + "{key:proj@40:120}" +\n\t"{key:proj@120:}⟧"\n');
// Two constants in one template: the body alone is a key already (its prefix written elsewhere).
add('split', 'key.ts', "const a = '{key:legacy@0:3}';\nconst b = '⟦{key:legacy@3:}⟧';\nexport const key = `${a}${b}`;\n");
add('split', 'key.rb', 'API_KEY = "⟦{key:proj@0:30}" + "{key:proj@30:}⟧"\n');

// Escapes in Python strings too, and a whole escaped marker key.
add('escape', 'key.py', 'OPENAI_API_KEY = "⟦{key:proj@0:2}\\x2d{key:proj@3:7}\\x2d{key:proj@8:}⟧"\n');
add('escape', 'key.py', 'client = OpenAI(api_key="⟦\\u0073{key:legacy@1:}⟧")\n');
add('escape', 'key.json', '{ "env": { "OPENAI_API_KEY": "⟦{key:svcacct@0:2}\\u002D{key:svcacct@3:}⟧" } }\n');

// The value on the next line, more languages.
add('next-line', 'app.py', 'import openai\nopenai.api_key = \\\n    "⟦{value}⟧"\n');
add('next-line', 'config.json', '{\n  "openai": {\n    "apiKey":\n      "⟦{value}⟧"\n  }\n}\n');
add('next-line', 'main.go', 'package main\n\nclient := openai.NewClient(\n\t"⟦{value}⟧",\n)\n');
add('next-line', 'Program.cs', 'var client = new OpenAIClient(\n    new ApiKeyCredential(\n        "⟦{value}⟧"));\n');
add('next-line', 'App.java', 'OpenAIClient client = OpenAIOkHttpClient.builder()\n    .apiKey(\n        "⟦{value}⟧")\n    .build();\n');

// A binary file holds nothing else that is reported: no sink values, no unmarked keys.
cases.push({ category: 'binary', file: 'app.pyc', text: 'OPENAI_API_KEY=\u0000{value}\u0000openai', binary: true });
cases.push({ category: 'binary', file: 'lib.so', text: '\u0000{key:none}\u0000openai.api_key\u0000', binary: true });
cases.push({ category: 'binary', file: 'lib.so', text: '\u0000⟦{key:none-marked}⟧\u0000', binary: true });

// Redacted and masked keys, more spellings.
for (const value of [
  '{sk}proj-abc...xyz',
  '{sk}************************',
  '{sk}<redacted>',
  '{sk}REDACTED',
  '[REDACTED]',
  '{sk}proj-...XXXX',
  '{sk}abc123',
  '{sk}1234567890abcdef1234567890abcdef',
  '<OPENAI_API_KEY>',
  'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
]) {
  for (const offset of [1, 6]) {
    const [file, text] = sinkWith(value.length + offset, value);
    add('placeholder', file, text);
  }
}

// Env reads with and without a hard-coded fallback.
add('env-read', 'app.py', 'import os\nopenai_key = os.environ.get("OPENAI_API_KEY", "")\n');
add('env-read', 'app.py', 'import openai, os\nopenai.api_key = os.getenv("OPENAI_API_KEY") or "{sk}..."\n');
add('env-read', 'client.js', "const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY || 'your-api-key' });\n");
add('env-read', 'client.rb', 'OpenAI.configure { |c| c.access_token = ENV["OPENAI_API_KEY"] }\n');
add('env-read', 'app.py', 'import streamlit as st\nfrom openai import OpenAI\nclient = OpenAI(api_key=st.secrets["OPENAI_API_KEY"])\n');
add('env-read', 'colab.py', "from google.colab import userdata\nimport openai\nopenai.api_key = userdata.get('OPENAI_API_KEY')\n");
add('env-read', 'main.ts', "import OpenAI from 'openai';\nconst client = new OpenAI({ apiKey: Deno.env.get('OPENAI_API_KEY') });\n");
add('env-read', 'main.go', 'package main\n\nclient := openai.NewClient(viper.GetString("openai.api_key"))\n');
add('env-read', 'app.py', 'import os\nfrom openai import OpenAI\nclient = OpenAI(api_key=os.getenv("OPENAI_API_KEY", "⟦{value}⟧"))\n');
add('env-read', 'client.js', "const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY ?? '⟦{value}⟧' });\n");

// Docs: made-up keys of a tutorial are not keys; a real one is.
add('docs', 'README.md', '```bash\nexport OPENAI_API_KEY="{sk}abc123"\n```\n');
add('docs', 'README.md', '```python\nclient = OpenAI(api_key="{sk}proj-abc123...")\n```\n');
add('docs', 'docs.mdx', '```ts\nconst openai = new OpenAI({ apiKey: "{sk}..." });\n```\n');
add('docs', 'README.md', 'Your key looks like `{sk}proj-` followed by letters and digits; keep it out of git.\n');
add('docs', 'guide.md', '1. Copy `.env.example` to `.env`\n2. Set `OPENAI_API_KEY=⟦{key:svcacct}⟧`\n');

// Round two: more spellings of each category, judged on the first run (where core reports the
// body of a split key, its prefix written in another literal, that literal is the span: the
// two-constant template above, `[…].join('')`, f-strings, shell and PHP joins, C# verbatim strings).
const binaryCase = (file: string, text: string): void => {
  cases.push({ category: 'binary', file, text, binary: true });
};
// A notebook's source holds the escape escaped again (`\\u002d` in the JSON): found at its sink,
// as the sink's value (not decoded twice).
// fixtures
for (const v of [
  '{sk}1234567890abcdef',
  '{sk}fake_api_key_123456',
  '{sk}proj-test1234567890',
  'MyTestKey123',
  'TestApiKey2024',
  'abcdef1234567890',
  'deadbeefdeadbeefdeadbeefdeadbeef',
  '0123456789abcdef0123456789abcdef',
  'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
  '00000000000000000000000000000000',
  'test',
  'dummy',
  'fake',
  'openai-test-key-for-unit-tests-v2',
  'sk_test_key_2024_01_01',
]) {
  add('fixture', 'test_a.py', `from openai import OpenAI\nclient = OpenAI(api_key="${v}")\n`);
  add('fixture', 'a.test.ts', `import OpenAI from 'openai';\nconst client = new OpenAI({ apiKey: '${v}' });\n`);
  add('fixture', '.env.test', `OPENAI_API_KEY=${v}\n`);
  add('fixture', 'a_test.go', `package a\n\nclient := openai.NewClient("${v}")\n`);
}
// bearer
add('bearer', 'req.http', 'GET https://api.openai.com/v1/models\nAuthorization: Bearer ⟦{value}⟧\n');
add('bearer', 'sess.py', 'BASE = "https://api.openai.com/v1"\nsession.headers.update({"Authorization": "Bearer ⟦{value}⟧"})\n');
add('bearer', 'c.sh', "curl https://api.openai.com/v1/models -H 'Authorization: Bearer ⟦{value}⟧'\n");
add(
  'bearer',
  'local.py',
  'from openai import OpenAI\nrequests.get("http://localhost:8080/v1/models", headers={"Authorization": "Bearer {value}"})\n',
);
add(
  'bearer',
  'a_test.go',
  'package a\n\n// https://api.openai.com/v1\nassert.Equal(t, "Bearer {value}", req.Header.Get("Authorization"))\n',
);
add('bearer', 'a_spec.rb', '# https://api.openai.com\nexpect(headers).to include("Authorization" => "Bearer {value}")\n');
add('bearer', 'ATest.java', '// https://api.openai.com\nassertEquals("Bearer {value}", request.getHeader("Authorization"));\n');
add('bearer', 'ATests.cs', '// https://api.openai.com\nAssert.Equal("Bearer {value}", request.Headers.Authorization.ToString());\n');
add(
  'bearer',
  'test_m.py',
  'URL = "https://api.openai.com/v1/models"\nmock_get.assert_called_with(URL, headers={"Authorization": "Bearer {value}"})\n',
);
add(
  'bearer',
  'test_e.py',
  'BASE_URL = "https://api.openai.com/v1"\nexpected_headers = {\n    "Authorization": "Bearer {value}",\n    "Content-Type": "application/json",\n}\n',
);
add(
  'bearer',
  'e.test.ts',
  "const url = 'https://api.openai.com/v1/models';\nconst expectedHeaders = {\n  Authorization: 'Bearer {value}',\n};\n",
);
add(
  'bearer',
  'f.test.ts',
  "expect(fetch).toHaveBeenCalledWith('https://api.openai.com/v1/models', {\n  headers: {\n    Authorization: 'Bearer {value}',\n  },\n});\n",
);
add('bearer', 'g.test.js', "// api.openai.com\nassert.deepStrictEqual(init.headers, {\n  Authorization: 'Bearer {value}',\n});\n");
add('bearer', 'r.ts', '// openai\nconst re = /Bearer sk-[A-Za-z0-9]{20,}/;\n');
// comparisons
add('comparison', 'test_c.py', 'import openai\nself.assertEqual(client.api_key, "{value}")\n');
add('comparison', 'c.test.js', "// openai\nassert.equal(openai.apiKey, '{value}');\n");
add('comparison', 'c.test.ts', "import OpenAI from 'openai';\nexpect(config.apiKey).toEqual('{value}');\n");
add('comparison', 'c.go', 'package c\n\nif os.Getenv("OPENAI_API_KEY") != "{value}" {\n}\n');
add('comparison', 'c.py', 'import os\nif os.getenv("OPENAI_API_KEY") == "{value}":\n    pass\n');
add('comparison', 'c_spec.rb', 'require "openai"\nexpect(client.access_token).to eq("{value}")\n');
add('comparison', 'CTest.java', 'assertThat(config.getOpenAiApiKey()).isEqualTo("{value}");\n');
add('comparison', 'c.py', 'import openai\nassert "{value}" == openai.api_key\n');
add('comparison', 'c.js', "// openai\nif ('{value}' === process.env.OPENAI_API_KEY) {}\n");
// split
add('split', 's.py', 'key = "⟦{key:proj@0:3}" "{key:proj@3:}⟧"\n');
add('split', 's.js', "const k = ['{key:proj@0:20}', '⟦{key:proj@20:}⟧'].join('');\n");
add('split', 's.py', 'PREFIX = "{key:proj@0:8}"\nkey = f"⟦{PREFIX}{key:proj@8:}⟧"\n');
add('split', 's.sh', 'OPENAI_API_KEY="⟦{key:proj@0:30}""{key:proj@30:}⟧"\n');
add('split', 's.go', 'package s\n\nconst k = `⟦{key:proj@0:30}` + `{key:proj@30:}⟧`\n');
add('split', 'S.cs', 'var k = @"⟦{key:proj@0:30}" + @"{key:proj@30:}⟧";\n');
add('split', 's.php', "$k = '⟦{key:proj@0:30}' . '{key:proj@30:}⟧';\n");
add('split', 's.kt', 'val apiKey = "⟦{key:svcacct@0:30}" +\n    "{key:svcacct@30:}⟧"\n');
add('split', 's.ts', "const apiKey = '⟦{key:unmarked@0:20}' + '{key:unmarked@20:}⟧';\n");
add('split', 's.py', 'openai.api_key = "⟦{key:unmarked@0:3}" + "{key:unmarked@3:}⟧"\n');
// escapes
add(
  'escape',
  'e.ipynb',
  '{"cells": [{"cell_type": "code", "source": ["openai.api_key = \\"⟦{key:proj@0:2}\\\\u002d{key:proj@3:}⟧\\"\\n"]}]}\n',
  'K',
);
add('escape', 'e.js', 'const k = `⟦{key:proj@0:2}\\u002d{key:proj@3:}⟧`;\n');
add('escape', 'e.js', "const k = '⟦{key:proj@0:2}\\u{2d}{key:proj@3:}⟧';\n");
add('escape', 'e.js', "const k = '⟦{key:unmarked@0:2}\\u002d{key:unmarked@3:}⟧';\n");
add('escape', 'e.go', 'package e\n\nconst k = "⟦{key:proj@0:2}\\x2d{key:proj@3:}⟧"\n');
add('escape', 'e.rb', 'KEY = "⟦{key:proj@0:2}\\u002d{key:proj@3:}⟧"\n');
// next line
add('next-line', 'n.py', 'config = {\n    "openai_api_key":\n        "⟦{value}⟧",\n}\n');
add('next-line', 'n.kt', 'val openAiApiKey =\n    "⟦{value}⟧"\n');
add('next-line', 'n.ts', "import OpenAI from 'openai';\nconst openai = new OpenAI({ apiKey:\n  '⟦{value}⟧' });\n");
add('next-line', 'n.rb', 'OpenAI.configure do |config|\n  config.access_token =\n    "⟦{value}⟧"\nend\n');
// binary
binaryCase('app.dll', '\u0000' + '{key:proj}'.split('').join('\u0000') + '\u0000');
binaryCase('server', 'runtime.gopanic⟦{key:proj}⟧runtime.main.func1');
binaryCase('server', 'go.buildid⟦{key:legacy}⟧net/http.(*Client).Do');
binaryCase('app.class', '\u0001\u0000\u00a4⟦{key:svcacct}⟧\u0001\u0000\u0006<init>');
// placeholders
for (const v of [
  '{sk}proj-abc123def456',
  '{sk}…',
  '{sk}proj-AbCd...WxYz',
  '{sk}proj-[REDACTED]',
  '{sk}proj-ab**********************cd',
  '<AZURE_OPENAI_KEY>',
  '{sk}proj-<your-key>',
  '{sk}proj-YOUR_KEY_HERE',
  '{sk}XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
  '{sk}0000000000000000000000000000000000000000000000000',
]) {
  add('placeholder', 'p.py', `from openai import OpenAI\nclient = OpenAI(api_key="${v}")\n`);
  add('placeholder', '.env', `OPENAI_API_KEY=${v}\n`);
  add('placeholder', 'README.md', `\`\`\`bash\nexport OPENAI_API_KEY="${v}"\n\`\`\`\n`);
}
add('placeholder', 'log.txt', 'INFO using key sk-proj-****************************abcd for org\n');
// env reads
add('env-read', 'Makefile', 'OPENAI_API_KEY ?= $(shell cat .openai-key)\n');
add('env-read', '.env', 'OPENAI_API_KEY=$OPENAI_API_KEY\n');
add('env-read', 'Dockerfile', 'ARG OPENAI_API_KEY\nENV OPENAI_API_KEY=$OPENAI_API_KEY\n');
add(
  'env-read',
  'a.py',
  'import os, getpass\nos.environ["OPENAI_API_KEY"] = os.environ.get("OPENAI_API_KEY") or getpass.getpass("key: ")\n',
);
add(
  'env-read',
  'k.yaml',
  'env:\n  - name: OPENAI_API_KEY\n    valueFrom:\n      secretKeyRef:\n        name: openai\n        key: api-key\n',
);
add('env-read', 'c.yml', 'environment:\n  - OPENAI_API_KEY=${OPENAI_API_KEY:-}\n');
// docs
add('docs', 'README.md', '| key | value |\n|---|---|\n| OPENAI_API_KEY | `⟦{key:proj}⟧` |\n');
add('docs', 'README.md', 'OpenAI keys begin with `{sk}` (or `{sk}proj-` for project keys).\n');
add('docs', 'index.rst', '.. code-block:: bash\n\n   export OPENAI_API_KEY=⟦{key:legacy}⟧\n');
add('docs', 'index.html', '<pre><code>OPENAI_API_KEY={sk}...</code></pre>\n');
add('docs', 'index.html', '<pre><code>export OPENAI_API_KEY=⟦{key:proj}⟧</code></pre>\n');
// notebook outputs
add(
  'notebook',
  'o.ipynb',
  '{"cells": [{"cell_type": "code", "outputs": [{"name": "stdout", "text": ["⟦{key:proj}⟧\\n"]}], "source": ["print(openai.api_key)"]}]}\n',
);

// Round three (issue 9's known misses): YAML block scalars and heredocs, a notebook's escaped
// escapes, shell adjacency, PHP's `.`, C#'s `@"…"` and `$"…"`, Kotlin's, Swift's, Ruby's and PHP's
// substitutions, line continuations inside a literal.
add('next-line', 'ci.yml', 'env:\n  openai_api_key: >-\n    ⟦{value}⟧\n');
add('next-line', 'ci.yml', 'env:\n  OPENAI_API_KEY: |\n    ⟦{value}⟧\n');
add('next-line', 'ci.yml', 'env:\n  OPENAI_API_KEY: |-\n    ⟦{key:proj}⟧\n');
add('next-line', 'ci.yml', 'openai:\n  api_key: >\n    ⟦{value}⟧\n  model: gpt-4\n');
add('next-line', 'ci.yml', 'env:\n  OPENAI_API_KEY: >-\n    ${{ secrets.OPENAI_API_KEY }}\n');
add('next-line', 'ci.yml', 'env:\n  OPENAI_API_KEY: |\n    $OPENAI_API_KEY\n');
add('notebook', 'nb.ipynb', '{"cells":[{"source":["import os\\n","key = \\"⟦{key:legacy@0:2}\\\\u002d{key:legacy@3:}⟧\\"\\n"]}]}\n');
add('notebook', 'nb.ipynb', '{"cells":[{"source":["key = \\"⟦{key:unmarked@0:2}\\\\x2d{key:unmarked@3:}⟧\\"\\n"]}]}\n');
add('notebook', 'nb.ipynb', '{"cells":[{"source":["key = \\"⟦\\\\x73{key:legacy@1:26}\\" \\"{key:legacy@26:}⟧\\"\\n"]}]}\n');
add('split', 'run.sh', 'KEY="⟦{key:legacy@0:26}"\'{key:legacy@26:}⟧\'\n');
add('split', 'run.sh', 'A="{key:legacy@0:3}"\nKEY="⟦$A""{key:legacy@3:}⟧"\n');
add('split', 'run.sh', 'A="{key:proj@0:8}"\nexport OPENAI_API_KEY="⟦${A}{key:proj@8:}⟧"\n');
add('split', 'config.php', "<?php\n$key = '⟦{key:legacy@0:26}' . '{key:legacy@26:}⟧';\n");
add('split', 'config.php', '<?php\n$key = "⟦{key:unmarked@0:3}" .\n  "{key:unmarked@3:}⟧";\n');
add('split', 'Key.cs', 'var key = @"⟦{key:legacy@0:26}" + @"{key:legacy@26:}⟧";\n');
add('split', 'Key.cs', 'const string Prefix = "{key:legacy@0:3}";\nvar key = $"⟦{Prefix}{key:legacy@3:}⟧";\n');
add('split', 'Key.cs', 'var key = $"⟦{key:unmarked@0:3}" + $"{key:unmarked@3:}⟧";\n');
add('split', 'Key.kt', 'val key = "⟦{key:legacy@0:26}" +\n    "{key:legacy@26:}⟧"\n');
add('split', 'Key.kt', 'val prefix = "{key:proj@0:7}"\nval key = "⟦$prefix-{key:proj@8:}⟧"\n');
add('split', 'Key.kt', 'val prefix = "{key:legacy@0:3}"\nval key = "⟦${prefix}{key:legacy@3:}⟧"\n');
add('split', 'Key.swift', 'let key = "⟦{key:legacy@0:26}" +\n    "{key:legacy@26:}⟧"\n');
add('split', 'Key.swift', 'let prefix = "{key:legacy@0:3}"\nlet key = "⟦\\(prefix){key:legacy@3:}⟧"\n');
add('next-line', 'key.rb', 'KEY = <<~KEY.strip\n  ⟦{key:legacy}⟧\nKEY\n');
add('next-line', 'key.rb', 'client = OpenAI::Client.new(access_token: <<~TOKEN.chomp)\n  ⟦{value}⟧\nTOKEN\n');
add('split', 'key.rb', 'KEY = "⟦{key:legacy@0:26}\\\n{key:legacy@26:}⟧"\n');
add('split', 'key.rb', 'KEY = "⟦{key:legacy@0:26}" \\\n  "{key:legacy@26:}⟧"\n');
add('split', 'key.rb', 'prefix = "{key:svcacct@0:11}"\nKEY = "⟦#{prefix}{key:svcacct@11:}⟧"\n');
add('split', 'key.py', 'KEY = "⟦{key:legacy@0:26}\\\n{key:legacy@26:}⟧"\n');
add('split', 'run.sh', 'export OPENAI_API_KEY="⟦{key:legacy@0:26}\\\n{key:legacy@26:}⟧"\n');
add('split', 'config.php', '<?php\n$prefix = \'{key:proj@0:8}\';\n$key = "⟦{$prefix}{key:proj@8:}⟧";\n');
add('split', 'key.py', 'PREFIX = "{key:legacy@0:3}"\nkey = f"⟦{PREFIX}{key:legacy@3:}⟧"\n');
add('split', 'key.js', 'const a = "{key:legacy@0:3}";\nconst b = "$a{key:legacy@3:10}";\n');
add('split', 'key.py', 'x = "{key:proj@0:8}" if ok else "{key:proj@8:30}"\n');
add('next-line', 'ci.yml', 'env:\n  OPENAI_API_KEY: >-\n    set it in the repository secrets\n');
add('next-line', 'ci.yml', 'steps:\n  - run: |\n      {value}\n');
add('next-line', 'config.yaml', 'openai:\n  description: |\n    {value}\n');
add('next-line', 'config.yaml', 'openai:\n  api_key: |\n    <your-api-key>\n');
add('next-line', 'key.rb', 'client = OpenAI::Client.new(access_token: <<~TOKEN.strip)\n  your-access-token-here\nTOKEN\n');
add('next-line', 'key.rb', 'NOTE = <<~TEXT\n  {value}\nTEXT\n');
add('next-line', 'config.php', '<?php\n$openai_api_key = <<<KEY\n⟦{value}⟧\nKEY;\n');
add('notebook', 'nb.ipynb', '{"cells":[{"source":["key = \\"{sk}\\\\u002d...\\"\\n"]}]}\n');
add('notebook', 'nb.ipynb', '{"cells":[{"source":["hint = \\"\\\\x73k-proj-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\\"\\n"]}]}\n');
add('split', 'run.sh', 'export OPENAI_API_KEY="{sk}""$SUFFIX"\n');
add('split', 'config.php', "<?php\n$key = '{sk}proj-' . $suffix;\n");
add('split', 'Key.cs', 'var key = $"{Prefix}{key:legacy@3:10}";\n');
add('split', 'Key.kt', 'val hint = "$prefix..."\n');
add('split', 'key.js', "const shown = '{sk}proj-\\\n...';\n");
add('split', 'key.js', "const apiKey = '⟦{key:legacy@0:26}\\\n{key:legacy@26:}⟧';\n");
add('split', 'Key.swift', 'let label = "\\(name): {sk}..."\n');

// Round four (issue 9, widened): every category again in the languages the corpus had least of
// (Go, Ruby, shell, Markdown, PHP, C#, Java, Kotlin, Rust, YAML, TOML, Dockerfile, Terraform, notebooks).
// fixtures (negatives)
add('fixture', 'client_test.go', 'package openai\n\nfunc TestKey(t *testing.T) {\n\tt.Setenv("OPENAI_API_KEY", "test-key-2024")\n}\n');
add('fixture', 'client_test.go', 'package openai\n\nvar client = openai.NewClient(option.WithAPIKey("My API Key"))\n');
add('fixture', 'client_test.go', 'package openai\n\nclient := openai.NewClient(option.WithAPIKey("fixture-key-001"))\n');
add('fixture', 'spec/client_spec.rb', 'OpenAI::Client.new(api_key: "my_api_key_v2")\n');
add('fixture', 'test.sh', 'export OPENAI_API_KEY=ci-key-2024\n');
add('fixture', 'ClientTest.php', "<?php\n$client = OpenAI::client('test-token-42');\n");
add('fixture', 'ClientTests.cs', 'var client = new OpenAIClient(new ApiKeyCredential("sk-test-key-v3"));\n');
add('fixture', 'ClientTest.java', 'OpenAIClient client = OpenAIOkHttpClient.builder().apiKey("My API Key").build();\n');
add('fixture', 'ClientTest.kt', 'val client = OpenAIOkHttpClient.builder().apiKey("access_token1").build()\n');
add('fixture', 'main_test.rs', 'let client = Client::with_config(OpenAIConfig::new().with_api_key("test_key_2025"));\n');
add('fixture', 'test.yml', 'env:\n  OPENAI_API_KEY: dummy-key-123\n');
add('fixture', 'config.toml', '[openai]\napi_key = "fake-api-key-01"\n');
add('fixture', 'Dockerfile', 'ENV OPENAI_API_KEY=build-time-key-1\n');
add('fixture', 'main.tf', 'variable "openai_api_key" {\n  default = "changeme-2024"\n}\n');
add('fixture', 'test.ipynb', '{"cells":[{"source":["os.environ[\\"OPENAI_API_KEY\\"] = \\"notebook-key-7\\"\\n"]}]}\n');
add('fixture', 'README.md', '```bash\nexport OPENAI_API_KEY=my-secret-key-123\n```\n');
// random values in tests (positives)
add('random-value', 'client_test.go', 'package openai\n\nclient := openai.NewClient(option.WithAPIKey("⟦{run:40}⟧"))\n');
add('random-value', 'client_spec.rb', 'OpenAI::Client.new(access_token: "⟦{run:32}⟧")\n');
add('random-value', 'ClientTest.php', "<?php\n$client = OpenAI::client('⟦{run:48}⟧');\n");
add('random-value', 'ClientTests.cs', 'var client = new OpenAIClient(new ApiKeyCredential("⟦{run:44}⟧"));\n');
add('random-value', 'ClientTest.kt', 'val client = OpenAIOkHttpClient.builder().apiKey("⟦{run:36}⟧").build()\n');
add('random-value', 'main_test.rs', 'let config = OpenAIConfig::new().with_api_key("⟦{run:40}⟧");\n');
add('random-value', 'config.toml', '[openai]\napi_key = "⟦{b64:44}⟧"\n');
add('random-value', 'main.tf', 'resource "x" "y" {\n  openai_api_key = "⟦{run:40}⟧"\n}\n');
add('random-value', 'Dockerfile', 'ENV OPENAI_API_KEY=⟦{run:40}⟧\n');
add('random-value', 'test.sh', 'OPENAI_API_KEY=⟦{hex:32}⟧ pytest\n');
// azure 32-hex
add(
  'random-value',
  'azure_test.go',
  'package azure\n\nclient := azopenai.NewClientWithKeyCredential(endpoint, azcore.NewKeyCredential("⟦{value}⟧"), nil)\n',
);
add('random-value', 'AzureTests.cs', 'var client = new AzureOpenAIClient(new Uri(endpoint), new AzureKeyCredential("⟦{value}⟧"));\n');
add('random-value', 'azure.yaml', 'azure_openai:\n  api_key: ⟦{value}⟧\n  endpoint: https://x.openai.azure.com\n');
add('random-value', '.env', 'AZURE_OPENAI_API_KEY=⟦{value}⟧\n');
add(
  'random-value',
  'azure_spec.rb',
  'OpenAI::Client.new(access_token: "⟦{value}⟧", uri_base: "https://x.openai.azure.com/openai/deployments/gpt", api_type: :azure)\n',
);
add(
  'random-value',
  'az.tf',
  'resource "azurerm_linux_web_app" "app" {\n  app_settings = {\n    AZURE_OPENAI_API_KEY = "⟦{value}⟧"\n  }\n}\n',
);
// proxy keys
add('random-value', 'proxy.py', 'client = OpenAI(base_url="https://proxy.example.com/v1", api_key="⟦pk-{run:40}⟧")\n');
add(
  'random-value',
  'proxy.go',
  'package p\n\nc := openai.NewClient(option.WithBaseURL("http://litellm:4000"), option.WithAPIKey("⟦sk-litellm-{run:24}⟧"))\n',
);
// bearer
add(
  'bearer',
  'call.go',
  'package c\n\nreq, _ := http.NewRequest("GET", "https://api.openai.com/v1/models", nil)\nreq.Header.Set("Authorization", "Bearer ⟦{run:40}⟧")\n',
);
add(
  'bearer',
  'call.php',
  "<?php\n$ch = curl_init('https://api.openai.com/v1/models');\ncurl_setopt($ch, CURLOPT_HTTPHEADER, ['Authorization: Bearer ⟦{run:40}⟧']);\n",
);
add(
  'bearer',
  'Call.cs',
  'client.BaseAddress = new Uri("https://api.openai.com/");\nclient.DefaultRequestHeaders.Add("Authorization", "Bearer ⟦{run:40}⟧");\n',
);
add(
  'bearer',
  'Call.java',
  'HttpRequest.newBuilder(URI.create("https://api.openai.com/v1/models")).header("Authorization", "Bearer ⟦{run:40}⟧").build();\n',
);
add('bearer', 'call.rs', 'client.get("https://api.openai.com/v1/models").header("Authorization", "Bearer ⟦{run:40}⟧").send()\n');
add('bearer', 'README.md', '```sh\ncurl https://api.openai.com/v1/models \\\n  -H "Authorization: Bearer ⟦{run:40}⟧"\n```\n');
add(
  'bearer',
  'call.go',
  'package c\n\nreq, _ := http.NewRequest("GET", "https://api.notion.com/v1/pages", nil)\nreq.Header.Set("Authorization", "Bearer {run:40}")\n',
);
add(
  'bearer',
  'call_test.go',
  'package c\n\n// openai\nif got := r.Header.Get("Authorization"); got != "Bearer {run:40}" {\n\tt.Fatal(got)\n}\n',
);
add('bearer', 'call_spec.rb', '# openai\nexpect(headers["Authorization"]).to eq "Bearer {run:40}"\n');
add('bearer', 'CallTests.cs', '// openai\nAssert.Equal("Bearer {run:40}", request.Headers.Authorization.ToString());\n');
add('bearer', 'CallTest.java', '// openai\nassertEquals("Bearer {run:40}", request.header("Authorization"));\n');
add('bearer', 'call.sh', '# openai\ncurl -H "Authorization: Bearer {run:40}" https://api.github.com/user\n');
add('bearer', 'docs.md', 'OpenAI: pass the bearer token of your choice; bearer tokens expire.\n');
add('bearer', 'call.go', 'package c\n\n// openai\nvar bearerRe = regexp.MustCompile(`^Bearer [A-Za-z0-9]{40}$`)\n');
// comparisons vs assignment
add('comparison', 'c_test.go', 'package c\n\n// openai\nif cfg.APIKey != "{run:40}" {\n\tt.Fatal()\n}\n');
add('comparison', 'c_test.go', 'package c\n\n// openai\nassert.Equal(t, "{run:40}", client.Options.APIKey)\n');
add('comparison', 'c_spec.rb', 'require "openai"\nexpect(OpenAI.configuration.access_token).to eq("{run:40}")\n');
add('comparison', 'CTests.cs', '// openai\nAssert.AreEqual("{run:40}", options.ApiKey);\n');
add('comparison', 'c.php', "<?php\n// openai\nif ($config['openai_api_key'] === '{run:40}') {}\n");
add('comparison', 'CTest.kt', '// openai\nassertEquals("{run:40}", client.apiKey)\n');
add('comparison', 'c.rs', '// openai\nassert_eq!(config.api_key(), "{run:40}");\n');
add('comparison', 'c.sh', 'if [ "$OPENAI_API_KEY" = "{run:40}" ]; then echo same; fi\n');
add('comparison', 'c.sh', 'if [[ $OPENAI_API_KEY == "{run:40}" ]]; then echo same; fi\n');
add('comparison', 'c_test.go', 'package c\n\n// openai\ncfg.APIKey = "{run:40}"\n');
add('comparison', 'c.rs', 'let openai_api_key = "⟦{run:40}⟧";\n');
add('comparison', 'c.php', "<?php\n$config['openai_api_key'] = '⟦{run:40}⟧';\n");
// split
add('split', 'k.go', 'package k\n\nvar key = strings.Join([]string{"{key:legacy@0:26}", "{key:legacy@26:}"}, "")\n');
add('split', 'k.java', 'String key = "⟦{key:unmarked@0:3}"\n    + "{key:unmarked@3:}⟧";\n');
add('split', 'k.md', '```python\nkey = ("⟦{key:legacy@0:26}"\n       "{key:legacy@26:}⟧")\n```\n');
// escapes
add('escape', 'k.go', 'package k\n\nconst key = "⟦{key:legacy@0:2}\\u002d{key:legacy@3:}⟧"\n');
add('escape', 'K.java', 'String key = "⟦{key:unmarked@0:2}\\u002d{key:unmarked@3:}⟧";\n');
add('escape', 'K.cs', 'var key = "⟦{key:unmarked@0:2}\\x2d{key:unmarked@3:}⟧";\n');
add('escape', 'k.rs', 'let key = "⟦{key:unmarked@0:2}\\u{2d}{key:unmarked@3:}⟧";\n');
add('escape', 'k.rb', 'KEY = "⟦{key:unmarked@0:2}\\x2d{key:unmarked@3:}⟧"\n');
add('escape', 'k.php', '<?php\n$key = "⟦{key:unmarked@0:2}\\x2d{key:unmarked@3:}⟧";\n');
// next line
add('next-line', 'k.go', 'package k\n\nclient := openai.NewClient(\n\toption.WithAPIKey(\n\t\t"⟦{run:40}⟧",\n\t),\n)\n');
add('next-line', 'k.toml', '[openai]\napi_key = """\n⟦{run:40}⟧"""\n');
add('next-line', 'k.tf', 'resource "x" "y" {\n  openai_api_key = <<EOT\n⟦{run:40}⟧\nEOT\n}\n');
add('next-line', 'K.kt', 'val client = OpenAIOkHttpClient.builder()\n    .apiKey(\n        "⟦{run:40}⟧"\n    )\n    .build()\n');
add('next-line', 'K.cs', 'var client = new OpenAIClient(\n    new ApiKeyCredential(\n        "⟦{run:40}⟧"));\n');
add('next-line', 'k.php', "<?php\n$client = OpenAI::client(\n    '⟦{run:40}⟧'\n);\n");
add('next-line', 'docker-compose.yml', 'services:\n  app:\n    environment:\n      OPENAI_API_KEY: >-\n        ⟦{run:40}⟧\n');

// Round five (issue 9, widened again): sinks and fixtures per language and file kind (Dockerfile,
// Terraform, Kubernetes, GitHub Actions, TOML, INI, properties, appsettings, Semantic Kernel,
// LangChainGo, `||=`/`??=`), comparisons, fully escaped `sk-`, and negatives for what round three joins.
add('fixture', 'test_x.py', 'client = OpenAI(api_key="sk-test-1234")\n');
add('fixture', 'x_test.go', 'package x\n\nclient := openai.NewClient(option.WithAPIKey("sk-proj-test-key-1"))\n');
add('fixture', 'x.test.ts', "const client = new OpenAI({ apiKey: 'test-api-key-12345' });\n");
add('fixture', 'x.test.ts', "const client = new OpenAI({ apiKey: 'my-anthropic-key-v1' });\n");
add('fixture', 'x_spec.rb', 'OpenAI::Client.new(access_token: "token-2023-v2")\n');
add('fixture', 'XTest.java', 'OpenAIOkHttpClient.builder().apiKey("test-api-key-2024-01").build();\n');
add('fixture', 'x_test.py', 'monkeypatch.setenv("OPENAI_API_KEY", "sk-fake-key-for-testing-only")\n');
add('fixture', 'x_test.py', 'os.environ["OPENAI_API_KEY"] = "unit-test-openai-key-0001"\n');
add('fixture', 'x_test.py', 'os.environ["OPENAI_API_KEY"] = "testkey_abcdef_20240101"\n');
add('fixture', 'x.test.js', "process.env.OPENAI_API_KEY = 'openai-test-key-v1.2.3';\n");
add('fixture', '.env.example', 'OPENAI_API_KEY=sk-your-key-here-1234\n');
add('fixture', 'x_test.go', 'package x\n\nt.Setenv("OPENAI_API_KEY", "sk-1234567890abcdef")\n');
add('fixture', 'x.cs', 'var client = new OpenAIClient("my-key-123");\n');
add('fixture', 'x_test.py', 'client = OpenAI(api_key="abc-123-xyz-789")\n');
add('fixture', 'x_test.py', 'client = OpenAI(api_key="key_0123456789")\n');
add('fixture', 'x_test.py', 'client = OpenAI(api_key="fakeKey2025")\n');
add('fixture', 'x_test.py', 'client = OpenAI(api_key="test_sk_proj_20240601_v3")\n');
add('fixture', 'x_test.py', 'client = OpenAI(api_key="deadbeefdeadbeefdeadbeefdeadbeef")\n');
add('fixture', 'x_test.py', 'client = OpenAI(api_key="00000000-0000-0000-0000-000000000000")\n');
add('fixture', 'x_test.py', 'client = OpenAI(api_key="12345678-1234-1234-1234-123456789012")\n');
add('random-value', 'x_test.py', 'client = OpenAI(api_key="⟦{run:24}⟧")\n');
add('random-value', 'x_test.py', 'client = OpenAI(api_key="⟦{hex:40}⟧")\n');
add('random-value', 'x_test.py', 'client = OpenAI(api_key="⟦{b64:32}==⟧")\n');
add('random-value', 'x.test.ts', "const client = new OpenAI({ apiKey: '⟦{run:20}⟧' });\n");
add('random-value', 'x_test.py', 'client = AzureOpenAI(api_key="⟦{value}⟧", azure_endpoint="https://x.openai.azure.com")\n');
add('random-value', 'x.test.ts', "const c = new AzureOpenAI({ apiKey: '⟦{value}⟧', endpoint: 'https://x.openai.azure.com' });\n");
add('random-value', 'x_test.py', 'llm = ChatOpenAI(openai_api_key="⟦{run:30}⟧")\n');
add('random-value', 'x.test.ts', "const llm = new ChatOpenAI({ openAIApiKey: '⟦{run:30}⟧' });\n");
add('random-value', 'x.test.ts', "const openai = createOpenAI({ apiKey: '⟦{run:30}⟧' });\n");
add('random-value', 'x_test.py', 'Settings.llm = OpenAI(model="gpt-4", api_key="⟦{run:30}⟧")\n');
add('bearer', 'x.py', 'requests.post("https://api.openai.com/v1/chat/completions", headers={"Authorization": "Bearer ⟦{run:40}⟧"})\n');
add(
  'bearer',
  'x.py',
  'headers = {"Authorization": "Bearer ⟦{run:40}⟧"}\nrequests.post("https://api.openai.com/v1/chat/completions", headers=headers)\n',
);
add(
  'bearer',
  'x.sh',
  'curl -s https://api.openai.com/v1/responses \\\n  -H "Content-Type: application/json" \\\n  -H "Authorization: Bearer ⟦{run:40}⟧" \\\n  -d \'{}\'\n',
);
add('bearer', 'x.http', 'POST https://api.openai.com/v1/chat/completions\nAuthorization: Bearer ⟦{run:40}⟧\n');
add('bearer', 'x.py', '# openai\nassert resp.request.headers["Authorization"] == f"Bearer {run:40}"\n');
add('bearer', 'x.test.ts', "// openai\nexpect(req.headers.get('authorization')).toEqual('Bearer {run:40}');\n");
add('bearer', 'x.py', 'requests.get("https://api.github.com/user", headers={"Authorization": "Bearer {run:40}"})  # openai\n');
add('bearer', 'x.py', '# openai\npattern = re.compile(r"Bearer [A-Za-z0-9]{40}")\n');
add('bearer', 'x.py', '# openai\ntoken_type = "bearer"\n');
add('bearer', 'x.sh', '# openai\ncurl -H "Authorization: Bearer {run:40}" http://localhost:8080/v1/models\n');
add('comparison', 'x.py', 'import openai\nif openai.api_key != "{run:40}":\n    pass\n');
add('comparison', 'x.test.ts', "import OpenAI from 'openai';\nexpect(client.apiKey).toBe('{run:40}');\n");
add('comparison', 'x.test.ts', "import OpenAI from 'openai';\nassert.strictEqual(client.apiKey, '{run:40}');\n");
add('comparison', 'x_test.py', 'from openai import OpenAI\nassert client.api_key == "{run:40}"\n');
add('comparison', 'x_test.py', 'from openai import OpenAI\nself.assertEqual("{run:40}", client.api_key)\n');
add('comparison', 'x_test.go', 'package x\n\n// openai\nrequire.Equal(t, "{run:40}", os.Getenv("OPENAI_API_KEY"))\n');
add('comparison', 'x.js', "if (process.env.OPENAI_API_KEY === '{run:40}') {}\n");
add('comparison', 'x.js', "if (process.env.OPENAI_API_KEY == '{run:40}') {}\n");
add('comparison', 'x.py', 'if os.environ["OPENAI_API_KEY"] == "{run:40}":\n    pass\n');
add('comparison', 'x_spec.rb', 'expect(ENV["OPENAI_API_KEY"]).to eq("{run:40}")\n');
add('comparison', 'x.py', 'openai_api_key: str = "⟦{run:40}⟧"\n');
add('split', 'x.py', 'key = "⟦{key:unmarked@0:10}" + \\\n    "{key:unmarked@10:}⟧"\n');
add('split', 'x.ts', "const key = [\n  '{key:unmarked@0:10}',\n  '{key:unmarked@10:}',\n].join('');\n");
add('split', 'x.py', 'key = "".join(["{key:legacy@0:26}", "{key:legacy@26:}"])\n');
add('split', 'x.md', 'Set `OPENAI_API_KEY` to `{key:legacy@0:26}` followed by `{key:legacy@26:}`.\n');
add('escape', 'x.json', '{"k": "⟦{key:unmarked@0:2}\\u002D{key:unmarked@3:}⟧"}\n');
add('escape', 'x.py', 'key = "⟦\\x73\\x6b\\x2d{key:unmarked@3:}⟧"\n');
add('escape', 'x.js', "const k = '⟦\\u0073\\u006b\\u002d{key:unmarked@3:}⟧';\n");
add('random-value', 'Dockerfile', 'ARG OPENAI_API_KEY=⟦{run:40}⟧\n');
add('random-value', 'Dockerfile', 'ENV OPENAI_API_KEY ⟦{run:40}⟧\n');
add('random-value', 'Dockerfile', 'ENV OPENAI_API_KEY="⟦{run:40}⟧" MODEL=gpt-4o\n');
add('random-value', 'Dockerfile', 'RUN OPENAI_API_KEY=⟦{run:40}⟧ python build.py\n');
add('random-value', 'Dockerfile', 'ARG OPENAI_API_KEY\nRUN --mount=type=secret,id=openai_key cat /run/secrets/openai_key\n');
add('random-value', 'docker-compose.yml', 'services:\n  app:\n    environment:\n      - OPENAI_API_KEY=⟦{run:40}⟧\n');
add('random-value', 'docker-compose.yml', 'services:\n  app:\n    environment:\n      - OPENAI_API_KEY=${OPENAI_API_KEY}\n');
add('random-value', 'main.tf', 'resource "kubernetes_secret" "openai" {\n  data = {\n    OPENAI_API_KEY = "⟦{run:40}⟧"\n  }\n}\n');
add('random-value', 'main.tf', 'variable "openai_api_key" {\n  type      = string\n  sensitive = true\n}\n');
add('random-value', 'terraform.tfvars', 'openai_api_key = "⟦{run:40}⟧"\n');
add(
  'random-value',
  'main.tf',
  'resource "aws_ssm_parameter" "openai" {\n  name  = "/app/openai_api_key"\n  value = var.openai_api_key\n}\n',
);
add('random-value', 'secret.yaml', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: openai\nstringData:\n  OPENAI_API_KEY: ⟦{run:40}⟧\n');
add('random-value', 'ci.yml', 'jobs:\n  t:\n    env:\n      OPENAI_API_KEY: ${{ secrets.OPENAI_API_KEY }}\n');
add('random-value', 'ci.yml', 'jobs:\n  t:\n    steps:\n      - run: OPENAI_API_KEY=⟦{run:40}⟧ npm test\n');
add('random-value', 'pyproject.toml', '[tool.pytest.ini_options]\nenv = ["OPENAI_API_KEY=⟦{run:40}⟧"]\n');
add('random-value', 'config.toml', '[llm]\nprovider = "openai"\napi_key = "⟦{run:40}⟧"\n');
add('random-value', 'config.toml', '[llm.openai]\nkey = "⟦{run:40}⟧"\n');
add('random-value', 'setup.cfg', '[openai]\napi_key = ⟦{run:40}⟧\n');
add('random-value', 'application.properties', 'spring.ai.openai.api-key=⟦{run:40}⟧\n');
add('random-value', 'application.yml', 'spring:\n  ai:\n    openai:\n      api-key: ⟦{run:40}⟧\n');
add('random-value', 'application.yml', 'spring:\n  ai:\n    openai:\n      api-key: ${OPENAI_API_KEY}\n');
add('random-value', 'appsettings.json', '{\n  "OpenAI": {\n    "ApiKey": "⟦{run:40}⟧"\n  }\n}\n');
add(
  'random-value',
  'appsettings.json',
  '{\n  "AzureOpenAI": {\n    "Endpoint": "https://x.openai.azure.com/",\n    "ApiKey": "⟦{value}⟧"\n  }\n}\n',
);
add('random-value', 'Program.cs', 'builder.AddOpenAIChatCompletion("gpt-4o", "⟦{run:40}⟧");\n');
add('random-value', 'Program.cs', 'builder.AddAzureOpenAIChatCompletion("gpt-4o", "https://x.openai.azure.com/", "⟦{value}⟧");\n');
add(
  'random-value',
  'Program.cs',
  'var kernel = Kernel.CreateBuilder().AddOpenAIChatCompletion(modelId: "gpt-4o", apiKey: "⟦{run:40}⟧").Build();\n',
);
add('random-value', 'App.java', 'OpenAiService service = new OpenAiService("⟦{run:40}⟧");\n');
add('random-value', 'App.java', 'OpenAiChatModel model = OpenAiChatModel.builder().apiKey("⟦{run:40}⟧").modelName("gpt-4o").build();\n');
add('random-value', 'App.java', 'OpenAiChatModel model = OpenAiChatModel.builder().apiKey(System.getenv("OPENAI_API_KEY")).build();\n');
add('random-value', 'App.java', 'OpenAiChatModel model = OpenAiChatModel.builder().apiKey("demo").build();\n');
add(
  'random-value',
  'main.go',
  'package main\n\nconfig := openai.DefaultConfig("⟦{run:40}⟧")\nconfig.BaseURL = "http://localhost:8080/v1"\n',
);
add('random-value', 'main.go', 'package main\n\nllm, _ := openai.New(openai.WithToken("⟦{run:40}⟧"))\n');
add('random-value', 'main.go', 'package main\n\nclient := openai.NewClient(os.Getenv("OPENAI_API_KEY"))\n');
add('random-value', 'main.rs', 'let client = Client::with_config(OpenAIConfig::new().with_api_key("⟦{run:40}⟧"));\n');
add('random-value', 'main.rs', 'std::env::set_var("OPENAI_API_KEY", "⟦{run:40}⟧");\n');
add('random-value', 'app.php', "<?php\n$client = OpenAI::factory()->withApiKey('⟦{run:40}⟧')->make();\n");
add('random-value', 'app.php', "<?php\nputenv('OPENAI_API_KEY=⟦{run:40}⟧');\n");
add('random-value', '.env', 'OPENAI_API_KEY=⟦{run:40}⟧\nOPENAI_ORGANIZATION=org-{run:24}\n');
add('random-value', 'app.rb', 'OpenAI.configure do |config|\n  config.access_token = "⟦{run:40}⟧"\nend\n');
add('random-value', 'app.rb', 'client = OpenAI::Client.new(access_token: ENV.fetch("OPENAI_API_KEY"))\n');
add('random-value', 'app.rb', 'ENV["OPENAI_API_KEY"] = "⟦{run:40}⟧"\n');
add('random-value', 'app.rb', 'ENV["OPENAI_API_KEY"] ||= "⟦{run:40}⟧"\n');
add('random-value', 'run.sh', 'OPENAI_API_KEY=⟦{run:40}⟧ \\\n  python app.py\n');
add('random-value', 'run.ps1', '$env:OPENAI_API_KEY = "⟦{run:40}⟧"\n');
add('random-value', 'run.bat', 'set OPENAI_API_KEY=⟦{run:40}⟧\n');
add('random-value', 'run.fish', 'set -x OPENAI_API_KEY ⟦{run:40}⟧\n');
add('random-value', 'run.sh', 'read -s OPENAI_API_KEY\nexport OPENAI_API_KEY\n');
add('docs', 'README.md', 'Run:\n\n```\nOPENAI_API_KEY=⟦{run:40}⟧ npm start\n```\n');
add('docs', 'README.md', 'Set `OPENAI_API_KEY=<your key>` in `.env`.\n');
add('docs', 'README.md', '```python\nopenai.api_key = "⟦{run:40}⟧"\n```\n');
add('docs', 'README.md', '```python\nopenai.api_key = "YOUR_API_KEY"\n```\n');
add('notebook', 'x.ipynb', '{"cells":[{"cell_type":"code","source":["%env OPENAI_API_KEY=⟦{run:40}⟧"]}]}\n');
add('notebook', 'x.ipynb', '{"cells":[{"cell_type":"code","source":["!export OPENAI_API_KEY=⟦{run:40}⟧"]}]}\n');
add('notebook', 'x.ipynb', '{"cells":[{"cell_type":"code","source":["openai.api_key = \\"⟦{run:40}⟧\\"\\n"]}]}\n');
add('notebook', 'x.ipynb', '{"cells":[{"cell_type":"code","source":["client = OpenAI(\\n","    api_key=\\"⟦{run:40}⟧\\",\\n",")"]}]}\n');
add('notebook', 'x.ipynb', '{"cells":[{"cell_type":"code","source":["os.environ[\\"OPENAI_API_KEY\\"] = getpass()"]}]}\n');
add('random-value', 'App.kt', 'val openAI = OpenAI(token = "⟦{run:40}⟧")\n');
add('random-value', 'App.kt', 'val openAI = OpenAI(OpenAIConfig(token = "⟦{run:40}⟧"))\n');
add('random-value', 'App.swift', 'let openAI = OpenAI(apiToken: "⟦{run:40}⟧")\n');
add('random-value', 'main.dart', 'OpenAI.apiKey = "⟦{run:40}⟧";\n');
add('random-value', 'config.exs', 'config :openai, api_key: "⟦{run:40}⟧"\n');
add('random-value', 'app.py', 'llm = OpenAI(openai_api_key="⟦{run:40}⟧", temperature=0)\n');
add('random-value', 'app.py', 'embed = OpenAIEmbeddings(api_key="⟦{run:40}⟧")\n');
add('random-value', 'app.py', 'model = OpenAIModel("gpt-4o", provider=OpenAIProvider(api_key="⟦{run:40}⟧"))\n');
add('random-value', 'app.py', 'client = AsyncOpenAI(api_key="⟦{run:40}⟧")\n');
add('random-value', 'app.py', 'client = instructor.from_openai(OpenAI(api_key="⟦{run:40}⟧"))\n');
add(
  'random-value',
  'app.js',
  "import { Configuration, OpenAIApi } from 'openai';\nconst configuration = new Configuration({ apiKey: '⟦{run:40}⟧' });\n",
);
add('random-value', 'app.ts', "const openai = createOpenAI({ apiKey: process.env.OPENAI_API_KEY ?? '' });\n");
add('random-value', 'app.ts', 'const openai = new OpenAI({ apiKey: import.meta.env.VITE_OPENAI_API_KEY });\n');
add('random-value', 'app.ts', "const openai = new OpenAI({ apiKey: '⟦{run:40}⟧', dangerouslyAllowBrowser: true });\n");
add('placeholder', 'x.yml', 'openai:\n  api_key: |\n    -----BEGIN ENCRYPTED-----\n');
add('placeholder', 'x.yml', 'OPENAI_API_KEY: >\n  ${OPENAI_API_KEY}\n');
add('placeholder', 'x.yml', 'OPENAI_API_KEY: |\n  {{ .Values.openai.key }}\n');
add('placeholder', 'x.yml', 'openai_api_key: |-\n  ENC[AES256_GCM,data:{b64:40},type:str]\n');
add('placeholder', 'x.yml', 'openai_api_key: |\n  vault:secret/data/openai#key\n');
add('placeholder', 'x.rb', 'OPENAI_API_KEY = <<~KEY.strip\n  #{ENV["OPENAI_API_KEY"]}\nKEY\n');
add('placeholder', 'x.rb', 'prompt = <<~PROMPT\n  {run:40}\nPROMPT\n# openai\n');
add('placeholder', 'x.py', 'OPENAI_API_KEY = """\nplease set your key\n"""\n');
add('placeholder', 'x.sh', 'A="{sk}"\nB="$A""proj-..."\n');
add('placeholder', 'x.sh', 'echo "{sk}""$(cat key.txt)"\n');
add('placeholder', 'x.php', "<?php\n$k = 'sk-' . 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx';\n");
add('placeholder', 'x.cs', 'var k = $"{sk}{Environment.GetEnvironmentVariable("OPENAI_KEY_SUFFIX")}";\n');
add('placeholder', 'x.kt', 'val k = "{sk}${System.getenv("SUFFIX")}"\n');
add('placeholder', 'x.swift', 'let k = "{sk}\\(suffix)"\n');
add('placeholder', 'x.py', 'k = f"{sk}{suffix}"\n');
add('placeholder', 'x.js', "const s = 'price: $' + '{run:30}';\n");
add('placeholder', 'x.py', 'print("a" "b" "{run:30}")\n');
add('split', 'x.json', '{"a": "{sk}", "b": "⟦{key:legacy@3:}⟧"}\n');
add('placeholder', 'x.py', 'x = ["{key:legacy@0:26}", "{key:legacy@26:}"]\n');
add('placeholder', 'x.md', '`{key:legacy@0:26}` and `{key:legacy@26:}`\n');
add('placeholder', 'x.go', 'package x\n\nfmt.Println("{key:legacy@0:26}", "{key:legacy@26:}")\n');

export const LABELLED_CORPUS: readonly LabelledCase[] = cases;
