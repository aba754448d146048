import { getRule, remediationFor, scanText } from '@keyguard/core';
import { fillExample, secretsIn } from '@keyguard/test-utils';

/**
 * Issue 12's secret kinds against every rule at once (rules.test runs each rule alone): each
 * text gives exactly the listed rule ids, and each look-alike gives nothing from any rule.
 */
const ruleIdsIn = (template: string, path?: string): string[] =>
  scanText(fillExample(template), path === undefined ? {} : { path }).map((finding) => finding.ruleId);

describe('OpenAI webhook signing secrets', () => {
  it.each([
    ['OPENAI_WEBHOOK_SECRET={key:whsec}', '.env'],
    ['OPENAI_WEBHOOK_SECRET: "{key:whsec}"', 'deploy.yaml'],
    ["const client = new OpenAI({ webhookSecret: '{key:whsec}' });", 'app.ts'],
    ['client.webhooks.unwrap(body, headers, secret="{key:whsec}")', 'app.py'],
  ])("%s is one finding, the webhook rule's, never a hard-coded OpenAI key", (template, path) => {
    expect(ruleIdsIn(template, path)).toEqual(['openai-webhook-secret']);
    const finding = scanText(fillExample(template), { path })[0];
    expect(fillExample(template).slice(finding.startOffset, finding.endOffset)).toBe(secretsIn(template)[0]);
    expect(finding.message).toContain('forge webhook events');
    expect(finding.envVar).toBe('OPENAI_WEBHOOK_SECRET');
  });

  it.each([
    [
      "Stripe's endpoint_secret",
      'endpoint_secret = "{key:whsec}"\nstripe.Webhook.construct_event(payload, sig_header, endpoint_secret)',
      'app.py',
    ],
    ['STRIPE_WEBHOOK_SECRET', 'STRIPE_WEBHOOK_SECRET={key:whsec}', '.env'],
    ["Stripe's constructEvent", "stripe.webhooks.constructEvent(body, sig, '{key:whsec}');", 'app.ts'],
    ['Svix', "import { Webhook } from 'svix';\nconst wh = new Webhook('{key:whsec}');", 'app.ts'],
    ['Standard Webhooks', 'from standardwebhooks.webhooks import Webhook\nwh = Webhook("{key:whsec}")', 'app.py'],
    ['SVIX_SECRET in an OpenAI project', 'OPENAI_API_KEY=${OPENAI_API_KEY}\nSVIX_SECRET={key:whsec}', '.env'],
    ['a bare whsec_ value in a file that imports openai', 'import openai\nsecret = "{key:whsec}"', 'app.py'],
  ])('%s is not reported by any rule', (_name, template, path) => {
    expect(ruleIdsIn(template, path)).toEqual([]);
  });
});

describe('Realtime API client secrets', () => {
  it.each([
    ['a HAR capture', '{ "response": { "content": { "text": "{\\"value\\":\\"{key:ek}\\"}" } } }', 'session.har'],
    ['a log', '2025-09-01T10:00:00Z minted {key:ek} for the browser', 'logs/server.log'],
    ['a test snapshot', 'exports[`mint 1`] = `{"value":"{key:ek}"}`;', 'test/__snapshots__/mint.test.ts.snap'],
    ['code', "const session = await connect({ apiKey: '{key:ek}' });", 'src/app.ts'],
  ])('in %s is one note', (_place, template, path) => {
    const findings = scanText(fillExample(template), { path });
    expect(findings.map((finding) => [finding.ruleId, finding.severity])).toEqual([['openai-realtime-client-secret', 'note']]);
    expect(fillExample(template).slice(findings[0].startOffset, findings[0].endOffset)).toBe(secretsIn(template)[0]);
  });

  it.each([
    ['peek_', 'peek_{key:azure-hex}'],
    ['seek_', 'seek_{key:azure-hex}'],
    ['week_', 'week_{key:azure-hex}'],
    ['geek_', 'const geek_{key:azure-hex} = 1;'],
    ['an ek_ identifier', 'ek_agent_{key:azure-hex}'],
    ['a sequence', '{key:ek-sequence}'],
  ])('%s is not reported by any rule', (_name, template) => {
    expect(ruleIdsIn(template, 'notes.txt')).toEqual([]);
  });
});

describe('the classic 32-hex Azure OpenAI key', () => {
  const contexts: [string, string, string][] = [
    ['AzureOpenAI(api_key=…)', 'client = AzureOpenAI(\n    api_key="{key:azure-hex}",\n    api_version="2024-10-21",\n)', 'app.py'],
    ['new AzureOpenAI({ apiKey })', "const client = new AzureOpenAI({ apiKey: '{key:azure-hex}', apiVersion: '2024-10-21' });", 'app.ts'],
    [
      'AzureKeyCredential with an openai.azure.com endpoint',
      'client = ChatCompletionsClient(\n    endpoint="https://contoso.openai.azure.com/openai/deployments/gpt-4o",\n    credential=AzureKeyCredential("{key:azure-hex}"),\n)',
      'app.py',
    ],
    [
      'new AzureKeyCredential in C#',
      'var client = new AzureOpenAIClient(new Uri("https://contoso.openai.azure.com/"), new AzureKeyCredential("{key:azure-hex}"));',
      'Program.cs',
    ],
    [
      'LangChain AzureChatOpenAI(openai_api_key=…)',
      'llm = AzureChatOpenAI(\n    deployment_name="gpt-4o",\n    openai_api_key="{key:azure-hex}",\n)',
      'app.py',
    ],
    ['LangChain AzureChatOpenAI(api_key=…)', 'llm = AzureChatOpenAI(azure_deployment="gpt-4o", api_key="{key:azure-hex}")', 'app.py'],
    [
      'Semantic Kernel AzureChatCompletion(api_key=…)',
      'service = AzureChatCompletion(\n    deployment_name="gpt-4o",\n    endpoint="https://contoso.openai.azure.com/",\n    api_key="{key:azure-hex}",\n)',
      'app.py',
    ],
    [
      "Semantic Kernel's AddAzureOpenAIChatCompletion(model, endpoint, key)",
      'builder.AddAzureOpenAIChatCompletion("gpt-4o", "https://contoso.openai.azure.com/", "{key:azure-hex}");',
      'Program.cs',
    ],
    [
      'AzureOpenAI:ApiKey in appsettings.json',
      '{\n  "AzureOpenAI": {\n    "Endpoint": "https://contoso.openai.azure.com/",\n    "ApiKey": "{key:azure-hex}"\n  }\n}',
      'appsettings.json',
    ],
    ['"AzureOpenAI:ApiKey" flat', '{ "AzureOpenAI:ApiKey": "{key:azure-hex}" }', 'appsettings.json'],
    ['AZURE_OPENAI_API_KEY', 'AZURE_OPENAI_API_KEY={key:azure-hex}', '.env'],
    ['AZURE_OPENAI_KEY', 'AZURE_OPENAI_KEY: {key:azure-hex}', 'config.yaml'],
    [
      'an api-key name with an openai.azure.com host nearby',
      'endpoint = "https://contoso.openai.azure.com/"\nsettings = {"apiKey": "{key:azure-hex}"}',
      'settings.py',
    ],
    [
      'a key named API_KEY in an env file for an Azure OpenAI endpoint',
      'ENDPOINT=https://contoso.openai.azure.com/\nAPI_KEY={key:azure-hex}',
      '.env',
    ],
    [
      'the api-key header of a request logged with its Azure URL',
      "# path=https://contoso.openai.azure.com/openai/deployments/ada/embeddings\n# headers {'User-Agent': 'OpenAI/v1', 'api-key': '{key:azure-hex}', 'Content-Type': 'application/json'}",
      'notes.txt',
    ],
  ];

  it.each(contexts)('%s is one finding of the key', (_name, template, path) => {
    const text = fillExample(template);
    const findings = scanText(text, { path });
    expect(findings.map((finding) => text.slice(finding.startOffset, finding.endOffset))).toEqual(secretsIn(template));
    expect(findings[0].envVar).toBe('AZURE_OPENAI_API_KEY');
  });

  it.each([
    [
      // A lock file gets the key shapes only (lockfiles.test.ts): the same entry in another JSON file.
      'an md5 integrity next to openai in a lockfile entry',
      '"node_modules/openai": {\n  "version": "4.52.0",\n  "integrity": "md5-{key:azure-hex}"\n}',
      'audit/lock-entries.json',
    ],
    [
      'a sha512 integrity next to openai',
      '"node_modules/openai": {\n  "resolved": "https://registry.npmjs.org/openai/-/openai-4.52.0.tgz",\n  "integrity": "sha512-{key:azure-hex}{key:azure-hex}=="\n}',
      'audit/lock-entries.json',
    ],
    [
      'a request id from Azure OpenAI',
      'x-request-id: {key:azure-hex}\nPOST https://contoso.openai.azure.com/openai/deployments/gpt4/chat/completions',
      'trace.log',
    ],
    ['an apim request id', '"apim-request-id": "{key:azure-hex}", "url": "https://contoso.openai.azure.com/"', 'recording.json'],
    [
      'a subscription id',
      'AZURE_SUBSCRIPTION_ID=12345678-aaaa-bbbb-cccc-{key:azure-hex}\nAZURE_OPENAI_ENDPOINT=https://contoso.openai.azure.com/',
      '.env',
    ],
    ['a git SHA', 'openai @ git+https://github.com/openai/openai-python@{key:azure-hex}abcd1234', 'requirements.txt'],
    ['an md5 checksum near an Azure URL', 'https://contoso.openai.azure.com/files/data.jsonl\nmd5: {key:azure-hex}', 'manifest.yaml'],
    [
      'an api key hash near an Azure URL',
      'AZURE_OPENAI_ENDPOINT=https://contoso.openai.azure.com/\napi_key_md5 = "{key:azure-hex}"',
      'audit.py',
    ],
    ['32 hex after an api key name with no Azure host', 'apiKey: "{key:azure-hex}"', 'config.yaml'],
    [
      'a key far from the name',
      'api_key = load()  # see https://contoso.openai.azure.com/ for the endpoint; the cache key below is not it\ncache = "{key:azure-hex}"',
      'app.py',
    ],
  ])('%s is not reported by any rule', (_name, template, path) => {
    expect(ruleIdsIn(template, path)).toEqual([]);
  });
});

describe('admin keys', () => {
  const template = 'OPENAI_ADMIN_KEY={key:admin}';
  const [finding] = scanText(fillExample(template), { path: 'scripts/rotate.sh' });

  it('says what an admin key can do, and reads it from OPENAI_ADMIN_KEY', () => {
    expect(finding.label).toBe('admin key');
    expect(finding.message).toContain('can create and delete every API key in the organisation');
    expect(finding.message).toContain('Revoke it first');
    expect(finding.envVar).toBe('OPENAI_ADMIN_KEY');
  });

  it('puts revoking first in its steps, in code and in an env file', () => {
    expect(remediationFor([finding])[0]).toMatch(/^Revoke the admin key first/);
    expect(remediationFor([finding], 'env-file')[0]).toMatch(/^Revoke the admin key first/);
    expect(remediationFor([finding], 'env-file')).toContain(getRule('openai-api-key')!.envFileRemediation![1]);
  });

  it("keeps a project key's steps, and a rule's own when given the rule", () => {
    const [project] = scanText(fillExample('OPENAI_API_KEY={key:proj}'), { path: 'app.sh' });
    const rule = getRule('openai-api-key')!;
    expect(remediationFor([project])).toEqual([...rule.remediation]);
    expect(remediationFor([rule])).toEqual([...rule.remediation]);
    // One admin key among other findings: its steps first, each step once.
    const steps = remediationFor([finding, project]);
    expect(steps[0]).toMatch(/^Revoke the admin key first/);
    expect(new Set(steps).size).toBe(steps.length);
  });
});
