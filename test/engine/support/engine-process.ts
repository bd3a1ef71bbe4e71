// A Provisio service in a process of its own, for tests that kill it mid-cycle. Configuration comes from the
// environment (PROVISIO_DATA_DIR, DATABASE_URL…); ENGINE_OPTIONS holds the engine settings as JSON. Prints
// "ready" once the runner runs; SIGTERM closes it, SIGKILL is the crash.
import { loadConfig } from '../../../src/config/config.js';
import { createService } from '../../../src/service.js';

const service = await createService(loadConfig(process.env), { defaultMetrics: false, engine: JSON.parse(process.env.ENGINE_OPTIONS ?? '{}') });
process.stdout.write('ready\n');
process.on('SIGTERM', () => {
  void service.close().then(() => process.exit(0));
});
