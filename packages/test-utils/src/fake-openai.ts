/**
 * A local fake of the OpenAI API and Admin API for the tests of `keyguard scan --verify` and
 * `keyguard revoke` (issue 15): an HTTP server on 127.0.0.1 (port 0) that answers like the real
 * one, counts every request and is scripted per key. Nothing here is a stub of keyguard: the
 * built CLI talks to it over real HTTP through `--openai-base-url`.
 *
 * The bodies follow OpenAI's (openai-python's api_reference/openapi.transformed.yml and the
 * errors users report): `{ "error": { "message", "type", "param", "code" } }`, code
 * `invalid_api_key` for a wrong or revoked key, code null for a live key that lacks a scope
 * ("Missing scopes: api.model.read"), `insufficient_quota`/`rate_limit_exceeded` on 429;
 * Admin API lists are cursor pages `{ object: "list", data, first_id, last_id, has_more }`
 * read with `limit` (default 20, at most 100) and `after`.
 *
 * The fake never logs a key: a request is recorded with the label of the key it carried.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the fake answers a key, on every endpoint it calls. */
type KeyBehaviour =
  /** 200 (`GET /v1/models` lists two models). */
  | 'live'
  /** 429 `insufficient_quota`: the key authenticated, the account has no quota. */
  | 'rate-limited'
  /** 401 `invalid_api_key`: what a revoked or mistyped key gets. */
  | 'revoked'
  /** 401, code null, "Missing scopes: api.model.read": a live restricted key. */
  | 'missing-scopes'
  /** 403 `unsupported_country_region_territory`. */
  | 'forbidden'
  /** 500 every time. */
  | 'server-error'
  /** 500 on the first request, 200 afterwards (the retry's case). */
  | 'flaky'
  /** Never answers (until the server closes). */
  | 'timeout';

interface FakeUser {
  id: string;
  name: string;
  email: string;
  role: string;
  created_at: number;
}

/** One project API key, as the Admin API lists it. */
interface FakeProjectKey {
  id: string;
  name: string;
  redacted_value: string;
  created_at: number;
  last_used_at: number | null;
  owner:
    | { type: 'user'; user: FakeUser }
    | { type: 'service_account'; service_account: { id: string; name: string; role: string; created_at: number } };
}

interface FakeProject {
  id: string;
  name: string;
  api_keys: FakeProjectKey[];
}

/** One admin API key, as `GET /v1/organization/admin_api_keys` lists it. */
interface FakeAdminKey {
  id: string;
  name: string;
  redacted_value: string;
  created_at: number;
  last_used_at: number | null;
  owner: { type: 'user'; id: string; name: string; role: string; created_at: number };
}

export interface FakeOpenAIOptions {
  /** Key → how the fake answers it. A key not listed gets 401 `invalid_api_key`, as on the real API. */
  keys?: Record<string, KeyBehaviour>;
  /** Keys the Admin API accepts (they must be `live` in `keys` too, or absent from it). */
  adminKeys?: readonly string[];
  projects?: FakeProject[];
  adminApiKeys?: FakeAdminKey[];
  /** Azure keys (`api-key` header on `/openai/models`) and how the fake answers them. */
  azureKeys?: Record<string, 'live' | 'revoked'>;
}

/** What a request was: never the key, only its label (its behaviour, `admin`, `unknown` or `none`). */
interface FakeRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  key: string;
}

export interface FakeOpenAI {
  /** `http://127.0.0.1:<port>`: what `--openai-base-url` takes. */
  url: string;
  requests: FakeRequest[];
  /** The most requests that were open at once. */
  maxInFlight: number;
  /** Ids of the project and admin keys deleted, in order. */
  deleted: string[];
  close(): Promise<void>;
}

const MODELS = {
  object: 'list',
  data: [
    { id: 'gpt-4o-mini', object: 'model', created: 1721172741, owned_by: 'system' },
    { id: 'text-embedding-3-small', object: 'model', created: 1705948997, owned_by: 'system' },
  ],
};

const error = (message: string, type: string, code: string | null, param: string | null = null): object => ({
  error: { message, type, param, code },
});

/** OpenAI's own redaction in its 401 message: the first 3 and last 4 characters. */
const redactedInMessage = (key: string): string => `${key.slice(0, 3)}${'*'.repeat(Math.max(0, key.length - 7))}${key.slice(-4)}`;

const ANSWERS: Record<Exclude<KeyBehaviour, 'live' | 'flaky' | 'timeout'>, (key: string) => [number, object]> = {
  'rate-limited': () => [
    429,
    error(
      'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.',
      'insufficient_quota',
      'insufficient_quota',
    ),
  ],
  revoked: (key) => [
    401,
    error(
      `Incorrect API key provided: ${redactedInMessage(key)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
      'invalid_request_error',
      'invalid_api_key',
    ),
  ],
  'missing-scopes': () => [
    401,
    error(
      "You have insufficient permissions for this operation. Missing scopes: api.model.read. Check that you have the correct role in your organization (Reader, Writer, Owner) and project (Member, Owner), and if you're using a restricted API key, that it has the necessary scopes.",
      'invalid_request_error',
      null,
    ),
  ],
  forbidden: () => [403, error('Country, region, or territory not supported', 'request_forbidden', 'unsupported_country_region_territory')],
  'server-error': () => [500, error('The server had an error while processing your request. Sorry about that!', 'server_error', null)],
};

/** Starts the fake on 127.0.0.1 with a free port. Close it in `afterAll`/`finally`. */
export async function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  const keys = new Map(Object.entries(options.keys ?? {}));
  const adminKeys = new Set(options.adminKeys ?? []);
  const azureKeys = new Map(Object.entries(options.azureKeys ?? {}));
  const projects = options.projects ?? [];
  const adminApiKeys = options.adminApiKeys ?? [];
  const seen = new Map<string, number>();
  const held: ServerResponse[] = [];
  let inFlight = 0;
  const fake: FakeOpenAI = { url: '', requests: [], maxInFlight: 0, deleted: [], close: () => Promise.resolve() };

  const labelOf = (key: string | undefined): string => {
    if (key === undefined) return 'none';
    if (adminKeys.has(key)) return 'admin';
    return keys.get(key) ?? azureKeys.get(key) ?? 'unknown';
  };

  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const azureKey = typeof request.headers['api-key'] === 'string' ? request.headers['api-key'] : undefined;
    const key = bearer ?? azureKey;
    const method = request.method ?? 'GET';
    fake.requests.push({ method, path: url.pathname, query: Object.fromEntries(url.searchParams), key: labelOf(key) });
    inFlight++;
    fake.maxInFlight = Math.max(fake.maxInFlight, inFlight);
    // Requests overlap for a moment, as on the network, so a concurrency cap can be observed.
    const send = (status: number, body: object): void => {
      setTimeout(() => {
        inFlight--;
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      }, 30);
    };

    if (url.pathname === '/openai/models') {
      const state = azureKey === undefined ? undefined : azureKeys.get(azureKey);
      if (state === 'live') send(200, MODELS);
      // Azure's own 401 says the same for a wrong key and a wrong endpoint.
      else
        send(401, {
          error: {
            code: '401',
            message:
              'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.',
          },
        });
      return;
    }
    if (key === undefined) {
      send(
        401,
        error(
          "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
          'invalid_request_error',
          null,
        ),
      );
      return;
    }
    const behaviour = adminKeys.has(key) ? (keys.get(key) ?? 'live') : keys.get(key);
    if (behaviour === undefined) {
      send(...ANSWERS.revoked(key));
      return;
    }
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    if (behaviour === 'timeout') {
      held.push(response);
      return;
    }
    if (behaviour === 'flaky' && count === 1) {
      send(...ANSWERS['server-error'](key));
      return;
    }
    if (behaviour !== 'live' && behaviour !== 'flaky') {
      send(...ANSWERS[behaviour](key));
      return;
    }

    if (url.pathname === '/v1/models' && method === 'GET') {
      send(200, MODELS);
      return;
    }
    if (!url.pathname.startsWith('/v1/organization/')) {
      send(404, error(`Invalid URL (${method} ${url.pathname})`, 'invalid_request_error', null));
      return;
    }
    if (!adminKeys.has(key)) {
      // A project key on the Admin API: authenticated, without the scope.
      send(
        401,
        error(
          "You have insufficient permissions for this operation. Missing scopes: api.management.read. Check that you have the correct role in your organization (Reader, Writer, Owner) and project (Member, Owner), and if you're using a restricted API key, that it has the necessary scopes.",
          'invalid_request_error',
          null,
        ),
      );
      return;
    }
    const parts = url.pathname.split('/').slice(3); // after /v1/organization
    if (method === 'GET' && parts.length === 1 && parts[0] === 'projects') {
      send(
        200,
        page(
          projects.map(({ api_keys: _keys, ...project }) => ({
            object: 'organization.project',
            ...project,
            created_at: 1711471533,
            archived_at: null,
            status: 'active',
          })),
          url,
        ),
      );
      return;
    }
    if (method === 'GET' && parts.length === 1 && parts[0] === 'admin_api_keys') {
      send(
        200,
        page(
          adminApiKeys.map((item) => ({ object: 'organization.admin_api_key', ...item })),
          url,
        ),
      );
      return;
    }
    if (method === 'DELETE' && parts.length === 2 && parts[0] === 'admin_api_keys') {
      const index = adminApiKeys.findIndex((item) => item.id === parts[1]);
      if (index < 0) {
        send(404, error(`No such admin API key: ${parts[1]}`, 'invalid_request_error', null));
        return;
      }
      adminApiKeys.splice(index, 1);
      fake.deleted.push(parts[1]);
      send(200, { object: 'organization.admin_api_key.deleted', id: parts[1], deleted: true });
      return;
    }
    const project = parts[0] === 'projects' ? projects.find((candidate) => candidate.id === parts[1]) : undefined;
    if (project && parts[2] === 'api_keys') {
      if (method === 'GET' && parts.length === 3) {
        send(
          200,
          page(
            project.api_keys.map((item) => ({ object: 'organization.project.api_key', owner_project_access: 'active', ...item })),
            url,
          ),
        );
        return;
      }
      const index = project.api_keys.findIndex((item) => item.id === parts[3]);
      if (method === 'DELETE' && parts.length === 4 && index >= 0) {
        if (project.api_keys[index].owner.type === 'service_account') {
          // The API refuses this (the docs: "an error if the key belonged to a service account").
          send(
            400,
            error(
              'Cannot delete an API key that belongs to a service account. Delete the service account instead.',
              'invalid_request_error',
              null,
            ),
          );
          return;
        }
        project.api_keys.splice(index, 1);
        fake.deleted.push(parts[3]);
        send(200, { object: 'organization.project.api_key.deleted', id: parts[3], deleted: true });
        return;
      }
    }
    send(404, error(`Not found: ${method} ${url.pathname}`, 'invalid_request_error', null));
  };

  const server: Server = createServer((request, response) => {
    request.resume();
    request.on('end', () => handle(request, response));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      for (const response of held) response.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}

/** One cursor page of `items` for `?limit=&after=`, as the Admin API answers. */
function page(items: { id: string }[], url: URL): object {
  const limit = Math.min(100, Math.max(1, Number(url.searchParams.get('limit') ?? 20) || 20));
  const after = url.searchParams.get('after');
  const start = after ? items.findIndex((item) => item.id === after) + 1 : 0;
  const data = items.slice(start, start + limit);
  return {
    object: 'list',
    data,
    first_id: data[0]?.id ?? null,
    last_id: data[data.length - 1]?.id ?? null,
    has_more: start + limit < items.length,
  };
}

/** The Admin API's `redacted_value` of a key: its prefix up to the kind, then `...` and the last 4 characters. */
export function redactedValueOf(key: string): string {
  const kind = /^sk-(?:proj|svcacct|admin|None)-/.exec(key)?.[0] ?? key.slice(0, 3);
  return `${kind}...${key.slice(-4)}`;
}
