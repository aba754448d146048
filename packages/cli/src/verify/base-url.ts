import { KeyguardError } from '@keyguard/core';

/** Where `--verify` and `keyguard revoke` send keys: OpenAI's API, unless told otherwise. */
const DEFAULT_OPENAI_BASE_URL = 'https://api.openai.com';

/** The one place keys are sent, and whether the user moved it (then every request goes there). */
export interface OpenAIEndpoint {
  /** An origin and optional path prefix, without a trailing slash: `https://api.openai.com`. */
  base: string;
  overridden: boolean;
}

/**
 * The endpoint: `--openai-base-url URL`, else KEYGUARD_OPENAI_BASE_URL, else OpenAI's. Only
 * http(s), no user name or password, no query or fragment: a base URL is where keys go, so
 * anything surprising in it is refused rather than guessed at.
 */
export function resolveEndpoint(flag: string | undefined, env: NodeJS.ProcessEnv): OpenAIEndpoint {
  const given = flag ?? (env.KEYGUARD_OPENAI_BASE_URL || undefined);
  if (given === undefined) return { base: DEFAULT_OPENAI_BASE_URL, overridden: false };
  const from = flag !== undefined ? '--openai-base-url' : 'KEYGUARD_OPENAI_BASE_URL';
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    throw new KeyguardError(`${from} must be an http(s) URL (got "${given}")`, 'Try: --openai-base-url https://proxy.example.com');
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.username || url.password || url.search || url.hash) {
    throw new KeyguardError(
      `${from} must be an http(s) URL without credentials, query or fragment (got "${given}")`,
      'Try: --openai-base-url https://proxy.example.com',
    );
  }
  const base = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  return { base, overridden: base !== DEFAULT_OPENAI_BASE_URL };
}

/** What stderr says first, before any key leaves: where keys go, and a moved base URL. */
export function endpointNotice(endpoint: OpenAIEndpoint, command: 'verify' | 'revoke'): string[] {
  const lines =
    command === 'verify'
      ? [
          `--verify sends each key found to the OpenAI API at ${endpoint.base} (an Azure key to the Azure endpoint named beside it) to ask whether it is live; see docs/verify.md`,
        ]
      : [`revoke sends OPENAI_ADMIN_KEY to the OpenAI Admin API at ${endpoint.base}; the keys found are matched locally, never sent`];
  if (endpoint.overridden) {
    lines.push(
      `the OpenAI base URL is ${endpoint.base}, not ${DEFAULT_OPENAI_BASE_URL} (--openai-base-url or KEYGUARD_OPENAI_BASE_URL): every request goes there${command === 'verify' ? ', Azure checks too' : ''}`,
    );
  }
  return lines;
}
