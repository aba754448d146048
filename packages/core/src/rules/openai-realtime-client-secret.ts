import { defineRule, FALSE_ALARM_STEP } from '../define-rule';
import { isPlaceholderKeyBody } from '../engine/placeholder';
import type { FoundSecret, MatchContext } from '../types';
import { isPublishedExample } from './support/published-examples';

/** Characters of a word: an `ek_` run preceded or followed by one is part of a longer word (`peek_…`). */
const isWordCode = (code: number): boolean =>
  (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code === 45;

/**
 * A whole `ek_` token, not a made-up body (`ek_0123456789abcdef…`, `ek_aaaa…`), not the API
 * reference's example.
 */
function validateClientSecret({ text, start, end }: MatchContext): FoundSecret[] {
  if (start > 0 && isWordCode(text.charCodeAt(start - 1))) return [];
  if (end < text.length && isWordCode(text.charCodeAt(end))) return [];
  const secret = text.slice(start, end);
  if (isPlaceholderKeyBody(secret.slice(3))) return [];
  if (isPublishedExample(secret)) return [];
  return [{ start, end }];
}

/**
 * A Realtime API client secret (an "ephemeral key"): `ek_` + 32 lowercase hex digits, what
 * `POST /v1/realtime/client_secrets` (and the older `POST /v1/realtime/sessions`) returns as
 * `value` for a browser or phone to open a Realtime session with (OpenAI's API reference; trivy's
 * `openai-realtime-client-secret` rule has the same shape). It expires within minutes to hours,
 * so a committed one is most likely dead: it is a note, reported anywhere (HAR captures, logs,
 * test snapshots) but never failing a scan or blocking a commit under the default `--fail-on`.
 */
export const openaiRealtimeClientSecret = defineRule({
  id: 'openai-realtime-client-secret',
  description: 'OpenAI Realtime API client secret (ek_…), short-lived',
  help:
    'An OpenAI Realtime API client secret (an ephemeral key, minted for a browser or app to open a ' +
    'Realtime session) is written in the file. It expires within minutes to hours (the ' +
    'expires_after you asked for), so it is most likely dead by now; until then anyone holding it ' +
    'can open Realtime sessions on your account. It usually ends up in a HAR capture, a log or a ' +
    'test snapshot: drop it from the file, and mint client secrets at run time on your server.',
  severity: 'note',
  label: 'client secret',
  message: ({ secret }) =>
    `OpenAI Realtime client secret ${secret}: short-lived, most likely expired, but it opens Realtime sessions on your account until it does. Remove it from the file.`,
  remediation: [
    'Remove it from the file (a HAR capture, a log, a test snapshot): a client secret is minted per session and expires on its own (expires_after, at most hours), so there is nothing to rotate once it has.',
    'If it may still be live (minted minutes ago, or with a long expires_after), it stops working when it expires; rotate the API key that minted it if that key could have leaked too.',
    'Mint client secrets at run time on your server (POST /v1/realtime/client_secrets, with OPENAI_API_KEY from the environment) and hand them to the browser; never record them in fixtures: redact "value" in HAR files and snapshots.',
    FALSE_ALARM_STEP,
  ],
  envVar: 'OPENAI_API_KEY',
  redactPrefixes: ['ek_'],
  // Prefilter: every client secret starts with it (case-sensitive bytes).
  keywords: ['ek_'],
  matchers: [{ name: 'token', pattern: String.raw`ek_[0-9a-f]{32}`, validate: validateClientSecret }],
  examples: {
    truePositives: [
      '{"client_secret": {"value": "{key:ek}", "expires_at": 1756310470}}',
      '{ "value": "{key:ek}", "expires_at": 1756310470, "session": { "type": "realtime" } }',
      // A HAR capture's response body and request header.
      '"text": "{\\"value\\":\\"{key:ek}\\",\\"expires_at\\":1756310470}"',
      '{ "name": "Authorization", "value": "Bearer {key:ek}" }',
      "const pc = await connect({ apiKey: '{key:ek}' });",
      'INFO realtime: minted client secret {key:ek} for session sess_123',
      'exports[`session 1`] = `{"ephemeralKey":"{key:ek}"}`;',
      'EPHEMERAL_KEY={key:ek}',
    ],
    falsePositives: [
      // Words that end in "ek": not a client secret.
      'peek_{key:azure-hex}',
      'seek_{key:azure-hex}',
      'week_{key:azure-hex}',
      'cheek_{key:azure-hex} = 1',
      // Placeholders and examples.
      '{"value": "ek_abc123"}',
      '{key:ek-sequence}',
      'ek_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
      // Not 32 lowercase hex: another shape, or part of a longer token.
      'ek_{key:azure-hex}0',
      'ek_{key:azure-hex}_2',
      'ek_agent_{key:azure-hex}',
      'x{key:ek}',
    ],
  },
});
