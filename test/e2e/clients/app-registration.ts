// An app registration made entirely through Graph: created, given a secret with addPassword, granted a
// Microsoft Graph permission by app role assignment; then MSAL signs it in and the Graph SDK uses the token.
// Input: PROVISIO_E2E = {"baseUrl","tenantId","clientId","clientSecret"} of an admin; output: one JSON line.
import { ConfidentialClientApplication } from '@azure/msal-node';
import { Client } from '@microsoft/microsoft-graph-client';

const input = JSON.parse(process.env.PROVISIO_E2E ?? '{}') as { baseUrl: string; tenantId: string; clientId: string; clientSecret: string };
const host = new URL(input.baseUrl).host;
const scopes = ['https://graph.microsoft.com/.default'];
const msal = (clientId: string, clientSecret: string) =>
  new ConfidentialClientApplication({ auth: { clientId, clientSecret, authority: `${input.baseUrl}/${input.tenantId}`, knownAuthorities: [host] } });
const graphAs = (clientId: string, clientSecret: string) => {
  const app = msal(clientId, clientSecret);
  return Client.initWithMiddleware({
    authProvider: { getAccessToken: async () => (await app.acquireTokenByClientCredential({ scopes }))!.accessToken },
    baseUrl: input.baseUrl,
    customHosts: new Set([new URL(input.baseUrl).hostname]),
    defaultVersion: 'v1.0',
  });
};

const admin = graphAs(input.clientId, input.clientSecret);
const application = await admin.api('/applications').post({ displayName: 'Nightly provisioning script' });
const servicePrincipal = await admin.api('/servicePrincipals').post({ appId: application.appId });
const password = await admin.api(`/applications/${application.id}/addPassword`).post({ passwordCredential: { displayName: 'nightly' } });
const graphResource = await admin.api('/servicePrincipals').filter("appId eq '00000003-0000-0000-c000-000000000000'").get();
const resource = graphResource.value[0];
const role = resource.appRoles.find((r: { value: string }) => r.value === 'Application.Read.All');
await admin.api(`/servicePrincipals/${servicePrincipal.id}/appRoleAssignments`).post({ principalId: servicePrincipal.id, resourceId: resource.id, appRoleId: role.id });

const script = graphAs(application.appId, password.secretText);
const result: Record<string, unknown> = {};
result.servicePrincipals = (await script.api('/servicePrincipals').select('id,displayName').top(5).get()).value.length;
try {
  await script.api('/users').get();
  result.users = 'allowed';
} catch (error) {
  result.users = (error as { statusCode?: number }).statusCode;
}
process.stdout.write(`${JSON.stringify(result)}\n`);
