import type { Config } from '../config/config.js';
import { bootstrap, type BootstrapResult } from '../directory/bootstrap.js';
import { migrateToLatest, openStore, type Store } from '../store/store.js';
import { announceGeneratedSecret, type CliOutput } from './output.js';

/** Opens the configured store for an administrative command: migrated and bootstrapped like `serve` does it. */
export async function openConfiguredStore(config: Config, output: CliOutput): Promise<{ store: Store; boot: BootstrapResult }> {
  const store = openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(store);
    const boot = await bootstrap(store.db, {
      tenantId: config.tenantId,
      adminClientId: config.adminClientId,
      adminClientSecret: config.adminClientSecret,
    });
    if (boot.generatedAdminSecret !== undefined) announceGeneratedSecret(output, boot.adminAppId, boot.generatedAdminSecret);
    return { store, boot };
  } catch (error) {
    await store.close();
    throw error;
  }
}
