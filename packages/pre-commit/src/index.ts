/** @keyguard/pre-commit: the `keyguard-pre-commit` hook commands (pre-commit, pre-push) and `init`. */
export { runHook, blockedMessage, type HookIO, type HookRequest } from './hook';
export { runPrePush, type PushRequest } from './push';
export { runInit, INIT_HELP, HOOK_COMMAND } from './init';
