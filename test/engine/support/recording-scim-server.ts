import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request exactly as it arrived: method, raw path and query, SCIM-relevant headers, parsed body. */
export interface RecordedRequest {
  readonly method: string;
  /** Path and query after the SCIM base, decoded (`/Users?filter=userName eq "ada@contoso.com"`). */
  readonly url: string;
  readonly authorization: string | undefined;
  readonly contentType: string | undefined;
  readonly body: unknown;
}

export interface RecordingScimServer {
  readonly baseUrl: string;
  readonly requests: RecordedRequest[];
  /** Resources the server holds, by id. */
  readonly resources: Map<string, Record<string, unknown>>;
  close(): Promise<void>;
}

/**
 * A minimal SCIM endpoint that records every request byte for byte and answers deterministically, so tests
 * can assert the exact wire requests of each PATCH dialect. Ids are derived from the unique name
 * (`id-<userName>`, `id-<displayName>`); filters are `attr eq "value"` on userName or displayName.
 */
export async function startRecordingScimServer(): Promise<RecordingScimServer> {
  const requests: RecordedRequest[] = [];
  const resources = new Map<string, Record<string, unknown>>();
  const server: Server = createServer((request, response) => {
    readBody(request).then((text) => {
      const base = '/scim';
      const url = decodeURIComponent((request.url ?? '').slice(base.length));
      const body = text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>);
      requests.push({ method: request.method ?? '', url, authorization: request.headers.authorization, contentType: request.headers['content-type'], body });
      const send = (status: number, payload?: unknown) => {
        response.writeHead(status, payload === undefined ? {} : { 'content-type': 'application/scim+json' });
        response.end(payload === undefined ? undefined : JSON.stringify(payload));
      };
      const [path = '', query = ''] = url.split('?');
      const [, collection, id] = path.split('/');
      if (request.method === 'GET' && id === undefined) {
        const filter = /filter=(\w+) eq "([^"]*)"/.exec(query);
        const found = [...resources.values()].filter((resource) => filter && resource[filter[1]!] === filter[2] && resource.kind === collection);
        return send(200, { schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: found.length, Resources: found.map(strip) });
      }
      if (request.method === 'POST' && body) {
        const created = { ...body, id: `id-${String(body.userName ?? body.displayName)}`, kind: collection };
        resources.set(created.id, created);
        return send(201, strip(created));
      }
      if (request.method === 'PATCH' && id && resources.has(id)) return send(204);
      if (request.method === 'DELETE' && id && resources.delete(id)) return send(204);
      return send(404, { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '404', detail: 'not found' });
    }, () => response.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/scim`,
    requests,
    resources,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function strip(resource: Record<string, unknown>): Record<string, unknown> {
  const { kind: _kind, ...rest } = resource;
  return rest;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
