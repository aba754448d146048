#!/usr/bin/env node
/**
 * Generates the tables the docs keep of the rules and the flags, between markers, from the one
 * registry (packages/core's `rules`) and the one flag table (packages/cli's `FLAGS`):
 *
 *   <!-- begin generated: NAME -->   …   <!-- end generated: NAME -->
 *
 * NAME is one of the renderers below (rules, eslint-rules, cli-rules, scan-flags, revoke-flags, fix-flags); a file may
 * hold any of them, and the text around them is written by hand.
 *
 *   node scripts/docs-tables.mjs --write   regenerate every block
 *   node scripts/docs-tables.mjs --check   exit 1 with a one-line message when a block is stale
 *
 * It reads the built packages (dist/): run `npm run build` first. `npm run lint` runs the check.
 * A rule that `npm run new-rule` just scaffolded makes the tables stale on purpose: the scaffold
 * writes its three paths, and `npm run docs:write` then adds the rule to the tables.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The files that hold generated blocks. */
const FILES = ['README.md', 'docs/cli.md', 'docs/eslint.md'];

function fail(message) {
  process.stderr.write(`docs-tables: ${message}\n`);
  process.exit(1);
}

function load(path, name) {
  const entry = join(root, path);
  if (!existsSync(entry)) fail(`${relative(root, entry)} is missing. Run: npm run build`);
  return createRequire(import.meta.url)(entry)[name];
}

/** A table cell: pipes escaped, one line. */
const cell = (text) =>
  String(text)
    .replace(/\|/g, '\\|')
    .replace(/\s*\n\s*/g, ' ');
const code = (text) => `\`${text}\``;

/** The renderers, by block name: each gets the rules, the flags and the file's folder (for links). */
const RENDERERS = {
  /** README: what each rule catches, with its severity and its ESLint twin. */
  rules: ({ rules, linkTo }) => [
    '| rule | catches | severity | in ESLint |',
    '|---|---|---|---|',
    ...rules.map(
      (rule) =>
        `| [${code(rule.id)}](${linkTo(`docs/rules/${rule.id}.md`)}) | ${cell(rule.description)} | ${rule.severity} | ${
          rule.eslint ? code(`@keyguard/${rule.eslint.name}`) : '—'
        } |`,
    ),
  ],

  /** docs/eslint.md: the plugin's rules, each with the core rule it asks and what it reads from the AST. */
  'eslint-rules': ({ rules, linkTo }) => [
    '| ESLint rule | reports | in `configs.recommended` | core rule | how |',
    '|---|---|---|---|---|',
    ...rules
      .filter((rule) => rule.eslint)
      .map(
        (rule) =>
          `| [${code(`@keyguard/${rule.eslint.name}`)}](${linkTo(`docs/rules/${rule.id}.md`)}) | ${cell(rule.description)} | ${
            rule.severity
          } | ${code(rule.id)} | ${
            rule.eslint.kind === 'ast'
              ? 'finds the values handed to the sinks in the AST (constants, defaults) and core judges each; also reports what core finds in the text'
              : "core scans the file's text with the rule: the same lines as `keyguard scan`"
          } |`,
      ),
  ],

  /** docs/cli.md: the rule ids `keyguard rules` lists and the config's `rules` names. */
  'cli-rules': ({ rules, linkTo }) => [
    '| rule id | severity | catches | environment variable a fix reads |',
    '|---|---|---|---|',
    ...rules.map(
      (rule) =>
        `| [${code(rule.id)}](${linkTo(`docs/rules/${rule.id}.md`)}) | ${rule.severity} | ${cell(rule.description)} | ${code(rule.envVar)} |`,
    ),
  ],

  /** docs/cli.md: every flag of `scan`, from the one table the parser and `--help` read. */
  'scan-flags': ({ flags }) => [
    '| flag | commands | meaning |',
    '|---|---|---|',
    ...flags
      .filter((flag) => flag.commands.includes('scan'))
      .map((flag) => {
        const names = [`--${flag.name}`, ...(flag.short ? [`-${flag.short}`] : [])].map(code).join(', ');
        return `| ${names}${flag.value ? ` ${cell(code(flag.value))}` : ''} | ${flag.commands.join(', ')} | ${cell(flag.docs ?? flag.description)} |`;
      }),
  ],

  /** docs/cli.md: every flag of `revoke` (docs/verify.md tells the whole story). */
  'revoke-flags': ({ flags }) => [
    '| flag | meaning |',
    '|---|---|',
    ...flags
      .filter((flag) => flag.commands.includes('revoke'))
      .map((flag) => {
        const names = [`--${flag.name}`, ...(flag.short ? [`-${flag.short}`] : [])].map(code).join(', ');
        return `| ${names}${flag.value ? ` ${cell(code(flag.value))}` : ''} | ${cell(flag.docs ?? flag.description)} |`;
      }),
  ],

  /** docs/cli.md: every flag of `fix` (docs/fix.md tells the whole story). */
  'fix-flags': ({ flags }) => [
    '| flag | commands | meaning |',
    '|---|---|---|',
    ...flags
      .filter((flag) => flag.commands.includes('fix'))
      .map((flag) => {
        const names = [`--${flag.name}`, ...(flag.short ? [`-${flag.short}`] : [])].map(code).join(', ');
        return `| ${names}${flag.value ? ` ${cell(code(flag.value))}` : ''} | ${flag.commands.join(', ')} | ${cell(flag.docs ?? flag.description)} |`;
      }),
  ],
};

const BLOCK = /<!-- begin generated: ([\w-]+) -->\n[\s\S]*?<!-- end generated: \1 -->/g;

/** The file with every block regenerated; throws on a block name no renderer has. */
export function renderFile(text, context) {
  return text.replace(BLOCK, (_, name) => {
    const render = RENDERERS[name];
    if (!render) throw new Error(`unknown generated block "${name}" (known: ${Object.keys(RENDERERS).join(', ')})`);
    return [
      `<!-- begin generated: ${name} -->`,
      '<!-- generated by scripts/docs-tables.mjs from the rule registry and the flag table; run `npm run docs:write` -->',
      ...render(context),
      `<!-- end generated: ${name} -->`,
    ].join('\n');
  });
}

function main(argv) {
  const mode = argv.includes('--write') ? 'write' : argv.includes('--check') ? 'check' : undefined;
  if (!mode) fail('usage: node scripts/docs-tables.mjs --write | --check');
  const rules = load('packages/core/dist/index.js', 'rules');
  const flags = load('packages/cli/dist/args.js', 'FLAGS');
  const stale = [];
  for (const file of FILES) {
    const path = join(root, file);
    const current = readFileSync(path, 'utf8');
    const from = dirname(file);
    const linkTo = (target) => relative(from, target).split('\\').join('/');
    let next;
    try {
      next = renderFile(current, { rules, flags, linkTo });
    } catch (error) {
      fail(`${file}: ${error.message}`);
    }
    if (next === current) continue;
    if (mode === 'write') {
      writeFileSync(path, next);
      process.stdout.write(`docs-tables: wrote ${file}\n`);
    } else {
      stale.push(file);
    }
  }
  if (stale.length > 0)
    fail(
      `${stale.join(', ')} ${stale.length === 1 ? 'has' : 'have'} stale generated tables (rules or flags changed). Run: npm run docs:write`,
    );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main(process.argv.slice(2));
