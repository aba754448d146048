/**
 * @keyguard/core: the only place that decides what a secret is. The CLI, the pre-commit hook
 * and the ESLint plugin import from here and hold no pattern of their own.
 */
export type {
  EslintTwin,
  Finding,
  FileKind,
  FoundSecret,
  Matcher,
  MatcherDefinition,
  MatchContext,
  MatchVerdict,
  MessageParts,
  Origin,
  RawFinding,
  Rule,
  RuleDefinition,
  RuleExamples,
  Severity,
  SinkTables,
  VerifyRequest,
} from './types';
// The registry and what each rule exports by name; this file names no rule itself.
export * from './rules';
export { defineRule, FALSE_ALARM_STEP } from './define-rule';
export { judgeSinkValue, type SinkValue } from './judge-sink-value';
export {
  assignmentMatchers,
  enclosingCallee,
  enclosingSection,
  expandIdentifier,
  literalAssignedTo,
  objectNamesProvider,
  readAssignedValue,
  readQuoted,
  readValue,
  resolveConstant,
  type SinkFamily,
  type ValueSpan,
} from './engine/assignment';
export { compileLinearPattern, findNonLinearSyntax, UnsafePatternError } from './engine/linear-pattern';
export {
  compileUserPattern,
  UserPatternError,
  MAX_USER_PATTERN_LENGTH,
  MAX_USER_PATTERN_REPETITIONS,
  type UserPattern,
} from './engine/user-pattern';
export { isPlaceholderValue, isPlaceholderKeyBody, isReference, type PlaceholderHook } from './engine/placeholder';
export { looksRandom, randomResidue } from './engine/randomness';
export { shannonEntropy } from './engine/entropy';
export { fileKindOf, isLockfile } from './engine/file-kind';
export { verifyRequestFor, verifyResourceOf } from './verify-request';
export { LineIndex } from './engine/lines';
export { measureWork } from './engine/work-meter';
export { scanText, scanTextIn, findSecrets, messageFor, type ScanOptions, type RevealedSecret } from './scan-text';
export { scanBuffer, isBinary, sniffBytes, bytesHaveKeyword, decodeBytes, type BufferScan, type ByteKind } from './scan-buffer';
export { scanBinary } from './scan-binary';
export { compileAddedTextFilter, type AddedTextFilter } from './added-text-filter';
export { StreamScanner, scanChunks, STREAM_WINDOW, STREAM_OVERLAP } from './scan-stream';
export { compileKeywordPrefilter, prefilterFor, prefilterAnchors, type KeywordPrefilter } from './engine/prefilter';
export { redactSecret } from './redact';
export { redactSecretsIn, findSecretsInPath, type PathScanOptions } from './path-secrets';
export { fingerprintOf, fingerprintPathOf, secretIdOf } from './fingerprint';
export {
  readSettingsFile,
  MAX_CONFIG_BYTES,
  MAX_BASELINE_BYTES,
  MAX_IGNORE_FILE_BYTES,
  IGNORE_FILE_HINT,
  type SettingsFileOptions,
} from './settings-file';
export {
  baselineFile,
  configPath,
  loadConfig,
  loadBaseline,
  relativeName,
  DEFAULT_BASELINE,
  type ConfigOptions,
  type Root,
} from './load-config';
export { IgnoreRules, ignoreCaseFor, ignoreRulesForGit, type IgnoreRulesOptions } from './ignore-rules';
export { isIgnoredInline } from './inline-ignore';
export { createBaseline, parseBaseline, applyBaseline, type Baseline, type BaselineEntry } from './baseline';
export {
  parseConfig,
  resolveConfig,
  compileAllowList,
  compileCheckedAllowList,
  DEFAULT_MAX_FILE_SIZE,
  UNSCANNED_REASONS,
  CONFIG_FIELDS,
  RULE_SETTINGS,
  SEVERITIES,
  DEFAULT_FAIL_ON,
  failsOn,
  withSeverity,
  type KeyguardConfig,
  type ResolvedConfig,
  type RuleSetting,
  type SkipPolicy,
  type UnscannedReason,
} from './config';
export { closestName } from './closest-name';
export {
  planEnvRead,
  envReadExpression,
  commentPlaceholder,
  toTemplateText,
  applyTextEdits,
  dedupeEdits,
  yamlFlavourOf,
  type EnvReadAction,
  type EnvReadPlan,
  type EnvReadRefusal,
  type EnvReadResult,
  type EnvReadTarget,
  type TextEdit,
  type YamlFlavour,
} from './env-read';
export { KeyguardError } from './errors';
export { COMMIT_MESSAGE_PATH, DOCS_BASE_URL, ruleDocsUrl, remediationFor, findingPlaceOf, type FindingPlace } from './remediation';
