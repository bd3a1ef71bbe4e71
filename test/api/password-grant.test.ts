import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphClient } from '../support/graph-inject.js';
import { storeKinds } from '../support/stores.js';
import { startTestService, type TestService } from '../support/test-service.js';

describe.each(storeKinds)('resource-owner password grant and /me (%s)', (kind) => {
  let t: TestService;
  let graph: ReturnType<typeof graphClient>;
  let clientId: string;
  beforeAll(async () => {
    t = await startTestService(kind);
    graph = graphClient(t, 'v1.0');
    clientId = (await graph('POST', '/applications', { displayName: 'Sign-in app' })).body.appId;
  });
  afterAll(async () => t.dispose());

  const signIn = (username: string, password: string, scope = 'https://graph.microsoft.com/.default') =>
    t.service.app.inject({
      method: 'POST',
      url: `/${t.tenantId}/oauth2/v2.0/token`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ grant_type: 'password', client_id: clientId, username, password, scope }).toString(),
    });

  it('signs a user in with the passwordProfile password and serves /me with the delegated token', async () => {
    const user = await graph('POST', '/users', {
      accountEnabled: true,
      displayName: 'Ada Lovelace',
      mailNickname: 'ada',
      userPrincipalName: 'ada@provisio.onmicrosoft.com',
      passwordProfile: { password: 'Analytical-Engine-1843', forceChangePasswordNextSignIn: false },
    });
    expect(user.status).toBe(201);

    const ok = await signIn('ada@provisio.onmicrosoft.com', 'Analytical-Engine-1843');
    expect(ok.statusCode).toBe(200);
    const token = ok.json().access_token as string;
    expect(decodeJwt(token)).toMatchObject({ idtyp: 'user', scp: 'User.Read', oid: user.body.id, upn: 'ada@provisio.onmicrosoft.com' });

    const me = await t.service.app.inject({ url: '/v1.0/me', headers: { authorization: `Bearer ${token}` } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ id: user.body.id, displayName: 'Ada Lovelace' });
    const others = await t.service.app.inject({ url: '/v1.0/users', headers: { authorization: `Bearer ${token}` } });
    expect(others.statusCode).toBe(403);

    const appMe = await graph('GET', '/me');
    expect(appMe.status).toBe(400);
    expect(appMe.body.error.message).toMatch(/delegated authentication flow/);
  });

  it('refuses a wrong password, an unknown user, a disabled user and an unconsented scope', async () => {
    await graph('POST', '/users', {
      accountEnabled: true,
      displayName: 'Grace Hopper',
      mailNickname: 'grace',
      userPrincipalName: 'grace@provisio.onmicrosoft.com',
      passwordProfile: { password: 'Cobol-Compiler-1959' },
    });
    const wrong = await signIn('grace@provisio.onmicrosoft.com', 'Fortran-Compiler-1957');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ error: 'invalid_grant', error_codes: [50126] });
    const unknown = await signIn('nobody@provisio.onmicrosoft.com', 'whatever');
    expect(unknown.json()).toMatchObject({ error: 'invalid_grant', error_codes: [50034] });
    const scope = await signIn('grace@provisio.onmicrosoft.com', 'Cobol-Compiler-1959', 'Directory.ReadWrite.All');
    expect(scope.json()).toMatchObject({ error: 'invalid_grant', error_codes: [65001] });

    await graph('PATCH', '/users/grace@provisio.onmicrosoft.com', { accountEnabled: false });
    const disabled = await signIn('grace@provisio.onmicrosoft.com', 'Cobol-Compiler-1959');
    expect(disabled.json()).toMatchObject({ error: 'invalid_grant', error_codes: [50057] });

    await graph('PATCH', '/users/grace@provisio.onmicrosoft.com', { accountEnabled: true });
    await graph('DELETE', '/users/grace@provisio.onmicrosoft.com');
    const deleted = await signIn('grace@provisio.onmicrosoft.com', 'Cobol-Compiler-1959');
    expect(deleted.json()).toMatchObject({ error: 'invalid_grant', error_codes: [50034] });
  });
});
