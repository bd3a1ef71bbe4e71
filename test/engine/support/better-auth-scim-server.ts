import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { scim } from '@better-auth/scim';
import { betterAuth } from 'better-auth';
import { memoryAdapter } from 'better-auth/adapters/memory';
import { getAuthTables } from 'better-auth/db';
import { toNodeHandler } from 'better-auth/node';

export interface BetterAuthScimServer {
  /** The SCIM base: `http://127.0.0.1:<port>/api/auth/scim/v2`. */
  readonly baseUrl: string;
  readonly token: string;
  /** Requests received, for counting and debugging. */
  readonly requests: { readonly method: string; readonly url: string; status?: number }[];
  /** Reads a SCIM collection through the server's own API (what another SCIM client would see). */
  list(collection: 'Users' | 'Groups'): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

/**
 * better-auth with its SCIM plugin (real-peers §3b): a SCIM 2.0 server this project did not write, on the
 * memory adapter, with a static bearer token and the plugin's Microsoft Entra compatibility switch.
 */
export async function startBetterAuthScimServer(token = `scim-token-${Math.random().toString(36).slice(2)}`): Promise<BetterAuthScimServer> {
  const plugin = scim({
    connections: [{ id: 'conn-1', credentials: [{ type: 'bearer', id: 'cred-1', token }] }],
    compatibility: { microsoftEntra: { acceptLegacyGroupSchema: true } },
  } as Parameters<typeof scim>[0]);
  // The memory adapter wants one plain array per model (it structuredClone()s the database per transaction).
  const db = Object.fromEntries(Object.values(getAuthTables({ plugins: [plugin] })).map((table) => [table.modelName, [] as unknown[]]));
  const requests: { method: string; url: string; status?: number }[] = [];
  const port = await new Promise<number>((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address() as AddressInfo;
      probe.close(() => resolve(free));
    });
  });
  const auth = betterAuth({
    baseURL: `http://127.0.0.1:${port}`,
    secret: 'test-secret-test-secret-test-secret-0123456789',
    database: memoryAdapter(db),
    plugins: [plugin],
    logger: { disabled: true },
  });
  const handler = toNodeHandler(auth);
  const server: Server = createServer((request: IncomingMessage, response) => {
    const entry: { method: string; url: string; status?: number } = { method: request.method ?? '', url: request.url ?? '' };
    requests.push(entry);
    response.on('finish', () => {
      entry.status = response.statusCode;
    });
    void handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${port}/api/auth/scim/v2`;
  return {
    baseUrl,
    token,
    requests,
    async list(collection) {
      const response = await fetch(`${baseUrl}/${collection}?count=1000`, { headers: { authorization: `Bearer ${token}`, accept: 'application/scim+json' } });
      const body = (await response.json()) as { Resources?: Record<string, unknown>[] };
      if (!response.ok) throw new Error(`GET ${collection}: ${response.status} ${JSON.stringify(body)}`);
      return body.Resources ?? [];
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
