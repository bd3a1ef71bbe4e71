import type { Kysely } from 'kysely';
import { BadRequestError } from '../../errors/graph-error.js';
import type { Database } from '../../store/database.js';
import type { SynchronizationSecretKey, SynchronizationSecretKeyStringValuePair } from '../schema/index.js';
import type { SecretBox } from './secret-box.js';
import { maskedSecretKeys, maskedValue, validateSecretValue } from './secret-values.js';

export type SecretValues = ReadonlyMap<SynchronizationSecretKey, string>;

/**
 * The synchronization secrets of each service principal, sealed as one JSON object per service principal
 * (bound to its id). Plain values exist only in memory, for the request or cycle that needs them.
 */
export class SecretStore {
  constructor(private readonly box: SecretBox) {}

  async read(db: Kysely<Database>, servicePrincipalId: string): Promise<SecretValues> {
    const row = await db
      .selectFrom('synchronization_secrets')
      .select('sealed')
      .where('service_principal_id', '=', servicePrincipalId)
      .executeTakeFirst();
    if (!row) return new Map();
    const entries = JSON.parse(this.box.open(row.sealed, servicePrincipalId)) as [SynchronizationSecretKey, string][];
    return new Map(entries);
  }

  /**
   * `PUT …/secrets`: the sent pairs become the whole set. A credential sent back as "*" (what GET shows) keeps
   * its stored value, so a read-modify-write loses nothing; an empty value removes the key.
   */
  async replace(db: Kysely<Database>, servicePrincipalId: string, pairs: readonly SynchronizationSecretKeyStringValuePair[]): Promise<void> {
    const current = await this.read(db, servicePrincipalId);
    const next = new Map<SynchronizationSecretKey, string>();
    for (const { key, value } of pairs) {
      if (next.has(key)) throw new BadRequestError(`Secret '${key}' is given more than once.`);
      if (value === null || value === '') {
        if (key === 'SyncNotificationSettings') validateSecretValue(key, '');
        continue;
      }
      if (value === maskedValue && maskedSecretKeys.has(key)) {
        const kept = current.get(key);
        if (kept === undefined) throw new BadRequestError(`Secret '${key}' has no stored value to keep; send the value itself.`);
        next.set(key, kept);
        continue;
      }
      validateSecretValue(key, value);
      next.set(key, value);
    }
    const sealed = this.box.seal(JSON.stringify([...next]), servicePrincipalId);
    const now = new Date().toISOString();
    await db
      .insertInto('synchronization_secrets')
      .values({ service_principal_id: servicePrincipalId, sealed, updated_at: now })
      .onConflict((oc) => oc.column('service_principal_id').doUpdateSet({ sealed, updated_at: now }))
      .execute();
  }
}

/** What `GET …/secrets` shows: settings in clear, credentials as "*". */
export function maskSecrets(values: SecretValues): SynchronizationSecretKeyStringValuePair[] {
  return [...values].map(([key, value]) => ({ key, value: maskedSecretKeys.has(key) ? maskedValue : value }));
}
