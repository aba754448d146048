/**
 * The realistic corpus: grouped by file type, each case a file name, a template and the
 * findings it must give (see utils/corpus.ts for the template language). Positives first in
 * each group, then look-alikes that must stay silent.
 */
import { type CorpusCase, notebook } from './utils/corpus';

const c = (file: string, text: string, want?: string): CorpusCase => (want === undefined ? { file, text } : { file, text, want });

export const CORPUS: Record<string, CorpusCase[]> = {
  python: [
    c('app.py', 'import openai\n\nopenai.api_key = "{key:proj}"\n'),
    c('app.py', 'from openai import OpenAI\n\nclient = OpenAI(api_key="{value}")\n'),
    c('app.py', 'client = OpenAI(\n    api_key="{key:svcacct}",\n    organization="org-abc",\n)\n'),
    c('app.py', 'import os\nos.environ["OPENAI_API_KEY"] = "{value}"\n'),
    c('app.py', "os.environ['OPENAI_API_KEY'] = '{key:legacy}'\n"),
    c('app.py', 'os.environ.setdefault("OPENAI_API_KEY", "{value}")\n'),
    c('settings.py', 'OPENAI_API_KEY = "{value}"\n'),
    c('chain.py', 'llm = ChatOpenAI(model="gpt-4o", temperature=0, openai_api_key="{value}")\n'),
    c('embed.py', "embeddings = OpenAIEmbeddings(openai_api_key='{value}')\n"),
    c(
      'azure.py',
      'client = AzureOpenAI(\n    api_key="{value}",\n    api_version="2024-02-01",\n    azure_endpoint="https://x.openai.azure.com",\n)\n',
    ),
    c('index.py', 'from llama_index.llms.openai import OpenAI\nllm = OpenAI(model="gpt-3.5-turbo", api_key="{value}")\n'),
    c('config.py', 'openai_key: str = "{value}"\n'),
    c('call.py', 'headers = {"Authorization": f"Bearer {key:proj}"}\n'),
    c('raw.py', 'client = openai.OpenAI(api_key=r"{value}")\n'),
    c('settings.py', 'settings = {"openai_api_key": "{value}", "model": "gpt-4o"}\n'),
    c('async.py', 'client = AsyncOpenAI(api_key="{key:proj-short}")\n'),
    c('keys.py', 'KEYS = ["{key:legacy}", "{key:none}"]\n'),
    c('old.py', 'openai.api_key = "{key:unmarked}"\n'),
    c('named.py', 'OPENAI_API_KEY = "{key:named}"\n'),
    c('b64.py', "API_KEY = '{key:legacy-b64url}'\n"),
    c('literal.py', "import openai\nopenai.api_key = '{value}'\n"),
    // Words and a counter are a fixture, not a credential (issue 9: measured on SDK test suites).
    c('literal.py', "import openai\nopenai.api_key = '«my-hardcoded-key-123»'\n", '-'), // keyguard-ignore: the test's own planted value
    c('app.py', 'openai.api_key = os.getenv("OPENAI_API_KEY")\n'),
    c('app.py', 'openai.api_key = os.environ.get("OPENAI_API_KEY")\n'),
    c('app.py', 'client = OpenAI(api_key=os.environ["OPENAI_API_KEY"])\n'),
    c('app.py', 'client = OpenAI(api_key=settings.openai_api_key)\n'),
    c('app.py', 'client = OpenAI(api_key=api_key)\n'),
    c('app.py', 'client = OpenAI(api_key="{sk}...")\n'),
    c('app.py', 'client = OpenAI(api_key="YOUR_API_KEY")\n'),
    c('app.py', 'client = OpenAI(api_key="<your key>")\n'),
    c('app.py', 'openai.api_key = "{sk}xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"\n'),
    c('app.py', 'OPENAI_API_KEY = None\n'),
    c('app.py', 'OPENAI_API_KEY = ""\n'),
    c('app.py', '# Set OPENAI_API_KEY in your environment before running this script.\n'),
    c(
      'errors.py',
      'class OpenAIKeyError(Exception):\n    pass\n\ndef get_openai_api_key() -> str:\n    return os.environ["OPENAI_API_KEY"]\n',
    ),
    c('app.py', 'openai.api_key_path = "/etc/openai/key"\n'),
    c('check.py', 'if api_key == "{value}":\n    print("match")\n', '-'),
    c('check.py', 'if openai.api_key == "{value}":\n    raise SystemExit\n', '-'),
    c('plain.py', 'import openai\napi_key = "{value}"\n', '-'),
    c('app.py', 'openai.api_key = f"{prefix}{suffix}"\n'),
    c('app.py', 'openai.api_key = os.environ["OPENAI_API_KEY"]  # never hard-code it\n'),
    c('test_app.py', 'monkeypatch.setenv("OPENAI_API_KEY", "{sk}test-1234")\n'),
    c('app.py', 'client = OpenAI(api_key="{sk}proj-****abcd")\n'),
    c('anthropic.py', 'client = anthropic.Anthropic(api_key="{key:anthropic}")\n'),
    c('router.py', 'client = OpenAI(base_url="https://openrouter.ai/api/v1", api_key="{key:openrouter}")\n', 'A'),
    c('deepseek.py', 'client = OpenAI(api_key="{key:deepseek}", base_url="https://api.deepseek.com")\n', 'A'),
    c('deepseek.py', 'DEEPSEEK_KEY = "{key:deepseek}"\n'),
  ],

  notebook: [
    c('tutorial.ipynb', notebook('import openai\n', 'openai.api_key = "{key:proj}"\n')),
    c('tutorial.ipynb', notebook('import os\n', 'os.environ["OPENAI_API_KEY"] = "{value}"\n')),
    c('tutorial.ipynb', notebook('client = OpenAI(api_key="{value}")')),
    c('tutorial.ipynb', notebook('%env OPENAI_API_KEY={value}\n')),
    c('tutorial.ipynb', notebook("openai.api_key = '{key:legacy}'")),
    c('tutorial.ipynb', notebook('!export OPENAI_API_KEY={key:svcacct}\n')),
    c('tutorial.ipynb', notebook('llm = ChatOpenAI(openai_api_key="{value}")\n')),
    c('tutorial.ipynb', notebook('openai.api_key = os.getenv("OPENAI_API_KEY")\n')),
    c('tutorial.ipynb', notebook('openai.api_key = "{sk}..."\n')),
    c('tutorial.ipynb', notebook('os.environ["OPENAI_API_KEY"] = "YOUR_OPENAI_API_KEY"\n')),
    c('tutorial.ipynb', notebook('from getpass import getpass\n', 'os.environ["OPENAI_API_KEY"] = getpass("OpenAI key: ")\n')),
  ],

  javascript: [
    c('index.js', 'const openai = new OpenAI({ apiKey: "{key:proj}" });\n'),
    c('index.js', "const openai = new OpenAI({\n  apiKey: '{value}',\n  organization: 'org-abc',\n});\n"),
    c('legacy.js', 'const configuration = new Configuration({ apiKey: "{value}" });\nconst openai = new OpenAIApi(configuration);\n'),
    c('config.mjs', 'export const OPENAI_API_KEY = "{value}";\n'),
    c('setup.cjs', "process.env.OPENAI_API_KEY = '{value}';\n"),
    c('ai.mjs', "import { createOpenAI } from '@ai-sdk/openai';\nconst openai = createOpenAI({ apiKey: '{value}' });\n"),
    c('chain.js', 'const model = new ChatOpenAI({ openAIApiKey: "{value}", temperature: 0 });\n'),
    c('fetch.js', 'fetch(url, { headers: { Authorization: `Bearer {key:proj}` } });\n'),
    c('bundle.min.js', 'var a=new OpenAI({apiKey:"{key:proj}",dangerouslyAllowBrowser:!0});var b=1;'),
    c('bundle.min.js', 'function f(){return new r.OpenAI({apiKey:"{value}"})}'),
    c('bundle.min.js', 'const k="{key:legacy}",u="https://api.openai.com/v1";'),
    c('const.js', "const OPENAI_KEY = '{value}'\n"),
    c('index.js', 'const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });\n'),
    c('index.js', 'const key = process.env.OPENAI_API_KEY || "";\n'),
    c('index.js', 'if (apiKey === "{sk}...") throw new Error("set OPENAI_API_KEY");\n'),
    c('index.js', 'openai.apiKey = config.openaiKey;\n'),
    c('index.js', "const openai = new OpenAI({ apiKey: 'your-api-key-here' });\n"),
    c('index.js', 'const { OPENAI_API_KEY } = process.env;\n'),
    c('index.js', "const apiKey = 'sk-' + suffix;\n"),
    c('index.js', 'const classes = "sk-button sk-primary desk-lamp";\n'),
  ],

  typescript: [
    c('client.ts', 'const openaiApiKey: string = "{value}";\n'),
    c('client.ts', 'export const openai = new OpenAI({ apiKey: "{key:admin}" });\n'),
    c('App.tsx', 'const client = useMemo(() => new OpenAI({ apiKey: "{value}", dangerouslyAllowBrowser: true }), []);\n'),
    c('Widget.jsx', 'export default () => <ChatWidget apiKey="{key:proj}" />;\n'),
    c('Widget.jsx', 'export default () => <ChatWidget openaiApiKey="{value}" />;\n'),
    c('Chat.vue', "<script setup>\nconst openai = new OpenAI({ apiKey: '{value}', dangerouslyAllowBrowser: true })\n</script>\n"),
    c('Chat.svelte', '<script>\n  const OPENAI_API_KEY = "{key:proj}";\n</script>\n'),
    c('client.ts', 'const client = new OpenAI({ apiKey: import.meta.env.VITE_OPENAI_API_KEY, dangerouslyAllowBrowser: true });\n'),
    c('client.ts', 'const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY! });\n'),
    c('types.ts', 'interface Settings {\n  openaiApiKey: string;\n  apiKey?: string;\n}\ntype OpenAIKey = string;\n'),
    c('types.ts', 'export function hasOpenAIKey(env: Env): boolean {\n  return Boolean(env.OPENAI_API_KEY);\n}\n'),
    c('Chat.vue', '<template><button class="sk-button">Ask</button></template>\n'),
    c('env.d.ts', 'interface ImportMetaEnv {\n  readonly VITE_OPENAI_API_KEY: string\n}\n'),
  ],

  env: [
    c('.env', 'OPENAI_API_KEY={key:proj}\n'),
    c('.env', 'OPENAI_API_KEY="{value}"\n'),
    c('.env', 'OPENAI_API_KEY={value}\n'),
    c('.env', "OPENAI_API_KEY='{value}' # prod\n"),
    c('.env.local', 'AZURE_OPENAI_API_KEY={value}\nAZURE_OPENAI_ENDPOINT=https://x.openai.azure.com\n'),
    c('.env.local', 'OPENAI_KEY={value}\n'),
    c('.env.production', 'VITE_OPENAI_API_KEY={value}\nNEXT_PUBLIC_OPENAI_API_KEY={key:legacy}\n'),
    c('.env', 'OPENAI_API_KEY={key:none}\n'),
    c('.env', 'OpenAI__ApiKey={value}\n'),
    c('.env.example', 'OPENAI_API_KEY={sk}...\n'),
    c('.env.example', 'OPENAI_API_KEY=your_openai_api_key\n'),
    c('.env.example', 'OPENAI_API_KEY=\n'),
    c('.env.example', 'OPENAI_API_KEY=<your-key>\n'),
    c('.env.example', 'OPENAI_API_KEY={sk}proj-xxxxxxxx\n'),
    c('.env.example', 'OPENAI_API_KEY="{sk}your-key-here"\n'),
    c('.env', 'OPENAI_API_BASE=https://api.openai.com/v1\nOPENAI_MODEL=gpt-4o\nOPENAI_ORG_ID=org-abc123def456\n'),
    c('.env', 'OPENAI_API_KEY=${OPENAI_API_KEY}\n'),
    c('.env', 'OPENAI_API_KEY_FILE=/run/secrets/openai_api_key\n'),
    c('.env', 'ANTHROPIC_API_KEY={key:anthropic}\nSTRIPE_SECRET_KEY={key:stripe}\n'),
    c('.env.example', 'OPENAI_API_KEY={sk}1234567890abcdef1234567890abcdef1234567890abcdef\n'),
    c('.env.example', 'OPENAI_API_KEY=changeme\n'),
  ],

  shell: [
    c('setup.sh', 'export OPENAI_API_KEY="{key:proj}"\n'),
    c('setup.sh', 'export OPENAI_API_KEY={value}\n'),
    c('run.sh', 'OPENAI_API_KEY={value} python app.py\n'),
    c(
      'call.sh',
      'curl https://api.openai.com/v1/chat/completions \\\n  -H "Authorization: Bearer {key:proj}" \\\n  -H "Content-Type: application/json"\n',
    ),
    c('.zshrc', "export OPENAI_API_KEY='{value}'\n"),
    c('env.bash', 'declare -x OPENAI_API_KEY="{value}"\n'),
    c('config.fish', 'set -x OPENAI_API_KEY {value}\n'),
    c('config.fish', 'set -gx OPENAI_API_KEY "{key:legacy}"\n'),
    c('profile.ps1', '$env:OPENAI_API_KEY = "{value}"\n'),
    c('profile.ps1', '[Environment]::SetEnvironmentVariable("OPENAI_API_KEY", "{value}", "User")\n'),
    c('setenv.bat', '@echo off\nset OPENAI_API_KEY={value}\n'),
    c('setenv.bat', 'setx OPENAI_API_KEY "{value}"\n'),
    c('setenv.cmd', 'set "OPENAI_API_KEY={value}"\n'),
    c('call.sh', 'curl https://api.openai.com/v1/models -H "Authorization: Bearer $OPENAI_API_KEY"\n'),
    c('setup.sh', 'export OPENAI_API_KEY=$(cat ~/.config/openai/key)\n'),
    c('setup.sh', 'export OPENAI_API_KEY="$(op read op://vault/openai/credential)"\n'),
    c('check.sh', ': "${OPENAI_API_KEY:?set OPENAI_API_KEY first}"\nif [ -z "$OPENAI_API_KEY" ]; then exit 1; fi\n'),
    c('profile.ps1', 'Write-Host $env:OPENAI_API_KEY\n'),
    c('setenv.bat', 'echo %OPENAI_API_KEY%\nset OPENAI_API_KEY=%1\n'),
    c('setup.sh', 'read -rsp "OpenAI key: " OPENAI_API_KEY\nexport OPENAI_API_KEY\n'),
  ],

  docker: [
    c('Dockerfile', 'FROM python:3.12\nENV OPENAI_API_KEY={value}\n'),
    c('Dockerfile', 'FROM python:3.12\nENV OPENAI_API_KEY {value}\n'),
    c('Dockerfile', 'ENV OPENAI_API_KEY="{key:proj}"\n'),
    c('Dockerfile', 'ARG OPENAI_API_KEY={value}\n'),
    c('Dockerfile', 'ARG OPENAI_API_KEY\nENV OPENAI_API_KEY=${OPENAI_API_KEY}\n'),
    c('Dockerfile', 'RUN --mount=type=secret,id=openai_api_key cat /run/secrets/openai_api_key\n'),
    c('Dockerfile', 'ARG OPENAI_API_KEY=\n'),
    c('docker-compose.yml', 'services:\n  app:\n    environment:\n      - OPENAI_API_KEY={value}\n'),
    c('docker-compose.yml', 'services:\n  app:\n    environment:\n      OPENAI_API_KEY: "{key:proj}"\n'),
    c('compose.yaml', 'services:\n  app:\n    environment:\n      OPENAI_API_KEY: {value}\n'),
    c('docker-compose.yml', 'services:\n  app:\n    environment:\n      OPENAI_API_KEY: ${OPENAI_API_KEY}\n'),
    c('docker-compose.yml', 'services:\n  app:\n    environment:\n      - OPENAI_API_KEY\n      - OPENAI_API_KEY=${OPENAI_API_KEY:-}\n'),
  ],

  ci: [
    c('.github/workflows/test.yml', 'jobs:\n  test:\n    env:\n      OPENAI_API_KEY: {value}\n'),
    c('.github/workflows/test.yml', 'jobs:\n  test:\n    steps:\n      - run: OPENAI_API_KEY={key:proj} pytest\n'),
    c('.gitlab-ci.yml', 'variables:\n  OPENAI_API_KEY: "{value}"\n'),
    c('.github/workflows/test.yml', 'jobs:\n  test:\n    env:\n      OPENAI_API_KEY: ${{ secrets.OPENAI_API_KEY }}\n'),
    c(
      '.github/workflows/review.yml',
      'steps:\n  - uses: some/ai-review@v1\n    with:\n      openai_api_key: ${{ secrets.OPENAI_API_KEY }}\n',
    ),
    c('.github/workflows/review.yml', 'steps:\n  - uses: some/ai-review@v1\n    with:\n      openai_api_key: {value}\n'),
  ],

  kubernetes: [
    c('deployment.yaml', 'spec:\n  containers:\n    - name: app\n      env:\n        - name: OPENAI_API_KEY\n          value: "{value}"\n'),
    c('deployment.yaml', 'env:\n  - name: OPENAI_API_KEY\n    value: {key:proj}\n'),
    c('secret.yaml', 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: openai\nstringData:\n  OPENAI_API_KEY: {value}\n'),
    c(
      'deployment.yaml',
      'env:\n  - name: OPENAI_API_KEY\n    valueFrom:\n      secretKeyRef:\n        name: openai\n        key: api-key\n',
    ),
    c('deployment.yaml', 'env:\n  - name: OPENAI_API_KEY\n    value: ""\n'),
    c('secret.yaml', 'kind: Secret\ndata:\n  OPENAI_API_KEY: eW91ci1hcGkta2V5LWhlcmU=\n'),
    c('secret.yaml', 'kind: Secret\ndata:\n  OPENAI_API_KEY: «M2Y5YTdjMWU1YjJkOGY0YTZjMGU5YjdkMWYzYTVjOGU=»\n'), // keyguard-ignore: base64 of a made-up hex value
    c('.env', 'OPENAI_API_KEY=«cGF5bG9hZA7x9Qk2Lm4Rt8Vw3Zb6Nc1Hd5Jf0Gs=»\n'), // keyguard-ignore: made-up value with base64 padding
    c('values.yaml', 'openai:\n  apiKey: "{value}"\n  model: gpt-4o\n'),
    c('values.yaml', 'secrets:\n  openaiApiKey: {value}\n'),
    c('values.yaml', 'openai:\n  apiKey: ""\n  existingSecret: openai-credentials\n'),
    c('templates/secret.yaml', 'stringData:\n  OPENAI_API_KEY: {{ .Values.openai.apiKey | quote }}\n'),
  ],

  toml: [
    c('.streamlit/secrets.toml', 'OPENAI_API_KEY = "{value}"\n'),
    c('.streamlit/secrets.toml', '[openai]\napi_key = "{value}"\n'),
    c('config.toml', 'openai_api_key = "{key:proj}"\n'),
    c('config.toml', '[llm.openai]\napi_key = "{value}"\nmodel = "gpt-4o"\n'),
    c('pyproject.toml', '[tool.poetry.dependencies]\npython = "^3.11"\nopenai = "^1.30.0"\n'),
    c('config.toml', '[openai]\napi_key = "${OPENAI_API_KEY}"\n'),
    c('.streamlit/secrets.toml', 'OPENAI_API_KEY = "{sk}..."\n'),
  ],

  ini: [
    c('config.ini', '[openai]\napi_key = {value}\n'),
    c('settings.cfg', '[DEFAULT]\nopenai_api_key = {value}\n'),
    c('setup.cfg', '[openai]\napi_key = {key:legacy}\n'),
    c('config.ini', '[openai]\napi_key = ${OPENAI_API_KEY}\n'),
    c('config.ini', '[openai]\napi_key = %(OPENAI_API_KEY)s\n'),
    c('config.ini', '[openai]\nmodel = gpt-4o\ntimeout = 30\n'),
  ],

  properties: [
    c('application.properties', 'spring.ai.openai.api-key={value}\n'),
    c('application.properties', 'openai.api.key={key:proj}\n'),
    c('gradle.properties', 'OPENAI_API_KEY={value}\n'),
    c('application.yml', 'spring:\n  ai:\n    openai:\n      api-key: {value}\n'),
    c('application.properties', 'spring.ai.openai.api-key=${OPENAI_API_KEY}\n'),
    c('application.properties', 'spring.ai.openai.chat.options.model=gpt-4o\n'),
    c('application.yml', 'spring:\n  ai:\n    openai:\n      api-key: ${OPENAI_API_KEY}\n'),
  ],

  json: [
    c('package.json', '{\n  "scripts": {\n    "start": "OPENAI_API_KEY={value} node index.js"\n  }\n}\n'),
    c('appsettings.json', '{\n  "OpenAI": {\n    "ApiKey": "{value}",\n    "Model": "gpt-4o"\n  }\n}\n'),
    c(
      'appsettings.Development.json',
      '{\n  "AzureOpenAI": {\n    "Endpoint": "https://x.openai.azure.com/",\n    "Key": "{value}"\n  }\n}\n',
    ),
    c('secrets.json', '{\n  "OpenAI:ApiKey": "{value}"\n}\n'),
    c('.vscode/settings.json', '{\n  "openai.apiKey": "{value}",\n  "editor.tabSize": 2\n}\n'),
    c('config.json', '{"openai_api_key": "{key:svcacct}"}'),
    c('config.json', '{"keys": {"openai": "{key:proj}"}}'),
    c('package.json', '{\n  "dependencies": {\n    "openai": "^4.52.0"\n  }\n}\n'),
    c('appsettings.json', '{\n  "OpenAI": {\n    "ApiKey": "",\n    "Model": "gpt-4o"\n  }\n}\n'),
    c('.vscode/settings.json', '{\n  "openai.apiKey": "${env:OPENAI_API_KEY}"\n}\n'),
    c('schema.json', '{"properties": {"openai_api_key": {"type": "string", "description": "Your OpenAI key"}}}\n'),
    c('postman_collection.json', '{"auth": {"type": "bearer", "bearer": [{"key": "token", "value": "{key:proj}", "type": "string"}]}}'),
    c('openai.postman_environment.json', '{"values": [{"key": "OPENAI_API_KEY", "value": "{value}", "enabled": true}]}'),
    c('postman_collection.json', '{"header": [{"key": "Authorization", "value": "Bearer {{OPENAI_API_KEY}}"}]}'),
    c('openai.postman_environment.json', '{"values": [{"key": "openai_api_key", "value": "", "enabled": true}]}'),
  ],

  xml: [
    c('App.config', '<appSettings>\n  <add key="OpenAIApiKey" value="{value}" />\n</appSettings>\n'),
    c('Web.config', '<appSettings>\n  <add key="OpenAI:ApiKey" value="{value}" />\n</appSettings>\n'),
    c('App.csproj', '<PropertyGroup>\n  <OpenAIKey>{value}</OpenAIKey>\n</PropertyGroup>\n'),
    c('strings.xml', '<resources>\n  <string name="openai_api_key">{key:proj}</string>\n</resources>\n'),
    c('strings.xml', '<resources>\n  <string name="openai_api_key">{value}</string>\n</resources>\n'),
    c(
      'strings.xml',
      '<resources>\n  <string name="openai_api_key_hint">Paste your OpenAI key</string>\n  <string name="openai_api_key"></string>\n</resources>\n',
    ),
    c('pom.xml', '<dependency>\n  <groupId>com.openai</groupId>\n  <artifactId>openai-java</artifactId>\n</dependency>\n'),
    c('App.csproj', '<ItemGroup>\n  <PackageReference Include="OpenAI" Version="2.0.0" />\n</ItemGroup>\n'),
    c('App.config', '<appSettings>\n  <add key="OpenAIApiKey" value="" />\n</appSettings>\n'),
    c('index.html', '<input type="password" name="openai_api_key" placeholder="{sk}...">\n'),
    c('index.html', '<script>\nconst openai = new OpenAI({ apiKey: "{value}", dangerouslyAllowBrowser: true });\n</script>\n'),
    c('index.html', '<div class="sk-button sk-large">Ask OpenAI</div>\n'),
  ],

  go: [
    c('main.go', 'client := openai.NewClient(option.WithAPIKey("{value}"))\n'),
    c('main.go', 'client := openai.NewClient("{key:proj}")\n'),
    c('main.go', 'config := openai.DefaultConfig("{value}")\n'),
    c('main.go', 'os.Setenv("OPENAI_API_KEY", "{value}")\n'),
    c('main.go', 'const openaiAPIKey = "{value}"\n'),
    c('main.go', 'apiKey := os.Getenv("OPENAI_API_KEY")\nclient := openai.NewClient(apiKey)\n'),
    c('main.go', 'client := openai.NewClient(option.WithAPIKey(os.Getenv("OPENAI_API_KEY")))\n'),
    c('main_test.go', 'if got := key(); got != "{sk}..." {\n\tt.Fatal("want placeholder")\n}\n'),
  ],

  java: [
    c('Main.java', 'OpenAIClient client = OpenAIOkHttpClient.builder().apiKey("{value}").build();\n'),
    c('Main.java', 'OpenAiService service = new OpenAiService("{value}");\n'),
    c('Main.java', 'System.setProperty("OPENAI_API_KEY", "{value}");\n'),
    c('Config.java', 'private static final String OPENAI_API_KEY = "{value}";\n'),
    c(
      'Chat.java',
      'ChatLanguageModel model = OpenAiChatModel.builder()\n    .apiKey("{value}")\n    .modelName("gpt-4o")\n    .build();\n',
    ),
    c('Main.java', 'String key = "{key:proj}";\n'),
    c('Main.java', 'String apiKey = System.getenv("OPENAI_API_KEY");\n'),
    c('Chat.java', 'OpenAiChatModel.builder().apiKey(System.getenv("OPENAI_API_KEY")).build();\n'),
    c('Main.kt', 'val openai = OpenAI(token = "{value}")\n'),
    c('Main.kt', 'val openAI = OpenAI(OpenAIConfig(token = "{value}", timeout = Timeout(socket = 60.seconds)))\n'),
    c('Main.kt', 'val apiKey = "{key:proj}"\n'),
    c('Main.kt', 'val openai = OpenAI(token = System.getenv("OPENAI_API_KEY"))\n'),
    c('build.gradle', 'android {\n  defaultConfig {\n    buildConfigField "String", "OPENAI_API_KEY", "\\"{value}\\""\n  }\n}\n'),
    c('build.gradle.kts', 'buildConfigField("String", "OPENAI_API_KEY", "\\"{value}\\"")\n'),
    c('build.gradle.kts', 'buildConfigField("String", "OPENAI_API_KEY", "\\"${properties.getProperty("OPENAI_API_KEY")}\\"")\n'),
  ],

  csharp: [
    c(
      'Program.cs',
      'using OpenAI.Chat;\n\nChatClient client = new("gpt-4o", "{value}");\nvar chat = new ChatClient("gpt-4o", "{value}");\n',
      '-A',
    ),
    c('Program.cs', 'using OpenAI.Chat;\nvar chat = new ChatClient("gpt-4o", Environment.GetEnvironmentVariable("OPENAI_API_KEY"));\n'),
    c('main.go', 'import "github.com/Azure/azure-sdk-for-go/sdk/ai/azopenai"\ncred := azopenai.NewKeyCredential("{value}")\n'),
    c('Config.java', 'OpenAiApi openAiApi = new OpenAiApi("{value}");\n'),
    c('main.go', 'client := gpt3.NewClient("{value}") // openai\n'),
    c('Chat.swift', 'let openAI = OpenAISwift(authToken: "{value}")\n'),
    c('app.js', 'const key = settings.getApiKey("openai_production_2024");\nconst openai = new OpenAI({ apiKey: key });\n'),
    c('Program.cs', 'var client = new OpenAIClient("{value}");\n'),
    c('Program.cs', 'using OpenAI.Chat;\n\nChatClient client = new(model: "gpt-4o", apiKey: "{value}");\n'),
    c('Program.cs', 'var chat = new ChatClient(model: "gpt-4o", apiKey: "{key:proj}");\n'),
    c('Program.cs', 'using OpenAI.Chat;\nvar credential = new ApiKeyCredential("{value}");\n'),
    c('Program.cs', 'var client = new AzureOpenAIClient(new Uri(endpoint), new AzureKeyCredential("{value}"));\n'),
    c('Program.cs', 'const string OpenAIKey = "{value}";\n'),
    c('Program.cs', 'ChatClient client = new(model: "gpt-4o", apiKey: Environment.GetEnvironmentVariable("OPENAI_API_KEY"));\n'),
    c('Program.cs', 'var key = Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? throw new InvalidOperationException();\n'),
    c('Program.cs', 'var key = builder.Configuration["OpenAI:ApiKey"];\n'),
  ],

  ruby: [
    c('app.rb', 'client = OpenAI::Client.new(access_token: "{value}")\n'),
    c(
      'config/initializers/openai.rb',
      'OpenAI.configure do |config|\n  config.access_token = "{value}"\n  config.log_errors = true\nend\n',
    ),
    c('app.rb', 'ENV["OPENAI_API_KEY"] = "{value}"\n'),
    c('app.rb', 'OPENAI_ACCESS_TOKEN = "{key:proj}"\n'),
    c('app.rb', 'client = OpenAI::Client.new(access_token: ENV.fetch("OPENAI_ACCESS_TOKEN"))\n'),
    c('config/initializers/openai.rb', 'OpenAI.configure do |config|\n  config.access_token = ENV.fetch("OPENAI_ACCESS_TOKEN")\nend\n'),
    c('app.rb', 'key = ENV["OPENAI_API_KEY"]\n'),
  ],

  php: [
    c('index.php', "<?php\n$client = OpenAI::client('{value}');\n"),
    c('index.php', "<?php\n$client = OpenAI::factory()\n    ->withApiKey('{value}')\n    ->make();\n"),
    c('config.php', "<?php\ndefine('OPENAI_API_KEY', '{value}');\n"),
    c('index.php', "<?php\n$openaiApiKey = '{value}';\n"),
    c('config/services.php', "<?php\nreturn [\n    'openai' => [\n        'api_key' => '{value}',\n    ],\n];\n"),
    c('index.php', "<?php\n$client = OpenAI::client('{key:proj}');\n"),
    c('index.php', "<?php\n$client = OpenAI::client(getenv('OPENAI_API_KEY'));\n"),
    c('index.php', "<?php\n$client = OpenAI::client($_ENV['OPENAI_API_KEY']);\n"),
    c('config/services.php', "<?php\nreturn [\n    'openai' => [\n        'api_key' => env('OPENAI_API_KEY'),\n    ],\n];\n"),
  ],

  rust: [
    c('main.rs', 'let config = OpenAIConfig::new().with_api_key("{value}");\n'),
    c('main.rs', 'std::env::set_var("OPENAI_API_KEY", "{value}");\n'),
    c('main.rs', 'const OPENAI_API_KEY: &str = "{value}";\n'),
    c('main.rs', 'let key = "{key:proj}";\n'),
    c('main.rs', 'let api_key = std::env::var("OPENAI_API_KEY").expect("OPENAI_API_KEY must be set");\n'),
  ],

  swift: [
    c('Chat.swift', 'let openAI = OpenAI(apiToken: "{value}")\n'),
    c('Chat.swift', 'let configuration = OpenAI.Configuration(token: "{value}", timeoutInterval: 60.0)\n'),
    c('Secrets.swift', 'let openAIKey = "{key:proj}"\n'),
    c('Chat.swift', 'let key = ProcessInfo.processInfo.environment["OPENAI_API_KEY"] ?? ""\n'),
  ],

  docs: [
    c(
      'docs/config.md',
      '## Environment\n\n- OPENAI_API_KEY: Required. The key from your dashboard.\n- OPENAI_MODEL: Optional, defaults to gpt-4o.\n',
    ),
    c('docs/config.md', '| Name | Meaning |\n|---|---|\n| `OPENAI_API_KEY` | Your OpenAI secret key |\n'),
    c('app.js', "const openai = new OpenAI({ apiKey: 'MySecretKey' });\n"),
    c('README.md', '## Setup\n\n```bash\nexport OPENAI_API_KEY={sk}...\n```\n'),
    c('README.md', '```bash\nexport OPENAI_API_KEY="your-api-key"\n```\n\nSet `OPENAI_API_KEY` to your key.\n'),
    c('README.md', 'Get a key from https://platform.openai.com/api-keys and paste it as `OPENAI_API_KEY=<key>`.\n'),
    c('README.md', 'Keys look like `{sk}proj-...` or `{sk}xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`.\n'),
    c('NOTES.md', 'My key for the demo:\n\n```python\nopenai.api_key = "{key:legacy}"\n```\n'),
    c('NOTES.md', '```python\nclient = OpenAI(api_key="{value}")\n```\n'),
    c('docs/setup.md', '```\nOPENAI_API_KEY={value}\n```\n'),
    c('docs/guide.mdx', '<CodeBlock>{`OPENAI_API_KEY=${apiKey}`}</CodeBlock>\n'),
    c('docs/guide.mdx', 'export const key = "{key:proj}";\n'),
    c('docs/index.rst', '.. code-block:: python\n\n   openai.api_key = "{key:legacy}"\n'),
    c('docs/index.rst', '.. code-block:: python\n\n   openai.api_key = "sk-..."\n'),
    c('docs/risk.md', 'A desk-side task-runner reduces risk-taking; see the .sk-button style.\n'),
    c('docs/keys.md', 'Anthropic keys start with `sk-ant-`, Stripe keys with `sk_live_`, OpenRouter keys with `sk-or-v1-`.\n'),
  ],

  logs: [
    c('notes.txt', 'curl -H "Authorization: Bearer {key:proj}" https://api.openai.com/v1/models\n'),
    c('app.log', '2024-05-01T10:00:00Z INFO using key {key:svcacct} for org\n'),
    c('app.log', '2024-05-01T10:00:00Z DEBUG request headers={"Authorization": "Bearer {key:legacy}"}\n'),
    c('app.log', '2024-05-01T10:00:00Z INFO api_key={sk}proj-****abcd\n'),
    c('app.log', '2024-05-01T10:00:00Z ERROR OPENAI_API_KEY is not set\n'),
    c('app.log', '2024-05-01T10:00:00Z WARN Incorrect API key provided: {sk}proj-********************************abcd\n'),
  ],

  terraform: [
    c('main.tf', 'resource "kubernetes_secret" "openai" {\n  data = {\n    OPENAI_API_KEY = "{value}"\n  }\n}\n'),
    c('variables.tf', 'variable "openai_api_key" {\n  type    = string\n  default = "{value}"\n}\n'),
    c('terraform.tfvars', 'openai_api_key = "{value}"\n'),
    c('main.tf', 'resource "azurerm_key_vault_secret" "openai" {\n  name  = "openai-api-key"\n  value = "{key:proj}"\n}\n'),
    c('config.hcl', 'openai {\n  api_key = "{value}"\n}\n'),
    c('variables.tf', 'variable "openai_api_key" {\n  type      = string\n  sensitive = true\n}\n'),
    c('main.tf', 'env {\n  name  = "OPENAI_API_KEY"\n  value = var.openai_api_key\n}\n'),
    c('terraform.tfvars', 'openai_api_key = ""\n'),
  ],

  data: [
    c('seed.sql', "INSERT INTO settings (name, value) VALUES ('openai_api_key', '{value}');\n"),
    c('seed.sql', "UPDATE providers SET secret = '{key:proj}' WHERE name = 'openai';\n"),
    c('seed.sql', "SELECT * FROM api_keys WHERE provider = 'openai' AND key LIKE '{sk}%';\n"),
    c('keys.csv', 'provider,key\nopenai,{key:proj}\nanthropic,{key:anthropic}\n'),
    c('keys.csv', 'provider,key\nopenai,{sk}...\n'),
  ],

  ansible: [
    c('group_vars/all.yml', 'openai_api_key: {value}\n'),
    c('playbook.yml', '- hosts: all\n  environment:\n    OPENAI_API_KEY: "{value}"\n'),
    c('group_vars/all.yml', 'openai_api_key: "{{ vault_openai_api_key }}"\n'),
    c('group_vars/all.yml', 'openai_api_key: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  62313365396662343061393464336163\n'),
  ],

  make: [
    c('Makefile', 'OPENAI_API_KEY ?= {value}\nrun:\n\tpython app.py\n'),
    c('Makefile', 'export OPENAI_API_KEY := {key:proj}\n'),
    c('Makefile', 'run:\n\tOPENAI_API_KEY=$(OPENAI_API_KEY) python app.py\n'),
  ],

  http: [
    c('openai.http', 'POST https://api.openai.com/v1/chat/completions\nAuthorization: Bearer {key:proj}\nContent-Type: application/json\n'),
    c('openai.http', '@openaiKey = {value}\n\nPOST https://api.openai.com/v1/chat/completions\nAuthorization: Bearer {{openaiKey}}\n'),
    c('openai.http', 'POST https://api.openai.com/v1/chat/completions\nAuthorization: Bearer {{OPENAI_API_KEY}}\n'),
  ],

  encoded: [
    c('redirect.txt', 'https://proxy.example.com/v1?api_key%3D{key:proj}&model=gpt-4o\n'),
    c('form.txt', 'curl -d "openai_api_key={value}&model=gpt-4o" https://example.com/settings\n'),
    c('data.txt', 'https://example.com/?key={key:legacy}\n'),
    c('blob.txt', 'data:application/octet-stream;base64,QUJDRGa{sk}EFHSUpLTE1OT1BRUlNUVVZXWFlaYWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXo=\n'),
    c('escaped.json', '{"code": "openai.api_key = \\"{key:proj}\\"\\nprint(1)"}'),
    c('unicode.json', '{"text": "key:\\u0022{key:legacy}\\u0022"}'),
  ],

  styles: [
    c(
      'app.css',
      '.sk-button { color: red }\n.{sk}button-primary-large-rounded-outline { color: blue }\n:root { --{sk}color-primary-background-hover: #fff; }\n',
    ),
    c('app.scss', '@mixin {sk}theme-dark-mode-with-contrast-outline { }\n'),
  ],

  lookalikes: [
    c('words.txt', 'desk-top and risk-free and task-runner and whi{sk}away-the-quick-brown-fox\n'),
    c('mask.py', 'mask = "mask-{key:legacy}"\n', '-'),
    c('long.txt', 'prefix{key:legacy}\n', '-'),
    c('suffix.txt', '{key:legacy}.suffix and {key:proj}\\n in an escaped string\n'),
    c('providers.env', 'OPENROUTER_API_KEY={key:openrouter}\nDEEPSEEK_API_KEY={key:deepseek}\nLANGFUSE_SECRET_KEY={key:langfuse}\n'),
    c('unmarked.env', 'KEY1={key:proj-unmarked}\nKEY2={key:admin-unmarked}\nKEY3={key:svcacct-unmarked}\n'),
    c('truncated.txt', 'the key starts with {sk}proj-abc123 and is cut off here\n'),
    c('ascending.env', 'OPENAI_API_KEY={sk}abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUV\n'),
    c('redacted.md', 'Your key {sk}proj-Ab…9zQ was rotated.\n'),
  ],

  ignores: [
    c('app.py', 'openai.api_key = "{key:proj}"  # keyguard-ignore\n', '-'),
    c('app.py', '# keyguard-ignore-next-line\nopenai.api_key = "{key:proj}"\n', '-'),
    c('index.js', '// keyguard-ignore-next-line\nconst openai = new OpenAI({ apiKey: "{value}" });\n', '-'),
    c('index.js', 'const key = "{key:legacy}"; /* keyguard-ignore */\n', '-'),
    c('index.html', '<!-- keyguard-ignore-next-line -->\n<script>const k = "{key:proj}";</script>\n', '-'),
    c('seed.sql', "-- keyguard-ignore-next-line\nINSERT INTO k VALUES ('{key:proj}');\n", '-'),
    c('config.ini', '; keyguard-ignore-next-line\napi_key = {key:legacy}\n', '-'),
    c('setenv.bat', 'REM keyguard-ignore-next-line\nset OPENAI_API_KEY={value}\n', '-'),
    c('app.py', '# keyguard-ignore-next-line\nfirst = "{key:legacy}"\nsecond = "{key:proj}"\n', '-K'),
  ],
  fallbacks: [
    c('.env', 'OPENAI_TOKENIZER=cl100k_base\nOPENAI_MAX_TOKENS=4096\nOPENAI_TEMPERATURE=0.7\n'),
    c('config.json', '{"openai": {"default": "gpt-4o-mini", "key": "settings.apiKeyLabel"}}'),
    c('values.yaml', 'openai:\n  model: gpt-4o-mini\n  key: openai-credentials\n  region: us-east-1\n'),
    c(
      '.github/workflows/ci.yml',
      "steps:\n  - uses: actions/cache@v4\n    with:\n      key: openai-${{ hashFiles('**/requirements.txt') }}\n",
    ),
    c('settings.py', 'OPENAI_API_KEY = config("OPENAI_API_KEY")\nOPENAI_API_KEY=config("OPENAI_API_KEY")\n'),
    c('settings.py', 'class Settings(BaseSettings):\n    openai_api_key: str = Field(..., env="OPENAI_API_KEY")\n'),
    c('settings.py', 'class Settings(BaseSettings):\n    openai_api_key: SecretStr = SecretStr("{value}")\n', 'A'),
    c('app.py', 'client = OpenAI(api_key = "{value}")\n'),
    c('app.py', 'client = OpenAI(api_key=\'{key:proj}\', base_url="https://api.openai.com/v1")\n'),
    c('app.py', 'kernel.add_service(OpenAIChatCompletion(service_id="chat", ai_model_id="gpt-4", api_key="{value}"))\n'),
    c('Program.cs', 'builder.AddOpenAIChatCompletion(modelId: "gpt-4o", apiKey: "{value}");\n'),
    c('run.sh', 'docker run -e OPENAI_API_KEY={value} -p 8000:8000 app\n'),
    c('run.sh', 'docker run -e OPENAI_API_KEY={key:proj} app\n'),
    c('run.sh', 'docker build --build-arg OPENAI_API_KEY=$OPENAI_API_KEY .\n'),
    c('app.log', 'OPENAI_API_KEY=*****\n'),
    c('app.log', '[config] openai_api_key={sk}proj-abc...xyz\n'),
    c('ansible.yml', "openai_api_key: \"{{ lookup('env', 'OPENAI_API_KEY') }}\"\n"),
    c(
      'template.yaml',
      'Parameters:\n  OpenAIKey:\n    Type: String\n    NoEcho: true\nResources:\n  Fn:\n    Properties:\n      Environment:\n        Variables:\n          OPENAI_API_KEY: !Ref OpenAIKey\n',
    ),
    c('app.py', 'openai_api_key_var = "MY_OPENAI_VAR"\nOPENAI_API_KEY_ENV_VAR = "OPENAI_API_KEY"\n'),
    c('i18n.json', '{"openai": {"apiKey": "Clé API OpenAI", "apiKeyHelp": "Collez votre clé"}}'),
    c('app.js', 'const openai = new OpenAI({ apiKey: apiKey || "{value}" });\n', '-'),
    c('app.js', 'const OPENAI_API_KEY = process.env.OPENAI_API_KEY ?? "{value}";\n', 'A'),
    c('app.py', 'openai.api_key = os.getenv("OPENAI_API_KEY", "{value}")\n', 'A'),
    c('app.py', 'api_key = os.environ.get("OPENAI_API_KEY", "{value}")\n', 'A'),
    c('app.py', 'os.environ["OPENAI_API_KEY"] = "{sk}proj-...your key..."\n'),
    c('app.py', 'OPENAI_API_KEY = "{sk}proj-" + "{value}"\n', '-'),
    c('test_app.py', 'def test_key(monkeypatch):\n    monkeypatch.setenv("OPENAI_API_KEY", "test-key")\n'),
    c('test_app.py', 'monkeypatch.setenv("OPENAI_API_KEY", "{value}")\n', 'A'),
    c('app.ts', 'const openai = new OpenAI({ apiKey: `${process.env.OPENAI_API_KEY}` });\n'),
    c('app.ts', 'const openai = new OpenAI({ apiKey: "{key:proj}" as string });\n'),
    c('README.md', '| Variable | Example |\n|---|---|\n| `OPENAI_API_KEY` | `{sk}...` |\n'),
    c('README.md', 'export OPENAI_API_KEY={sk}proj-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX\n'),
    c('README.md', 'OPENAI_API_KEY="<paste your key>"\n'),
    c('docker-compose.yml', 'services:\n  app:\n    env_file: .env\n    environment:\n      OPENAI_API_KEY: ${OPENAI_API_KEY:?err}\n'),
    c('main.go', 'var openaiKey = flag.String("openai-key", "", "OpenAI API key")\n'),
    c('main.go', 'cfg := openai.DefaultAzureConfig("{value}", "https://x.openai.azure.com/")\n'),
    c('app.rb', 'OpenAI::Client.new(access_token: Rails.application.credentials.openai[:api_key])\n'),
    c('app.rb', 'client = OpenAI::Client.new(\n  access_token: "{value}",\n  log_errors: true\n)\n'),
    c('app.py', "openai.api_key = '{sk}' 'proj'\n"),
    c('app.py', 'llm = ChatOpenAI(api_key="{value}", model="gpt-4o")\n'),
    c('app.py', 'llm = AzureChatOpenAI(azure_deployment="gpt-4", api_key="{value}")\n'),
    c('app.py', 'from openai import OpenAI\nOpenAI.api_key = "{value}"\n'),
    c('app.py', 'openai.api_key = "{value}" if DEBUG else os.environ["OPENAI_API_KEY"]\n'),
    c('.env', 'OPENAI_API_KEY = {value}\n'),
    c('.env', '# OPENAI_API_KEY={value}\n'),
    c('app.py', '# openai.api_key = "{key:legacy}"\n'),
    c('.env', 'OPENAI_API_KEY={key:proj} # comment\n'),
    c('.env', 'OPENAI_API_KEY="{key:proj}\n'),
    // No URL near, but the header's own line names the provider: a random value in Azure
    // OpenAI's `api-key` header is its key (issue 9: a bearer token counts in a request to an
    // OpenAI host, or with no URL near when the line itself says where it goes). Its twins below
    // stay silent: the provider named only elsewhere in the file, or another host's URL near.
    c('app.py', 'headers = {"api-key": "{value}"}  # Azure OpenAI\n', 'A'),
    c('test_http.py', '"""Tests for the OpenAI-agnostic HTTP helper."""\n\n\nheaders = {"api-key": "{value}"}\n', '-'),
    c('search.py', '# Azure OpenAI data source\nurl = "https://x.search.windows.net/indexes"\nheaders = {"api-key": "{value}"}\n', '-'),
    c('app.py', 'keys = {"openai": "{value}", "anthropic": "{value}"}\n', '--'),
    c(
      'local.py',
      'client = OpenAI(base_url="http://localhost:1234/v1", api_key="lm-studio")\nclient = OpenAI(base_url="http://localhost:11434/v1", api_key="ollama")\nclient = OpenAI(api_key="not-needed")\nclient = OpenAI(api_key="EMPTY")\nclient = OpenAI(api_key="{sk}no-key-required")\n',
    ),
    c(
      'local.js',
      'const openai = new OpenAI({ baseURL: dvai.baseUrl, apiKey: "ignored" });\nconst client = new OpenAI({ apiKey: "Ligma" });\n',
    ),
    c(
      'app.py',
      'api_key = os.getenv("RAG_SUMMARY_API_KEY") or os.getenv("OPENAI_API_KEY", "")\nopenai_api_key = user_parameters.get("openai_api_key", "") or os.getenv("OPENAI_API_KEY_BACKUP")\n',
    ),
    c('app.swift', 'let openAIKey = apiKeyV2Value\nopenAIKey = keychain.read(service: "openai")\n'),
    c('app.R', 'Sys.setenv(OPENAI_API_KEY = "{value}")\n'),
    c(
      'README.md',
      'OPENAI_API_KEY=openai api key to transcribe audio\nMIMO_API_KEY={sk}xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\nOPENAI_API_KEY={sk}…\n',
    ),
    c('config.yaml', 'providers:\n  openai:\n    api_key: {value}\n  anthropic:\n    api_key: {value}\n', 'A-'),
    c('config.yaml', 'llm:\n  provider: openai\n  api_key: {value}\n'),
    c(
      'app.ts',
      'type Config = { openaiApiKey: string; model: string };\nconst config: Config = { openaiApiKey: "{value}", model: "gpt-4o" };\n',
    ),
    c('app.js', 'localStorage.setItem("openai_api_key", "{value}");\n'),
    c('app.js', 'localStorage.getItem("openai_api_key");\nconst k = localStorage.getItem("OPENAI_API_KEY") || "";\n'),
    c('Main.java', 'props.setProperty("openai.api.key", "{value}");\n'),
    c('Main.java', 'String key = props.getProperty("openai.api.key");\n'),
    c('Main.java', '@Value("${openai.api.key}")\nprivate String openaiApiKey;\n'),
    c(
      'main.py',
      'st.text_input("OpenAI API Key", type="password")\nopenai_api_key = st.sidebar.text_input("OpenAI API Key", key="openai_api_key", type="password")\n',
    ),
    c('main.py', 'if not openai_api_key.startswith("{sk}"):\n    st.warning("Please enter your OpenAI API key!", icon="⚠")\n'),
    c('.env.sample', 'OPENAI_API_KEY={sk}proj-1234\nOPENAI_API_KEY={sk}xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n'),
    c('pyproject.toml', '[tool.pytest.ini_options]\nenv = ["OPENAI_API_KEY=test"]\n'),
    c('tox.ini', '[testenv]\nsetenv =\n    OPENAI_API_KEY = {value}\n'),
    c('settings.py', 'OPENAI_API_KEY = env.str("OPENAI_API_KEY", default="{value}")\n', 'A'),
  ],
  configs: [
    c('providers.json', '{"providers": [{"name": "openai", "apiKey": "{value}"}, {"name": "anthropic", "apiKey": "{value}"}]}', 'A-'),
    c('llm.ts', "const llm = createProvider({ apiKey: '{value}', provider: 'openai' });\n"),
    c('llm.ts', "const llm = createProvider({ apiKey: '{value}', provider: 'mistral' }); // not openai\n", '-'),
    c('config.json', '[{"model": "gpt-4", "api_key": "{value}", "api_type": "openai"}]'),
    c('config.json', '{"type": "openai", "settings": {"timeout": 30}, "token": "{value}"}'),
    c('app.service', '[Service]\nEnvironment="OPENAI_API_KEY={value}"\nExecStart=/usr/bin/python3 app.py\n'),
    c('analysis.Rmd', '```{r}\nSys.setenv(OPENAI_API_KEY = "{value}")\n```\n'),
    c('Profile.psm1', '$env:OPENAI_API_KEY = "{value}"\n'),
    c('app.py', '# OPENAI_API_KEY = "{value}"  (old key, disabled)\n'),
    c('.env', 'OPENAI_API_KEY=1234567890abcdef1234567890abcdef\n'),
    c('README.adoc', '[source,bash]\n----\nexport OPENAI_API_KEY={key:svcacct}\n----\n'),
    c('Info.plist', '<dict>\n  <key>OPENAI_API_KEY</key>\n  <string>{value}</string>\n</dict>\n'),
    c('Info.plist', '<dict>\n  <key>OPENAI_API_KEY</key>\n  <string>$(OPENAI_API_KEY)</string>\n</dict>\n'),
    c('Secrets.xcconfig', 'OPENAI_API_KEY = {value}\n'),
    c('config.h', '#define OPENAI_API_KEY "{value}"\n'),
    c('main.cpp', 'const std::string OPENAI_API_KEY = "{value}";\n'),
    c('config/runtime.exs', 'config :openai,\n  api_key: "{value}",\n  organization_key: "org-123"\n'),
    c('config/config.exs', 'config :openai, api_key: "{value}"\n'),
    c('config/runtime.exs', 'config :openai, api_key: System.get_env("OPENAI_API_KEY")\n'),
    c('config.yaml', 'models:\n  - title: GPT-4o\n    provider: openai\n    model: gpt-4o\n    apiKey: {value}\n'),
    c('config.yaml', 'models:\n  - provider: openai\n    apiKey: {value}\n'),
    c('config.yaml', 'models:\n  - provider: anthropic\n    apiKey: {value}\n', '-'),
    c(
      'litellm.yaml',
      'model_list:\n  - model_name: gpt-4\n    litellm_params:\n      model: openai/gpt-4\n      api_key: os.environ/OPENAI_API_KEY\n',
    ),
    c('models.toml', '[[models]]\nprovider = "openai"\napi_key = "{value}"\n'),
    c('main.dart', "OpenAI.apiKey = '{value}';\n"),
    c('main.dart', 'OpenAI.apiKey = Env.apiKey;\n'),
    c('ViewController.m', 'NSString *openAIKey = @"{value}";\n'),
    c('kustomization.yaml', 'secretGenerator:\n  - name: openai\n    literals:\n      - OPENAI_API_KEY={value}\n'),
    c('.vscode/launch.json', '{"configurations": [{"env": {"OPENAI_API_KEY": "{value}"}}]}'),
    c('claude_desktop_config.json', '{"mcpServers": {"x": {"command": "npx", "env": {"OPENAI_API_KEY": "{key:proj}"}}}}'),
    c('.devcontainer/devcontainer.json', '{"remoteEnv": {"OPENAI_API_KEY": "${localEnv:OPENAI_API_KEY}"}}'),
    c('serverless.yml', 'provider:\n  environment:\n    OPENAI_API_KEY: ${ssm:/openai/api-key}\n'),
    c('netlify.toml', '[build.environment]\n  OPENAI_API_KEY = "{value}"\n'),
    c('app.yaml', 'env_variables:\n  OPENAI_API_KEY: "{value}"\n'),
    c('nginx.conf', 'proxy_set_header Authorization "Bearer {key:proj}";\n'),
    c('request.bru', 'auth:bearer {\n  token: {key:proj}\n}\n'),
    c('setup.sh', 'cat > .env <<EOF\nOPENAI_API_KEY={value}\nEOF\n'),
    c('notebook.ipynb', '{"cells": [{"cell_type": "code", "source": ["%set_env OPENAI_API_KEY={value}"]}]}'),
    c('codex.toml', '[model_providers.openai]\nenv_key = "OPENAI_API_KEY"\nbase_url = "https://api.openai.com/v1"\n'),
    c('config.json', '{"provider": "openai", "model": "gpt-4o", "temperature": 0.2}'),
    c('main.c', '#define OPENAI_API_KEY_ENV "OPENAI_API_KEY"\n#define OPENAI_MODEL "gpt-4o"\n'),
    c('.env.example', 'OPENAI_API_KEY=abc123def456ghi789\nOPENAI_API_KEY=123456789012345\nOPENAI_API_KEY=qwerty12345678\n'),
    c('redirect.log', 'GET /callback?token%253D{key:proj}&x=1\n'),
    c('config.php', "<?php\nreturn ['api_key' => env('OPENAI_API_KEY', '{value}')];\n", 'A'),
    c('application.yml', 'openai:\n  api-key: ${OPENAI_API_KEY:{key:proj}}\n'),
    c(
      'app.py',
      'openai.api_key = st.secrets["OPENAI_API_KEY"]\nopenai.api_key = keyring.get_password("openai", "default")\nopenai.api_key = config["openai"]["key"]\n',
    ),
    c('appsettings.json', '{"OpenAI": {"ApiKey": "00000000-0000-0000-0000-000000000000"}}'),
    c('.env', 'OPENAI_API_KEY=test_key_123\nOPENAI_API_KEY={sk}test\n'),
    c('.env.example', 'OPENAI_API_KEY=YOUR_KEY_HERE\nOPENAI_API_KEY=YOUR_OPENAI_API_KEY_HERE\n'),
    c(
      'config.ts',
      'export const config = { openai: { apiKey: null, model: "gpt-4o" } };\nconst openai = new OpenAI({ apiKey: undefined });\n',
    ),
    c('app.mjs', 'const openai = new OpenAI({ apiKey: "{sk}proj-****abcd" });\n'),
  ],
  wholeFiles: [
    c(
      'streamlit_app.py',
      `import os
import streamlit as st
from openai import OpenAI
from langchain_openai import ChatOpenAI, OpenAIEmbeddings

st.set_page_config(page_title="Chat", page_icon="💬")

with st.sidebar:
    openai_api_key = st.text_input("OpenAI API Key", key="chatbot_api_key", type="password")
    "[Get an OpenAI API key](https://platform.openai.com/account/api-keys)"

if not openai_api_key:
    st.info("Please add your OpenAI API key to continue.")
    st.stop()

# fallback for the demo
DEMO_KEY = "{key:proj}"

client = OpenAI(api_key=openai_api_key or DEMO_KEY)
llm = ChatOpenAI(
    model="gpt-4o-mini",
    temperature=0.2,
    max_tokens=512,
    api_key="{value}",
)
embeddings = OpenAIEmbeddings(model="text-embedding-3-small")

if "messages" not in st.session_state:
    st.session_state["messages"] = [{"role": "assistant", "content": "How can I help you?"}]

for msg in st.session_state.messages:
    st.chat_message(msg["role"]).write(msg["content"])
`,
    ),
    c(
      'app/api/chat/route.ts',
      `import OpenAI from 'openai';
import { OpenAIStream, StreamingTextResponse } from 'ai';

export const runtime = 'edge';

const openai = new OpenAI({
  apiKey: process.env.OPENAI_API_KEY ?? '',
  organization: process.env.OPENAI_ORG_ID,
});

const backup = new OpenAI({
  baseURL: 'https://gateway.example.com/v1',
  apiKey: '{value}',
  defaultHeaders: { 'x-team': 'growth' },
});

export async function POST(req: Request) {
  const { messages } = await req.json();
  const response = await openai.chat.completions.create({
    model: 'gpt-4o',
    stream: true,
    messages,
  });
  return new StreamingTextResponse(OpenAIStream(response));
}
`,
    ),
    c(
      'docker-compose.yml',
      `version: "3.9"
services:
  api:
    build: .
    environment:
      - DATABASE_URL=postgres://app:app@db:5432/app
      - OPENAI_API_KEY=\${OPENAI_API_KEY}
      - OPENAI_MODEL=gpt-4o
    depends_on:
      - db
  worker:
    image: app-worker
    environment:
      OPENAI_API_KEY: {value}
      REDIS_URL: redis://redis:6379
  db:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD: app
`,
    ),
    c(
      'k8s/deployment.yaml',
      `apiVersion: apps/v1
kind: Deployment
metadata:
  name: chat
spec:
  template:
    spec:
      containers:
        - name: chat
          image: chat:1.2.3
          env:
            - name: OPENAI_MODEL
              value: gpt-4o
            - name: OPENAI_API_KEY
              valueFrom:
                secretKeyRef:
                  name: openai
                  key: api-key
            - name: OPENAI_FALLBACK_KEY
              value: "{value}"
            - name: LOG_LEVEL
              value: info
`,
    ),
    c(
      'settings.json',
      `{
  "Logging": { "LogLevel": { "Default": "Information" } },
  "ConnectionStrings": { "Default": "Server=.;Database=App;Trusted_Connection=True" },
  "OpenAI": {
    "Endpoint": "https://x.openai.azure.com/",
    "DeploymentName": "gpt-4o",
    "ApiKey": "{value}",
    "MaxTokens": 800
  },
  "Features": { "Key": "chat-v2" }
}
`,
    ),
  ],
};
