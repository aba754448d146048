import * as core from '@keyguard/core';
import { fillExample } from '@keyguard/test-utils';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const script = join(root, 'scripts', 'rule-docs.mjs');

function runDocs(cwdRoot: string, ...args: string[]): { status: number | null; stderr: string } {
  const result = spawnSync(process.execPath, [join(cwdRoot, 'scripts', 'rule-docs.mjs'), ...args], { encoding: 'utf8' });
  return { status: result.status, stderr: result.stderr };
}

describe('rule docs', () => {
  it('have generated headers that match the rule records (npm run docs:check)', () => {
    const result = runDocs(root, '--check');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('--check fails with one line when a header is stale, and --write repairs it', () => {
    const copy = mkdtempSync(join(tmpdir(), 'keyguard-rule-docs-'));
    try {
      mkdirSync(join(copy, 'scripts'));
      copyFileSync(script, join(copy, 'scripts', 'rule-docs.mjs'));
      mkdirSync(join(copy, 'packages', 'core'), { recursive: true });
      symlinkSync(join(root, 'packages', 'core', 'dist'), join(copy, 'packages', 'core', 'dist'), 'dir');
      mkdirSync(join(copy, 'docs', 'rules'), { recursive: true });
      const page = readFileSync(join(root, 'docs', 'rules', 'openai-api-key.md'), 'utf8');
      writeFileSync(join(copy, 'docs', 'rules', 'openai-api-key.md'), page.replace('## Not reported', '## Not flagged'));

      const stale = runDocs(copy, '--check');
      expect(stale.status).toBe(1);
      expect(stale.stderr.trim().split('\n')).toHaveLength(1);
      // The edited page and every page the copy lacks, in registry order.
      const listed = core.rules.map((rule) => `docs/rules/${rule.id}.md`).join(', ');
      expect(stale.stderr).toContain(`${listed} are stale`);
      expect(stale.stderr).toMatch(/npm run docs:write/);

      expect(runDocs(copy, '--write').status).toBe(0);
      expect(runDocs(copy, '--check').status).toBe(0);
      const written = readFileSync(join(copy, 'docs', 'rules', 'openai-api-key.md'), 'utf8');
      expect(written).toBe(page); // the hand-written prose is kept
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('--check and --write are required', () => {
    const result = runDocs(root);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/usage/);
  });
});

describe('each rule', () => {
  const exported: Record<string, unknown> = { ...core };
  it.each(core.rules.map((rule) => [rule.id, rule] as [string, core.Rule]))(
    '%s is exported, documented, and its keywords are used',
    (id, rule) => {
      expect(core.getRule(id)).toBe(rule);
      expect(Object.values(exported)).toContain(rule);
      const page = join(root, 'docs', 'rules', `${id}.md`);
      expect(existsSync(page)).toBe(true);
      const text = readFileSync(page, 'utf8');
      expect(text).toContain('<!-- begin generated -->');
      expect(text).toMatch(/## How to fix it/);
      expect(text).toMatch(/## When a finding is wrong/);
      expect(core.ruleDocsUrl(id)).toMatch(new RegExp(`/docs/rules/${id}\\.md$`));
      const positives = rule.examples.truePositives.map((template) => fillExample(template));
      for (const keyword of rule.keywords) {
        expect(positives.filter((example) => example.includes(keyword)).length).toBeGreaterThanOrEqual(1);
      }
    },
  );
});
