import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphClient } from '../support/graph-inject.js';
import { storeKinds } from '../support/stores.js';
import { startTestService, type TestService } from '../support/test-service.js';

const awsTemplateId = '8b1025e4-1dd2-430b-a150-2ef79cd700f5';
const nonGalleryTemplateId = '8adf8e6e-67b2-4cf2-a259-e3dc5476c621';

describe.each(storeKinds)('synchronization API (%s)', (kind) => {
  let t: TestService;
  let graph: ReturnType<typeof graphClient>;
  beforeAll(async () => {
    t = await startTestService(kind);
    graph = graphClient(t);
  });
  afterAll(async () => t.dispose());

  it('walks seed 003: instantiate AWS, find it, create, validate, save credentials, start, read the job', async () => {
    const templates = await graph('GET', "/applicationTemplates?$filter=displayName eq 'Amazon Web Services (AWS)'");
    expect(templates.status).toBe(200);
    expect(templates.body.value.map((t: { id: string }) => t.id)).toContain(awsTemplateId);

    const created = await graph('POST', `/applicationTemplates/${awsTemplateId}/instantiate`, { displayName: 'AWS Contoso' });
    expect(created.status).toBe(201);
    const spId = created.body.servicePrincipal.id;
    expect(created.body.application.appId).toBe(created.body.servicePrincipal.appId);

    const found = await graph('GET', "/servicePrincipals?$select=id,appId,displayName&$filter=startswith(displayName,'AWS Con')");
    expect(found.body['@odata.context']).toMatch(/\$metadata#servicePrincipals\(id,appId,displayName\)$/);
    expect(found.body.value).toEqual([{ id: spId, appId: created.body.servicePrincipal.appId, displayName: 'AWS Contoso' }]);
    const byAppId = await graph('GET', `/servicePrincipals?$filter=AppId eq '${created.body.servicePrincipal.appId}'`);
    expect(byAppId.body.error).toBeUndefined();
    expect(byAppId.body.value).toHaveLength(1);
    const alternateKey = await graph('GET', `/servicePrincipals(appId='${created.body.servicePrincipal.appId}')/synchronization/templates`);
    expect(alternateKey.status).toBe(200);

    const listed = await graph('GET', `/servicePrincipals/${spId}/synchronization/templates`);
    expect(listed.body.value.map((t: { id: string }) => t.id)).toEqual(['aws']);

    const job = await graph('POST', `/servicePrincipals/${spId}/synchronization/jobs`, { templateId: 'aws' });
    expect(job.status).toBe(201);
    expect(job.body.id).toMatch(/^aws\.[0-9a-f]{32}$/);
    expect(job.body.schedule).toEqual({ expiration: null, interval: 'P10675199DT2H48M5.4775807S', state: 'Disabled' });
    expect(job.body.status).toMatchObject({ code: 'NotConfigured', quarantine: null, steadyStateFirstAchievedTime: '0001-01-01T00:00:00Z' });
    const jobPath = `/servicePrincipals/${spId}/synchronization/jobs/${job.body.id}`;

    const validated = await graph('POST', `${jobPath}/validateCredentials`, {
      credentials: [
        { key: 'ClientSecret', value: 'xxxxxxxxxxxxxxxxxxxxx' },
        { key: 'SecretToken', value: 'xxxxxxxxxxxxxxxxxxxxx' },
      ],
    });
    expect(validated.status).toBe(204);

    const notYet = await graph('POST', `${jobPath}/start`);
    expect(notYet.status).toBe(400);
    expect(notYet.body.error.message).toMatch(/ClientSecret and SecretToken/);

    const saved = await graph('PUT', `/servicePrincipals/${spId}/synchronization/secrets`, {
      value: [
        { key: 'ClientSecret', value: 'client-secret-value' },
        { key: 'SecretToken', value: 'secret-token-value' },
      ],
    });
    expect(saved.status).toBe(204);
    const secrets = await graph('GET', `/servicePrincipals/${spId}/synchronization/secrets`);
    expect(secrets.body.value).toEqual([
      { key: 'ClientSecret', value: '*' },
      { key: 'SecretToken', value: '*' },
    ]);

    expect((await graph('POST', `${jobPath}/microsoft.graph.start`)).status).toBe(204);
    const started = await graph('GET', `${jobPath}/`);
    expect(started.body.schedule).toMatchObject({ state: 'Active', interval: 'PT40M' });
    expect(started.body.status.code).toBe('NotRun');

    expect((await graph('POST', `${jobPath}/pause`)).status).toBe(204);
    expect((await graph('GET', jobPath)).body.status.code).toBe('Paused');
    expect((await graph('POST', `${jobPath}/restart`, { criteria: { resetScope: 'Watermark, Escrows, QuarantineState' } })).status).toBe(204);
    expect((await graph('POST', `${jobPath}/restart`, { criteria: { resetScope: 'Everything' } })).status).toBe(400);
    expect((await graph('GET', jobPath)).body.schedule.state).toBe('Active');

    const jobs = await graph('GET', `/servicePrincipals/${spId}/synchronization/jobs`);
    expect(jobs.body['@odata.context']).toMatch(new RegExp(`#servicePrincipals\\('${spId}'\\)/synchronization/jobs$`));
    expect(jobs.body.value).toHaveLength(1);

    expect((await graph('DELETE', jobPath)).status).toBe(204);
    expect((await graph('GET', jobPath)).status).toBe(404);
  });

  it('keeps a job schema: get with directories, replace, reject a bad one intact, reset', async () => {
    const created = await graph('POST', `/applicationTemplates/${nonGalleryTemplateId}/instantiate`, { displayName: 'My SCIM app' });
    const spId = created.body.servicePrincipal.id;
    const job = await graph('POST', `/servicePrincipals/${spId}/synchronization/jobs`, { templateId: 'scim' });
    const schemaPath = `/servicePrincipals/${spId}/synchronization/jobs/${job.body.id}/schema`;
    const schema = await graph('GET', schemaPath);
    expect(schema.status).toBe(200);
    expect(schema.body.directories.length).toBeGreaterThanOrEqual(2);
    const { '@odata.context': _context, ...editable } = structuredClone(schema.body);
    const userMapping = editable.synchronizationRules[0].objectMappings.find((m: { sourceObjectName: string }) => m.sourceObjectName === 'User');
    expect(userMapping).toBeDefined();
    userMapping.attributeMappings.push({ ...userMapping.attributeMappings[0] });
    const duplicate = await graph('PUT', schemaPath, editable);
    expect(duplicate.status).toBe(400);
    expect(duplicate.body.error.code).toBe('DuplicateTargetAttribute');
    userMapping.attributeMappings.pop();

    userMapping.attributeMappings = userMapping.attributeMappings.filter((m: { targetAttributeName: string }) => m.targetAttributeName !== 'title');
    expect((await graph('PUT', schemaPath, editable)).status).toBe(204);
    const after = await graph('GET', schemaPath);
    expect(after.body.version).not.toBe(schema.body.version);
    const afterUser = after.body.synchronizationRules[0].objectMappings.find((m: { sourceObjectName: string }) => m.sourceObjectName === 'User');
    expect(afterUser.attributeMappings.some((m: { targetAttributeName: string }) => m.targetAttributeName === 'title')).toBe(false);

    expect((await graph('DELETE', schemaPath)).status).toBe(204);
    const reset = await graph('GET', schemaPath);
    expect(reset.body.synchronizationRules).toEqual(schema.body.synchronizationRules);

    const directories = await graph('GET', `${schemaPath}/directories`);
    expect(directories.body.value).toEqual(schema.body.directories);
  });

  it('parses and evaluates expressions, lists functions and filter operators, and refuses a schema that does not compile', async () => {
    const created = await graph('POST', `/applicationTemplates/${nonGalleryTemplateId}/instantiate`, { displayName: 'Expressions app' });
    const spId = created.body.servicePrincipal.id;
    const job = await graph('POST', `/servicePrincipals/${spId}/synchronization/jobs`, { templateId: 'scim' });
    const schemaPath = `/servicePrincipals/${spId}/synchronization/jobs/${job.body.id}/schema`;

    const parsed = await graph('POST', `${schemaPath}/parseExpression`, {
      expression: 'Replace([preferredLanguage], "-", , , "_", , )',
      testInputObject: { definition: null, properties: [{ key: 'preferredLanguage', value: 'EN-US' }] },
    });
    expect(parsed.status).toBe(200);
    expect(parsed.body).toMatchObject({ parsingSucceeded: true, evaluationSucceeded: true, evaluationResult: ['EN_US'] });
    expect(parsed.body.parsedExpression).toMatchObject({ type: 'Function', name: 'Replace' });
    const broken = await graph('POST', `${schemaPath}/microsoft.graph.parseExpression`, { expression: 'Join(" ", [givenName]' });
    expect(broken.body).toMatchObject({ parsingSucceeded: false, evaluationSucceeded: false });
    expect(broken.body.error.message).toMatch(/1:\d+/);

    const functions = await graph('GET', `${schemaPath}/functions()`);
    expect(functions.body.value.map((f: { name: string }) => f.name)).toEqual(expect.arrayContaining(['Join', 'Switch', 'SelectUniqueValue']));
    const operators = await graph('GET', `${schemaPath}/filterOperators`);
    expect(operators.body.value.map((o: { name: string }) => o.name)).toEqual(expect.arrayContaining(['EQUALS', 'IS NOT NULL', 'REGEX MATCH']));

    const schema = await graph('GET', schemaPath);
    const { '@odata.context': _context, ...editable } = structuredClone(schema.body);
    const mapping = editable.synchronizationRules[0].objectMappings[0].attributeMappings[0];
    mapping.source = { type: 'Function', name: 'Frobnicate', expression: 'Frobnicate([displayName])', parameters: [] };
    const refused = await graph('PUT', schemaPath, editable);
    expect(refused.status).toBe(400);
    expect(refused.body.error.details[0].target).toMatch(/attributeMappings\[0\]\.source$/);
    expect((await graph('GET', schemaPath)).body.version).toBe(schema.body.version);
  });

  it('validates AD connection settings for cloud sync jobs and names what is missing', async () => {
    const created = await graph('POST', '/applicationTemplates/1a4721b3-e57f-4451-ae87-ef078703ec94/instantiate', { displayName: 'contoso.com' });
    const spId = created.body.servicePrincipal.id;
    const job = await graph('POST', `/servicePrincipals/${spId}/synchronization/jobs`, { templateId: 'AD2AADProvisioning' });
    await graph('PUT', `/servicePrincipals/${spId}/synchronization/secrets`, { value: [{ key: 'Domain', value: '{"domain":"contoso.com"}' }] });
    const validated = await graph('POST', `/servicePrincipals/${spId}/synchronization/jobs/${job.body.id}/validateCredentials`, { useSavedCredentials: true });
    expect(validated.status).toBe(400);
    expect(validated.body.error.code).toBe('MissingSecrets');
    expect(validated.body.error.message).toMatch(/Server/);
    const unreachable = await graph('POST', `/servicePrincipals/${spId}/synchronization/jobs/${job.body.id}/validateCredentials`, {
      credentials: [
        { key: 'Domain', value: '{"domain":"contoso.com"}' },
        { key: 'Server', value: 'ldap://127.0.0.1:1' },
        { key: 'UserName', value: 'CN=svc,DC=contoso,DC=com' },
        { key: 'Password', value: 'x' },
        { key: 'AllowInsecureLdap', value: 'true' },
      ],
    });
    expect(unreachable.status).toBe(400);
    expect(unreachable.body.error.code).toBe('TargetUnreachable');
  });

  it('queries the gallery by displayName and categories, and SCIM gallery apps get the SCIM template', async () => {
    const scimApps = await graph('GET', "/applicationTemplates?$filter=contains(displayName,'Zoom') or startswith(displayName,'GitHub')&$select=id,displayName");
    expect(scimApps.body.value.map((t: { displayName: string }) => t.displayName).sort()).toEqual(['GitHub Enterprise Managed User', 'Zoom']);
    expect(Object.keys(scimApps.body.value[0]).sort()).toEqual(['displayName', 'id']);
    const developer = await graph('GET', "/applicationTemplates?$filter=categories/any(c:c eq 'developerServices')");
    expect(developer.body.value.length).toBeGreaterThan(1);
    const paged = await graph('GET', '/applicationTemplates?$top=2');
    expect(paged.body.value).toHaveLength(2);
    expect((await graph('GET', paged.body['@odata.nextLink'])).body.value).toHaveLength(2);
    const zoom = await graph('POST', `/applicationTemplates/${scimApps.body.value.find((t: { displayName: string }) => t.displayName === 'Zoom').id}/instantiate`, { displayName: 'Zoom' });
    const templates = await graph('GET', `/servicePrincipals/${zoom.body.servicePrincipal.id}/synchronization/templates`);
    expect(templates.body.value.map((t: { id: string }) => t.id)).toEqual(['scim']);
  });

  it('answers bad input with Graph errors and changes nothing', async () => {
    const created = await graph('POST', `/applicationTemplates/${nonGalleryTemplateId}/instantiate`, { displayName: 'Another app' });
    const spId = created.body.servicePrincipal.id;
    const unknownTemplate = await graph('POST', `/servicePrincipals/${spId}/synchronization/jobs`, { templateId: 'nope' });
    expect(unknownTemplate.status).toBe(400);
    expect((await graph('POST', `/servicePrincipals/${spId}/synchronization/jobs`, {})).status).toBe(400);
    expect((await graph('POST', `/servicePrincipals/${spId}/synchronization/jobs`, '{"templateId":')).status).toBe(400);
    expect((await graph('GET', `/servicePrincipals/00000000-0000-0000-0000-000000000000/synchronization/jobs`)).status).toBe(404);
    expect((await graph('GET', `/servicePrincipals/${spId}/synchronization/jobs/scim.doesnotexist`)).status).toBe(404);
    const badSecret = await graph('PUT', `/servicePrincipals/${spId}/synchronization/secrets`, { value: [{ key: 'NotAKey', value: 'x' }] });
    expect(badSecret.status).toBe(400);
    expect((await graph('GET', `/servicePrincipals/${spId}/synchronization/jobs`)).body.value).toEqual([]);
  });

  it('replaces secrets through the synchronization entity and deletes all synchronization state', async () => {
    const created = await graph('POST', `/applicationTemplates/${nonGalleryTemplateId}/instantiate`, { displayName: 'Entity app' });
    const spId = created.body.servicePrincipal.id;
    await graph('POST', `/servicePrincipals/${spId}/synchronization/jobs`, { templateId: 'scim' });
    expect((await graph('PUT', `/servicePrincipals/${spId}/synchronization`, { secrets: [{ key: 'BaseAddress', value: 'https://scim.example/v2' }] })).status).toBe(204);
    expect((await graph('GET', `/servicePrincipals/${spId}/synchronization`)).body.secrets).toEqual([{ key: 'BaseAddress', value: 'https://scim.example/v2' }]);
    expect((await graph('DELETE', `/servicePrincipals/${spId}/synchronization`)).status).toBe(204);
    expect((await graph('GET', `/servicePrincipals/${spId}/synchronization/jobs`)).body.value).toEqual([]);
    expect((await graph('GET', `/servicePrincipals/${spId}/synchronization/secrets`)).body.value).toEqual([]);
  });
});
