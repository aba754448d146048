import { compileCheckedAllowList, getRule, withSeverity, type Severity } from '@keyguard/core';
import type { ItemScanner } from './scan';

/**
 * An `ItemScanner` as plain data, for a worker thread (structured clone copies no functions
 * and no rule objects, nor a compiled pattern): rule ids and allow-list sources, compiled again
 * by the linear-time engine in the worker. The one codec of both worker pools,
 * the file scan's (parallel.ts) and the history scan's (history-scanner.ts), so a setting
 * added to the scanner reaches every thread or fails to compile in one place.
 */
export interface ScanSettings {
  ruleIds: string[];
  /** Each rule's severity, as the config sets it (index for index with ruleIds). */
  severities: Severity[];
  allow: string[];
  maxFileSize: number;
  fingerprintPrefix?: string;
  revealSecrets?: boolean;
}

export function encodeScanner(scanner: ItemScanner): ScanSettings {
  return {
    ruleIds: scanner.rules.map((rule) => rule.id),
    severities: scanner.rules.map((rule) => rule.severity),
    allow: scanner.allow.map((pattern) => pattern.source),
    maxFileSize: scanner.maxFileSize,
    ...(scanner.fingerprintPrefix ? { fingerprintPrefix: scanner.fingerprintPrefix } : {}),
    ...(scanner.revealSecrets ? { revealSecrets: true } : {}),
  };
}

export function decodeScanner(settings: ScanSettings): ItemScanner {
  const rules = settings.ruleIds.map((id, index) => {
    const rule = getRule(id);
    if (!rule) throw new Error(`unknown rule ${id}`);
    return withSeverity(rule, settings.severities[index] ?? rule.severity);
  });
  return {
    rules,
    allow: compileCheckedAllowList(settings.allow),
    maxFileSize: settings.maxFileSize,
    ...(settings.fingerprintPrefix ? { fingerprintPrefix: settings.fingerprintPrefix } : {}),
    ...(settings.revealSecrets ? { revealSecrets: true } : {}),
  };
}
