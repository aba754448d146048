/** @keyguard/language-server: keyguard's diagnostics over LSP, from @keyguard/core. */
export { startServer, mergeSettings } from './server';
export { DEFAULT_SETTINGS, type ServerSettings } from './diagnose';
