import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError } from '../../errors/graph-error.js';
import { findJob } from '../../sync/jobs/job-repository.js';
import { createCloudSyncJob, type CloudSyncJob } from '../../../test/engine/support/cloud-sync-job.js';
import { startEngineService, type EngineTestService } from '../../../test/engine/support/engine-fixture.js';

/** A loopback port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('provisionOnDemand against a directory it cannot reach', () => {
  let t: EngineTestService;
  let job: CloudSyncJob;

  beforeAll(async () => {
    t = await startEngineService('sqlite');
    const server = `ldap://127.0.0.1:${await closedPort()}`;
    job = await createCloudSyncJob(t.graph, 'Unreachable', {
      Domain: JSON.stringify({ domain: 'unreachable.test' }),
      Server: server,
      UserName: 'CN=sync,DC=unreachable,DC=test',
      Password: 'secret',
      AllowInsecureLdap: 'true',
    });
  }, 60_000);

  afterAll(async () => {
    await t?.dispose();
  });

  it('answers Failure with the directory error, as for a target it cannot reach', async () => {
    const answer = await t.graph('POST', `${job.jobPath}/provisionOnDemand`, {
      parameters: [{ ruleId: job.ruleId, subjects: [{ objectId: 'CN=ada,DC=unreachable,DC=test', objectTypeName: 'user' }] }],
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(JSON.parse(answer.body.key)).toMatchObject({ result: 'Failure', details: { errorCode: 'ServerUnreachable' } });
    expect(JSON.parse(answer.body.value)).toMatchObject({ statusInfo: { status: 'Failure', errorCode: 'ServerUnreachable' } });
  });

  it('answers 400 for a job with only the Domain secret, naming the secrets a directory connection needs', async () => {
    const domainOnly = await createCloudSyncJob(t.graph, 'Domain only', { Domain: JSON.stringify({ domain: 'unreachable.test' }) });
    const answer = await t.graph('POST', `${domainOnly.jobPath}/provisionOnDemand`, {
      parameters: [{ ruleId: domainOnly.ruleId, subjects: [{ objectId: 'CN=ada,DC=unreachable,DC=test', objectTypeName: 'user' }] }],
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({
      code: 'InvalidConfiguration',
      message: expect.stringMatching(/Server, UserName and Password secrets are missing\. Save the Domain \(or BaseDN\), Server, UserName and Password secrets/),
    });
    expect(answer.body.error.message).not.toMatch(/BaseAddress|SecretToken/);
  });

  it('answers 404 when the job was deleted while the call began, not 500', async () => {
    const stale = await findJob(t.service.context.store.db, job.servicePrincipalId, job.jobId);
    expect(stale).toBeDefined();
    expect((await t.graph('DELETE', job.jobPath)).status).toBe(204);
    const request = { ruleId: job.ruleId, objectId: 'CN=ada,DC=unreachable,DC=test', objectTypeName: 'user', members: [] };
    const answer = await t.service.context.engine.provisionOnDemand(stale!, request).catch((error: unknown) => error);
    expect(answer).toBeInstanceOf(NotFoundError);
    expect(answer).toMatchObject({ message: expect.stringContaining(job.jobId) });
  });
});
