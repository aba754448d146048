#!/usr/bin/env node
/**
 * Scaffolds a token rule: `npm run new-rule -- <id>` writes
 *
 *   packages/core/src/rules/<id>.ts   the record: a plain token rule, no code (pattern `<id>_` + 32
 *                                     letters and digits, true and false positive examples)
 *   docs/rules/<id>.md                its page: the generated header (as `npm run docs:write`
 *                                     writes it) and the prose sections to fill in
 *   packages/core/src/rules/index.ts  its registry line (import, list entry, named export)
 *
 * and nothing else, so that `npm test` passes right after it, `keyguard rules` lists the rule and
 * the ESLint plugin exports `@keyguard/no-<id>` (generated from the record). Then replace the
 * pattern, keywords and examples with the real token format, and cite its source.
 * Keep the record's shape in step with packages/core/src/types.ts (RuleDefinition) and the
 * header with scripts/rule-docs.mjs; packages/core/test/new-rule.test.ts runs this script.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderHeader } from './rule-docs.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const rulesDir = join(root, 'packages', 'core', 'src', 'rules');
const registry = join(rulesDir, 'index.ts');

function fail(message) {
  process.stderr.write(`new-rule: ${message}\n`);
  process.exit(2);
}

/** `acme-token` → `acmeToken`: the record's export name. */
const camelCase = (id) => id.replace(/-([a-z0-9])/g, (_, ch) => ch.toUpperCase());
/** `acme-token` → `Acme token`: the description's words. */
const title = (id) => id.charAt(0).toUpperCase() + id.slice(1).replace(/-/g, ' ');
/** `acme-token` → `ACME_TOKEN`: the environment variable a fix reads. */
const envName = (id) => id.toUpperCase().replace(/-/g, '_');

/** The record, as data. Kept to what `renderHeader` and the source file both need. */
function recordOf(id) {
  const prefix = `${id}_`;
  return {
    id,
    description: `${title(id)} (${prefix}…)`,
    help:
      `A ${title(id).toLowerCase()} is written in the file. Anyone who can read it can use it. ` +
      `Revoke it, then read it from the ${envName(id)} environment variable or a secrets manager instead of writing it down.`,
    envVar: envName(id),
    prefix,
    keywords: [prefix],
    eslint: { name: `no-${id}`, kind: 'text' },
    examples: {
      // `{token:<prefix>}` is filled by the fake-key helper with the prefix and 32 letters and digits.
      truePositives: [`${envName(id)}={token:${prefix}}`, `const token = '{token:${prefix}}';`],
      falsePositives: [
        `${envName(id)}=${prefix}...`,
        `${prefix}${'x'.repeat(32)}`,
        `x{token:${prefix}}`,
        `${envName(id)}=\${${envName(id)}}`,
      ],
    },
  };
}

const quote = (text) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const list = (items, indent) => items.map((item) => `${indent}${quote(item)},`).join('\n');

function ruleSource(record) {
  const name = camelCase(record.id);
  return `import { defineRule, FALSE_ALARM_STEP } from '../define-rule';

/**
 * ${record.description}. Scaffolded by \`npm run new-rule\`: replace the pattern, the keywords
 * and the examples with the real token format, and cite where the format is documented.
 */
export const ${name} = defineRule({
  id: ${quote(record.id)},
  description: ${quote(record.description)},
  help: ${quote(record.help)},
  severity: 'error',
  label: 'token',
  message: ({ label, secret, keepOut }) => \`${title(record.id)} \${label} \${secret}. Rotate it, then \${keepOut}.\`,
  remediation: [
    'Revoke the token now if it was ever committed, pushed or shared: deleting the line does not remove it from git history.',
    ${quote(`Move it to an environment variable or an ignored .env file, and read it from ${record.envVar}.`)},
    FALSE_ALARM_STEP,
  ],
  envVar: ${quote(record.envVar)},
  redactPrefixes: [${quote(record.prefix)}],
  // Prefilter: every true positive holds one (case-sensitive bytes).
  keywords: [${quote(record.prefix)}],
  // No validator: the default one checks that the match is a whole token and not made up.
  matchers: [{ name: 'token', pattern: String.raw\`${record.prefix}[A-Za-z0-9]{32}\` }],
  examples: {
    truePositives: [
${list(record.examples.truePositives, '      ')}
    ],
    falsePositives: [
${list(record.examples.falsePositives, '      ')}
    ],
  },
});
`;
}

function pageSource(record) {
  return `${renderHeader(record)}

## Why it matters

<!-- What the token grants, who issues it, and where the format is documented. -->

## How to fix it

Revoke the token, then read it from \`${record.envVar}\` instead of writing it down.

## When a finding is wrong

Add a \`keyguard-ignore\` comment on the line, or record the finding with \`keyguard baseline\`.
`;
}

/** The registry with the rule added: its import, its place at the end of the list, its named export. */
function withRegistryLine(source, id) {
  const name = camelCase(id);
  const imports = [...source.matchAll(/^import \{ \w+ \} from '\.\/[\w-]+';$/gm)];
  // The list as Prettier writes it: on one line while it fits, one entry a line after that.
  const list = /^export const rules: readonly Rule\[\] = \[([\w\s,]*)\];$/m.exec(source);
  const named = /^export \{ ((?:\w+, )*\w+) \};$/m.exec(source);
  if (imports.length === 0 || !list || !named)
    fail(`${relative(root, registry)} is not in the shape this script edits; add the rule by hand`);
  const entries = list[1]
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const lastImport = imports[imports.length - 1];
  const importAt = lastImport.index + lastImport[0].length;
  let next = `${source.slice(0, importAt)}\nimport { ${name} } from './${id}';${source.slice(importAt)}`;
  next = next.replace(list[0], `export const rules: readonly Rule[] = [${[...entries, name].join(', ')}];`);
  return next.replace(named[0], `export { ${named[1]}, ${name} };`);
}

/** Formats what the script wrote as the repository does (`npm run lint` checks it), when Prettier is installed. */
function format(paths) {
  const prettier = join(root, 'node_modules', 'prettier', 'bin', 'prettier.cjs');
  if (!existsSync(prettier)) return;
  const result = spawnSync(process.execPath, [prettier, '--write', '--log-level', 'warn', ...paths], { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) fail(`prettier could not format the new files: ${(result.stderr || result.stdout).trim().split('\n')[0]}`);
}

function main(argv) {
  const id = argv[0];
  if (!id || argv.length > 1) fail('usage: npm run new-rule -- <provider>-<what>   (for example: npm run new-rule -- acme-token)');
  if (!/^[a-z][a-z0-9]*(?:-[a-z0-9]+)+$/.test(id))
    fail(`"${id}" is not a rule id: use <provider>-<what> in lower-case kebab-case (acme-token)`);
  const file = join(rulesDir, `${id}.ts`);
  const page = join(root, 'docs', 'rules', `${id}.md`);
  const registrySource = readFileSync(registry, 'utf8');
  if (existsSync(file) || existsSync(page) || registrySource.includes(`'./${id}'`))
    fail(`a rule ${id} exists already (${relative(root, file)})`);
  const record = recordOf(id);
  const nextRegistry = withRegistryLine(registrySource, id);
  writeFileSync(file, ruleSource(record));
  writeFileSync(page, pageSource(record));
  writeFileSync(registry, nextRegistry);
  format([file, registry]);
  for (const path of [file, page, registry]) process.stdout.write(`new-rule: wrote ${relative(root, path)}\n`);
  process.stdout.write(
    'new-rule: next, replace the pattern, keywords and examples with the real format, then: npm run build && npx jest packages/core\n',
  );
}

main(process.argv.slice(2));
