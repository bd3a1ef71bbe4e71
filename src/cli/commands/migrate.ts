import { loadConfig } from '../../config/config.js';
import { migrateToLatest, openStore } from '../../store/store.js';
import type { CliOutput } from '../output.js';

export const migrateUsage = `provisio migrate
  Applies pending store migrations and exits (serve also applies them on start).`;

export async function migrate(_args: string[], env: NodeJS.ProcessEnv, output: CliOutput): Promise<void> {
  const config = loadConfig(env);
  const store = openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const results = await migrateToLatest(store);
    if (results.length === 0) output.out(`Store ${store.location} is up to date.`);
    for (const result of results) output.out(`${result.status === 'Success' ? 'applied' : result.status}: ${result.migrationName}`);
  } finally {
    await store.close();
  }
}
