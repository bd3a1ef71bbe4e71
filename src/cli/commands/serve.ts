import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/config.js';
import { redactedLogPaths } from '../../api/app.js';
import { createService } from '../../service.js';
import { UsageError } from '../cli-error.js';
import { announceGeneratedSecret, type CliOutput } from '../output.js';

export const serveUsage = `provisio serve [--host HOST] [--port PORT] [--tls]
  Runs the service. --tls serves https with PROVISIO_TLS_CERT/KEY, or a self-signed certificate kept in the data dir.`;

export async function serve(args: string[], env: NodeJS.ProcessEnv, output: CliOutput): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { host: { type: 'string' }, port: { type: 'string' }, tls: { type: 'boolean' } },
    strict: true,
  });
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    throw new UsageError(`--port must be a number from 0 to 65535, not '${values.port}'.`);
  }
  const config = loadConfig(env, {
    ...(values.host === undefined ? {} : { host: values.host }),
    ...(port === undefined ? {} : { port }),
    ...(values.tls === undefined ? {} : { tls: values.tls }),
  });
  const service = await createService(config, {
    logger: { level: config.logLevel, redact: { paths: redactedLogPaths, censor: '[redacted]' } },
  });
  const { app, bootstrap: boot, tls } = service;
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const boundPort = typeof address === 'object' && address !== null ? address.port : config.port;
  const scheme = tls ? 'https' : 'http';
  const base = config.publicUrl ?? `${scheme}://${config.host.includes(':') ? `[${config.host}]` : config.host}:${boundPort}`;
  output.err(`Provisio listening on ${base}  (store: ${service.context.store.location})`);
  output.err(`  tenant:         ${boot.tenant.id} (${boot.tenant.defaultDomain})`);
  output.err(`  token endpoint: ${base}/${boot.tenant.id}/oauth2/v2.0/token`);
  output.err(`  Graph API:      ${base}/v1.0  and  ${base}/beta`);
  output.err(`  admin client:   ${boot.adminAppId}`);
  if (tls) output.err(`  certificate:    ${tls.certPath}  (trust it with NODE_EXTRA_CA_CERTS)`);
  if (boot.generatedAdminSecret !== undefined) announceGeneratedSecret(output, boot.adminAppId, boot.generatedAdminSecret);

  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      output.err('Shutting down…');
      void service.close().then(resolve, resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
