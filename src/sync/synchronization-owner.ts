import type { Kysely } from 'kysely';
import { findApplicationByAppId, findApplicationById } from '../directory/applications/application-repository.js';
import type { Application } from '../directory/applications/application.js';
import { findServicePrincipalByAppId, findServicePrincipalById } from '../directory/service-principals/service-principal-repository.js';
import type { ServicePrincipal } from '../directory/service-principals/service-principal.js';
import { NotFoundError } from '../errors/graph-error.js';
import type { Database } from '../store/database.js';

export type OwnerCollection = 'servicePrincipals' | 'applications';

/**
 * What `/servicePrincipals/{id}/synchronization` and `/applications/{id}/synchronization` address: the
 * app's service principal (jobs, secrets) and its registration (custom templates). Either may be named by
 * object id or, through the alternate key, by appId.
 */
export interface SynchronizationOwner {
  readonly servicePrincipal: ServicePrincipal;
  readonly application: Application | undefined;
  /** Path prefix for `@odata.context`: `servicePrincipals('{id}')`. */
  readonly contextPath: string;
}

const notFound = (id: string) =>
  new NotFoundError(`Resource '${id}' does not exist or one of its queried reference-property objects are not present.`);

/** `key` is an object id, or `appId=…` when the client used the `(appId='…')` alternate key. */
export async function resolveSynchronizationOwner(db: Kysely<Database>, collection: OwnerCollection, key: string): Promise<SynchronizationOwner> {
  const byAppId = key.startsWith('appId=') ? key.slice('appId='.length) : undefined;
  if (collection === 'servicePrincipals') {
    const sp = byAppId !== undefined ? await findServicePrincipalByAppId(db, byAppId) : await findServicePrincipalById(db, key);
    if (!sp || sp.deletedDateTime !== null) throw notFound(key);
    const application = await findApplicationByAppId(db, sp.appId);
    return { servicePrincipal: sp, application, contextPath: `servicePrincipals('${sp.id}')` };
  }
  const application = byAppId !== undefined ? await findApplicationByAppId(db, byAppId) : await findApplicationById(db, key);
  if (!application || application.deletedDateTime !== null) throw notFound(key);
  const sp = await findServicePrincipalByAppId(db, application.appId);
  // Graph keeps synchronization on the service principal; an app registration without one has nothing to run.
  if (!sp || sp.deletedDateTime !== null) {
    throw new NotFoundError(`Application '${application.id}' has no service principal in this tenant; create one to configure synchronization.`);
  }
  return { servicePrincipal: sp, application, contextPath: `applications('${application.id}')` };
}
