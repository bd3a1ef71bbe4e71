import type { Kysely } from 'kysely';
import type { Database } from '../../src/store/database.js';

const rowsPerInsert = 500;
const rowsPerTransaction = 10_000;

/** A deterministic GUID for object number `index` of a kind, so runs are comparable. */
export const benchGuid = (kind: number, index: number): string =>
  `${kind.toString(16).padStart(8, '0')}-0000-4000-8000-${index.toString(16).padStart(12, '0')}`;

/**
 * Seeds rows straight into the store (through Graph a large directory would take most of the run): `write`
 * gets up to 500 items, one multi-row insert's worth, inside transactions of 10,000 items each.
 */
export async function inChunks<T>(db: Kysely<Database>, items: readonly T[], write: (trx: Kysely<Database>, chunk: readonly T[]) => Promise<void>): Promise<void> {
  for (let start = 0; start < items.length; start += rowsPerTransaction) {
    const batch = items.slice(start, start + rowsPerTransaction);
    await db.transaction().execute(async (trx) => {
      for (let offset = 0; offset < batch.length; offset += rowsPerInsert) await write(trx, batch.slice(offset, offset + rowsPerInsert));
    });
  }
}
