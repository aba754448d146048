import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { KeyguardError, MAX_BASELINE_BYTES, readSettingsFile } from '@keyguard/core';
import type { CliOptions } from './args';
import type { CliIO } from './io';
import { AdminApi, type OrganizationKey } from './revoke-admin-api';
import type { ReportedFinding } from './scan';
import { endpointNotice, resolveEndpoint } from './verify/base-url';
import type { KeySecret } from './verify/key-secret';

/**
 * `keyguard revoke [PATH… | --from-report FILE]` (issue 15, docs/verify.md): with the owner's
 * admin key from OPENAI_ADMIN_KEY (never a flag: it would land in shell history), finds each
 * leaked OpenAI key among the organisation's keys by the Admin API's `redacted_value`, shows
 * what it would delete, asks, deletes, and reports each result. Where a match is ambiguous it
 * deletes nothing for that key and shows the candidates.
 */

/** A leaked key as revoke knows it: whole (from a scan) or only its redacted ends (from a report). */
interface LeakedKey {
  redacted: string;
  /** What is known of its start and end: the whole key twice, or a report's redacted ends. */
  head: string;
  tail: string;
  admin: boolean;
  places: string[];
}

/** The findings of a scan of the paths, with their keys whole (ScanRun.onSecret). */
export type RevokeScan = () => Promise<{ findings: ReportedFinding[]; secrets: ReadonlyMap<string, KeySecret> }>;

/** Only core's OpenAI key findings can be OpenAI keys the Admin API knows. */
const KEY_RULE = 'openai-api-key';

export async function revokeCommand(options: CliOptions, io: CliIO, scan: RevokeScan, timeoutMs: number): Promise<number> {
  const adminKey = io.env.OPENAI_ADMIN_KEY?.trim();
  if (!adminKey) {
    throw new KeyguardError(
      "keyguard revoke needs the organisation's admin key in the environment variable OPENAI_ADMIN_KEY (never a flag, so it stays out of shell history)",
      'Create one at https://platform.openai.com/settings/organization/admin-keys, then run: read -rs OPENAI_ADMIN_KEY && export OPENAI_ADMIN_KEY && keyguard revoke',
    );
  }
  const endpoint = resolveEndpoint(options.openaiBaseUrl, io.env);
  const { leaked, others } = options.fromReport !== undefined ? keysFromReport(options.fromReport, io) : await keysFromScan(scan);
  const say = (line: string): void => void io.stdout.write(`${line}\n`);
  if (others > 0)
    say(
      `${others} finding${others === 1 ? ' is' : 's are'} not OpenAI keys (Azure keys, proxy tokens): revoke ${others === 1 ? 'it' : 'them'} where ${others === 1 ? 'it was' : 'they were'} issued.`,
    );
  if (leaked.length === 0) {
    say('No OpenAI keys found: nothing to revoke.');
    return 0;
  }
  for (const line of endpointNotice(endpoint, 'revoke')) io.stderr.write(`keyguard: ${line}\n`);
  const api = new AdminApi(endpoint, adminKey, timeoutMs);
  const projectKeys = leaked.some((key) => !key.admin) ? await api.projectKeys() : [];
  const adminKeys = leaked.some((key) => key.admin) ? await api.adminKeys() : [];

  const planned: { leaked: LeakedKey; key: OrganizationKey }[] = [];
  let problems = 0;
  for (const key of leaked) {
    const where = key.places.length > 0 ? ` (${key.places.slice(0, 3).join(', ')}${key.places.length > 3 ? ', …' : ''})` : '';
    if (matchesKnown(key, adminKey)) {
      say(
        `${key.redacted}${where}: may be OPENAI_ADMIN_KEY itself; keyguard does not revoke the key it runs with. Revoke it at https://platform.openai.com/settings/organization/admin-keys after making another.`,
      );
      problems++;
      continue;
    }
    const candidates = (key.admin ? adminKeys : projectKeys).filter((candidate) => matchesRedacted(key, candidate.redactedValue));
    if (candidates.length === 0) {
      say(`${key.redacted}${where}: no key of this organisation matches (revoked already, or another organisation's). Nothing to delete.`);
      problems++;
    } else if (candidates.length > 1) {
      say(
        `${key.redacted}${where}: ambiguous, ${candidates.length} keys of this organisation look the same redacted; deleting none. Candidates:`,
      );
      for (const candidate of candidates) say(`    ${describe(candidate)}`);
      say('  Delete the right one at https://platform.openai.com/api-keys (the key itself shows which).');
      problems++;
    } else if (candidates[0].ownerType === 'service_account') {
      const [candidate] = candidates;
      say(
        `${key.redacted}${where}: ${describe(candidate)}. The Admin API does not delete a service account's key on its own (only with the account: DELETE /v1/organization/projects/${candidate.project?.id ?? '…'}/service_accounts/${candidate.serviceAccountId ?? '…'}); keyguard leaves that to you. Not deleted.`,
      );
      problems++;
    } else {
      say(`${key.redacted}${where}: ${describe(candidates[0])}: will be deleted`);
      planned.push({ leaked: key, key: candidates[0] });
    }
  }
  if (planned.length === 0) return problems > 0 ? 1 : 0;

  const count = `${planned.length} key${planned.length === 1 ? '' : 's'}`;
  if (options.dryRun || (!options.yes && !io.stdin.isTTY)) {
    const why = options.dryRun ? '--dry-run' : 'standard input is not a terminal and --yes was not given';
    say(`Dry run (${why}): nothing deleted. To delete ${count}: keyguard revoke … --yes`);
    return 1;
  }
  if (!options.yes && !(await confirm(io, `Delete ${count}? This cannot be undone. Type yes to delete: `))) {
    say('Nothing deleted.');
    return 1;
  }
  let failed = 0;
  for (const { leaked: key, key: target } of planned) {
    const result = await api.delete(target);
    say(`${key.redacted}: ${target.id} ${result.deleted ? 'deleted' : 'NOT deleted'} (${result.detail})`);
    if (!result.deleted) failed++;
  }
  return failed + problems > 0 ? 1 : 0;
}

/** One line of a key of the organisation: id, name, project, owner, created, last used. */
function describe(key: OrganizationKey): string {
  const day = (seconds: number | null): string => (seconds ? new Date(seconds * 1000).toISOString().slice(0, 10) : 'never');
  const place = key.project ? ` in project "${key.project.name}" (${key.project.id})` : ' (admin key)';
  return `${key.id} "${key.name}"${place}, ${key.redactedValue}, owner ${key.owner || 'unknown'}, created ${day(key.createdAt)}, last used ${day(key.lastUsedAt)}`;
}

/** Asks on the terminal; only `yes` or `y` deletes. */
async function confirm(io: CliIO, question: string): Promise<boolean> {
  io.stderr.write(question);
  const lines = createInterface({ input: io.stdin, terminal: false });
  try {
    for await (const line of lines) return ['y', 'yes'].includes(line.trim().toLowerCase());
    return false;
  } finally {
    lines.close();
  }
}

/**
 * The Admin API's `redacted_value` (`sk-abc...def`, `sk-proj-...wxyz`) as a known start and end.
 * Undefined when it shows too little to tell keys apart (under 3 characters of the end).
 */
function redactedEnds(value: string): { head: string; tail: string } | undefined {
  const mask = /\.{3,}|\*+|…/.exec(value);
  if (!mask) return undefined;
  const head = value.slice(0, mask.index);
  const tail = value.slice(mask.index + mask[0].length);
  return tail.length >= 3 ? { head, tail } : undefined;
}

/** True when what is known of a leaked key fits a `redacted_value`: both starts agree and both ends agree. */
function matchesRedacted(key: LeakedKey, redactedValue: string): boolean {
  const ends = redactedEnds(redactedValue);
  if (!ends) return false;
  const starts = key.head.startsWith(ends.head) || ends.head.startsWith(key.head);
  const endings = key.tail.endsWith(ends.tail) || ends.tail.endsWith(key.tail);
  return starts && endings;
}

/** True when a leaked key could be `whole` (the admin key revoke runs with). */
function matchesKnown(key: LeakedKey, whole: string): boolean {
  return whole.startsWith(key.head) && whole.endsWith(key.tail);
}

async function keysFromScan(scan: RevokeScan): Promise<{ leaked: LeakedKey[]; others: number }> {
  const { findings, secrets } = await scan();
  const byId = new Map<string, LeakedKey>();
  let others = 0;
  for (const finding of findings) {
    const value = secrets.get(finding.secretId)?.value;
    if (finding.ruleId !== KEY_RULE || value === undefined) {
      others++;
      continue;
    }
    const place = `${finding.file}:${finding.line}`;
    const known = byId.get(finding.secretId);
    if (known) known.places.push(place);
    else
      byId.set(finding.secretId, {
        redacted: finding.secret,
        // A body found without its sk- prefix: only its end is known for sure.
        head: value.startsWith('sk-') ? value : '',
        tail: value,
        admin: value.startsWith('sk-admin-'),
        places: [place],
      });
  }
  return { leaked: [...byId.values()], others };
}

/** The keys of a keyguard JSON report (`keyguard scan --format json`): only their redacted ends are known. */
function keysFromReport(file: string, io: CliIO): { leaked: LeakedKey[]; others: number } {
  const name = `--from-report ${file}`;
  const text = readSettingsFile(resolve(io.cwd, file), {
    name,
    maxBytes: MAX_BASELINE_BYTES,
    hint: 'Write one with: keyguard scan --format json --output FILE',
  });
  let report: { version?: unknown; findings?: unknown };
  try {
    report = JSON.parse(text) as typeof report;
  } catch {
    throw new KeyguardError(`${name} is not JSON`, 'Write one with: keyguard scan --format json --output FILE');
  }
  if (report.version !== 1 || !Array.isArray(report.findings)) {
    throw new KeyguardError(
      `${name} is not a keyguard JSON report (version 1 with findings)`,
      'Write one with: keyguard scan --format json --output FILE',
    );
  }
  const bySecret = new Map<string, LeakedKey>();
  let others = 0;
  for (const item of report.findings as { ruleId?: unknown; secret?: unknown; file?: unknown; line?: unknown }[]) {
    const secret = typeof item.secret === 'string' ? item.secret : '';
    const cut = secret.indexOf('…');
    if (item.ruleId !== KEY_RULE || cut < 0) {
      others++;
      continue;
    }
    const head = secret.slice(0, cut);
    const tail = secret.slice(cut + 1);
    const place = `${String(item.file)}:${String(item.line)}`;
    const known = bySecret.get(secret);
    if (known) known.places.push(place);
    else bySecret.set(secret, { redacted: secret, head, tail, admin: head.startsWith('sk-admin-'), places: [place] });
  }
  return { leaked: [...bySecret.values()], others };
}
