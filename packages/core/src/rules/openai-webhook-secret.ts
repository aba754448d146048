import { defineRule, FALSE_ALARM_STEP } from '../define-rule';
import { assignmentMatchers } from '../engine/assignment';
import { isPlaceholderValue } from '../engine/placeholder';
import { openaiWebhookSinkTables } from './support/openai-sinks';
import { isPublishedExample } from './support/published-examples';

/**
 * An OpenAI webhook signing secret: `whsec_` + the base64 of 32 random bytes (the OpenAI
 * dashboard's webhook page; the SDKs strip `whsec_` and base64-decode the rest, see
 * openai-python's `verify_signature`). Stripe, Svix and every Standard Webhooks sender use the
 * same prefix, so the token alone says nothing about whose it is: it is reported only where a
 * name or a call says it is OpenAI's (`OPENAI_WEBHOOK_SECRET=…`, `new OpenAI({ webhookSecret })`,
 * `client.webhooks.unwrap(body, headers, secret)`).
 */
const WEBHOOK_SECRET = /^whsec_(?<body>[A-Za-z0-9+/]{20,200}={0,2})$/;

/**
 * True when a value handed to a webhook-secret sink is not an OpenAI signing secret: not of
 * the `whsec_` + base64 shape (`webhook_secret=os.environ[…]`, `"whsec_..."`), a made-up
 * body (`whsec_xxxxxxxx…`, `whsec_test`), or the fixture of the SDKs' own webhook tests.
 */
function isNotWebhookSecret(value: string): boolean {
  const body = WEBHOOK_SECRET.exec(value.trim())?.groups?.body;
  return body === undefined || isPlaceholderValue(body) || isPublishedExample(value.trim());
}

export const openaiWebhookSecret = defineRule({
  id: 'openai-webhook-secret',
  description: 'OpenAI webhook signing secret (whsec_…) given to an OpenAI client or named OPENAI_WEBHOOK_SECRET',
  help:
    'An OpenAI webhook signing secret is written in the file. Anyone holding it can forge webhook ' +
    'events (a "completed" batch, a finished response) that your endpoint will accept as OpenAI\'s. ' +
    "Rotate it on the webhook's page in the OpenAI dashboard, then read it from the OPENAI_WEBHOOK_SECRET " +
    'environment variable, which the SDKs read by default.',
  severity: 'error',
  label: 'webhook signing secret',
  message: ({ secret, keepOut }) =>
    `OpenAI webhook signing secret ${secret}: anyone holding it can forge webhook events to your endpoint. Rotate it, then ${keepOut}.`,
  remediation: [
    "Rotate the signing secret now if it was ever committed, pushed or shared (the webhook's page at https://platform.openai.com/settings/project/webhooks): deleting the line does not remove it from git history.",
    'Move it to an environment variable or an ignored .env file: the SDKs read OPENAI_WEBHOOK_SECRET when no webhookSecret is given.',
    FALSE_ALARM_STEP,
  ],
  envVar: 'OPENAI_WEBHOOK_SECRET',
  redactPrefixes: ['whsec_'],
  // Prefilter: every finding is a whsec_ value (case-sensitive bytes).
  keywords: ['whsec_'],
  // The assignment engine with OpenAI's webhook tables: names, options, the verifiers' arguments.
  matchers: assignmentMatchers({ ...openaiWebhookSinkTables, isPlaceholderValue: isNotWebhookSecret }),
  isPlaceholderValue: isNotWebhookSecret,
  sinks: openaiWebhookSinkTables,
  eslint: { kind: 'ast' },
  examples: {
    truePositives: [
      'OPENAI_WEBHOOK_SECRET={key:whsec}',
      'export OPENAI_WEBHOOK_SECRET="{key:whsec}"',
      'env:\n  OPENAI_WEBHOOK_SECRET: "{key:whsec}"',
      'env:\n  - name: OPENAI_WEBHOOK_SECRET\n    value: "{key:whsec}"',
      "process.env.OPENAI_WEBHOOK_SECRET = '{key:whsec}';",
      'os.environ["OPENAI_WEBHOOK_SECRET"] = "{key:whsec}"',
      "const client = new OpenAI({ webhookSecret: '{key:whsec}' });",
      "const webhookSecret = '{key:whsec}';\nconst client = new OpenAI({ webhookSecret });",
      'client = OpenAI(webhook_secret="{key:whsec}")',
      'event = client.webhooks.unwrap(request.data, request.headers, secret="{key:whsec}")',
      'client.webhooks.verify_signature(body, headers, secret="{key:whsec}")',
      "const event = await client.webhooks.unwrap(body, req.headers, '{key:whsec}');",
      "const secret = '{key:whsec}';\nawait openai.webhooks.unwrap(body, headers, secret);",
      "client.webhooks.verifySignature(JSON.stringify(payload), headers, '{key:whsec}');",
      'client = OpenAI::Client.new(webhook_secret: "{key:whsec}")',
      'client := openai.NewClient(option.WithWebhookSecret("{key:whsec}"))',
      'OpenAIOkHttpClient.builder().webhookSecret("{key:whsec}").build()',
      '{ "OpenAI": { "ApiKey": "", "WebhookSecret": "{key:whsec}" } }',
      'openai.webhookSecret={key:whsec}',
    ],
    falsePositives: [
      'OPENAI_WEBHOOK_SECRET=${OPENAI_WEBHOOK_SECRET}',
      'OPENAI_WEBHOOK_SECRET=whsec_...',
      'OPENAI_WEBHOOK_SECRET=whsec_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx=',
      'OPENAI_WEBHOOK_SECRET=<your-webhook-secret>',
      'client = OpenAI(webhook_secret=os.environ["OPENAI_WEBHOOK_SECRET"])',
      'const client = new OpenAI({ webhookSecret: process.env.OPENAI_WEBHOOK_SECRET });',
      // Another sender's: Stripe's endpoint secret, Svix and Standard Webhooks.
      'endpoint_secret = "{key:whsec}"\nevent = stripe.Webhook.construct_event(payload, sig_header, endpoint_secret)',
      'STRIPE_WEBHOOK_SECRET={key:whsec}',
      "const event = stripe.webhooks.constructEvent(body, sig, '{key:whsec}');",
      "const wh = new Webhook('{key:whsec}');\nwh.verify(payload, headers);",
      'SVIX_WEBHOOK_SECRET={key:whsec}',
      // A bare whsec_ value says nothing about whose it is.
      'WEBHOOK_SECRET={key:whsec}',
      '{key:whsec}',
      // About the secret, not the secret.
      'OPENAI_WEBHOOK_SECRET_FILE=/run/secrets/{key:whsec}',
      // Not the verifier's secret argument: the body and the headers.
      "client.webhooks.unwrap('{key:whsec}', headers, process.env.OPENAI_WEBHOOK_SECRET);",
    ],
  },
});
