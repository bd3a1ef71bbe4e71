import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTokenEndpoint, type OAuthTokenEndpoint } from '../../../test/support/oauth-token-endpoint.js';
import { startScimServer, type ScimTestServer } from '../../../test/support/scim-server.js';
import { buildCreateBody } from './create-body.js';
import type { ScimExchange } from './exchange.js';
import { buildPatchOperations } from './patch-operations.js';
import { PooledHttpClient } from './pooled-http-client.js';
import { ScimClient, type ScimClientOptions } from './scim-client.js';
import {
  ScimBadRequestError,
  ScimConflictError,
  ScimNotFoundError,
  ScimRateLimitedError,
  ScimServerError,
  ScimTimeoutError,
} from './scim-errors.js';

const enterprise = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

let server: ScimTestServer;
beforeAll(async () => {
  server = await startScimServer();
});
afterAll(async () => {
  await server.close();
});
afterEach(() => {
  server.requests.length = 0;
});

const client = (tenantUrl = server.baseUrl, options: ScimClientOptions = {}, token = server.token) =>
  ScimClient.fromSecrets(
    [
      { key: 'BaseAddress', value: tenantUrl },
      { key: 'SecretToken', value: token },
    ],
    { rateLimitBackoffMs: 5, ...options },
  );

let sequence = 0;
const userAttributes = (extra: [string, unknown][] = []) => {
  sequence += 1;
  return new Map<string, unknown>([
    ['userName', `user${sequence}@contoso.com`],
    ['active', 'True'],
    ['externalId', `user${sequence}`],
    ['emails[type eq "work"].value', `user${sequence}@contoso.com`],
    ['name.givenName', 'Ada'],
    ['name.familyName', 'Lovelace'],
    ...extra,
  ]);
};

describe('ScimClient against SCIMMY (a SCIM server we did not write)', () => {
  it('closes the connections it opened itself, and leaves an HttpClient it was handed open', async () => {
    const own = client();
    await own.findUsers('userName', 'nobody@contoso.com');
    await own.close();
    await expect(own.findUsers('userName', 'nobody@contoso.com')).rejects.toThrow();

    const http = new PooledHttpClient({ connections: 1 });
    const handed = client(server.baseUrl, { http });
    await handed.close();
    expect(await handed.findUsers('userName', 'nobody@contoso.com')).toEqual([]);
    await http.close();
  });

  it('creates a user with the hosted service wire format and finds it by userName', async () => {
    const exchanges: ScimExchange[] = [];
    const scim = client(server.baseUrl, { onExchange: (exchange) => exchanges.push(exchange) });
    const body = buildCreateBody('User', userAttributes([[`${enterprise}:department`, 'Engines']]));
    const created = await scim.createUser(body);
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);

    const stored = server.users().find((user) => user.id === created.id);
    expect(stored).toMatchObject({
      userName: body.userName,
      active: true,
      emails: [{ value: body.userName, type: 'work', primary: true }],
      name: { givenName: 'Ada', familyName: 'Lovelace' },
      [enterprise]: { department: 'Engines' },
    });

    const [post] = exchanges;
    expect(post).toMatchObject({
      method: 'POST',
      url: `${server.baseUrl}/Users`,
      requestBody: JSON.stringify(body),
      status: 201,
      requestHeaders: {
        Authorization: 'Bearer [redacted]',
        'Content-Type': 'application/scim+json',
        'User-Agent': 'Provisio',
      },
    });
    expect(post!.responseBody).toContain(created.id);
    expect(post!.durationMs).toBeGreaterThan(0);
    expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${server.token}`);

    expect((await scim.findUsers('userName', String(body.userName))).map((user) => user.id)).toEqual([created.id]);
    expect(await scim.findUsers('userName', 'nobody@contoso.com')).toEqual([]);
    expect(server.requests.at(-1)!.url).toBe(`/scim/v2/Users?filter=userName%20eq%20%22nobody%40contoso.com%22`);
    expect((await scim.getUser(created.id)).userName).toBe(body.userName);
  });

  it('disables a user: boolean with aadOptscim062020; the default dialect\'s "False" is a 400 on SCIMMY', async () => {
    const compliant = client(`${server.baseUrl}/?aadOptscim062020`);
    expect(compliant.dialect).toBe('aadOptscim062020');
    const user = await compliant.createUser(buildCreateBody('User', userAttributes()));
    const disable = { path: 'active', oldValue: 'True', newValue: 'False' };

    await compliant.patchUser(user.id, buildPatchOperations('User', [disable], compliant.dialect));
    expect(server.requests.at(-1)).toMatchObject({
      method: 'PATCH',
      url: `/scim/v2/Users/${user.id}`,
      body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'active', value: false }] },
    });
    expect(server.users().find((stored) => stored.id === user.id)!.active).toBe(false);

    // real-peers §3: SCIMMY refuses the string form the hosted service sends without the flag.
    const legacy = client();
    const refused = await legacy.patchUser(user.id, buildPatchOperations('User', [disable], legacy.dialect)).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ScimBadRequestError);
    expect(refused).toMatchObject({ scimType: 'invalidValue', retryable: false, status: 400 });
  });

  it('patches only the changed attributes, in both dialects', async () => {
    const legacy = client();
    const user = await legacy.createUser(buildCreateBody('User', userAttributes([['title', 'Analyst']])));
    await legacy.patchUser(
      user.id,
      buildPatchOperations(
        'User',
        [
          { path: 'emails[type eq "work"].value', oldValue: 'x', newValue: 'ada@new.example' },
          { path: 'name.familyName', oldValue: 'Lovelace', newValue: 'King' },
          { path: 'name.givenName', oldValue: 'Ada', newValue: 'Ada' },
          { path: 'title', oldValue: 'Analyst', newValue: null },
          { path: 'displayName', oldValue: null, newValue: 'Ada King' },
        ],
        'default',
      ),
    );
    expect((server.requests.at(-1)!.body as { Operations: unknown[] }).Operations).toEqual([
      { op: 'Replace', path: 'emails[type eq "work"].value', value: 'ada@new.example' },
      { op: 'Replace', path: 'name.familyName', value: 'King' },
      { op: 'Remove', path: 'title' },
      { op: 'Add', path: 'displayName', value: 'Ada King' },
    ]);
    let stored = server.users().find((candidate) => candidate.id === user.id)!;
    expect(stored).toMatchObject({ displayName: 'Ada King', name: { givenName: 'Ada', familyName: 'King' }, emails: [{ value: 'ada@new.example' }] });
    expect(stored).not.toHaveProperty('title');

    const compliant = client(`${server.baseUrl}?aadOptscim062020`);
    await compliant.patchUser(
      user.id,
      buildPatchOperations(
        'User',
        [
          { path: 'displayName', oldValue: 'Ada King', newValue: 'Countess' },
          { path: 'name.givenName', oldValue: 'Ada', newValue: 'Augusta' },
          { path: `${enterprise}:department`, oldValue: 'Engines', newValue: 'Analytical Engines' },
        ],
        compliant.dialect,
      ),
    );
    expect((server.requests.at(-1)!.body as { Operations: unknown[] }).Operations).toEqual([
      { op: 'replace', value: { displayName: 'Countess', 'name.givenName': 'Augusta', [`${enterprise}:department`]: 'Analytical Engines' } },
    ]);
    stored = server.users().find((candidate) => candidate.id === user.id)!;
    expect(stored).toMatchObject({ displayName: 'Countess', name: { givenName: 'Augusta' }, [enterprise]: { department: 'Analytical Engines' } });
    expect(await compliant.patchUser(user.id, [])).toBeUndefined();
  });

  it('creates a group without members, then adds and removes members in chunks', async () => {
    const scim = client(server.baseUrl, { memberChunkSize: 2 });
    const users = await Promise.all(Array.from({ length: 5 }, () => scim.createUser(buildCreateBody('User', userAttributes()))));
    const ids = users.map((user) => user.id);
    const group = await scim.createGroup(
      buildCreateBody('Group', new Map<string, unknown>([['displayName', `Engineers ${sequence}`], ['externalId', 'g1'], ['members', ids]])),
    );
    expect(server.requests.at(-1)!.body).not.toHaveProperty('members');
    const members = () => (server.groups().find((stored) => stored.id === group.id)!.members as { value: string }[] | undefined) ?? [];
    expect(members()).toEqual([]);

    server.requests.length = 0;
    expect(await scim.patchGroupMembers(group.id, ids, [])).toEqual({ requests: 3 });
    expect(server.requests.map((request) => (request.body as { Operations: { value: unknown[] }[] }).Operations[0]!.value.length)).toEqual([2, 2, 1]);
    expect(server.requests[0]!.body).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'Add', path: 'members', value: [{ $ref: null, value: ids[0] }, { $ref: null, value: ids[1] }] }],
    });
    expect(members().map((member) => member.value).sort()).toEqual([...ids].sort());

    server.requests.length = 0;
    expect(await scim.patchGroupMembers(group.id, [], ids.slice(0, 3))).toEqual({ requests: 2 });
    expect(server.requests[0]!.body).toMatchObject({ Operations: [{ op: 'Remove', path: 'members', value: [{ value: ids[0] }, { value: ids[1] }] }] });
    expect(members().map((member) => member.value).sort()).toEqual(ids.slice(3).sort());

    server.requests.length = 0;
    await scim.patchGroupMembers(group.id, [], [ids[3]!], { dialect: 'aadOptscim062020' });
    expect(server.requests[0]!.body).toMatchObject({ Operations: [{ op: 'remove', path: `members[value eq "${ids[3]}"]` }] });
    expect(members().map((member) => member.value)).toEqual([ids[4]]);
    expect(await scim.patchGroupMembers(group.id, [], [])).toEqual({ requests: 0 });

    const fetched = await scim.getGroup(group.id);
    expect(server.requests.at(-1)!.url).toBe(`/scim/v2/Groups/${group.id}?excludedAttributes=members`);
    expect(fetched).not.toHaveProperty('members');
    const found = await scim.findGroups('displayName', String(fetched.displayName));
    expect(server.requests.at(-1)!.url).toMatch(/^\/scim\/v2\/Groups\?excludedAttributes=members&filter=displayName%20eq%20%22/);
    expect(found.map((candidate) => candidate.id)).toEqual([group.id]);

    await scim.patchGroup(group.id, buildPatchOperations('Group', [{ path: 'displayName', oldValue: fetched.displayName, newValue: 'Renamed' }], 'default'));
    expect(server.groups().find((stored) => stored.id === group.id)!.displayName).toBe('Renamed');
    await scim.deleteGroup(group.id);
    expect(server.groups().some((stored) => stored.id === group.id)).toBe(false);
  });

  it('deletes users, then reports them missing; a duplicate create is a conflict', async () => {
    const scim = client();
    const attributes = userAttributes();
    const user = await scim.createUser(buildCreateBody('User', attributes));
    const duplicate = await scim.createUser(buildCreateBody('User', attributes)).catch((error: unknown) => error);
    expect(duplicate).toBeInstanceOf(ScimConflictError);
    expect(duplicate).toMatchObject({ code: 'Conflict', scimType: 'uniqueness', retryable: true });

    await scim.deleteUser(user.id);
    expect(server.requests.at(-1)).toMatchObject({ method: 'DELETE', status: 204 });
    await expect(scim.getUser(user.id)).rejects.toBeInstanceOf(ScimNotFoundError);
    await expect(scim.deleteUser(user.id)).rejects.toMatchObject({ code: 'InvalidAnchor', status: 404 });
  });

  it('pages through all users with startIndex and count', async () => {
    const scim = client();
    while (server.users().length < 11) await scim.createUser(buildCreateBody('User', userAttributes()));
    const total = server.users().length;
    server.requests.length = 0;
    const seen: string[] = [];
    for (let page = 0; page * 5 < total; page += 1) {
      const result = await scim.listUsers({ startIndex: page * 5 + 1, count: 5 });
      expect(result).toMatchObject({ totalResults: total, startIndex: page * 5 + 1 });
      seen.push(...result.resources.map((resource) => resource.id));
    }
    expect(new Set(seen).size).toBe(total);
    expect(server.requests.map((request) => request.url).slice(0, 2)).toEqual([
      '/scim/v2/Users?startIndex=1&count=5',
      '/scim/v2/Users?startIndex=6&count=5',
    ]);
  });
});

describe('validateCredentials (the hosted "Test connection")', () => {
  it('is valid with the right token, and probes with a filter on a random GUID', async () => {
    expect(await client().validateCredentials()).toEqual({ status: 'valid' });
    expect(server.requests[0]!.url).toMatch(/^\/scim\/v2\/Users\?filter=userName%20eq%20%22[0-9a-f-]{36}%22$/);
    expect(await client().validateCredentials({ includeGroups: true, matchingAttribute: 'externalId' })).toEqual({ status: 'valid' });
    expect(server.requests.slice(1).map((request) => request.url.split('?')[0])).toEqual(['/scim/v2/Users', '/scim/v2/Groups']);
  });

  it('reports a refused token as invalid credentials', async () => {
    const result = await client(server.baseUrl, {}, 'wrong-token').validateCredentials();
    expect(result).toMatchObject({ status: 'invalidCredentials', error: { code: 'InvalidCredentials', status: 401 } });
  });

  it('reports a closed port as unreachable', async () => {
    const port = await freePort();
    const result = await client(`http://127.0.0.1:${port}/scim`).validateCredentials();
    expect(result).toMatchObject({ status: 'unreachable', error: { code: 'ConnectionFailure', retryable: true } });
  });

  it('reports a 404 to the probe query as a non-compliant endpoint', async () => {
    server.inject({ method: 'GET', path: '/Users', status: 404, body: { detail: 'no such user' } });
    const result = await client().validateCredentials();
    expect(result).toMatchObject({ status: 'nonCompliant', error: { scope: 'job' } });
  });
});

describe('retries and failures', () => {
  it('retries a 429 after its Retry-After and then succeeds', async () => {
    const exchanges: ScimExchange[] = [];
    const scim = client(server.baseUrl, { onExchange: (exchange) => exchanges.push(exchange) });
    server.inject({ method: 'POST', path: '/Users', status: 429, headers: { 'Retry-After': '0' }, times: 2 });
    const user = await scim.createUser(buildCreateBody('User', userAttributes()));
    expect(exchanges.map((exchange) => exchange.status)).toEqual([429, 429, 201]);
    expect(server.users().filter((stored) => stored.id === user.id)).toHaveLength(1);
  });

  it('backs off without Retry-After and gives up after the configured retries', async () => {
    const scim = client(server.baseUrl, { rateLimitRetries: 2, rateLimitBackoffMs: 20 });
    server.inject({ method: 'GET', path: '/Users', status: 429, times: 3 });
    const started = Date.now();
    const error = await scim.findUsers('userName', 'x').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ScimRateLimitedError);
    expect(server.requests).toHaveLength(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(20 + 40 - 5);
  });

  it('hands a long Retry-After to the engine instead of waiting it out', async () => {
    const scim = client(server.baseUrl, { maxRetryAfterMs: 1_000 });
    server.inject({ method: 'GET', path: '/Users', status: 429, headers: { 'Retry-After': '120' } });
    const error = await scim.findUsers('userName', 'x').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'TooManyRequests', retryAfterMs: 120_000, retryable: true });
    expect(server.requests).toHaveLength(1);
  });

  it('does not retry a 5xx inside the call: it is escrowed by the engine', async () => {
    const scim = client();
    server.inject({ method: 'GET', status: 503, body: { detail: 'maintenance' } });
    const error = await scim.findUsers('userName', 'x').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ScimServerError);
    expect(error).toMatchObject({ retryable: true, detail: 'maintenance' });
    expect(server.requests).toHaveLength(1);
  });

  it('times out a slow target', async () => {
    // Timeouts run on a timer wheel of about half a second: the answer comes well after the wheel has turned.
    const scim = client(server.baseUrl, { timeoutMs: 100 });
    server.inject({ method: 'GET', status: 200, body: { totalResults: 0, Resources: [] }, delayMs: 2_500 });
    const error = await scim.findUsers('userName', 'x').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ScimTimeoutError);
    expect(error).toMatchObject({ code: 'Timeout', retryable: true });
  });

  it('rejects a success that is not SCIM', async () => {
    const scim = client();
    server.inject({ method: 'GET', status: 200, body: { users: [] } });
    await expect(scim.findUsers('userName', 'x')).rejects.toMatchObject({ code: 'SystemForCrossDomainIdentityManagementServiceIncompatible' });
    server.inject({ method: 'POST', status: 201, body: { userName: 'no id' } });
    await expect(scim.createUser(buildCreateBody('User', userAttributes()))).rejects.toThrow(/without an id/);
  });
});

describe('OAuth 2.0 client credentials', () => {
  let endpoint: OAuthTokenEndpoint | undefined;
  afterEach(async () => {
    await endpoint?.close();
    endpoint = undefined;
  });

  it('sends the issued token, and fetches a new one once after a 401', async () => {
    endpoint = await startTokenEndpoint([
      { status: 200, body: { access_token: 'revoked-early', expires_in: 3600 } },
      { status: 200, body: { access_token: server.token, expires_in: 3600 } },
    ]);
    const scim = ScimClient.fromSecrets([
      { key: 'BaseAddress', value: server.baseUrl },
      { key: 'Oauth2TokenExchangeUri', value: endpoint.url },
      { key: 'ClientIdentifier', value: 'provisio' },
      { key: 'ClientSecret', value: 's3cret' },
    ]);
    expect(await scim.validateCredentials()).toEqual({ status: 'valid' });
    expect(server.requests.map((request) => [request.status, request.headers.authorization])).toEqual([
      [401, 'Bearer revoked-early'],
      [200, `Bearer ${server.token}`],
    ]);
    await scim.findUsers('userName', 'x');
    expect(endpoint.requests).toHaveLength(2);
  });

  it('reports refused client credentials as invalid credentials', async () => {
    endpoint = await startTokenEndpoint([{ status: 401, body: { error: 'invalid_client' } }]);
    const scim = ScimClient.fromSecrets([
      { key: 'BaseAddress', value: server.baseUrl },
      { key: 'Oauth2TokenExchangeUri', value: endpoint.url },
      { key: 'ClientIdentifier', value: 'provisio' },
      { key: 'ClientSecret', value: 'wrong' },
    ]);
    expect(await scim.validateCredentials()).toMatchObject({ status: 'invalidCredentials', error: { code: 'TokenAcquisitionFailed' } });
    expect(server.requests).toHaveLength(0);
  });
});

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
