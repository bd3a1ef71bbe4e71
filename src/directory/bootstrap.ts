import type { Kysely } from 'kysely';
import { allPermissions } from '../auth/permissions.js';
import type { Database } from '../store/database.js';
import { createApiClient, grantPermissions } from './api-clients.js';
import { findApplicationByAppId } from './applications/application-repository.js';
import { addPassword, verifyApplicationSecret } from './applications/password-credentials.js';
import { ensureMicrosoftGraphServicePrincipal } from './microsoft-graph-resource.js';
import { ensureTenant, type Tenant } from './tenant.js';

export interface BootstrapInput {
  tenantId: string | undefined;
  adminClientId: string | undefined;
  adminClientSecret: string | undefined;
}

export interface BootstrapResult {
  tenant: Tenant;
  adminAppId: string;
  /** Set only when this start generated the admin secret: it is shown once and never stored in clear. */
  generatedAdminSecret: string | undefined;
}

const adminDisplayName = 'Provisio bootstrap admin';
const adminSecretName = 'bootstrap';

/**
 * First-start setup, safe to run on every start and on several nodes: the tenant, the Microsoft Graph
 * resource, and an admin client holding every permission. A configured admin id and secret are made valid
 * (the secret is added when it does not verify yet); otherwise a client is generated once.
 */
export async function bootstrap(db: Kysely<Database>, input: BootstrapInput): Promise<BootstrapResult> {
  const tenant = await ensureTenant(db, input.tenantId);
  await db.transaction().execute((trx) => ensureMicrosoftGraphServicePrincipal(trx));

  if (input.adminClientId !== undefined) {
    const existing = await findApplicationByAppId(db, input.adminClientId);
    if (!existing) {
      await createApiClient(db, {
        displayName: adminDisplayName,
        permissions: allPermissions,
        appId: input.adminClientId,
        ...(input.adminClientSecret === undefined ? {} : { secretText: input.adminClientSecret }),
        secretDisplayName: adminSecretName,
      });
    } else {
      await grantPermissions(db, input.adminClientId, allPermissions);
      if (input.adminClientSecret !== undefined && !(await verifyApplicationSecret(db, existing.id, input.adminClientSecret))) {
        await db.transaction().execute((trx) => addPassword(trx, existing.id, { displayName: adminSecretName, secretText: input.adminClientSecret! }));
      }
    }
    await db
      .insertInto('settings')
      .values({ key: 'bootstrap.adminAppId', value: input.adminClientId })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: input.adminClientId! }))
      .execute();
    return { tenant, adminAppId: input.adminClientId, generatedAdminSecret: undefined };
  }

  const stored = await db.selectFrom('settings').select('value').where('key', '=', 'bootstrap.adminAppId').executeTakeFirst();
  if (stored) return { tenant, adminAppId: stored.value, generatedAdminSecret: undefined };
  const { client, secretText } = await createApiClient(db, {
    displayName: adminDisplayName,
    permissions: allPermissions,
    secretDisplayName: adminSecretName,
  });
  await db.insertInto('settings').values({ key: 'bootstrap.adminAppId', value: client.appId }).execute();
  return { tenant, adminAppId: client.appId, generatedAdminSecret: secretText };
}
