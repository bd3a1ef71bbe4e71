// The seed documents' Graph calls, made by the official Graph JS SDK (with an MSAL token) against a
// Provisio server over https. Input: PROVISIO_E2E = {"baseUrl","tenantId","clientId","clientSecret"};
// output: one JSON line with every response the test asserts on.
import { ConfidentialClientApplication } from '@azure/msal-node';
import { Client, ResponseType } from '@microsoft/microsoft-graph-client';

const input = JSON.parse(process.env.PROVISIO_E2E ?? '{}') as { baseUrl: string; tenantId: string; clientId: string; clientSecret: string };
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
  defaultVersion: 'beta',
});

interface Answer {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- checked by the test
}

async function call(method: 'get' | 'post' | 'put' | 'patch' | 'delete', path: string, body?: unknown): Promise<Answer> {
  const request = graph.api(path).responseType(ResponseType.RAW);
  const response = (method === 'get' || method === 'delete' ? await request[method]() : await request[method](body ?? {})) as Response;
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
}

const results: Record<string, Answer | Answer[] | unknown> = {};

// Seeds 000 and 001: cloud sync from Active Directory, with password hash sync and Exchange hybrid writeback.
{
  const instantiated = await call('post', '/applicationTemplates/1a4721b3-e57f-4451-ae87-ef078703ec94/instantiate', { displayName: 'ad2aadTest.com' });
  results.cloudSyncInstantiate = instantiated;
  const found = await call('get', "/servicePrincipals?$filter=displayName eq 'ad2aadTest.com'");
  results.cloudSyncFound = found;
  const spId = found.body.value[0].id as string;
  const jobs = `/servicePrincipals/${spId}/synchronization/jobs`;
  const provisioning = await call('post', jobs, { templateId: 'AD2AADProvisioning' });
  const passwordHash = await call('post', jobs, { templateId: 'AD2AADPasswordHash' });
  results.cloudSyncJobs = [provisioning, passwordHash];
  const secrets = `/servicePrincipals/${spId}/synchronization/secrets`;
  results.cloudSyncSecrets = await call('put', secrets, {
    value: [
      { key: 'Domain', value: '{"domain":"ad2aadTest.com"}' },
      { key: 'AppKey', value: '{"appKeyScenario":"AD2AADPasswordHash"}' },
    ],
  });
  const schemaPath = `${jobs}/${provisioning.body.id}/schema`;
  const schema = await call('get', schemaPath);
  // The seed's way: insert the CredentialData mapping into both object mappings by editing the JSON text.
  const credentialData =
    '{"defaultValue":null,"exportMissingReferences":false,"flowBehavior":"FlowWhenChanged","flowType":"Always","matchingPriority":0,"targetAttributeName":"CredentialData","source":{"expression":"[PasswordHash]","name":"PasswordHash","type":"Attribute","parameters":[]}}';
  let text = JSON.stringify(schema.body);
  for (const name of ['Provision Active Directory users', 'Provision Active Directory inetOrgPersons']) {
    const marker = new RegExp(`("name":"${name}","sourceObjectName":"[^"]*","targetObjectName":"[^"]*","attributeMappings":\\[)`, 'i');
    text = text.replace(marker, `$1${credentialData},`);
  }
  const edited = JSON.parse(text);
  delete edited['@odata.context'];
  results.cloudSyncSchemaPut = await call('put', schemaPath, edited);
  const twice = JSON.parse(JSON.stringify(edited).replace(/("attributeMappings":\[)/, `$1${credentialData},`));
  results.cloudSyncSchemaDuplicate = await call('put', schemaPath, twice);
  results.cloudSyncSchemaAfter = await call('get', schemaPath);
  const adDirectory = (schema.body.directories as { id: string; name: string }[]).find((d) => d.name === 'Active Directory');
  results.cloudSyncDiscover = await call('post', `${schemaPath}/directories/${adDirectory?.id}/discover`);
  results.cloudSyncWriteback = await call('post', jobs, { templateId: 'AAD2ADExchangeHybridWriteback' });
  results.cloudSyncNotification = await call('put', secrets, {
    value: [
      { key: 'Domain', value: '{"domain":"ad2aadTest.com"}' },
      { key: 'AppKey', value: '{"appKeyScenario":"AD2AADPasswordHash"}' },
      { key: 'SyncNotificationSettings', value: '{"Enabled":true,"Recipients":"foobar@xyz.com","DeleteThresholdEnabled":true,"DeleteThresholdValue":50}' },
    ],
  });
  results.cloudSyncSecretsAfter = await call('get', secrets);
  results.cloudSyncRestart = await call('post', `${jobs}/${provisioning.body.id}/restart`, { criteria: { resetScope: 'ForceDeletes' } });
  results.cloudSyncStart = await call('post', `${jobs}/${provisioning.body.id}/start`);
  results.cloudSyncList = await call('get', `${jobs}/`);
}

// Seed 003: AWS from the gallery.
{
  const templates = await call('get', "/applicationTemplates?$filter=displayName eq 'Amazon Web Services (AWS)'");
  results.awsTemplates = templates;
  const instantiated = await call('post', `/applicationTemplates/${templates.body.value[0].id}/instantiate`, { displayName: 'AWS Contoso' });
  results.awsInstantiate = instantiated;
  const spId = instantiated.body.servicePrincipal.id as string;
  results.awsSyncTemplates = await call('get', `/servicePrincipals/${spId}/synchronization/templates`);
  const job = await call('post', `/servicePrincipals/${spId}/synchronization/jobs`, { templateId: 'aws' });
  results.awsJob = job;
  const jobPath = `/servicePrincipals/${spId}/synchronization/jobs/${job.body.id}`;
  const credentials = [
    { key: 'ClientSecret', value: 'xxxxxxxxxxxxxxxxxxxxx' },
    { key: 'SecretToken', value: 'xxxxxxxxxxxxxxxxxxxxx' },
  ];
  results.awsValidate = await call('post', `${jobPath}/validateCredentials`, { credentials });
  results.awsSecrets = await call('put', `/servicePrincipals/${spId}/synchronization/secrets`, { value: credentials });
  results.awsStart = await call('post', `${jobPath}/start`);
  results.awsGet = await call('get', `${jobPath}/`);
  results.awsParseExpression = await call('post', `${jobPath}/schema/parseExpression`, {
    expression: 'Join(" ", [givenName], [surname])',
    testInputObject: { definition: null, properties: [{ key: 'givenName', value: 'Ada' }, { key: 'surname', value: 'Lovelace' }] },
  });
  results.awsFunctions = await call('get', `${jobPath}/schema/functions`);
  results.awsFilterOperators = await call('get', `${jobPath}/schema/filterOperators`);
}

// Seed 002: look up a Salesforce service principal by name and appId, list its jobs, read status and schema.
{
  const templates = await call('get', "/applicationTemplates?$filter=startswith(displayName,'Salesforce Sandbox')");
  const instantiated = await call('post', `/applicationTemplates/${templates.body.value[0].id}/instantiate`, { displayName: 'Salesforce Sandbox' });
  const spId = instantiated.body.servicePrincipal.id as string;
  await call('post', `/servicePrincipals/${spId}/synchronization/jobs`, { templateId: 'SfSandboxOutDelta' });
  results.sfByName = await call('get', "/servicePrincipals?$select=id,appId,displayName&$filter=startswith(displayName, 'salesforce')");
  results.sfByAppId = await call('get', `/servicePrincipals?$select=id,appId,displayName&$filter=AppId eq '${instantiated.body.servicePrincipal.appId}'`);
  const jobs = await call('get', `/servicePrincipals/${spId}/synchronization/jobs`);
  results.sfJobs = jobs;
  results.sfJob = await call('get', `/servicePrincipals/${spId}/synchronization/jobs/${jobs.body.value[0].id}`);
  results.sfSchema = await call('get', `/servicePrincipals/${spId}/synchronization/jobs/${jobs.body.value[0].id}/schema`);
}

// Seed 004: create a job with templateId (Box).
{
  const templates = await call('get', "/applicationTemplates?$filter=startswith(displayName,'Box')");
  const instantiated = await call('post', `/applicationTemplates/${templates.body.value[0].id}/instantiate`, { displayName: 'Box' });
  results.boxJob = await call('post', `/servicePrincipals/${instantiated.body.servicePrincipal.id}/synchronization/jobs/`, { templateId: 'BoxOutDelta' });
}

process.stdout.write(`${JSON.stringify(results)}\n`);
