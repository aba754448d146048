import { closestName } from './closest-name';
import { compileUserPattern, UserPatternError, type UserPattern } from './engine/user-pattern';
import { KeyguardError } from './errors';
import { describeJsonError } from './json-error';
import { rules as allRules } from './rules';
import type { Rule, Severity } from './types';

/** `keyguard.config.json`: what a project may set. Every field is optional. */
export interface KeyguardConfig {
  /**
   * A rule's severity, or off: `{ "openai-key-assignment": "warning" }` ("warn" is ESLint's
   * spelling of the same). A warning is reported as one (SARIF `warning`, a GitHub `::warning`)
   * and still fails a scan unless `failOn` is `error`; a note never fails one unless `failOn`
   * is `note`.
   */
  rules?: Record<string, RuleSetting>;
  /**
   * The least severity that makes `keyguard scan` exit 1 and blocks a commit: `"error"`,
   * `"warning"` (the default: errors and warnings) or `"note"` (every finding). `--fail-on`
   * overrides it for one run.
   */
  failOn?: Severity;
  /** Paths to skip, in .gitignore syntax, on top of .gitignore and .keyguardignore. */
  ignore?: string[];
  /**
   * Regular expressions (RE2 syntax, run by a linear-time engine) of secrets to accept (a test
   * fixture's value), matched against the whole secret.
   */
  allow?: string[];
  /** A baseline file to apply when --baseline is not given. */
  baseline?: string;
  /** Files larger than this many bytes are skipped with a warning (default: no limit). */
  maxFileSize?: number;
  /**
   * What `--staged`, `--git` and the hook do when something they were asked to scan could not
   * be scanned (issue 11): `"fail"` (the default: exit 2, or 1 with findings) or `"warn"`;
   * for every reason, or per reason (`{ "submodule": "warn" }`).
   */
  onSkipped?: SkipPolicy | Partial<Record<UnscannedReason, SkipPolicy>>;
  /**
   * `keyguard scan` asks the OpenAI API whether each key found is live, as with `--verify`
   * (issue 15, docs/verify.md). Off by default; never the pre-commit hook, the ESLint plugin or
   * the language server.
   */
  verify?: boolean;
}

export type SkipPolicy = 'fail' | 'warn';
/** Why something asked to be scanned was not: the reasons `onSkipped` decides about. Keep in step with docs/cli.md. */
export const UNSCANNED_REASONS = ['too-large', 'unreadable', 'submodule', 'lfs'] as const;
export type UnscannedReason = (typeof UNSCANNED_REASONS)[number];

/** The severities, least first: what a rule reports with, and what `failOn` / `--fail-on` take. */
export const SEVERITIES: readonly Severity[] = ['note', 'warning', 'error'];

/** Whether a finding of this severity fails a run that fails on `failOn` and above. */
export function failsOn(severity: Severity, failOn: Severity): boolean {
  return SEVERITIES.indexOf(severity) >= SEVERITIES.indexOf(failOn);
}

/** The severity a run fails on unless the config or `--fail-on` says otherwise: errors and warnings. */
export const DEFAULT_FAIL_ON: Severity = 'warning';

/** What `rules` may set a rule to: a severity, off, or "warn" (ESLint's word for a warning). */
export type RuleSetting = 'off' | Severity | 'warn';
export const RULE_SETTINGS: readonly RuleSetting[] = ['off', 'note', 'warning', 'error', 'warn'];
const SEVERITY_OF: Record<Exclude<RuleSetting, 'off'>, Severity> = { note: 'note', warning: 'warning', warn: 'warning', error: 'error' };

/** The fields a config may hold (keep in step with keyguard.config.schema.json, which is generated from them). */
export const CONFIG_FIELDS: readonly string[] = [
  '$schema',
  'rules',
  'failOn',
  'ignore',
  'allow',
  'baseline',
  'maxFileSize',
  'onSkipped',
  'verify',
];

/** A config, checked: the rules to run and the compiled allow list. */
export interface ResolvedConfig {
  config: KeyguardConfig;
  /** The rules to run, each with the severity the config gives it. */
  rules: readonly Rule[];
  allow: UserPattern[];
  ignore: string[];
  maxFileSize: number;
  baseline?: string;
  /** The reasons the config accepts with a warning (`onSkipped`); every other one fails a strict scan. */
  acceptSkipped: readonly UnscannedReason[];
  /** `"verify": true`: `keyguard scan` verifies the keys it finds. */
  verify: boolean;
  /** The least severity that fails a run (`failOn`, default warning). */
  failOn: Severity;
}

/**
 * No limit unless the config sets one: large files are scanned as a stream in constant memory
 * (scan-stream.ts), so size is no reason to skip (issue 11). `maxFileSize` is an opt-out.
 */
export const DEFAULT_MAX_FILE_SIZE = Number.POSITIVE_INFINITY;
const KNOWN_FIELDS = new Set(CONFIG_FIELDS);

/**
 * Compiles allow-list patterns with the linear-time engine. A problem names the entry by its
 * index and gives the engine's reason, never the pattern: an allow entry is often a key.
 */
export function compileAllowList(patterns: readonly string[], where: string, problems: string[]): UserPattern[] {
  const compiled: UserPattern[] = [];
  patterns.forEach((pattern, index) => {
    if (typeof pattern !== 'string') {
      problems.push(`${where}[${index}] must be a string`);
      return;
    }
    try {
      compiled.push(compileUserPattern(pattern));
    } catch (error) {
      const reason = error instanceof UserPatternError ? error.message : 'the regular expression engine refused it';
      problems.push(`${where}[${index}] is not a valid RE2 regular expression (${reason})`);
    }
  });
  return compiled;
}

/** Compiles allow-list patterns already checked (a worker thread receives their sources). */
export function compileCheckedAllowList(sources: readonly string[]): UserPattern[] {
  return sources.map((source) => compileUserPattern(source));
}

/**
 * Checks a parsed config and resolves it. Every problem is collected and reported together in
 * one message, so a broken config takes one edit, not one run per mistake.
 */
export function resolveConfig(data: unknown, source = 'keyguard.config.json'): ResolvedConfig {
  const problems: string[] = [];
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new KeyguardError(`${source} must hold a JSON object`, 'See the README section "Configuration"');
  }
  const config = data as KeyguardConfig & Record<string, unknown>;
  for (const field of Object.keys(config)) {
    if (KNOWN_FIELDS.has(field)) continue;
    const suggestion = closestName(field, CONFIG_FIELDS);
    problems.push(`unknown field "${field}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`);
  }
  const enabled = new Set(allRules.map((rule) => rule.id));
  const severities = new Map<string, Severity>();
  const settings = RULE_SETTINGS.map((setting) => `"${setting}"`).join(', ');
  if (config.rules !== undefined) {
    if (typeof config.rules !== 'object' || config.rules === null || Array.isArray(config.rules)) {
      problems.push(`"rules" must be an object of rule ids to ${settings}`);
    } else {
      for (const [id, setting] of Object.entries(config.rules)) {
        if (!allRules.some((rule) => rule.id === id)) {
          const suggestion = closestName(
            id,
            allRules.map((rule) => rule.id),
          );
          problems.push(`"rules.${id}" is not a rule (${suggestion ? `did you mean "${suggestion}"? ` : ''}see: keyguard rules)`);
        } else if (setting === 'off') enabled.delete(id);
        else if (typeof setting === 'string' && Object.hasOwn(SEVERITY_OF, setting)) severities.set(id, SEVERITY_OF[setting]);
        else problems.push(`"rules.${id}" must be one of ${settings}`);
      }
    }
  }
  const stringList = (field: 'ignore' | 'allow'): string[] => {
    const value = config[field];
    if (value === undefined) return [];
    if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
      problems.push(`"${field}" must be an array of strings`);
      return [];
    }
    return value;
  };
  const ignore = stringList('ignore');
  const allow = compileAllowList(stringList('allow'), '"allow"', problems);
  if (config.baseline !== undefined && typeof config.baseline !== 'string') problems.push('"baseline" must be a path');
  let maxFileSize = DEFAULT_MAX_FILE_SIZE;
  if (config.maxFileSize !== undefined) {
    if (typeof config.maxFileSize !== 'number' || !Number.isInteger(config.maxFileSize) || config.maxFileSize <= 0) {
      problems.push('"maxFileSize" must be a positive whole number of bytes');
    } else {
      maxFileSize = config.maxFileSize;
    }
  }
  const acceptSkipped = resolveSkipPolicy(config.onSkipped, problems);
  if (config.verify !== undefined && typeof config.verify !== 'boolean') problems.push('"verify" must be true or false');
  let failOn = DEFAULT_FAIL_ON;
  if (config.failOn !== undefined) {
    if (typeof config.failOn === 'string' && (SEVERITIES as readonly string[]).includes(config.failOn)) failOn = config.failOn;
    else problems.push(`"failOn" must be one of ${SEVERITIES.map((severity) => `"${severity}"`).join(', ')}`);
  }
  if (problems.length > 0) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    throw new KeyguardError(`${source} has ${count}: ${problems.join('; ')}`, 'Fix the file, or see the README section "Configuration"');
  }
  return {
    config,
    rules: allRules.filter((rule) => enabled.has(rule.id)).map((rule) => withSeverity(rule, severities.get(rule.id) ?? rule.severity)),
    allow,
    ignore,
    maxFileSize,
    acceptSkipped,
    verify: config.verify === true,
    failOn,
    ...(typeof config.baseline === 'string' ? { baseline: config.baseline } : {}),
  };
}

/** `onSkipped` as the reasons accepted with a warning; a wrong value is a problem. */
function resolveSkipPolicy(value: unknown, problems: string[]): UnscannedReason[] {
  if (value === undefined || value === 'fail') return [];
  if (value === 'warn') return [...UNSCANNED_REASONS];
  const expected = `"onSkipped" must be "fail", "warn" or an object of reasons (${UNSCANNED_REASONS.join(', ')}) to "fail" or "warn"`;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push(expected);
    return [];
  }
  const accepted: UnscannedReason[] = [];
  for (const [reason, policy] of Object.entries(value)) {
    if (!(UNSCANNED_REASONS as readonly string[]).includes(reason) || (policy !== 'fail' && policy !== 'warn')) {
      problems.push(expected);
      return [];
    }
    if (policy === 'warn') accepted.push(reason as UnscannedReason);
  }
  return accepted;
}

/** The rule with the severity a config gives it (the rule itself when that is its own). */
export function withSeverity(rule: Rule, severity: Severity): Rule {
  return severity === rule.severity ? rule : { ...rule, severity };
}

/** Parses and resolves a config file's text. */
export function parseConfig(text: string, source = 'keyguard.config.json'): ResolvedConfig {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new KeyguardError(
      `${source} is not valid JSON (${describeJsonError(error, text)})`,
      'Fix the file, or see the README section "Configuration"',
    );
  }
  return resolveConfig(data, source);
}
