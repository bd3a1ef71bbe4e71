import { randomUUID } from 'node:crypto';
import { AdaptiveLimiter } from './adaptive-limiter.js';
import { ClientCredentialsTokenSource } from './client-credentials-token-source.js';
import { readConnectionSettings, type ScimConnectionSettings, type SecretEntry } from './connection-settings.js';
import type { ScimBody } from './create-body.js';
import { credentialFailure, type CredentialValidation } from './credential-validation.js';
import type { ExchangeObserver } from './exchange.js';
import { equalsFilter } from './filter.js';
import type { HttpClient } from './http-client.js';
import { parseListResponse, parseResource, type ScimListPage } from './list-response.js';
import { buildMemberOperations, chunkMemberChanges } from './member-operations.js';
import type { ScimPatchDialect } from './patch-dialect.js';
import { patchRequestBody, type ScimPatchOperation } from './patch-operation.js';
import { PooledHttpClient } from './pooled-http-client.js';
import { ScimError, ScimInvalidResponseError } from './scim-errors.js';
import { resourceEndpoints, type ScimResource, type ScimResourceKind } from './scim-schemas.js';
import { ScimTransport } from './scim-transport.js';
import { staticTokenSource, type TokenSource } from './token-source.js';

export interface ScimClientOptions {
  /** Replaces the token from the settings (e.g. a token Provisio issues itself when SecretToken is blank). */
  readonly tokenSource?: TokenSource;
  /**
   * Per-request timeout (for the response headers, and for each part of the body), enforced to within about a
   * second; the hosted service expects an answer within 60 s (engine-behavior §0).
   */
  readonly timeoutMs?: number;
  /** Requests in flight to this target at most; halved on 429, regained gradually. */
  readonly maxConcurrency?: number;
  /** Members per group PATCH request (the hosted service's batch size is not documented; §Open questions 3). */
  readonly memberChunkSize?: number;
  /** 429 answers retried inside one call. */
  readonly rateLimitRetries?: number;
  /** Longest Retry-After waited out inside one call. */
  readonly maxRetryAfterMs?: number;
  /** First wait after a 429 without Retry-After; doubles per retry. */
  readonly rateLimitBackoffMs?: number;
  readonly userAgent?: string;
  /** Sees every request and response (Authorization redacted). */
  readonly onExchange?: ExchangeObserver;
  /** Defaults to a keep-alive pool of `maxConcurrency` connections per origin. */
  readonly http?: HttpClient;
}

export interface ScimPageRequest {
  /** 1-based (RFC 7644 §3.4.2.4). */
  readonly startIndex: number;
  readonly count: number;
}

export interface MembershipPatchResult {
  /** PATCH requests sent. */
  readonly requests: number;
}

export const scimClientDefaults = Object.freeze({
  timeoutMs: 60_000,
  maxConcurrency: 8,
  memberChunkSize: 100,
  rateLimitRetries: 3,
  maxRetryAfterMs: 60_000,
  rateLimitBackoffMs: 1_000,
  userAgent: 'Provisio',
});

/**
 * The SCIM 2.0 client of the sync engine: the requests of engine-behavior §2.2, nothing else (no PUT, no
 * /Bulk, no sortBy). Failures are thrown as the typed errors of scim-errors.ts.
 */
export class ScimClient {
  readonly settings: ScimConnectionSettings;
  readonly #transport: ScimTransport;
  readonly #memberChunkSize: number;
  /** The connection pool this client opened itself (not one handed in), which `close` ends. */
  readonly #ownHttp: HttpClient | undefined;

  static fromSecrets(secrets: readonly SecretEntry[] | ReadonlyMap<string, string>, options: ScimClientOptions = {}): ScimClient {
    return new ScimClient(readConnectionSettings(secrets), options);
  }

  constructor(settings: ScimConnectionSettings, options: ScimClientOptions = {}) {
    const config = { ...scimClientDefaults, ...definedOnly(options) };
    if (!Number.isInteger(config.memberChunkSize) || config.memberChunkSize < 1) {
      throw new RangeError(`memberChunkSize must be a positive integer, got ${config.memberChunkSize}`);
    }
    this.settings = settings;
    this.#memberChunkSize = config.memberChunkSize;
    const { credentials } = settings;
    const tokenSource =
      options.tokenSource ??
      (credentials.kind === 'bearer'
        ? staticTokenSource(credentials.token)
        : new ClientCredentialsTokenSource({ ...credentials, timeoutMs: config.timeoutMs }));
    const http = options.http ?? new PooledHttpClient({ connections: config.maxConcurrency });
    this.#ownHttp = options.http ? undefined : http;
    this.#transport = new ScimTransport({
      baseUrl: settings.baseUrl,
      baseQuery: settings.baseQuery,
      tokenSource,
      limiter: new AdaptiveLimiter(config.maxConcurrency),
      timeoutMs: config.timeoutMs,
      userAgent: config.userAgent,
      rateLimitRetries: config.rateLimitRetries,
      maxRetryAfterMs: config.maxRetryAfterMs,
      rateLimitBackoffMs: config.rateLimitBackoffMs,
      onExchange: options.onExchange,
      http,
    });
  }

  /** Closes the keep-alive connections the client opened; a client handed an HttpClient leaves it open. */
  async close(): Promise<void> {
    await this.#ownHttp?.close();
  }

  /** The PATCH dialect the tenant URL selects. */
  get dialect(): ScimPatchDialect {
    return this.settings.dialect;
  }

  /** `GET /Users?filter=<attribute> eq "<value>"`: the matching query (0, 1 or several resources). */
  findUsers(attribute: string, value: string | number | boolean): Promise<readonly ScimResource[]> {
    return this.#find('User', attribute, value);
  }

  /** `GET /Users?startIndex=N&count=M`: one page of all users (account discovery, §1.8). */
  listUsers(page: ScimPageRequest): Promise<ScimListPage> {
    return this.#list('User', page);
  }

  /** `GET /Users/{id}`; a 404 is a ScimNotFoundError (`InvalidAnchor`). */
  getUser(id: string): Promise<ScimResource> {
    return this.#get('User', id);
  }

  /** `POST /Users`; resolves with the created resource, whose `id` the engine links to. */
  createUser(body: ScimBody): Promise<ScimResource> {
    return this.#create('User', body);
  }

  /** `PATCH /Users/{id}`; resolves with the returned resource, or undefined for 204 / no body / no operations. */
  patchUser(id: string, operations: readonly ScimPatchOperation[]): Promise<ScimResource | undefined> {
    return this.#patch('User', id, operations);
  }

  /** `DELETE /Users/{id}`. */
  deleteUser(id: string): Promise<void> {
    return this.#delete('User', id);
  }

  /** `GET /Groups?excludedAttributes=members&filter=<attribute> eq "<value>"`. */
  findGroups(attribute: string, value: string | number | boolean): Promise<readonly ScimResource[]> {
    return this.#find('Group', attribute, value);
  }

  /** `GET /Groups?excludedAttributes=members&startIndex=N&count=M`. */
  listGroups(page: ScimPageRequest): Promise<ScimListPage> {
    return this.#list('Group', page);
  }

  /** `GET /Groups/{id}?excludedAttributes=members`: membership is never read back (§1.13). */
  getGroup(id: string): Promise<ScimResource> {
    return this.#get('Group', id);
  }

  /** `POST /Groups` (a body without members; they follow by PATCH). */
  createGroup(body: ScimBody): Promise<ScimResource> {
    return this.#create('Group', body);
  }

  /** `PATCH /Groups/{id}`. */
  patchGroup(id: string, operations: readonly ScimPatchOperation[]): Promise<ScimResource | undefined> {
    return this.#patch('Group', id, operations);
  }

  /** `DELETE /Groups/{id}`. */
  deleteGroup(id: string): Promise<void> {
    return this.#delete('Group', id);
  }

  /**
   * Net membership changes as `PATCH /Groups/{id}` requests of at most `memberChunkSize` members each,
   * removals first, sent one after another. Adding a present member or removing an absent one is a no-op
   * for SCIM servers (REF), so after a failure the caller can send the whole change again.
   */
  async patchGroupMembers(
    id: string,
    add: readonly string[],
    remove: readonly string[],
    options: { readonly dialect?: ScimPatchDialect } = {},
  ): Promise<MembershipPatchResult> {
    const dialect = options.dialect ?? this.dialect;
    const chunks = chunkMemberChanges(add, remove, this.#memberChunkSize);
    for (const chunk of chunks) await this.#patch('Group', id, buildMemberOperations(chunk.add, chunk.remove, dialect));
    return { requests: chunks.length };
  }

  /** `GET /Schemas` (RFC 7643 §7): the resource and extension schemas the service publishes (schema discovery). */
  async schemas(): Promise<readonly ScimResource[]> {
    const response = await this.#transport.send({ method: 'GET', path: '/Schemas', shape: 'resource' });
    return parseListResponse(response.text, { method: 'GET', url: response.url, status: response.status }).resources;
  }

  /**
   * The hosted "Test connection": `GET /Users?filter=<matchingAttribute> eq "<random GUID>"` must answer 200
   * with an empty ListResponse. With `includeGroups`, the same probe on /Groups by displayName (the hosted
   * service documents fetching "a random user and group"; whether it always does is an open question).
   */
  async validateCredentials(
    options: { readonly matchingAttribute?: string; readonly includeGroups?: boolean } = {},
  ): Promise<CredentialValidation> {
    const probes: [ScimResourceKind, string][] = [['User', options.matchingAttribute ?? 'userName']];
    if (options.includeGroups) probes.push(['Group', 'displayName']);
    try {
      for (const [kind, attribute] of probes) {
        const found = await this.#find(kind, attribute, randomUUID());
        if (found.length > 0) {
          throw new ScimInvalidResponseError(
            `${resourceEndpoints[kind]} answered a filter on a random ${attribute} with ${found.length} resource(s): filtering is not supported`,
            { scope: 'job' },
          );
        }
      }
      return { status: 'valid' };
    } catch (error) {
      if (error instanceof ScimError) return credentialFailure(error);
      throw error;
    }
  }

  async #find(kind: ScimResourceKind, attribute: string, value: string | number | boolean): Promise<readonly ScimResource[]> {
    const filter: [string, string] = ['filter', equalsFilter(attribute, value)];
    const query = kind === 'Group' ? [excludeMembers, filter] : [filter];
    const response = await this.#transport.send({ method: 'GET', path: resourceEndpoints[kind], query, shape: 'query' });
    return parseListResponse(response.text, { method: 'GET', url: response.url, status: response.status }).resources;
  }

  async #list(kind: ScimResourceKind, page: ScimPageRequest): Promise<ScimListPage> {
    if (!Number.isInteger(page.startIndex) || page.startIndex < 1 || !Number.isInteger(page.count) || page.count < 0) {
      throw new RangeError(`startIndex must be an integer >= 1 and count an integer >= 0, got ${page.startIndex}/${page.count}`);
    }
    const paging: [string, string][] = [
      ['startIndex', String(page.startIndex)],
      ['count', String(page.count)],
    ];
    const query = kind === 'Group' ? [excludeMembers, ...paging] : paging;
    const response = await this.#transport.send({ method: 'GET', path: resourceEndpoints[kind], query, shape: 'query' });
    return parseListResponse(response.text, { method: 'GET', url: response.url, status: response.status });
  }

  async #get(kind: ScimResourceKind, id: string): Promise<ScimResource> {
    const query = kind === 'Group' ? [excludeMembers] : [];
    const response = await this.#transport.send({ method: 'GET', path: resourcePath(kind, id), query, shape: 'resource' });
    return parseResource(response.text, { method: 'GET', url: response.url, status: response.status });
  }

  async #create(kind: ScimResourceKind, body: ScimBody): Promise<ScimResource> {
    const response = await this.#transport.send({ method: 'POST', path: resourceEndpoints[kind], body, shape: 'resource' });
    return parseResource(response.text, { method: 'POST', url: response.url, status: response.status });
  }

  async #patch(kind: ScimResourceKind, id: string, operations: readonly ScimPatchOperation[]): Promise<ScimResource | undefined> {
    if (operations.length === 0) return undefined;
    const response = await this.#transport.send({ method: 'PATCH', path: resourcePath(kind, id), body: patchRequestBody(operations), shape: 'resource' });
    // The PATCH response body is optional (§2.6); a returned resource is passed on, anything else ignored.
    try {
      return parseResource(response.text, { method: 'PATCH', url: response.url, status: response.status });
    } catch {
      return undefined;
    }
  }

  async #delete(kind: ScimResourceKind, id: string): Promise<void> {
    await this.#transport.send({ method: 'DELETE', path: resourcePath(kind, id), shape: 'resource' });
  }
}

const excludeMembers: [string, string] = ['excludedAttributes', 'members'];

function resourcePath(kind: ScimResourceKind, id: string): string {
  if (id === '') throw new RangeError(`${kind} id must not be empty`);
  return `${resourceEndpoints[kind]}/${encodeURIComponent(id)}`;
}

function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}
