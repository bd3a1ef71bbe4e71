import { ConfigError } from '../config/config.js';
import { MigrationError } from '../store/store.js';
import { SecretKeyMismatchError } from '../sync/secrets/secret-box.js';
import { CliError } from './cli-error.js';
import { runCli } from './run-cli.js';
import { processOutput } from './output.js';

try {
  await runCli(process.argv.slice(2), process.env, processOutput);
} catch (error) {
  if (error instanceof CliError || error instanceof ConfigError || error instanceof MigrationError || error instanceof SecretKeyMismatchError) {
    processOutput.err(`provisio: ${error.message}`);
    process.exit(error instanceof CliError ? error.exitCode : 1);
  }
  if (error instanceof TypeError && (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
    processOutput.err(`provisio: ${error.message}`);
    process.exit(2);
  }
  throw error;
}
