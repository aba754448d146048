/**
 * @keyguard/test-utils: the one test kit every package's tests import (private, never
 * published). Tests run it as TypeScript through ts-jest, so it has no build step.
 */
export * from './fake-key';
export * from './peer-cases';
export * from './repo';
export * from './binary-files';
export * from './cli';
export * from './history-repo';
export * from './real-code-fill';
export * from './report-places';
export * from './fake-openai';
export * from './hook-projects';
export * from './env-read-cases';
export * from './hostile-inputs';
