import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphClient, type GraphResponse } from '../../../test/support/graph-inject.js';
import { storeKinds } from '../../../test/support/stores.js';
import { startTestService, type TestService } from '../../../test/support/test-service.js';
import type { ProvisioningLogEntry } from './provisioning-log-entry.js';
import { ProvisioningLogWriter } from './provisioning-log-writer.js';
import type { ProvisioningObjectSummary } from './provisioning-object-summary.js';
import { sampleEntry } from './test-entries.js';

const jobA = 'scim.74beb1753b704b63b8d56f0b76082b16';
const jobB = 'API2AAD.b16687d38faf42adb29892cdcaf01c6e.1a03de52-b9c3-4e2c-a1e3-9145aaa8e530';
// Yesterday, so that the service's retention purge, which runs as it starts, leaves the records alone.
const day = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
const at = (minute: number) => `${day}T00:${String(minute).padStart(2, '0')}:00.000Z`;
const user = (id: string, displayName: string) => ({ id, displayName, identityType: 'User' });
const spB = { id: 'b7ff57c3-3aa6-4bd4-b2a0-4d0a3bbe0a8f', displayName: 'Inbound HR' };

/** Newest first: a6, then the three at 00:10 by id (a4, a5, b2), b1, a3, a2, a1. */
const entries: ProvisioningLogEntry[] = [
  sampleEntry({ id: 'a1', changeId: 'ch-a1', cycleId: 'c1', activityDateTime: at(1), sourceIdentity: user('u1', 'Adele Vance'), durationInMilliseconds: 900 }),
  sampleEntry({
    id: 'a2',
    changeId: 'ch-a2',
    cycleId: 'c1',
    activityDateTime: at(2),
    provisioningAction: 'update',
    sourceIdentity: user('u2', 'Alex Wilber'),
    targetIdentity: { id: 't2', displayName: 'alexw@contoso.com', identityType: 'User' },
  }),
  sampleEntry({
    id: 'a3',
    changeId: 'ch-a3',
    cycleId: 'c1',
    activityDateTime: at(3),
    sourceIdentity: { id: 'g1', displayName: 'Sales Team', identityType: 'Group' },
    targetIdentity: { identityType: 'Group' },
    provisioningStatusInfo: { status: 'failure', errorInformation: { errorCode: 'EntryConflict', errorCategory: 'nonServiceFailure', reason: 'The target answered 409.' } },
  }),
  sampleEntry({ id: 'a4', changeId: 'ch-a4', cycleId: 'c2', activityDateTime: at(10), provisioningAction: 'disable', sourceIdentity: user('u1', 'Adele Vance') }),
  sampleEntry({
    id: 'a5',
    changeId: 'ch-a5',
    cycleId: 'c2',
    activityDateTime: at(10),
    provisioningAction: 'delete',
    sourceIdentity: user('u2', 'Alex Wilber'),
    provisioningStatusInfo: { status: 'skipped' },
  }),
  sampleEntry({ id: 'b1', changeId: 'ch-b1', jobId: jobB, cycleId: 'c3', activityDateTime: at(5), servicePrincipal: spB, sourceIdentity: user('u3', 'Megan Bowen') }),
  sampleEntry({
    id: 'b2',
    changeId: 'ch-b2',
    jobId: jobB,
    cycleId: 'c3',
    activityDateTime: at(10),
    servicePrincipal: spB,
    provisioningAction: 'other',
    sourceIdentity: user('u3', 'Megan Bowen'),
    provisioningStatusInfo: { status: 'warning' },
  }),
  sampleEntry({ id: 'a6', changeId: 'ch-a6', cycleId: 'c2', activityDateTime: at(20), provisioningAction: 'stagedDelete', sourceIdentity: user('u1', 'Adele Vance') }),
];
const newestFirst = ['a6', 'a4', 'a5', 'b2', 'b1', 'a3', 'a2', 'a1'];

const ids = (response: GraphResponse): string[] => {
  expect(response.body.error).toBeUndefined();
  return response.body.value.map((summary: { id: string }) => summary.id);
};
/** A nextLink as a path for in-process requests. */
const pathOf = (link: string) => {
  const url = new URL(link);
  return `${url.pathname}${url.search}`;
};
const query = (filter: string) => `/auditLogs/provisioning?$filter=${encodeURIComponent(filter)}`;

describe.each(storeKinds)('GET /auditLogs/provisioning (%s)', (kind) => {
  let t: TestService;
  let graph: ReturnType<typeof graphClient>;
  let recorded: readonly ProvisioningObjectSummary[];
  beforeAll(async () => {
    t = await startTestService(kind);
    graph = graphClient(t);
    const writer = new ProvisioningLogWriter(t.service.context.store.db, { tenantId: t.tenantId });
    recorded = await writer.recordMany(entries);
  });
  afterAll(async () => t.dispose());

  it('lists newest first, each record exactly as recorded', async () => {
    for (const version of ['v1.0', 'beta'] as const) {
      const response = await graph('GET', `/${version}/auditLogs/provisioning`);
      expect(response.status).toBe(200);
      expect(response.body['@odata.context']).toBe(`http://localhost:80/${version}/$metadata#auditLogs/provisioning`);
      expect(ids(response)).toEqual(newestFirst);
      expect(response.body['@odata.nextLink']).toBeUndefined();
      expect(response.body.value.find((summary: { id: string }) => summary.id === 'a3')).toEqual(recorded.find((summary) => summary.id === 'a3'));
    }
    const failed = (await graph('GET', '/auditLogs/provisioning/a3')).body;
    expect(failed.provisioningStatusInfo).toEqual({
      status: 'failure',
      errorInformation: { errorCode: 'EntryConflict', errorCategory: 'nonServiceFailure', reason: 'The target answered 409.', additionalDetails: null, recommendedAction: null },
    });
    expect(failed.targetIdentity).toEqual({ id: '', displayName: '', identityType: 'Group', details: {} });
    expect(failed.tenantId).toBe(t.tenantId);
  });

  it("answers the bulkUpload Location query: /auditLogs/provisioning/?$filter=jobid eq '{jobId}'", async () => {
    for (const version of ['v1.0', 'beta'] as const) {
      const response = await graph('GET', `/${version}/auditLogs/provisioning/?$filter=jobid%20eq%20'${jobB}'`);
      expect(response.status).toBe(200);
      expect(ids(response)).toEqual(['b2', 'b1']);
    }
  });

  it.each([
    [`jobId eq '${jobA}'`, ['a6', 'a4', 'a5', 'a3', 'a2', 'a1']],
    [`jobId eq '${jobA.toUpperCase()}'`, []],
    [`contains(jobId, 'API2AAD')`, ['b2', 'b1']],
    ["cycleId eq 'c2'", ['a6', 'a4', 'a5']],
    ["changeId eq 'ch-a3'", ['a3']],
    ["id eq 'b1'", ['b1']],
    [`servicePrincipal/id eq '${spB.id}'`, ['b2', 'b1']],
    ["servicePrincipal/displayName eq 'Inbound HR'", ['b2', 'b1']],
    ["servicePrincipal/name eq 'Inbound HR'", ['b2', 'b1']],
    ["sourceIdentity/id eq 'u1'", ['a6', 'a4', 'a1']],
    ["targetIdentity/id eq 't2'", ['a2']],
    ["targetIdentity/id eq ''", ['a3']],
    ["sourceIdentity/identityType eq 'Group'", ['a3']],
    ["provisioningStatusInfo/status eq 'failure'", ['a3']],
    ["provisioningStatusInfo/status eq 'Warning'", ['b2']],
    ["provisioningAction eq 'stagedDelete'", ['a6']],
    ["provisioningAction eq 'stageddelete'", ['a6']],
    ["contains(sourceIdentity/displayName, 'Wil')", ['a5', 'a2']],
    ["contains(sourceIdentity/displayName, 'wil')", []],
    ["sourceIdentity/displayName eq 'Megan Bowen'", ['b2', 'b1']],
    ["contains(targetIdentity/displayName, 'alexw@')", ['a2']],
    [`activityDateTime ge ${day}T00:05:00Z and activityDateTime le ${day}T00:10:00Z`, ['a4', 'a5', 'b2', 'b1']],
    [`activityDateTime gt ${day}T00:05:00Z and activityDateTime lt ${day}T00:20:00.000Z`, ['a4', 'a5', 'b2']],
    [`activityDateTime eq ${day}T00:20:00Z`, ['a6']],
    [`activityDateTime lt ${day}`, []],
    [`activityDateTime ge ${day}`, newestFirst],
    ["jobId eq 'scim.74beb1753b704b63b8d56f0b76082b16' and (provisioningAction eq 'create' or provisioningAction eq 'update')", ['a3', 'a2', 'a1']],
    ['durationInMilliseconds lt 1000', ['a1']],
    ["initiatedBy/displayName eq 'Azure AD Provisioning Service'", newestFirst],
    ["sourceSystem/displayName eq 'Azure Active Directory' and targetSystem/displayName eq 'Contoso SCIM'", newestFirst],
  ])('$filter=%s', async (filter, expected) => {
    const response = await graph('GET', query(filter));
    expect(response.status).toBe(200);
    expect(ids(response)).toEqual(expected);
  });

  it('filters on tenantId', async () => {
    expect(ids(await graph('GET', query(`tenantId eq '${t.tenantId}'`)))).toEqual(newestFirst);
  });

  it('pages with $top and nextLink, keeping the filter, with no row lost or repeated across equal timestamps', async () => {
    const seen: string[][] = [];
    let next: string | undefined = 'http://localhost/beta/auditLogs/provisioning?$top=3';
    while (next !== undefined) {
      const response = await graph('GET', pathOf(next));
      expect(response.status).toBe(200);
      seen.push(ids(response));
      next = response.body['@odata.nextLink'];
      if (next !== undefined) expect(pathOf(next)).toMatch(/^\/beta\/auditLogs\/provisioning\?\$top=3&\$skiptoken=[\w.-]+$/);
    }
    expect(seen).toEqual([
      ['a6', 'a4', 'a5'],
      ['b2', 'b1', 'a3'],
      ['a2', 'a1'],
    ]);

    const filtered = await graph('GET', `${query(`jobId eq '${jobA}'`)}&$top=4`);
    expect(ids(filtered)).toEqual(['a6', 'a4', 'a5', 'a3']);
    const rest = await graph('GET', pathOf(filtered.body['@odata.nextLink']));
    expect(ids(rest)).toEqual(['a2', 'a1']);
    expect(rest.body['@odata.nextLink']).toBeUndefined();
  });

  it('orders oldest first with $orderby=activityDateTime asc', async () => {
    const first = await graph('GET', '/auditLogs/provisioning?$orderby=activityDateTime asc&$top=5');
    expect(ids(first)).toEqual(['a1', 'a2', 'a3', 'b1', 'a4']);
    const second = await graph('GET', pathOf(first.body['@odata.nextLink']));
    expect(ids(second)).toEqual(['a5', 'b2', 'a6']);
  });

  it('rejects a skip token that was altered or issued for another query', async () => {
    const first = await graph('GET', '/auditLogs/provisioning?$top=2');
    const token = new URL(first.body['@odata.nextLink']).searchParams.get('$skiptoken') ?? '';
    const tampered = await graph('GET', `/auditLogs/provisioning?$top=2&$skiptoken=${encodeURIComponent(`x${token}`)}`);
    expect(tampered.status).toBe(400);
    const elsewhere = await graph('GET', `${query("cycleId eq 'c1'")}&$top=2&$skiptoken=${encodeURIComponent(token)}`);
    expect(elsewhere.status).toBe(400);
  });

  it('gets one record by id, with $select, and 404 for an unknown id', async () => {
    const one = await graph('GET', '/v1.0/auditLogs/provisioning/b1');
    expect(one.status).toBe(200);
    const { '@odata.context': context, ...summary } = one.body;
    expect(context).toBe('http://localhost:80/v1.0/$metadata#auditLogs/provisioning/$entity');
    expect(summary).toEqual(recorded.find((entry) => entry.id === 'b1'));

    const selected = await graph('GET', '/auditLogs/provisioning/b1?$select=jobId,provisioningAction');
    expect(selected.body).toEqual({
      '@odata.context': 'http://localhost:80/beta/$metadata#auditLogs/provisioning(jobId,provisioningAction)/$entity',
      id: 'b1',
      jobId: jobB,
      provisioningAction: 'create',
    });

    const missing = await graph('GET', '/auditLogs/provisioning/nope');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('Request_ResourceNotFound');
  });

  it('serves beta /auditLogs/directoryProvisioning, not v1.0', async () => {
    const beta = await graph('GET', `/beta/auditLogs/directoryProvisioning?$filter=${encodeURIComponent("cycleId eq 'c3'")}`);
    expect(beta.status).toBe(200);
    expect(beta.body['@odata.context']).toBe('http://localhost:80/beta/$metadata#auditLogs/directoryProvisioning');
    expect(ids(beta)).toEqual(['b2', 'b1']);
    expect((await graph('GET', '/beta/auditLogs/directoryProvisioning/a1')).body.id).toBe('a1');
    const v1 = await graph('GET', '/v1.0/auditLogs/directoryProvisioning');
    expect(v1.status).toBe(400);
    expect(v1.body.error.message).toBe("Resource not found for the segment 'directoryProvisioning'.");
  });

  it('requires AuditLog.Read.All', async () => {
    const call = async (token: string) =>
      t.service.app.inject({ method: 'GET', url: '/v1.0/auditLogs/provisioning', headers: { authorization: `Bearer ${token}` } });
    const denied = await call(await t.tokenWith(['Directory.Read.All', 'Synchronization.ReadWrite.All']));
    expect(denied.statusCode).toBe(403);
    expect(denied.json().error.code).toBe('Authorization_RequestDenied');
    const single = await t.service.app.inject({
      method: 'GET',
      url: '/v1.0/auditLogs/provisioning/a1',
      headers: { authorization: `Bearer ${await t.tokenWith(['Application.Read.All'])}` },
    });
    expect(single.statusCode).toBe(403);
    const allowed = await call(await t.tokenWith(['AuditLog.Read.All']));
    expect(allowed.statusCode).toBe(200);
    expect(allowed.json().value).toHaveLength(newestFirst.length);
  });

  it.each([
    ['an unknown property', query("foo eq 'x'")],
    ['an operator the property does not offer', query("servicePrincipal/id ne 'x'")],
    ['startswith, which Graph does not offer here', query("startswith(jobId, 'scim')")],
    ['a syntax error', query('jobId eq')],
    ['a number compared with a string', query("durationInMilliseconds eq 'x'")],
    ['a date-time compared with a string', query("activityDateTime ge 'yesterday'")],
    ['$count', '/auditLogs/provisioning?$count=true'],
    ['$skip', '/auditLogs/provisioning?$skip=1'],
    ['$search', '/auditLogs/provisioning?$search="jobId:scim"'],
    ['$orderby on another property', '/auditLogs/provisioning?$orderby=jobId'],
    ['$top=0', '/auditLogs/provisioning?$top=0'],
    ['an empty $skiptoken', '/auditLogs/provisioning?$skiptoken='],
    ['filter without $ on v1.0', `/v1.0/auditLogs/provisioning?filter=${encodeURIComponent("jobId eq 'x'")}`],
  ])('400 for %s', async (_case, path) => {
    const response = await graph('GET', path);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toMatch(/^(BadRequest|Request_BadRequest|Request_UnsupportedQuery)$/);
  });

  it('accepts filter without $ on beta', async () => {
    expect(ids(await graph('GET', `/beta/auditLogs/provisioning?filter=${encodeURIComponent("changeId eq 'ch-a1'")}`))).toEqual(['a1']);
  });
});
