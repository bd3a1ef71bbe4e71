import { expect } from 'vitest';
import { cloudSyncApplicationTemplateId } from '../../../src/directory/application-templates/ids.js';
import type { Graph } from './engine-fixture.js';

export interface CloudSyncApp {
  readonly servicePrincipalId: string;
  readonly jobs: string;
  readonly secrets: string;
}

/** Seeds 000/001: the cloud sync application, instantiated from the gallery. */
export async function createCloudSyncApp(graph: Graph, name: string): Promise<CloudSyncApp> {
  const instantiated = await graph('POST', `/applicationTemplates/${cloudSyncApplicationTemplateId}/instantiate`, { displayName: name });
  expect(instantiated.status, JSON.stringify(instantiated.body)).toBe(201);
  const servicePrincipalId = instantiated.body.servicePrincipal.id as string;
  const base = `/servicePrincipals/${servicePrincipalId}/synchronization`;
  return { servicePrincipalId, jobs: `${base}/jobs`, secrets: `${base}/secrets` };
}

/** An AD2AADProvisioning job of the cloud sync application, as the tests create it through Graph. */
export interface CloudSyncJob {
  readonly servicePrincipalId: string;
  readonly jobId: string;
  readonly jobPath: string;
  readonly ruleId: string;
}

/** Instantiates the cloud sync application, creates its AD2AADProvisioning job, saves the secrets and scopes the rule to `containers`. */
export async function createCloudSyncJob(graph: Graph, name: string, secrets: Record<string, string>, containers: readonly string[] = []): Promise<CloudSyncJob> {
  const app = await createCloudSyncApp(graph, name);
  const created = await graph('POST', app.jobs, { templateId: 'AD2AADProvisioning' });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const jobPath = `${app.jobs}/${created.body.id}`;
  const value = Object.entries(secrets).map(([key, secret]) => ({ key, value: secret }));
  expect((await graph('PUT', app.secrets, { value })).status).toBe(204);
  const { '@odata.context': _context, ...schema } = (await graph('GET', `${jobPath}/schema`)).body;
  if (containers.length > 0) {
    schema.synchronizationRules[0].containerFilter = { includedContainers: containers };
    const saved = await graph('PUT', `${jobPath}/schema`, schema);
    expect(saved.status, JSON.stringify(saved.body)).toBe(204);
  }
  return { servicePrincipalId: app.servicePrincipalId, jobId: created.body.id as string, jobPath, ruleId: schema.synchronizationRules[0].id as string };
}

/** The directory's synchronized objects of a collection, by display name. */
export async function synced(graph: Graph, collection: 'users' | 'groups' | 'contacts'): Promise<Map<string, Record<string, any>>> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const objects = new Map<string, Record<string, any>>(); // eslint-disable-line @typescript-eslint/no-explicit-any
  let next: string | undefined = `/${collection}?$top=999`;
  while (next) {
    const page = await graph('GET', next);
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    for (const object of page.body.value) if (object.onPremisesSyncEnabled === true) objects.set(object.displayName, object);
    const link: string | undefined = page.body['@odata.nextLink'];
    next = link === undefined ? undefined : link.slice(link.indexOf('/beta/') + 5);
  }
  return objects;
}
