import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTokenEndpoint, type OAuthTokenEndpoint } from '../support/oauth-token-endpoint.js';
import { startScimServer, type ScimTestServer } from '../support/scim-server.js';
import { assign, createScimApp, createUser, runCycle, startEngineService, type EngineTestService } from './support/engine-fixture.js';

describe('provisioning with OAuth 2.0 client credentials', () => {
  let t: EngineTestService;
  let scim: ScimTestServer;
  let tokens: OAuthTokenEndpoint;
  beforeAll(async () => {
    t = await startEngineService('sqlite');
    scim = await startScimServer();
    tokens = await startTokenEndpoint([{ status: 200, body: { access_token: scim.token, token_type: 'Bearer', expires_in: 3600 } }]);
  });
  afterAll(async () => {
    await t.dispose();
    await scim.close();
    await tokens.close();
  });

  it('fetches a token from the token endpoint and provisions with it', async () => {
    const app = await createScimApp(t.graph, 'OAuth app', [
      { key: 'BaseAddress', value: `${scim.baseUrl}?aadOptscim062020` },
      { key: 'Oauth2TokenExchangeUri', value: tokens.url },
      { key: 'ClientIdentifier', value: 'provisio-client' },
      { key: 'ClientSecret', value: 'client-secret-value' },
    ]);
    await assign(t.graph, app, (await createUser(t, 'oscar')).id);
    expect((await runCycle(t, app)).state).toBe('Succeeded');
    expect(scim.users().map((user) => user.externalId)).toEqual(['oscar']);
    const grant = tokens.requests.at(-1)!;
    expect(Object.fromEntries(grant)).toEqual({ grant_type: 'client_credentials', client_id: 'provisio-client', client_secret: 'client-secret-value' });
    expect(new Set(scim.requests.map((request) => request.headers.authorization))).toEqual(new Set([`Bearer ${scim.token}`]));
  });
});
