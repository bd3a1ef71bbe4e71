import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateToLatest, openStore, type Store } from '../../src/store/store.js';
import { createTestSchema, hasPostgres } from './postgres.js';

export type StoreKind = 'sqlite' | 'postgres';

/** The engines a store-backed suite runs on: both where PostgreSQL is reachable, SQLite alone otherwise. */
export const storeKinds: StoreKind[] = hasPostgres ? ['sqlite', 'postgres'] : ['sqlite'];

export interface TestStore {
  store: Store;
  dataDir: string;
  databaseUrl: string | undefined;
  dispose(): Promise<void>;
}

/** A migrated, empty store of the given kind in its own temporary directory (and PostgreSQL schema). */
export async function createTestStore(kind: StoreKind): Promise<TestStore> {
  const dataDir = mkdtempSync(join(tmpdir(), 'provisio-test-'));
  let databaseUrl: string | undefined;
  let dropSchema: (() => Promise<void>) | undefined;
  if (kind === 'postgres') {
    const schema = await createTestSchema();
    databaseUrl = schema.url;
    dropSchema = schema.drop;
  }
  const store = openStore({ databaseUrl, dataDir });
  await migrateToLatest(store);
  return {
    store,
    dataDir,
    databaseUrl,
    async dispose() {
      await store.close();
      await dropSchema?.();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
