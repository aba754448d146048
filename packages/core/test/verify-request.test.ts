/**
 * What `--verify` sends is the rule records' (issue 15, DESIGN.md "a rule is one record"):
 * core's verifyRequestFor reads the request from the finding's rule (its label's, its env
 * var's), and verifyResourceOf finds the resource a record asks for near the secret. The CLI's
 * verifier names no rule id and no provider's variable (checked here over its source folder).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rules, scanText, verifyRequestFor, verifyResourceOf, type RevealedSecret } from '@keyguard/core';
import { fakeKey, fakeValue, REPO_ROOT } from '@keyguard/test-utils';

const requestOf = (text: string, path = 'app.py') => {
  const findings = scanText(text, { path });
  expect(findings).toHaveLength(1);
  return verifyRequestFor(findings[0]);
};

describe('verifyRequestFor reads the rule records', () => {
  it('an OpenAI key: GET /v1/models, bearer, sent only whole (with its prefix)', () => {
    expect(requestOf(`key = "${fakeKey('proj')}"\n`)).toMatchObject({
      path: '/v1/models',
      auth: 'bearer',
      requirePrefix: { prefix: 'sk-' },
    });
  });

  it("an admin key: its label's request, the Admin API", () => {
    expect(requestOf(`key = "${fakeKey('admin')}"\n`)).toMatchObject({ path: '/v1/organization/projects?limit=1', auth: 'bearer' });
  });

  it('an Azure key, and a value for an Azure client: the resource models list, api-key header, a resource needed', () => {
    const azure = requestOf(`AZURE_OPENAI_API_KEY=${fakeKey('azure')}\n`, '.env');
    expect(azure).toMatchObject({ path: '/openai/models?api-version=2024-10-21', auth: 'api-key' });
    expect('resource' in azure && azure.resource).toBeTruthy();
    expect(requestOf(`client = AzureOpenAI(api_key="${fakeValue()}")\n`)).toEqual(azure);
  });

  it('a value for an OpenAI client that is no OpenAI key, and a webhook secret: not sent, with the reason', () => {
    expect(requestOf(`client = OpenAI(api_key="${fakeValue()}")\n`)).toEqual({
      notSent: "not an OpenAI key's shape (a proxy's or another service's token, perhaps)",
    });
    expect(verifyRequestFor({ ruleId: 'openai-webhook-secret', label: 'secret', envVar: 'OPENAI_WEBHOOK_SECRET' })).toEqual({
      notSent: 'keyguard has no check for this kind of secret',
    });
  });

  it('every resource pattern compiles through the linear-time seam', () => {
    const patterns = rules.flatMap((rule) =>
      [rule.verify?.request, ...Object.values(rule.verify?.byEnvVar ?? {}), ...Object.values(rule.labels ?? {}).map((own) => own.verify)]
        .map((request) => request?.resource?.pattern)
        .filter((pattern): pattern is string => pattern !== undefined),
    );
    expect(patterns.length).toBeGreaterThan(0);
    const secret: RevealedSecret = { id: 'x', value: 'v', text: 'v', start: 0 };
    expect(verifyResourceOf(secret)).toBeUndefined();
  });
});

describe('verifyResourceOf', () => {
  const reveal = (text: string, value: string): RevealedSecret => ({ id: 'x', value, text, start: text.indexOf(value) });

  it('finds the nearest resource origin within the window, lower-cased', () => {
    const key = fakeKey('azure');
    const text = `far = "https://other.openai.azure.com"\n${'#\n'.repeat(400)}endpoint = "https://KG-Res.openai.azure.com/"\nkey = "${key}"\n`;
    expect(verifyResourceOf(reveal(text, key))).toBe('https://kg-res.openai.azure.com');
  });

  it('none beyond 2,000 characters or for another host; a longer name yields only the Microsoft host it starts with', () => {
    const key = fakeKey('azure');
    expect(verifyResourceOf(reveal(`e = "https://kg.openai.azure.com"\n${' '.repeat(2100)}k = "${key}"\n`, key))).toBeUndefined();
    expect(verifyResourceOf(reveal(`e = "https://kg.openai.azure.com.evil.example"\nk = "${key}"\n`, key))).toBe(
      'https://kg.openai.azure.com',
    );
    expect(verifyResourceOf(reveal(`e = "https://example.com"\nk = "${key}"\n`, key))).toBeUndefined();
  });
});

describe("the CLI's verifier names no rule and no provider's variable", () => {
  it('packages/cli/src/verify holds no rule id and no AZURE_ name', () => {
    const folder = join(REPO_ROOT, 'packages', 'cli', 'src', 'verify');
    for (const file of readdirSync(folder)) {
      const source = readFileSync(join(folder, file), 'utf8');
      for (const rule of rules) expect(source.includes(`'${rule.id}'`) ? `${file}: ${rule.id}` : '').toBe('');
      expect(/AZURE_|openai\.azure\.com/.test(source) ? file : '').toBe('');
    }
  });
});
