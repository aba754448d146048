/** @keyguard/cli: the `keyguard` command. `run(argv, io)` returns the exit status. */
export { run, VERSION } from './run';
export {
  parseCommandLine,
  commandHelp,
  flagsOf,
  HELP,
  FLAGS,
  FORMATS,
  type CliOptions,
  type CommandName,
  type FlagSpec,
  type Format,
} from './args';
export {
  scanSource,
  scanItem,
  recordOutcome,
  type ScanResult,
  type ReportedFinding,
  type ScanRun,
  type ItemOutcome,
  type ItemScanner,
} from './scan';
export { scanFileSource, threadCount, isWorthWorkers, PARALLEL_MIN_FILES, PARALLEL_MIN_BYTES } from './parallel';
export { formatReport, formatJson, formatText, formatGithub, formatSarif } from './report';
export { configSchema, CONFIG_SCHEMA_URL } from './config-schema';
export type { JsonFinding, JsonReport } from './report/json';
export type { JsonlFindingLine, JsonlSummaryLine } from './report/jsonl';
export { readListedFile, listFiles, listFileSet, gitRoot, type FileSourceOptions, type FileListing } from './sources/files';
export { readFiles } from './sources/file-source';
export { readStaged, type StagedOptions } from './sources/staged';
export { scanStaged, type StagedScanOptions } from './staged-scan';
export { readHistory, type HistoryOptions, type HistoryStats } from './sources/git-history';
export { readStdin } from './sources/stdin';
export type { ScanItem, SkippedItem, SourceEvent, Source, SourceSummary } from './sources/types';
export { findRepository, type Repository, type RepositoryLookup } from './git/repository';
export { processIO, type CliIO } from './io';
// Moved to @keyguard/core (issue 13: the language server loads settings the same way); kept
// here so that the CLI's public API does not change.
export {
  loadConfig,
  DEFAULT_BASELINE,
  IgnoreRules,
  readSettingsFile,
  MAX_CONFIG_BYTES,
  MAX_BASELINE_BYTES,
  MAX_IGNORE_FILE_BYTES,
  fingerprintPathOf,
  type IgnoreRulesOptions,
  type SettingsFileOptions,
} from '@keyguard/core';
