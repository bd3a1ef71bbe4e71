// Drives the directory (users, groups, members, manager, deleted items, delta) with Microsoft's Graph JS SDK
// against a Provisio server over https, in its own process so NODE_EXTRA_CA_CERTS trusts the server.
// Input: PROVISIO_E2E = {"baseUrl","tenantId","clientId","clientSecret","domain"}; output: one JSON line.
import { ConfidentialClientApplication } from '@azure/msal-node';
import { Client } from '@microsoft/microsoft-graph-client';

const input = JSON.parse(process.env.PROVISIO_E2E ?? '{}') as { baseUrl: string; tenantId: string; clientId: string; clientSecret: string; domain: string };
const msal = new ConfidentialClientApplication({
  auth: {
    clientId: input.clientId,
    clientSecret: input.clientSecret,
    authority: `${input.baseUrl}/${input.tenantId}`,
    knownAuthorities: [new URL(input.baseUrl).host],
  },
});
const graph = Client.initWithMiddleware({
  authProvider: {
    getAccessToken: async () => (await msal.acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] }))!.accessToken,
  },
  baseUrl: input.baseUrl,
  customHosts: new Set([new URL(input.baseUrl).hostname]),
  defaultVersion: 'v1.0',
});

const result: Record<string, unknown> = {};
const failure = async (call: () => Promise<unknown>) => {
  try {
    await call();
    return 'succeeded';
  } catch (error) {
    const graphError = error as { statusCode?: number; code?: string; message?: string };
    return { statusCode: graphError.statusCode, code: graphError.code, message: graphError.message };
  }
};
const newUser = (alias: string) => ({
  accountEnabled: true,
  displayName: `E2E ${alias}`,
  mailNickname: alias,
  userPrincipalName: `${alias}@${input.domain}`,
  passwordProfile: { forceChangePasswordNextSignIn: true, password: 'Sdk!Passw0rd' },
});

// Start a delta series first, so the writes below are what its next round reports.
let page = await graph.api('/users/delta').select(['displayName', 'department']).get();
while (page['@odata.nextLink'] !== undefined) page = await graph.api(page['@odata.nextLink']).get();
const deltaLink: string = page['@odata.deltaLink'];

const alice = await graph.api('/users').post(newUser('alice'));
const bob = await graph.api('/users').post(newUser('bob'));
result.created = { id: alice.id, userPrincipalName: alice.userPrincipalName };
result.duplicate = await failure(() => graph.api('/users').post(newUser('ALICE')));
await graph.api(`/users/${alice.id}`).patch({ department: 'Finance', jobTitle: 'Controller' });
result.byUpn = await graph.api(`/users/alice@${input.domain}`).select(['id', 'department', 'jobTitle']).get();
result.filtered = await graph.api('/users').filter("startswith(displayName,'E2E ')").select(['displayName']).get();
await graph.api(`/users/${bob.id}/manager/$ref`).put({ '@odata.id': `${input.baseUrl}/v1.0/directoryObjects/${alice.id}` });
result.manager = await graph.api(`/users/${bob.id}/manager`).get();
result.directReports = await graph.api(`/users/${alice.id}/directReports`).select(['id']).get();

const group = await graph.api('/groups').post({
  displayName: 'E2E Finance',
  mailEnabled: false,
  mailNickname: 'e2efinance',
  securityEnabled: true,
  'members@odata.bind': [`${input.baseUrl}/v1.0/directoryObjects/${alice.id}`],
});
await graph.api(`/groups/${group.id}/members/$ref`).post({ '@odata.id': `${input.baseUrl}/v1.0/directoryObjects/${bob.id}` });
result.memberAgain = await failure(() => graph.api(`/groups/${group.id}/members/$ref`).post({ '@odata.id': `${input.baseUrl}/v1.0/directoryObjects/${bob.id}` }));
result.members = await graph.api(`/groups/${group.id}/members`).select(['displayName']).get();
result.memberCount = await graph.api(`/groups/${group.id}/members/$count`).header('ConsistencyLevel', 'eventual').get();
result.countedMembers = await graph.api(`/groups/${group.id}/members`).header('ConsistencyLevel', 'eventual').count(true).top(1).get();
result.memberOf = await graph.api(`/users/${bob.id}/transitiveMemberOf`).get();
await graph.api(`/groups/${group.id}/members/${bob.id}/$ref`).delete();
result.membersAfterRemoval = await graph.api(`/groups/${group.id}/members`).get();

await graph.api(`/users/${alice.id}`).delete();
result.afterDelete = await failure(() => graph.api(`/users/${alice.id}`).get());
result.deletedUsers = await graph.api('/directory/deletedItems/microsoft.graph.user').select(['id', 'userPrincipalName']).get();
const delta = await graph.api(deltaLink).get();
result.deltaAfterDelete = delta.value;
result.restored = await graph.api(`/directory/deletedItems/${alice.id}/restore`).post({});
result.membersAfterRestore = await graph.api(`/groups/${group.id}/members`).get();
result.deltaAfterRestore = (await graph.api(delta['@odata.deltaLink']).get()).value;

result.groupsDelta = (await graph.api('/groups/delta').select(['displayName', 'members']).get()).value;
await graph.api(`/groups/${group.id}`).delete();
await graph.api(`/directory/deletedItems/${group.id}`).delete();
result.groupGone = await failure(() => graph.api(`/directory/deletedItems/${group.id}`).get());

process.stdout.write(`${JSON.stringify(result)}\n`);
