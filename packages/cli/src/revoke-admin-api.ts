import { KeyguardError } from '@keyguard/core';
import type { OpenAIEndpoint } from './verify/base-url';

/**
 * The few Admin API calls `keyguard revoke` makes (issue 15), with OPENAI_ADMIN_KEY:
 * list projects, list each project's API keys, list admin keys, delete one key. Shapes as in
 * openai-node's src/resources/admin/organization (ConversationCursorPage: `data`, `has_more`,
 * `last_id`, read on with `after`).
 */

/** A key the organisation holds, as the Admin API lists it (project key or admin key). */
export interface OrganizationKey {
  kind: 'project' | 'admin';
  id: string;
  name: string;
  redactedValue: string;
  createdAt: number;
  lastUsedAt: number | null;
  /** `user` or `service_account` (admin keys: the owner's type as given). */
  ownerType: string;
  /** The owner's name (and email, for a user). */
  owner: string;
  project?: { id: string; name: string };
  /** A service account's id: the API deletes its keys only with the account. */
  serviceAccountId?: string;
}

interface Page {
  data?: unknown[];
  has_more?: boolean;
  last_id?: string | null;
}

type Json = Record<string, unknown>;

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const number = (value: unknown): number | null => (typeof value === 'number' ? value : null);

/** The Admin API as `keyguard revoke` uses it; every error is a KeyguardError that names no key. */
export class AdminApi {
  constructor(
    private readonly endpoint: OpenAIEndpoint,
    private readonly adminKey: string,
    private readonly timeoutMs: number,
  ) {}

  /** One request; a non-2xx answer or a failure to connect is a one-line error saying what to do. */
  private async call(method: 'GET' | 'DELETE', path: string): Promise<{ status: number; body: Json }> {
    let response: Response;
    try {
      response = await fetch(`${this.endpoint.base}${path}`, {
        method,
        headers: { authorization: `Bearer ${this.adminKey}` },
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const name = (error as Error).name;
      const code = (error as Error & { cause?: { code?: unknown } }).cause?.code;
      const why =
        name === 'TimeoutError' ? `no answer within ${this.timeoutMs / 1000} s` : typeof code === 'string' ? code : 'no connection';
      throw new KeyguardError(
        `the Admin API at ${this.endpoint.base} could not be reached (${why}; ${method} ${path})`,
        'Check the network, then run keyguard revoke again',
      );
    }
    let body: Json = {};
    try {
      body = JSON.parse(await response.text()) as Json;
    } catch {
      // Not JSON: the status alone speaks.
    }
    return { status: response.status, body };
  }

  private async get(path: string): Promise<Json> {
    const { status, body } = await this.call('GET', path);
    if (status >= 200 && status < 300) return body;
    const error = typeof body.error === 'object' && body.error !== null ? (body.error as Json) : {};
    const code = /^[a-z][a-z0-9_]{0,63}$/.test(text(error.code)) ? text(error.code) : '';
    if (status === 401 && code === 'invalid_api_key') {
      throw new KeyguardError(
        'OPENAI_ADMIN_KEY was refused (401 invalid_api_key)',
        'Create an admin key at https://platform.openai.com/settings/organization/admin-keys',
      );
    }
    if (status === 401 || status === 403) {
      throw new KeyguardError(
        `OPENAI_ADMIN_KEY may not ${path.split('?')[0]} (${status}${code ? ` ${code}` : ''})`,
        'Use an admin key of the organisation (not a project key); see docs/verify.md',
      );
    }
    throw new KeyguardError(`the Admin API answered ${status}${code ? ` ${code}` : ''} to GET ${path.split('?')[0]}`, 'Try again later');
  }

  /** Every item of a cursor-paged list, 100 a page. */
  private async list(path: string, query = ''): Promise<Json[]> {
    const items: Json[] = [];
    let after = '';
    for (let pages = 0; pages < 1000; pages++) {
      const page = (await this.get(`${path}?limit=100${query}${after ? `&after=${encodeURIComponent(after)}` : ''}`)) as Page;
      const data = Array.isArray(page.data) ? (page.data.filter((item) => typeof item === 'object' && item !== null) as Json[]) : [];
      items.push(...data);
      const last = page.last_id ?? text(data[data.length - 1]?.id);
      if (!page.has_more || !last || last === after) return items;
      after = last;
    }
    return items;
  }

  /** Every project API key of every active project (owner access `any`: the keys of former members too). */
  async projectKeys(): Promise<OrganizationKey[]> {
    const keys: OrganizationKey[] = [];
    for (const project of await this.list('/v1/organization/projects')) {
      const ref = { id: text(project.id), name: text(project.name) || text(project.id) };
      for (const item of await this.list(`/v1/organization/projects/${encodeURIComponent(ref.id)}/api_keys`, '&owner_project_access=any')) {
        const owner = (item.owner ?? {}) as Json;
        const user = (owner.user ?? {}) as Json;
        const account = (owner.service_account ?? {}) as Json;
        const ownerType = text(owner.type) || 'user';
        keys.push({
          kind: 'project',
          id: text(item.id),
          name: text(item.name),
          redactedValue: text(item.redacted_value),
          createdAt: number(item.created_at) ?? 0,
          lastUsedAt: number(item.last_used_at),
          ownerType,
          owner:
            ownerType === 'service_account'
              ? `service account ${text(account.name) || text(account.id)}`
              : `${text(user.name)}${text(user.email) ? ` <${text(user.email)}>` : ''}`,
          project: ref,
          ...(ownerType === 'service_account' ? { serviceAccountId: text(account.id) } : {}),
        });
      }
    }
    return keys;
  }

  /** The organisation's admin keys. */
  async adminKeys(): Promise<OrganizationKey[]> {
    return (await this.list('/v1/organization/admin_api_keys')).map((item) => {
      const owner = (item.owner ?? {}) as Json;
      return {
        kind: 'admin',
        id: text(item.id),
        name: text(item.name),
        redactedValue: text(item.redacted_value),
        createdAt: number(item.created_at) ?? 0,
        lastUsedAt: number(item.last_used_at),
        ownerType: text(owner.type) || 'user',
        owner: text(owner.name) || text(owner.id),
      };
    });
  }

  /** Deletes one key: what the API said, in keyguard's words (never a key). */
  async delete(key: OrganizationKey): Promise<{ deleted: boolean; detail: string }> {
    const path =
      key.kind === 'admin'
        ? `/v1/organization/admin_api_keys/${encodeURIComponent(key.id)}`
        : `/v1/organization/projects/${encodeURIComponent(key.project!.id)}/api_keys/${encodeURIComponent(key.id)}`;
    try {
      const { status, body } = await this.call('DELETE', path);
      if (status >= 200 && status < 300 && body.deleted === true) return { deleted: true, detail: `DELETE ${path}: deleted` };
      const error = typeof body.error === 'object' && body.error !== null ? (body.error as Json) : {};
      const code = /^[a-z][a-z0-9_]{0,63}$/.test(text(error.code)) ? ` ${text(error.code)}` : '';
      return { deleted: false, detail: `DELETE ${path}: ${status}${code}, not deleted` };
    } catch (error) {
      return { deleted: false, detail: error instanceof KeyguardError ? error.message : 'failed' };
    }
  }
}
