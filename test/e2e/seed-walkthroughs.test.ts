import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runClientScript } from '../support/run-client.js';
import { storeKinds } from '../support/stores.js';
import { adminClientId, adminClientSecret, startTestService, type TestService } from '../support/test-service.js';

const script = fileURLToPath(new URL('./clients/seed-walkthroughs.ts', import.meta.url));

interface Answer {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- asserted field by field
}
type Results = Record<string, Answer> & { cloudSyncJobs: Answer[] };

const objectMapping = (schema: Answer, name: string) =>
  schema.body.synchronizationRules[0].objectMappings.find((m: { name: string }) => m.name.toLowerCase() === name.toLowerCase());

describe.each(storeKinds)('seed walkthroughs through the Graph SDK over https (%s)', (kind) => {
  let t: TestService;
  let results: Results;
  beforeAll(async () => {
    t = await startTestService(kind, { PROVISIO_TLS: '1' });
    const address = await t.service.app.listen({ host: '127.0.0.1', port: 0 });
    results = await runClientScript<Results>(
      script,
      { baseUrl: address, tenantId: t.tenantId, clientId: adminClientId, clientSecret: adminClientSecret },
      t.service.tls!.certPath,
    );
  }, 120_000);
  afterAll(async () => t.dispose());

  it('seeds 000/001: cloud sync jobs, secrets, the CredentialData mapping, writeback, delete threshold, start', () => {
    expect(results.cloudSyncInstantiate!.status).toBe(201);
    expect(results.cloudSyncFound!.body.value).toHaveLength(1);
    const [provisioning, passwordHash] = results.cloudSyncJobs;
    expect(provisioning!.status).toBe(201);
    expect(provisioning!.body.id).toMatch(/^AD2AADProvisioning\.[0-9a-f]{32}$/);
    expect(provisioning!.body.templateId).toBe('ADDCInPassthrough');
    expect(provisioning!.body.schedule).toEqual({ expiration: null, interval: 'PT40M', state: 'Disabled' });
    expect(provisioning!.body.status.code).toBe('Paused');
    expect(provisioning!.body['@odata.context']).toMatch(/#servicePrincipals\('[0-9a-f-]{36}'\)\/synchronization\/jobs\/\$entity$/);
    expect(passwordHash!.status).toBe(201);
    expect(passwordHash!.body.id).toMatch(/^AD2AADPasswordHash\./);
    expect(results.cloudSyncSecrets!.status).toBe(204);

    expect(results.cloudSyncSchemaPut!.status).toBe(204);
    for (const name of ['Provision Active Directory users', 'Provision Active Directory inetOrgPersons']) {
      const mapping = objectMapping(results.cloudSyncSchemaAfter!, name);
      expect(mapping.attributeMappings.filter((m: { targetAttributeName: string }) => m.targetAttributeName === 'CredentialData')).toHaveLength(1);
    }
    expect(results.cloudSyncSchemaDuplicate!.status).toBe(400);
    expect(results.cloudSyncSchemaDuplicate!.body.error.message).toMatch(/CredentialData/);

    // Discover reads the domain controller's schema: with only the seed's Domain secret there is no connection
    // to read it over. test/engine/ad-writeback.test.ts makes the seed's check against a Samba DC.
    expect(results.cloudSyncDiscover!.status).toBe(400);
    expect(results.cloudSyncDiscover!.body.error.code).toBe('MissingSecrets');
    expect(results.cloudSyncDiscover!.body.error.message).toMatch(/Server, UserName and Password/);

    expect(results.cloudSyncWriteback!.status).toBe(201);
    expect(results.cloudSyncNotification!.status).toBe(204);
    const shown = results.cloudSyncSecretsAfter!.body.value as { key: string; value: string }[];
    expect(shown.find((s) => s.key === 'SyncNotificationSettings')?.value).toContain('"DeleteThresholdValue":50');
    expect(results.cloudSyncRestart!.status).toBe(204);
    expect(results.cloudSyncStart!.status).toBe(204);
    const listed = results.cloudSyncList!.body.value as { id: string; schedule: { state: string; interval: string } }[];
    expect(listed).toHaveLength(3);
    const started = listed.find((job) => job.id === provisioning!.body.id)!;
    expect(started.schedule).toMatchObject({ state: 'Active', interval: 'PT2M' });
  });

  it('seed 003: AWS from the gallery to a started job', () => {
    expect(results.awsTemplates!.body.value[0].id).toBe('8b1025e4-1dd2-430b-a150-2ef79cd700f5');
    expect(results.awsInstantiate!.status).toBe(201);
    expect(results.awsInstantiate!.body['@odata.context']).toMatch(/#microsoft\.graph\.applicationServicePrincipal$/);
    expect(results.awsSyncTemplates!.body.value.map((t: { id: string; factoryTag: string }) => [t.id, t.factoryTag])).toEqual([['aws', 'aws']]);
    expect(results.awsJob!.status).toBe(201);
    expect(results.awsJob!.body).toMatchObject({ templateId: 'aws', schedule: { interval: 'P10675199DT2H48M5.4775807S', state: 'Disabled' } });
    expect(results.awsJob!.body.status).toMatchObject({ code: 'NotConfigured', lastExecution: null, escrowsPruned: false });
    expect(results.awsValidate!.status).toBe(204);
    expect(results.awsSecrets!.status).toBe(204);
    expect(results.awsStart!.status).toBe(204);
    expect(results.awsGet!.body.schedule.state).toBe('Active');
    expect(results.awsParseExpression!.body).toMatchObject({ parsingSucceeded: true, evaluationSucceeded: true, evaluationResult: ['Ada Lovelace'] });
    expect(results.awsFunctions!.body.value.length).toBeGreaterThan(40);
    expect(results.awsFilterOperators!.body.value.map((o: { name: string }) => o.name)).toContain('IS TRUE');
  });

  it('seed 002: service principals by name and appId with $select, jobs, status and schema', () => {
    expect(results.sfByName!.body['@odata.context']).toMatch(/#servicePrincipals\(id,appId,displayName\)$/);
    expect(results.sfByName!.body.value).toEqual([expect.objectContaining({ displayName: 'Salesforce Sandbox' })]);
    expect(Object.keys(results.sfByName!.body.value[0]).sort()).toEqual(['appId', 'displayName', 'id']);
    expect(results.sfByAppId!.body.value).toHaveLength(1);
    expect(results.sfJobs!.body.value[0].id).toMatch(/^SfSandboxOutDelta\./);
    expect(results.sfJob!.body.status.code).toBe('NotConfigured');
    expect(results.sfSchema!.status).toBe(200);
    expect(results.sfSchema!.body.directories.length).toBeGreaterThan(0);
  });

  it('seed 004: a job created with templateId', () => {
    expect(results.boxJob!.status).toBe(201);
    expect(results.boxJob!.body.templateId).toBe('BoxOutDelta');
  });
});
