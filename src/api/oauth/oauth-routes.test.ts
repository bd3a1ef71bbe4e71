import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClientId, adminClientSecret, startTestService, type TestService } from '../../../test/support/test-service.js';
import { storeKinds } from '../../../test/support/stores.js';

const form = (fields: Record<string, string>) => ({
  payload: new URLSearchParams(fields).toString(),
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
});

describe.each(storeKinds)('OAuth endpoints (%s)', (kind) => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService(kind);
  });
  afterAll(async () => t.dispose());

  const token = (fields: Record<string, string>, headers: Record<string, string> = {}) => {
    const body = form(fields);
    return t.service.app.inject({
      method: 'POST',
      url: `/${t.tenantId}/oauth2/v2.0/token`,
      payload: body.payload,
      headers: { ...body.headers, ...headers },
    });
  };
  const valid = {
    grant_type: 'client_credentials',
    client_id: adminClientId,
    client_secret: adminClientSecret,
    scope: 'https://graph.microsoft.com/.default',
  };

  it('publishes discovery by tenant id and by domain, with https-ready endpoints of this server', async () => {
    for (const segment of [t.tenantId, 'provisio.onmicrosoft.com']) {
      const response = await t.service.app.inject({ url: `/${segment}/v2.0/.well-known/openid-configuration`, headers: { host: 'id.example:8443' } });
      expect(response.statusCode).toBe(200);
      const doc = response.json();
      expect(doc.issuer).toBe(`http://id.example:8443/${t.tenantId}/v2.0`);
      expect(doc.token_endpoint).toBe(`http://id.example:8443/${t.tenantId}/oauth2/v2.0/token`);
      expect(doc.jwks_uri).toBe(`http://id.example:8443/${t.tenantId}/discovery/v2.0/keys`);
    }
    const v1Style = await t.service.app.inject({ url: `/${t.tenantId}/.well-known/openid-configuration` });
    expect(v1Style.statusCode).toBe(200);
  });

  it('refuses an unknown tenant with AADSTS90002', async () => {
    const response = await t.service.app.inject({ url: '/contoso.onmicrosoft.com/v2.0/.well-known/openid-configuration' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: 'invalid_request', error_codes: [90002] });
  });

  it('issues an RS256 app token with the granted roles, verifiable with the JWKS key', async () => {
    const response = await token(valid);
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toContain('no-store');
    const body = response.json();
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599 });
    const claims = decodeJwt(body.access_token);
    expect(claims).toMatchObject({ tid: t.tenantId, appid: adminClientId, aud: 'https://graph.microsoft.com', idtyp: 'app', ver: '2.0' });
    expect(claims.roles).toEqual(expect.arrayContaining(['Synchronization.ReadWrite.All', 'Directory.ReadWrite.All', 'AuditLog.Read.All']));
    const { kid } = decodeProtectedHeader(body.access_token);
    const jwks = (await t.service.app.inject({ url: `/${t.tenantId}/discovery/v2.0/keys` })).json();
    expect(jwks.keys.map((k: { kid: string }) => k.kid)).toContain(kid);
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });

  it('accepts client_secret_basic and the server’s own base URL as resource', async () => {
    const basic = Buffer.from(`${encodeURIComponent(adminClientId)}:${encodeURIComponent(adminClientSecret)}`).toString('base64');
    const response = await token(
      { grant_type: 'client_credentials', scope: 'http://localhost:80/.default' },
      { authorization: `Basic ${basic}`, host: 'localhost:80' },
    );
    expect(response.statusCode).toBe(200);
    expect(decodeJwt(response.json().access_token).aud).toBe('http://localhost:80');
  });

  it('grants only what was assigned', async () => {
    const access = await t.tokenWith(['User.Read.All']);
    expect(decodeJwt(access).roles).toEqual(['User.Read.All']);
    const none = await t.tokenWith([]);
    expect(decodeJwt(none).roles).toEqual([]);
  });

  it.each([
    ['a wrong secret', { ...valid, client_secret: 'nope' }, 401, 'invalid_client', 7000215],
    ['an unknown client', { ...valid, client_id: '00000000-0000-0000-0000-00000000abcd' }, 400, 'unauthorized_client', 700016],
    ['no client_id', { grant_type: 'client_credentials', scope: valid.scope }, 400, 'invalid_request', 900144],
    ['no secret', { ...valid, client_secret: '' }, 401, 'invalid_client', 7000218],
    ['a scope without /.default', { ...valid, scope: 'User.Read' }, 400, 'invalid_scope', 1002012],
    ['two resources', { ...valid, scope: 'https://graph.microsoft.com/.default https://x.example/.default' }, 400, 'invalid_scope', 1002012],
    ['a foreign resource', { ...valid, scope: 'https://management.azure.com/.default' }, 400, 'invalid_resource', 500011],
    ['an unsupported grant', { ...valid, grant_type: 'authorization_code' }, 400, 'unsupported_grant_type', 70003],
    ['no grant_type', { client_id: adminClientId }, 400, 'invalid_request', 900144],
  ] as const)('answers %s in the identity platform’s error format', async (_name, fields, status, error, code) => {
    const response = await token(fields as Record<string, string>);
    expect(response.statusCode).toBe(status);
    const body = response.json();
    expect(body).toMatchObject({ error, error_codes: [code] });
    expect(body.error_description).toMatch(new RegExp(`^AADSTS${code}: `));
    expect(body.error_description).not.toContain(adminClientSecret);
  });

  it('refuses a JSON body', async () => {
    const response = await t.service.app.inject({
      method: 'POST',
      url: `/${t.tenantId}/oauth2/v2.0/token`,
      payload: JSON.stringify(valid),
      headers: { 'content-type': 'application/json' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toBe('invalid_request');
  });
});
