/** @keyguard/cli: the `keyguard` command. `run(argv, io)` returns the exit status. */
export { run, loadConfig, VERSION, DEFAULT_BASELINE } from './run';
export { parseCommandLine, HELP, FORMATS, type CliOptions, type Format } from './args';
export { scanSource, type ScanResult, type ReportedFinding, type ScanRun } from './scan';
export { formatReport, formatJson, formatText, formatGithub } from './report';
export { readFiles, listFiles, listFileSet, gitRoot, type FileSourceOptions, type FileListing } from './sources/files';
export { readStaged, type StagedOptions } from './sources/staged';
export { readHistory, type HistoryOptions } from './sources/git-history';
export { readStdin } from './sources/stdin';
export type { ScanItem, SkippedItem, SourceEvent } from './sources/types';
export { processIO, type CliIO } from './io';
