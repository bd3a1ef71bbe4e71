import Fastify from 'fastify';
import { SignJWT, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueAppToken } from '../../auth/access-tokens.js';
import { startTestService, type TestService } from '../../../test/support/test-service.js';
import { storeKinds } from '../../../test/support/stores.js';
import { installBearerAuthentication } from './bearer-authentication.js';

describe.each(storeKinds)('bearer authentication on Graph routes (%s)', (kind) => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService(kind);
  });
  afterAll(async () => t.dispose());

  const get = (url: string, token?: string) =>
    t.service.app.inject({ url, headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });

  it('serves both API versions to a token with the permission', async () => {
    const token = await t.adminToken();
    for (const version of ['v1.0', 'beta']) {
      const response = await get(`/${version}/organization`, token);
      expect(response.statusCode).toBe(200);
      expect(response.json().value[0].id).toBe(t.tenantId);
      expect(response.json()['@odata.context']).toMatch(new RegExp(`/${version}/\\$metadata#organization$`));
    }
  });

  it('answers 401 InvalidAuthenticationToken with WWW-Authenticate when the token is missing or malformed', async () => {
    for (const token of [undefined, 'not-a-jwt', 'a.b.c']) {
      const response = await get('/v1.0/organization', token);
      expect(response.statusCode).toBe(401);
      expect(response.headers['www-authenticate']).toMatch(/^Bearer /);
      expect(response.json().error.code).toBe('InvalidAuthenticationToken');
    }
    const wrongScheme = await t.service.app.inject({ url: '/v1.0/organization', headers: { authorization: 'Basic abc' } });
    expect(wrongScheme.statusCode).toBe(401);
  });

  it('refuses a token signed by a key it does not hold', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const kid = t.service.context.keys.list()[0]!.kid;
    const forged = await new SignJWT({ tid: t.tenantId, roles: ['Directory.ReadWrite.All'], appid: 'x', oid: 'y', idtyp: 'app' })
      .setProtectedHeader({ alg: 'RS256', kid })
      .setIssuer(`http://localhost/${t.tenantId}/v2.0`)
      .setAudience('https://graph.microsoft.com')
      .setExpirationTime('1h')
      .sign(privateKey);
    expect((await get('/v1.0/organization', forged)).statusCode).toBe(401);
  });

  it('refuses a token of another tenant, an expired one, and one for a foreign audience', async () => {
    const base = {
      issuer: `http://localhost/${t.tenantId}/v2.0`,
      audience: 'https://graph.microsoft.com',
      tenantId: t.tenantId,
      appId: 'a',
      appDisplayName: null,
      objectId: 'o',
      roles: ['Directory.ReadWrite.All'],
      lifetimeSeconds: 600,
    };
    const keys = t.service.context.keys;
    const otherTenant = '11111111-2222-3333-4444-555555555555';
    const foreignTenant = await issueAppToken(keys, { ...base, tenantId: otherTenant, issuer: `http://localhost/${otherTenant}/v2.0` });
    const expired = await issueAppToken(keys, { ...base, lifetimeSeconds: -3600 });
    const foreignAudience = await issueAppToken(keys, { ...base, audience: 'https://management.azure.com/api' });
    for (const token of [foreignTenant, expired, foreignAudience]) {
      const response = await get('/v1.0/organization', token);
      expect(response.statusCode).toBe(401);
    }
    expect((await get('/v1.0/organization', await issueAppToken(keys, base))).statusCode).toBe(200);
  });

  it('answers 403 Authorization_RequestDenied when the token lacks the permission', async () => {
    const token = await t.tokenWith(['AuditLog.Read.All']);
    const response = await get('/v1.0/organization', token);
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('Authorization_RequestDenied');
  });

  it('keeps accepting live tokens after the signing key rotates', async () => {
    const before = await t.tokenWith(['Directory.Read.All']);
    await t.service.context.keys.rotate();
    const after = await t.tokenWith(['Directory.Read.All']);
    expect((await get('/v1.0/organization', before)).statusCode).toBe(200);
    expect((await get('/v1.0/organization', after)).statusCode).toBe(200);
    const jwks = (await t.service.app.inject({ url: `/${t.tenantId}/discovery/v2.0/keys` })).json();
    expect(jwks.keys.length).toBe(2);
  });
});

describe('route permission declarations', () => {
  it('refuses to start when a guarded route declares no permissions', async () => {
    const app = Fastify();
    const start = async () => {
      await app.register(async (scope) => {
        installBearerAuthentication(scope, { verify: async () => ({}) } as never);
        scope.get('/undeclared', async () => 'x');
      });
      await app.ready();
    };
    await expect(start()).rejects.toThrow(/does not declare the permissions/);
    await app.close();
  });
});
