import { parseArgs } from 'node:util';
import { allPermissions, isPermission, type Permission } from '../../auth/permissions.js';
import { loadConfig } from '../../config/config.js';
import { createApiClient, grantPermissions, listApiClients, revokePermissions, UnknownClientError } from '../../directory/api-clients.js';
import { CliError, UsageError } from '../cli-error.js';
import { openConfiguredStore } from '../open-configured-store.js';
import type { CliOutput } from '../output.js';

export const clientsUsage = `provisio clients list [--json]
provisio clients create --name NAME [--grant PERMISSION[,PERMISSION…]] [--json]
provisio clients grant APP_ID PERMISSION…
provisio clients revoke APP_ID PERMISSION…
  API clients are app registrations with a client secret; permissions are Microsoft Graph application
  permissions (${allPermissions.join(', ')}).`;

function parsePermissions(names: readonly string[]): Permission[] {
  const unknown = names.filter((name) => !isPermission(name));
  if (unknown.length > 0) throw new UsageError(`Unknown permission ${unknown.join(', ')}. Known: ${allPermissions.join(', ')}.`);
  return names as Permission[];
}

export async function clients(args: string[], env: NodeJS.ProcessEnv, output: CliOutput): Promise<void> {
  const [action, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest,
    options: { name: { type: 'string' }, grant: { type: 'string' }, json: { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  if (action !== 'list' && action !== 'create' && action !== 'grant' && action !== 'revoke') {
    throw new UsageError(clientsUsage);
  }
  const { store } = await openConfiguredStore(loadConfig(env), output);
  try {
    switch (action) {
      case 'list': {
        const list = await listApiClients(store.db);
        if (values.json) return output.out(JSON.stringify(list, null, 2));
        for (const client of list) output.out(`${client.appId}  ${client.displayName ?? ''}  [${client.permissions.join(', ')}]`);
        return;
      }
      case 'create': {
        if (values.name === undefined || values.name.trim() === '') throw new UsageError('clients create needs --name NAME.');
        const permissions = parsePermissions(values.grant === undefined ? [] : values.grant.split(',').map((p) => p.trim()).filter(Boolean));
        const { client, secretText } = await createApiClient(store.db, { displayName: values.name.trim(), permissions });
        if (values.json) return output.out(JSON.stringify({ ...client, clientSecret: secretText }, null, 2));
        output.out(`client id:     ${client.appId}`);
        output.out(`client secret: ${secretText}`);
        output.out(`permissions:   ${client.permissions.join(', ') || '(none)'}`);
        output.err('The secret is shown only now; store it safely.');
        return;
      }
      case 'grant':
      case 'revoke': {
        const [appId, ...names] = positionals;
        if (appId === undefined || names.length === 0) throw new UsageError(`clients ${action} needs APP_ID and at least one PERMISSION.`);
        const permissions = parsePermissions(names);
        try {
          await (action === 'grant' ? grantPermissions : revokePermissions)(store.db, appId, permissions);
        } catch (error) {
          if (error instanceof UnknownClientError) throw new CliError(error.message);
          throw error;
        }
        output.out(`${action === 'grant' ? 'granted' : 'revoked'} ${permissions.join(', ')} ${action === 'grant' ? 'to' : 'from'} ${appId}`);
        return;
      }
    }
  } finally {
    await store.close();
  }
}
