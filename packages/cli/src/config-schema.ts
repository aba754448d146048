import { CONFIG_FIELDS, MAX_USER_PATTERN_LENGTH, RULE_SETTINGS, rules, SEVERITIES, UNSCANNED_REASONS } from '@keyguard/core';

/** Where the schema is published: the file in the repository, and in the package. Keep in step with docs/cli.md. */
export const CONFIG_SCHEMA_URL = 'https://raw.githubusercontent.com/keyguard/keyguard/main/packages/cli/keyguard.config.schema.json';

/** What each field means, for the editor's hover (docs/cli.md says it at more length). */
const FIELDS: Record<string, object> = {
  $schema: {
    type: 'string',
    description: 'The JSON Schema of this file, for editors: ./node_modules/@keyguard/cli/keyguard.config.schema.json',
  },
  rules: {
    type: 'object',
    description:
      'Rule id to a severity ("error", "warning" or "note"; "warn" is ESLint\u2019s word for "warning") or "off". Each rule has its own default (keyguard rules). A warning fails a scan and blocks a commit unless "failOn" is "error"; a note never does unless "failOn" is "note".',
    properties: Object.fromEntries(
      rules.map((rule) => [rule.id, { description: `${rule.description} (default: ${rule.severity})`, enum: [...RULE_SETTINGS] }]),
    ),
    additionalProperties: false,
  },
  failOn: {
    enum: [...SEVERITIES].reverse(),
    description:
      'The least severity that makes keyguard scan exit 1 and blocks a commit: "error", "warning" (the default) or "note". --fail-on overrides it for one run.',
  },
  ignore: {
    type: 'array',
    items: { type: 'string' },
    description: 'More paths to skip, in .gitignore syntax, from the repository root.',
  },
  allow: {
    type: 'array',
    items: { type: 'string', maxLength: MAX_USER_PATTERN_LENGTH },
    description: 'Regular expressions (RE2 syntax) of accepted secrets, matched against the whole secret: a test fixture\u2019s value.',
  },
  baseline: {
    type: 'string',
    description:
      'A baseline file applied by every keyguard scan without --baseline, relative to this file; where keyguard baseline writes.',
  },
  maxFileSize: {
    type: 'integer',
    minimum: 1,
    description: 'An opt-out: files larger than this many bytes are skipped with a warning (default: no limit).',
  },
  verify: {
    type: 'boolean',
    description:
      'keyguard scan asks the OpenAI API whether each key found is live, as with --verify (docs/verify.md). Off by default; never the pre-commit hook.',
  },
  onSkipped: {
    description:
      'What --staged, --git and the hook do when something they had to scan was not: "fail" (the default) or "warn", for every reason or per reason.',
    oneOf: [
      { enum: ['fail', 'warn'] },
      {
        type: 'object',
        properties: Object.fromEntries(UNSCANNED_REASONS.map((reason) => [reason, { enum: ['fail', 'warn'] }])),
        additionalProperties: false,
      },
    ],
  },
};

/**
 * The JSON Schema of keyguard.config.json (draft-07, which every editor reads), made from the
 * fields core accepts and the rules it registers: `npm run build` writes it to
 * packages/cli/keyguard.config.schema.json (scripts/config-schema.mjs), a test checks the
 * committed file is current. Core's resolveConfig stays the judge: the schema helps editors.
 */
export function configSchema(): object {
  const missing = CONFIG_FIELDS.filter((field) => !(field in FIELDS));
  if (missing.length > 0) throw new Error(`config-schema.ts: no schema for config field(s) ${missing.join(', ')}`);
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: CONFIG_SCHEMA_URL,
    title: 'keyguard.config.json',
    description:
      'The configuration of keyguard (https://github.com/keyguard/keyguard/blob/main/docs/cli.md#configuration-keyguardconfigjson).',
    type: 'object',
    properties: Object.fromEntries(CONFIG_FIELDS.map((field) => [field, FIELDS[field]])),
    additionalProperties: false,
  };
}
