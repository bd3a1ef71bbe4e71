import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * Runs a client script (TypeScript, through tsx) in its own process with `input` as PROVISIO_E2E and the
 * given CA certificate trusted, and returns the JSON it prints last.
 */
export async function runClientScript<T>(script: string, input: unknown, caCertPath?: string): Promise<T> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', script], {
    env: {
      ...process.env,
      PROVISIO_E2E: JSON.stringify(input),
      ...(caCertPath ? { NODE_EXTRA_CA_CERTS: caCertPath } : {}),
    },
    timeout: 60_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1] ?? 'null') as T;
}
