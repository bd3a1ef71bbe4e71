import type { Kysely } from 'kysely';
import type { Database } from '../../store/database.js';
import { SecretKeyMismatchError, type SecretBox } from './secret-box.js';

const settingKey = 'secrets.keyFingerprint';

/**
 * Records the secret key's fingerprint on first start and refuses to start with another key afterwards:
 * a node with the wrong PROVISIO_SECRET_KEY would otherwise fail on every secret it reads.
 */
export async function ensureSecretKeyMatches(db: Kysely<Database>, box: SecretBox): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key: settingKey, value: box.fingerprint() })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const stored = await db.selectFrom('settings').select('value').where('key', '=', settingKey).executeTakeFirstOrThrow();
  if (!box.matches(stored.value)) {
    throw new SecretKeyMismatchError(
      'The secret key does not match the one this store was created with. Set PROVISIO_SECRET_KEY to the original key (or restore the data dir\'s secret.key); every node sharing a database needs the same key.',
    );
  }
}
