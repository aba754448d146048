/** @keyguard/pre-commit: the `keyguard-pre-commit` hook command and its `init`. */
export { runHook, blockedMessage, type HookIO, type HookRequest } from './hook';
export { runInit, INIT_HELP, HOOK_COMMAND } from './init';
