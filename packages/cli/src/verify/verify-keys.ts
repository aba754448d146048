import { verifyRequestFor } from '@keyguard/core';
import type { ReportedFinding } from '../scan';
import type { KeySecret } from './key-secret';
import type { OpenAIEndpoint } from './base-url';

/**
 * What `--verify` learnt of a key (issue 15, docs/verify.md): `live` (OpenAI accepted it: 200,
 * or 429, which it only answers to a key it authenticated), `revoked` (401 with code
 * `invalid_api_key`: OpenAI does not know the key), `unknown` (anything else: a 401 that is
 * not `invalid_api_key`, such as a restricted key missing a scope or an IP allow list, 403,
 * 5xx, a timeout, the network, or a key keyguard did not send).
 */
type VerificationState = 'live' | 'revoked' | 'unknown';

export interface Verification {
  state: VerificationState;
  /** A short reason in keyguard's words: never the server's message (OpenAI's 401 quotes part of the key). */
  reason: string;
  /** When the answer came (ISO 8601). */
  checkedAt: string;
}

export interface VerifyOptions {
  endpoint: OpenAIEndpoint;
  /** Per request (default 10 s). */
  timeoutMs?: number;
  /** Requests in flight at once (default 4). */
  concurrency?: number;
  /** The wait before the one retry after a network error or a 5xx (default 500 ms). */
  retryDelayMs?: number;
}

/** KEYGUARD_VERIFY_TIMEOUT_MS (a positive whole number) for slow proxies and the tests; else 10 s. */
export function verifyTimeoutOf(env: NodeJS.ProcessEnv): number {
  const value = Number(env.KEYGUARD_VERIFY_TIMEOUT_MS);
  return Number.isInteger(value) && value > 0 ? value : 10_000;
}

/** The request that checks one key, or why none is sent. */
type Check = { url: string; headers: Record<string, string>; what: string; ambiguousUnauthorized?: string } | { notSent: string };

type Answer =
  | { kind: 'status'; status: number; code: string | null; missingScopes: boolean }
  | { kind: 'timeout' }
  | { kind: 'network'; cause: string };

/**
 * Which request checks a key: its rule's verify record says (core's verifyRequestFor: an
 * OpenAI key asks `GET /v1/models`, an admin key the Admin API, an Azure key its own
 * resource's models list, and only where the resource is named near it). Nothing else is
 * sent: a value handed to an OpenAI client that is not an OpenAI key may be a proxy's or
 * another service's token, and sending it to OpenAI would hand it to a third party.
 */
function checkFor(finding: ReportedFinding, secret: KeySecret | undefined, endpoint: OpenAIEndpoint): Check {
  if (!secret) return { notSent: 'not sent: the key sits in a file name, which is not read for verification' };
  const request = verifyRequestFor(finding);
  if ('notSent' in request) return { notSent: `not sent: ${request.notSent}` };
  if (request.requirePrefix && !secret.value.startsWith(request.requirePrefix.prefix)) {
    return { notSent: `not sent: ${request.requirePrefix.otherwise}` };
  }
  let base = endpoint.base;
  let resource = '';
  if (request.resource) {
    if (!secret.resource) return { notSent: `not sent: ${request.resource.otherwise}` };
    // With --openai-base-url (a proxy, the tests) every request goes there, a resource's too.
    if (!endpoint.overridden) {
      base = secret.resource;
      resource = secret.resource;
    }
  }
  return {
    url: `${base}${request.path}`,
    headers: request.auth === 'bearer' ? { authorization: `Bearer ${secret.value}` } : { 'api-key': secret.value },
    what: request.what.replace('{resource}', resource),
    ...(request.ambiguousUnauthorized ? { ambiguousUnauthorized: request.ambiguousUnauthorized } : {}),
  };
}

/** One request: the status and OpenAI's error code, or a timeout or network failure. Never follows a redirect. */
async function ask(check: { url: string; headers: Record<string, string> }, timeoutMs: number): Promise<Answer> {
  let response: Response;
  try {
    response = await fetch(check.url, { headers: check.headers, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError') return { kind: 'timeout' };
    // undici puts the system's code on the cause (ECONNREFUSED, ENOTFOUND); nothing else is kept.
    const code = ((error as Error & { cause?: { code?: unknown } }).cause?.code ?? '') as string;
    return { kind: 'network', cause: /^[A-Z_]{2,40}$/.test(code) ? code : 'no connection' };
  }
  if (response.ok) {
    await response.body?.cancel();
    return { kind: 'status', status: response.status, code: null, missingScopes: false };
  }
  let code: string | null = null;
  let missingScopes = false;
  try {
    const text = (await response.text()).slice(0, 65_536);
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } | string };
    const error = typeof body.error === 'string' ? { message: body.error } : body.error;
    // Only a code of OpenAI's vocabulary is kept; the message is read for one phrase and dropped.
    if (typeof error?.code === 'string' && /^[a-z][a-z0-9_]{0,63}$/.test(error.code)) code = error.code;
    missingScopes = typeof error?.message === 'string' && error.message.includes('Missing scopes');
  } catch {
    // Not JSON (a proxy's page): the status alone decides.
  }
  return { kind: 'status', status: response.status, code, missingScopes };
}

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** What an answer means, in keyguard's words. */
function stateOf(
  answer: Answer,
  check: { what: string; ambiguousUnauthorized?: string },
  timeoutMs: number,
  retried: boolean,
): Omit<Verification, 'checkedAt'> {
  const { what } = check;
  const again = retried ? ', also on the retry' : '';
  if (answer.kind === 'timeout') return { state: 'unknown', reason: `no answer to ${what} within ${timeoutMs / 1000} s` };
  if (answer.kind === 'network') return { state: 'unknown', reason: `network error (${answer.cause}) on ${what}${again}` };
  const { status, code } = answer;
  if (status >= 200 && status < 300) return { state: 'live', reason: `${status} from ${what}: the key works` };
  if (status === 429)
    return { state: 'live', reason: `429${code ? ` ${code}` : ''} from ${what}: the key authenticated (rate limit or quota)` };
  if (status === 401 && code === 'invalid_api_key') {
    return { state: 'revoked', reason: `401 invalid_api_key from ${what}: OpenAI does not know this key (revoked, deleted or mistyped)` };
  }
  if (status === 401 && check.ambiguousUnauthorized) return { state: 'unknown', reason: `401 on ${what}: ${check.ambiguousUnauthorized}` };
  if (status === 401 && answer.missingScopes) {
    return { state: 'unknown', reason: `401 missing scopes on ${what}: a restricted key that may well be live; rotate it` };
  }
  if (status === 401)
    return {
      state: 'unknown',
      reason: `401${code ? ` ${code}` : ''} on ${what}, not invalid_api_key: the key may be live (IP allow list, organisation, scope)`,
    };
  if (status === 403)
    return { state: 'unknown', reason: `403${code ? ` ${code}` : ''} on ${what}: refused, not rejected; the key may be live` };
  if (status >= 300 && status < 400)
    return { state: 'unknown', reason: `${status} redirect from ${what}, not followed (keys go to one host only)` };
  if (status >= 500) return { state: 'unknown', reason: `${status} from ${what}${again}: the server failed; try later` };
  return { state: 'unknown', reason: `unexpected ${status}${code ? ` ${code}` : ''} from ${what}` };
}

/** Checks one key: one request, and one retry after a network error or a 5xx. */
async function verifyKey(check: Check, options: Required<Omit<VerifyOptions, 'endpoint'>>): Promise<Verification> {
  if ('notSent' in check) return { state: 'unknown', reason: check.notSent, checkedAt: new Date().toISOString() };
  let answer = await ask(check, options.timeoutMs);
  const failed = (a: Answer): boolean => a.kind === 'network' || (a.kind === 'status' && a.status >= 500);
  let retried = false;
  if (failed(answer)) {
    await wait(options.retryDelayMs);
    answer = await ask(check, options.timeoutMs);
    retried = true;
  }
  return { ...stateOf(answer, check, options.timeoutMs, retried), checkedAt: new Date().toISOString() };
}

/** Runs `work` over `items`, at most `limit` at once, keeping the order. */
async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * Verifies each distinct key of the findings once (by `secretId`: one key in three files is
 * one request) and returns the findings with their `verification`. `secrets` holds the keys
 * whole, as the scan handed them over (ScanRun.onSecret).
 */
export async function verifyFindings(
  findings: readonly ReportedFinding[],
  secrets: ReadonlyMap<string, KeySecret>,
  options: VerifyOptions,
): Promise<ReportedFinding[]> {
  const settings = {
    timeoutMs: options.timeoutMs ?? 10_000,
    concurrency: options.concurrency ?? 4,
    retryDelayMs: options.retryDelayMs ?? 500,
  };
  const first = new Map<string, ReportedFinding>();
  for (const finding of findings) if (!first.has(finding.secretId)) first.set(finding.secretId, finding);
  const ids = [...first.keys()];
  const verdicts = await mapLimited(ids, settings.concurrency, (id) =>
    verifyKey(checkFor(first.get(id)!, secrets.get(id), options.endpoint), settings),
  );
  const byId = new Map(ids.map((id, index) => [id, verdicts[index]]));
  return findings.map((finding) => ({ ...finding, verification: byId.get(finding.secretId)! }));
}
