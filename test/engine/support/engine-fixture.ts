import { expect } from 'vitest';
import { leaseHolder, type CycleEvent, type EngineObserver, type EngineOptionsInput } from '../../../src/engine/index.js';
import { graphClient, type GraphResponse } from '../../support/graph-inject.js';
import { ref, testUserPassword as password } from '../../support/graph-objects.js';
import type { StoreKind } from '../../support/stores.js';
import { startTestService, type TestService } from '../../support/test-service.js';

/** The non-gallery application template ("create your own application"). */
export const nonGalleryTemplateId = '8adf8e6e-67b2-4cf2-a259-e3dc5476c621';
export const defaultAccessRoleId = '00000000-0000-0000-0000-000000000000';

export { password, ref };
export type Graph = ReturnType<typeof graphClient>;

/** Records cycles and lets a test wait for one that starts after a change it made. */
export class CycleWatcher implements EngineObserver {
  readonly ended: (CycleEvent & { state: string })[] = [];
  readonly started: CycleEvent[] = [];
  #waiters: { from: number; jobId: string | undefined; resolve: (event: CycleEvent & { state: string }) => void }[] = [];

  cycleStarted(event: CycleEvent): void {
    this.started.push(event);
  }

  cycleEnded(event: CycleEvent & { state: string }): void {
    this.ended.push(event);
    const index = this.started.findIndex((started) => started.cycleId === event.cycleId);
    this.#waiters = this.#waiters.filter((waiter) => {
      if (index < waiter.from || (waiter.jobId !== undefined && waiter.jobId !== event.jobId)) return true;
      waiter.resolve(event);
      return false;
    });
  }

  /** Resolves with the first cycle (of the job) that starts after this call, once it has ended. */
  next(jobId?: string, timeoutMs = 20_000): Promise<CycleEvent & { state: string }> {
    const from = this.started.length;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no cycle started and ended within ${timeoutMs} ms (${this.ended.length} ended so far)`)), timeoutMs);
      this.#waiters.push({
        from,
        jobId,
        resolve: (event) => {
          clearTimeout(timer);
          resolve(event);
        },
      });
    });
  }
}

/** Engine settings for tests: cycles every 300 ms, quick polls, short leases and backoffs. */
export function testEngineOptions(watcher: CycleWatcher, extra: EngineOptionsInput = {}): EngineOptionsInput {
  return {
    pollIntervalMs: 25,
    cycleIntervalMs: 300,
    progressIntervalMs: 50,
    leaseTtlMs: 3_000,
    escrowBackoffMs: 200,
    quarantineRetryMs: [400, 800, 1_600],
    scim: { timeoutMs: 5_000 },
    observer: watcher,
    ...extra,
  };
}

export interface EngineTestService extends TestService {
  readonly graph: Graph;
  readonly watcher: CycleWatcher;
  readonly domain: string;
}

export async function startEngineService(kind: StoreKind, extra: EngineOptionsInput = {}, env: NodeJS.ProcessEnv = {}): Promise<EngineTestService> {
  const watcher = new CycleWatcher();
  const t = await startTestService(kind, env, { engine: testEngineOptions(watcher, extra) });
  return Object.assign(t, { graph: graphClient(t), watcher, domain: t.service.context.tenant.defaultDomain });
}

export interface ScimApp {
  readonly servicePrincipalId: string;
  readonly jobId: string;
  readonly jobPath: string;
  readonly ruleId: string;
}

/** The secrets of a SCIM app on a test server: its tenant URL in the RFC-compliant dialect, and its token unless another is given. */
export function scimSecrets(scim: { readonly baseUrl: string; readonly token: string }, token = scim.token): { key: string; value: string }[] {
  return [
    { key: 'BaseAddress', value: `${scim.baseUrl}?aadOptscim062020` },
    { key: 'SecretToken', value: token },
  ];
}

/** What the job helpers need of a job: its id and its path under the service principal. */
export type JobRef = Pick<ScimApp, 'jobId' | 'jobPath'>;

/** Instantiates the non-gallery app, creates its `scim` job, saves and validates the credentials. */
export async function createScimApp(graph: Graph, name: string, secrets: readonly { key: string; value: string }[]): Promise<ScimApp> {
  const created = await graph('POST', `/applicationTemplates/${nonGalleryTemplateId}/instantiate`, { displayName: name });
  expect(created.status).toBe(201);
  const servicePrincipalId = created.body.servicePrincipal.id as string;
  const job = await graph('POST', `/servicePrincipals/${servicePrincipalId}/synchronization/jobs`, { templateId: 'scim' });
  expect(job.status).toBe(201);
  const jobPath = `/servicePrincipals/${servicePrincipalId}/synchronization/jobs/${job.body.id}`;
  expect((await graph('PUT', `/servicePrincipals/${servicePrincipalId}/synchronization/secrets`, { value: secrets })).status).toBe(204);
  const validated = await graph('POST', `${jobPath}/validateCredentials`, { useSavedCredentials: true });
  expect(validated.status, JSON.stringify(validated.body)).toBe(204);
  const schema = await graph('GET', `${jobPath}/schema`);
  return { servicePrincipalId, jobId: job.body.id as string, jobPath, ruleId: schema.body.synchronizationRules[0].id as string };
}

export async function createUser(t: EngineTestService, alias: string, extra: Record<string, unknown> = {}): Promise<{ id: string; userPrincipalName: string }> {
  const created = await t.graph('POST', '/users', {
    accountEnabled: true,
    displayName: `User ${alias}`,
    mailNickname: alias,
    userPrincipalName: `${alias}@${t.domain}`,
    passwordProfile: { password, forceChangePasswordNextSignIn: false },
    ...extra,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body;
}

export async function createGroup(t: EngineTestService, name: string, members: readonly string[] = []): Promise<{ id: string }> {
  // Graph takes at most 20 link changes per request.
  const created = await t.graph('POST', '/groups', {
    displayName: name,
    mailEnabled: false,
    mailNickname: name.replace(/\W/g, ''),
    securityEnabled: true,
    ...(members.length > 0 ? { 'members@odata.bind': members.slice(0, 20).map(ref) } : {}),
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  for (let start = 20; start < members.length; start += 20) {
    const added = await t.graph('PATCH', `/groups/${created.body.id}`, { 'members@odata.bind': members.slice(start, start + 20).map(ref) });
    expect(added.status, JSON.stringify(added.body)).toBe(204);
  }
  return created.body;
}

/** Assigns a user or group to the app (default access); returns the assignment id. */
export async function assign(graph: Graph, app: ScimApp, principalId: string): Promise<string> {
  const assigned = await graph('POST', `/servicePrincipals/${app.servicePrincipalId}/appRoleAssignedTo`, {
    principalId,
    resourceId: app.servicePrincipalId,
    appRoleId: defaultAccessRoleId,
  });
  expect(assigned.status, JSON.stringify(assigned.body)).toBe(201);
  return assigned.body.id as string;
}

export async function unassign(graph: Graph, app: ScimApp, assignmentId: string): Promise<void> {
  expect((await graph('DELETE', `/servicePrincipals/${app.servicePrincipalId}/appRoleAssignedTo/${assignmentId}`)).status).toBe(204);
}

export async function job(graph: Graph, app: Pick<JobRef, 'jobPath'>): Promise<GraphResponse['body']> {
  const response = await graph('GET', app.jobPath);
  expect(response.status).toBe(200);
  return response.body;
}

/** Starts the job (or restarts it with a scope) and waits for the cycle that request triggers to end. */
export async function runCycle(
  t: EngineTestService,
  app: JobRef,
  action: 'start' | { resetScope: string } = 'start',
  timeoutMs?: number,
): Promise<CycleEvent & { state: string }> {
  const next = t.watcher.next(app.jobId, timeoutMs);
  const response =
    action === 'start' ? await t.graph('POST', `${app.jobPath}/start`) : await t.graph('POST', `${app.jobPath}/restart`, { criteria: { resetScope: action.resetScope } });
  expect(response.status, JSON.stringify(response.body)).toBe(204);
  return next;
}

/** Pauses the job, so that several directory changes land in the same cycle once it is started again. */
export async function pause(graph: Graph, app: Pick<JobRef, 'jobPath'>): Promise<void> {
  expect((await graph('POST', `${app.jobPath}/pause`)).status).toBe(204);
}

/** Pauses the job and waits for a cycle still running to end (its lease released): the next cycle alone sees what follows. */
export async function pauseAndSettle(t: EngineTestService, app: JobRef): Promise<void> {
  await pause(t.graph, app);
  while (await leaseHolder(t.service.context.store.db, app.jobId)) await new Promise((resolve) => setTimeout(resolve, 50));
}

/** Provisioning log records of a job, oldest first. */
export async function logs(graph: Graph, app: Pick<ScimApp, 'jobId'>, filter = ''): Promise<Record<string, any>[]> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const records: Record<string, any>[] = []; // eslint-disable-line @typescript-eslint/no-explicit-any
  let next: string | undefined = `/auditLogs/provisioning?$top=500&$filter=${encodeURIComponent(`jobId eq '${app.jobId}'${filter ? ` and ${filter}` : ''}`)}`;
  while (next) {
    const page = await graph('GET', next);
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    records.push(...page.body.value);
    const link: string | undefined = page.body['@odata.nextLink'];
    next = link === undefined ? undefined : link.slice(link.indexOf('/beta/') + 5);
  }
  return records.sort((a, b) => String(a.activityDateTime).localeCompare(String(b.activityDateTime)));
}
