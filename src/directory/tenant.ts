import type { Kysely } from 'kysely';
import type { Database } from '../store/database.js';
import { newGuid } from './guid.js';

export interface Tenant {
  id: string;
  displayName: string;
  /** The initial verified domain, e.g. `provisio.onmicrosoft.com`; user principal names use it. */
  defaultDomain: string;
}

const tenantKey = 'tenant';

/**
 * The tenant this deployment serves, created on first start. A configured id must match the stored one:
 * changing it would orphan every token and object id already handed out.
 */
export async function ensureTenant(db: Kysely<Database>, configuredId: string | undefined): Promise<Tenant> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', tenantKey).executeTakeFirst();
  if (row) {
    const tenant = JSON.parse(row.value) as Tenant;
    if (configuredId !== undefined && configuredId !== tenant.id) {
      throw new Error(
        `PROVISIO_TENANT_ID is ${configuredId} but this data store belongs to tenant ${tenant.id}; use a new data directory or database for another tenant.`,
      );
    }
    return tenant;
  }
  const tenant: Tenant = { id: configuredId ?? newGuid(), displayName: 'Provisio', defaultDomain: 'provisio.onmicrosoft.com' };
  await db
    .insertInto('settings')
    .values({ key: tenantKey, value: JSON.stringify(tenant) })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  // Another node may have won the race: read back what is stored.
  const stored = await db.selectFrom('settings').select('value').where('key', '=', tenantKey).executeTakeFirstOrThrow();
  return JSON.parse(stored.value) as Tenant;
}
