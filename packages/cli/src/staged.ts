/**
 * `@keyguard/cli/staged`: the staged scan alone, for the git hooks (the pushed commits' scan
 * loads the history walk only when a push runs). Requiring it loads core and the git index
 * reader, not the command's argument parser, reporters or directory walk: a commit waits for
 * the hook's start-up.
 */
export { scanStaged, type StagedScanOptions } from './staged-scan';
export { scanPushed, parsePushUpdates, frameworkPush, isFrameworkPushStage, type PushedScanOptions, type PushUpdate } from './pushed-scan';
export { describeUnread, warningLines } from './warnings';
export { exitStatusOf, failingFindings, type ReportedFinding, type ScanResult } from './scan';
export { findingCount, findingGroups, fixStep, isInCommitMessage, nextSteps } from './report/text-blocks';
