import { fileURLToPath } from 'node:url';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runClientScript } from '../support/run-client.js';
import { adminClientId, adminClientSecret, startTestService, type TestService } from '../support/test-service.js';

const script = fileURLToPath(new URL('./clients/identity-clients.ts', import.meta.url));
const registrationScript = fileURLToPath(new URL('./clients/app-registration.ts', import.meta.url));

interface ClientResults {
  msalToken: string;
  wrongSecret: string;
  identityToken: string;
  organization: { value: { id: string }[] };
  betaOrganization: { value: { id: string }[] };
  forged: { statusCode: number; code: string };
}

describe('Microsoft identity and Graph client libraries over https', () => {
  let t: TestService;
  let baseUrl: string;
  beforeAll(async () => {
    t = await startTestService('sqlite', { PROVISIO_TLS: '1' });
    await t.service.app.listen({ host: '127.0.0.1', port: 0 });
    const address = t.service.app.server.address();
    if (address === null || typeof address === 'string') throw new Error('no address');
    baseUrl = `https://127.0.0.1:${address.port}`;
  });
  afterAll(async () => t.dispose());

  it('MSAL and azure-identity get tokens; the Graph SDK calls the API with them', async () => {
    const results = await runClientScript<ClientResults>(
      script,
      { baseUrl, tenantId: t.tenantId, clientId: adminClientId, clientSecret: adminClientSecret },
      t.service.tls!.certPath,
    );
    expect(decodeJwt(results.msalToken)).toMatchObject({ tid: t.tenantId, appid: adminClientId, iss: `${baseUrl}/${t.tenantId}/v2.0` });
    expect(decodeJwt(results.identityToken).roles).toContain('Synchronization.ReadWrite.All');
    expect(results.wrongSecret).toBe('invalid_client');
    expect(results.organization.value[0]!.id).toBe(t.tenantId);
    expect(results.betaOrganization.value[0]!.id).toBe(t.tenantId);
    expect(results.forged).toEqual({ statusCode: 401, code: 'InvalidAuthenticationToken' });
  }, 90_000);

  it('an app registration made through Graph gets a secret and a permission, signs in with MSAL and calls Graph', async () => {
    const results = await runClientScript<{ servicePrincipals: number; users: unknown }>(
      registrationScript,
      { baseUrl, tenantId: t.tenantId, clientId: adminClientId, clientSecret: adminClientSecret },
      t.service.tls!.certPath,
    );
    expect(results.servicePrincipals).toBeGreaterThanOrEqual(3);
    expect(results.users).toBe(403);
  }, 90_000);
});
