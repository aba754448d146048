import { redactSecretsIn, ruleDocsUrl, rules, type Rule, type Severity } from '@keyguard/core';
import type { ReportedFinding, ScanResult } from '../scan';
import { isUnscanned } from '../sources/types';

// SARIF 2.1.0, as GitHub code scanning reads it (docs.github.com, "SARIF support for code
// scanning"): results are placed by a relative `uri` against %SRCROOT%, deduplicated across
// runs by `partialFingerprints`, ranked by the rule's `security-severity`. Keep the fields in
// step with docs/ci.md. The output passes Microsoft's validator (test/sarif-validator.test.ts).

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://github.com/keyguard/keyguard';
// A require, not a file read beside __dirname, so that bundle/ (scripts/bundle.mjs) carries the version too.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const VERSION = (require('../../package.json') as { version: string }).version;
/** The partial fingerprint's name: bump the version if the fingerprint's recipe ever changes. */
const FINGERPRINT_KEY = 'keyguard/v1';

/** `openai-api-key` → `OpenaiApiKey`: SARIF wants a PascalCase name beside the id (SARIF2012 refuses `OpenAI`). */
function ruleName(id: string): string {
  return id
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/**
 * A severity as code scanning ranks it. SARIF's `level` has the same three words as keyguard's
 * severities; `problem.severity` calls a note a recommendation; `security-severity` places the
 * alert in GitHub's bands (9.0 and above critical, 4.0-6.9 medium, below 4.0 low).
 */
const SARIF_RANK: Record<Severity, { problem: string; security: string }> = {
  error: { problem: 'error', security: '9.0' },
  warning: { problem: 'warning', security: '6.0' },
  note: { problem: 'recommendation', security: '3.0' },
};

function ruleDescriptor(rule: Rule) {
  const url = ruleDocsUrl(rule.id);
  const steps = rule.remediation.map((step) => `- ${step}`).join('\n');
  return {
    id: rule.id,
    name: ruleName(rule.id),
    shortDescription: { text: sentence(rule.description) },
    fullDescription: { text: sentence(rule.help) },
    help: {
      text: `${sentence(rule.help)}\n\nWhat to do:\n${steps}\n\nMore: ${url}`,
      markdown: `${sentence(rule.help)}\n\n**What to do**\n\n${steps}\n\n[Rule documentation](${url})`,
    },
    helpUri: url,
    // The rule's own severity; a result carries the one this run gave it (the config's `rules`).
    defaultConfiguration: { level: rule.severity },
    properties: {
      tags: ['security', 'secret', 'external/cwe/cwe-798'],
      precision: 'high',
      'problem.severity': SARIF_RANK[rule.severity].problem,
      'security-severity': SARIF_RANK[rule.severity].security,
    },
  };
}

/**
 * A relative path as a URI reference: forward slashes, each segment percent-encoded (a space,
 * `#` or `%` in a file name must not change what the URI points to).
 */
export function toUriReference(path: string): string {
  return path
    .replace(/\\/g, '/')
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

function messageOf(finding: ReportedFinding): string {
  const text = sentence(finding.message);
  if (!finding.commit) return text;
  const by = finding.author ? ` by ${finding.author.replace(/\s*<[^>]*>$/, '')}` : '';
  const when = finding.date ? ` on ${finding.date.slice(0, 10)}` : '';
  return `${text} Added in commit ${finding.commit.slice(0, 12)}${by}${when}: it stays in the history until rewritten, so rotate it.`;
}

function resultOf(finding: ReportedFinding, ruleIndex: Map<string, number>) {
  const properties = {
    ...(finding.commit ? { commit: finding.commit } : {}),
    ...(finding.author ? { author: finding.author } : {}),
    ...(finding.date ? { date: finding.date } : {}),
    // With --verify: { state, reason, checkedAt } (docs/verify.md).
    ...(finding.verification ? { verification: finding.verification } : {}),
  };
  const history = Object.keys(properties).length > 0 ? { properties } : {};
  return {
    ruleId: finding.ruleId,
    ...(ruleIndex.has(finding.ruleId) ? { ruleIndex: ruleIndex.get(finding.ruleId) } : {}),
    level: finding.severity,
    message: { text: messageOf(finding) },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: toUriReference(finding.file), uriBaseId: '%SRCROOT%' },
          // Line 0 is a secret in the file's path, not on a line: code scanning needs a line and
          // the validator a whole region (SARIF2017), so an empty region at the file's start.
          region:
            finding.line === 0
              ? { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 }
              : { startLine: finding.line, startColumn: finding.column, endLine: finding.endLine, endColumn: finding.endColumn },
        },
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
    ...history,
  };
}

/**
 * The run's invocation. The scan's notes (a shallow clone's truncated history, what a history
 * scan covered) become tool notifications, which code scanning shows on the tool's status page.
 */
function invocationOf(result: ScanResult) {
  const notifications: object[] = result.notes.map((note) => ({
    level: /truncated/i.test(note) ? 'warning' : 'note',
    message: { text: sentence(redactSecretsIn(note)) },
  }));
  // What could not be scanned, one notification each, on the file: an error when it failed
  // the run (issue 11: never "no results" for content that was not read). Symbolic links are a
  // count only, and binary files (scanned, for the keys that need no context) one note.
  const failing = new Set(result.failedSkips);
  const informative = new Map<string, number>();
  for (const item of result.skipped) {
    if (!isUnscanned(item)) {
      informative.set(item.reason, (informative.get(item.reason) ?? 0) + 1);
      continue;
    }
    const detail = item.detail ? ` (${item.detail})` : '';
    // On the file it names (a file version in history: the file, its commit a property); a
    // commit or the rest of a history is no artifact, so it has no location.
    const uri = item.unit ? undefined : toUriReference(item.file ?? item.path);
    notifications.push({
      level: failing.has(item) ? 'error' : 'warning',
      descriptor: { id: `keyguard/skipped/${item.reason}` },
      message: { text: sentence(redactSecretsIn(`Not scanned: ${item.path}, ${item.reason}${detail}`)) },
      ...(uri !== undefined ? { locations: [{ physicalLocation: { artifactLocation: { uri, uriBaseId: '%SRCROOT%' } } }] } : {}),
      ...(item.commit ? { properties: { commit: item.commit } } : {}),
    });
  }
  for (const [reason, count] of informative) {
    notifications.push({
      level: 'note',
      descriptor: { id: `keyguard/skipped/${reason}` },
      message: { text: `Skipped ${count} ${reason}(s).` },
    });
  }
  if (result.binaryFiles > 0)
    notifications.push({
      level: 'note',
      descriptor: { id: 'keyguard/scanned/binary' },
      message: { text: `Scanned ${result.binaryFiles} binary file(s) only for the keys that need no context (marked keys).` },
    });
  return {
    executionSuccessful: result.failedSkips.length === 0,
    ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
  };
}

/**
 * The SARIF 2.1.0 log of a scan, for GitHub code scanning (`github/codeql-action/upload-sarif`)
 * and any SARIF viewer. Every rule core knows is listed, so a rule with no results still
 * shows in the tool's rule list. Messages carry the redacted secret only, never a whole key.
 */
export function formatSarif(result: ScanResult): string {
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const log = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'keyguard',
            informationUri: INFORMATION_URI,
            semanticVersion: VERSION,
            version: VERSION,
            rules: rules.map(ruleDescriptor),
          },
        },
        invocations: [invocationOf(result)],
        originalUriBaseIds: {
          '%SRCROOT%': { description: { text: 'The folder keyguard was run in (the repository root in CI).' } },
        },
        columnKind: 'utf16CodeUnits',
        // Live keys first (--verify): the ones to revoke now. A stable sort keeps the rest in order.
        results: [...result.findings]
          .sort((a, b) => Number(b.verification?.state === 'live') - Number(a.verification?.state === 'live'))
          .map((finding) => resultOf(finding, ruleIndex)),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
