import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keepAliveFetch } from './keep-alive-fetch.js';

describe('keepAliveFetch', () => {
  let server: Server;
  let base: string;
  const sockets = new Set<unknown>();
  beforeAll(async () => {
    server = createServer((request, response) => {
      sockets.add(request.socket);
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        if (request.url === '/slow') return setTimeout(() => response.end('late'), 500);
        response.writeHead(201, { 'content-type': 'application/scim+json', 'retry-after': '3', 'x-echo-auth': request.headers.authorization ?? '' });
        response.end(JSON.stringify({ method: request.method, url: request.url, body, length: request.headers['content-length'] }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends method, headers and body and answers like fetch, over kept-alive connections', async () => {
    const fetch = keepAliveFetch({ maxSockets: 2 });
    const responses = await Promise.all(
      Array.from({ length: 6 }, (_, i) => fetch(`${base}/Users?filter=x%20eq%20%22${i}%22`, { method: 'POST', headers: { Authorization: 'Bearer t' }, body: `{"n":${i}}` })),
    );
    const [first] = responses;
    expect(first!.status).toBe(201);
    expect(first!.ok).toBe(true);
    expect(first!.headers.get('Retry-After')).toBe('3');
    expect(first!.headers.get('x-echo-auth')).toBe('Bearer t');
    expect(Object.fromEntries(first!.headers)).toMatchObject({ 'content-type': 'application/scim+json' });
    expect(await first!.json()).toEqual({ method: 'POST', url: '/Users?filter=x%20eq%20%220%22', body: '{"n":0}', length: '7' });
    expect(sockets.size).toBeLessThanOrEqual(2);
  });

  it('rejects with the signal reason on timeout and with a TypeError naming the network error', async () => {
    const fetch = keepAliveFetch({ maxSockets: 1 });
    await expect(fetch(`${base}/slow`, { signal: AbortSignal.timeout(50) })).rejects.toMatchObject({ name: 'TimeoutError' });
    const refused = fetch('http://127.0.0.1:9/', {});
    await expect(refused).rejects.toBeInstanceOf(TypeError);
    await expect(refused).rejects.toMatchObject({ cause: { code: 'ECONNREFUSED' } });
  });
});
