// Runs Microsoft's own client libraries against a Provisio server, as a separate process so that
// NODE_EXTRA_CA_CERTS (read once at process start) can trust the server's self-signed certificate.
// Input: PROVISIO_E2E = {"baseUrl","tenantId","clientId","clientSecret"}; output: one JSON line.
import { ClientSecretCredential } from '@azure/identity';
import { ConfidentialClientApplication } from '@azure/msal-node';
import { Client } from '@microsoft/microsoft-graph-client';

const input = JSON.parse(process.env.PROVISIO_E2E ?? '{}') as { baseUrl: string; tenantId: string; clientId: string; clientSecret: string };
const host = new URL(input.baseUrl).host;
const scopes = ['https://graph.microsoft.com/.default'];

function msal(secret: string) {
  return new ConfidentialClientApplication({
    auth: { clientId: input.clientId, clientSecret: secret, authority: `${input.baseUrl}/${input.tenantId}`, knownAuthorities: [host] },
  });
}

const result: Record<string, unknown> = {};
const msalResult = await msal(input.clientSecret).acquireTokenByClientCredential({ scopes });
result.msalToken = msalResult?.accessToken;

try {
  await msal('wrong-secret').acquireTokenByClientCredential({ scopes });
  result.wrongSecret = 'accepted';
} catch (error) {
  result.wrongSecret = (error as { errorCode?: string }).errorCode;
}

const credential = new ClientSecretCredential(input.tenantId, input.clientId, input.clientSecret, {
  authorityHost: input.baseUrl,
  disableInstanceDiscovery: true,
});
result.identityToken = (await credential.getToken(scopes[0]!)).token;

const graph = Client.initWithMiddleware({
  authProvider: { getAccessToken: async () => msalResult!.accessToken },
  baseUrl: input.baseUrl,
  customHosts: new Set([new URL(input.baseUrl).hostname]),
  defaultVersion: 'v1.0',
});
result.organization = await graph.api('/organization').get();
result.betaOrganization = await graph.api('/organization').version('beta').get();

const anonymous = Client.initWithMiddleware({
  authProvider: { getAccessToken: async () => 'forged.token.value' },
  baseUrl: input.baseUrl,
  customHosts: new Set([new URL(input.baseUrl).hostname]),
});
try {
  await anonymous.api('/organization').get();
  result.forged = 'accepted';
} catch (error) {
  result.forged = { statusCode: (error as { statusCode?: number }).statusCode, code: (error as { code?: string }).code };
}

process.stdout.write(`${JSON.stringify(result)}\n`);
