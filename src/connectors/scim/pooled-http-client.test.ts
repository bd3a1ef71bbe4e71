import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpTimeoutError } from './http-client.js';
import { PooledHttpClient } from './pooled-http-client.js';

describe('PooledHttpClient', () => {
  let server: Server;
  let base: string;
  const sockets = new Set<unknown>();
  beforeAll(async () => {
    server = createServer((request, response) => {
      sockets.add(request.socket);
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        if (request.url === '/slow') return setTimeout(() => response.end('late'), 2_500);
        if (request.url === '/empty') return response.writeHead(204).end();
        response.writeHead(201, { 'content-type': 'application/scim+json', 'retry-after': '3', 'set-cookie': ['a=1', 'b=2'] });
        response.end(JSON.stringify({ method: request.method, url: request.url, body, length: request.headers['content-length'], auth: request.headers.authorization }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends method, headers and body and reads status, headers and text, over at most `connections` kept-alive connections', async () => {
    const http = new PooledHttpClient({ connections: 2 });
    const responses = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        http.send({ method: 'POST', url: `${base}/Users?filter=x%20eq%20%22${i}%22`, headers: { Authorization: 'Bearer t' }, body: `{"n":${i}}`, timeoutMs: 5_000 }),
      ),
    );
    const [first] = responses;
    expect(first!.status).toBe(201);
    expect(first!.headers['retry-after']).toBe('3');
    expect(first!.headers['set-cookie']).toEqual(['a=1', 'b=2']);
    expect(JSON.parse(first!.text)).toEqual({ method: 'POST', url: '/Users?filter=x%20eq%20%220%22', body: '{"n":0}', length: '7', auth: 'Bearer t' });
    expect(sockets.size).toBeLessThanOrEqual(2);
    expect(await http.send({ method: 'DELETE', url: `${base}/empty`, headers: {}, body: undefined, timeoutMs: 5_000 })).toMatchObject({ status: 204, text: '' });
    await http.close();
  });

  it('rejects with an HttpTimeoutError when no answer comes in time, and with the network error otherwise', async () => {
    const http = new PooledHttpClient({ connections: 1 });
    await expect(http.send({ method: 'GET', url: `${base}/slow`, headers: {}, body: undefined, timeoutMs: 50 })).rejects.toBeInstanceOf(HttpTimeoutError);
    await expect(http.send({ method: 'GET', url: 'http://127.0.0.1:9/', headers: {}, body: undefined, timeoutMs: 1_000 })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await http.close();
  });
});
