import { SigningKeyRing } from '../../auth/signing-keys.js';
import { loadConfig } from '../../config/config.js';
import { UsageError } from '../cli-error.js';
import { openConfiguredStore } from '../open-configured-store.js';
import type { CliOutput } from '../output.js';

export const keysUsage = `provisio keys list
provisio keys rotate
  Token signing keys. Rotating makes a new key sign; older keys keep verifying the tokens they signed.`;

export async function keys(args: string[], env: NodeJS.ProcessEnv, output: CliOutput): Promise<void> {
  const [action] = args;
  if (action !== 'list' && action !== 'rotate') throw new UsageError(keysUsage);
  const config = loadConfig(env);
  const { store } = await openConfiguredStore(config, output);
  try {
    const ring = new SigningKeyRing(store, { retention: config.tokenLifetimeSeconds + 86_400 });
    await ring.load();
    if (action === 'rotate') output.out(`new signing key: ${await ring.rotate()}`);
    for (const key of ring.list()) {
      output.out(`${key.kid}  created ${key.createdAt}${key.supersededAt ? `  superseded ${key.supersededAt}` : '  (signing)'}`);
    }
  } finally {
    await store.close();
  }
}
