import { defineRule, FALSE_ALARM_STEP } from '../define-rule';
import { AZURE_VERIFY } from './support/azure-verify';

/**
 * An Azure OpenAI key in its 84-character form (Azure AI services, the resource kind Azure
 * OpenAI runs on, issues keys of this shape since 2024): 52 letters and digits, `JQQJ99`, two
 * capitals (a date code), `AC`, 5 characters, `XJ3w3AAA`, a capital, `ACOG` (AI services; other
 * Azure services put their own code there, Web PubSub `AAAAAWPS`) and 4 characters. The fixed
 * inner runs make it safe to report anywhere, as trivy's `azure-ai-services-key` rule does.
 *
 * The classic 32-hex form is only a key in an Azure OpenAI context: given to an Azure client
 * (`AzureOpenAI(api_key=…)`, `AzureKeyCredential`) or named `AZURE_OPENAI_API_KEY`, it is
 * `openai-key-assignment`'s finding, which reads AZURE_OPENAI_API_KEY for those sinks.
 */
export const azureOpenaiKey = defineRule({
  id: 'azure-openai-key',
  description: 'Azure OpenAI (Azure AI services) key in its 84-character form',
  help:
    'An Azure OpenAI key (an Azure AI services key) is written in the file. Anyone who can read it can ' +
    "call your deployments on your subscription. Regenerate it in the Azure portal (the resource's " +
    'Keys and Endpoint page, or `az cognitiveservices account keys regenerate`), then read it from the ' +
    'AZURE_OPENAI_API_KEY environment variable, or use Microsoft Entra ID instead of keys.',
  severity: 'error',
  label: 'key',
  message: ({ label, secret, keepOut }) => `Azure OpenAI ${label} ${secret}. Regenerate it, then ${keepOut}.`,
  remediation: [
    "Regenerate the key now if it was ever committed, pushed or shared (the resource's Keys and Endpoint page, or az cognitiveservices account keys regenerate --key-name key1): deleting the line does not remove it from git history.",
    'Move it to an environment variable or an ignored .env file, and read it from AZURE_OPENAI_API_KEY; better, authenticate with Microsoft Entra ID (DefaultAzureCredential) and use no key at all.',
    FALSE_ALARM_STEP,
  ],
  envVar: 'AZURE_OPENAI_API_KEY',
  // --verify: its own resource's models list, only with the resource named near the key.
  verify: { request: AZURE_VERIFY, otherwise: 'keyguard has no check for this kind of key' },
  redactPrefixes: [],
  // Prefilter: the fixed run every 84-character Azure key holds (case-sensitive bytes).
  keywords: ['JQQJ99'],
  // No validator: the default one checks that the match is a whole token and not made up.
  matchers: [
    {
      name: 'ai-services-84',
      pattern: String.raw`[A-Za-z0-9]{52}JQQJ99[A-Z]{2}AC[A-Za-z0-9]{5}XJ3w3AAA[A-Z]ACOG[A-Za-z0-9]{4}`,
    },
  ],
  examples: {
    truePositives: [
      'AZURE_OPENAI_API_KEY={key:azure}',
      'client = AzureOpenAI(api_key="{key:azure}", api_version="2024-10-21")',
      "const credential = new AzureKeyCredential('{key:azure}');",
      'SPEECH_KEY={key:azure}',
      '"AzureOpenAI": { "ApiKey": "{key:azure}" }',
    ],
    falsePositives: [
      'AZURE_OPENAI_API_KEY=${AZURE_OPENAI_API_KEY}',
      'AZURE_OPENAI_API_KEY=<your-azure-openai-key>',
      // Another Azure service's key of the same length (Web PubSub): not an AI services key.
      'Endpoint=https://chat.webpubsub.azure.com;AccessKey={key:azure-pubsub};Version=1.0;',
      // Part of a longer token: not a whole key.
      'x{key:azure}',
      '{key:azure}Q',
      // 32 hex alone is every md5: only a key in an Azure OpenAI context (openai-key-assignment).
      '"integrity": "md5-{key:azure-hex}"',
    ],
  },
});
