import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../store/database.js';

const settingKey = 'odata.skipTokenKey';

/** The key that signs paging tokens, created once and shared by every node through the store. */
export async function loadSkipTokenKey(db: Kysely<Database>): Promise<Buffer> {
  await db
    .insertInto('settings')
    .values({ key: settingKey, value: randomBytes(32).toString('base64') })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db.selectFrom('settings').select('value').where('key', '=', settingKey).executeTakeFirstOrThrow();
  return Buffer.from(row.value, 'base64');
}
