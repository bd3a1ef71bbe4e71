import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError } from '../../errors/graph-error.js';
import { installContentTypeParsers } from '../content-types.js';
import { installRequestIds, requestIdFor } from '../request-ids.js';
import { installErrorHandlers } from './error-handler.js';

describe('Graph error envelope', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = Fastify({ genReqId: (raw) => requestIdFor(raw.headers), bodyLimit: 1024 });
    installRequestIds(app);
    installContentTypeParsers(app);
    installErrorHandlers(app);
    app.post('/v1.0/things', async (request) => ({ received: request.body ?? null }));
    app.get('/v1.0/conflict', async () => {
      throw new ConflictError('Another object with the same value for property userPrincipalName already exists.', {
        code: 'Request_BadRequest',
        details: [{ code: 'ObjectConflict', message: 'conflict', target: 'userPrincipalName' }],
      });
    });
    app.get('/v1.0/crash', async () => {
      throw new TypeError("Cannot read properties of undefined (reading 'secret')");
    });
    await app.ready();
  });
  afterAll(async () => app.close());

  it('wraps typed errors with innerError ids, echoing client-request-id', async () => {
    const response = await app.inject({ url: '/v1.0/conflict', headers: { 'client-request-id': 'abc-123' } });
    expect(response.statusCode).toBe(409);
    expect(response.headers['client-request-id']).toBe('abc-123');
    const { error } = response.json();
    expect(error.code).toBe('Request_BadRequest');
    expect(error.details[0].target).toBe('userPrincipalName');
    expect(error.innerError['client-request-id']).toBe('abc-123');
    expect(error.innerError['request-id']).toBe(response.headers['request-id']);
    expect(error.innerError.date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
  });

  it('answers unexpected failures with a 500 that leaks nothing', async () => {
    const response = await app.inject({ url: '/v1.0/crash' });
    expect(response.statusCode).toBe(500);
    expect(response.json().error.code).toBe('generalException');
    expect(response.body).not.toContain('secret');
  });

  it('answers malformed JSON with 400 BadRequest', async () => {
    const response = await app.inject({ method: 'POST', url: '/v1.0/things', payload: '{"a":', headers: { 'content-type': 'application/json' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('BadRequest');
    expect(response.json().error.message).toMatch(/Unable to read JSON request payload/);
  });

  it('accepts an empty JSON body, as SDKs send on bodiless actions', async () => {
    const response = await app.inject({ method: 'POST', url: '/v1.0/things', payload: '', headers: { 'content-type': 'application/json' } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ received: null });
  });

  it('answers an unsupported content type with 415 and an oversize body with 413', async () => {
    const text = await app.inject({ method: 'POST', url: '/v1.0/things', payload: 'hi', headers: { 'content-type': 'text/plain' } });
    expect(text.statusCode).toBe(415);
    expect(text.json().error.message).toMatch(/application\/json/);
    const big = await app.inject({
      method: 'POST',
      url: '/v1.0/things',
      payload: JSON.stringify({ x: 'y'.repeat(4096) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(big.statusCode).toBe(413);
  });

  it('names the unresolved segment of an unknown Graph path, as Graph does', async () => {
    const response = await app.inject({ url: '/v1.0/nonsense' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toBe("Resource not found for the segment 'nonsense'.");
    expect((await app.inject({ url: '/elsewhere' })).statusCode).toBe(404);
  });

  it('keeps a caller-supplied request-id only when it is a GUID', async () => {
    const guid = '7b0c8a8e-6a51-4a4c-9f1e-2f1e0d3c4b5a';
    expect((await app.inject({ url: '/v1.0/conflict', headers: { 'request-id': guid } })).headers['request-id']).toBe(guid);
    expect((await app.inject({ url: '/v1.0/conflict', headers: { 'request-id': '<script>' } })).headers['request-id']).not.toBe('<script>');
  });
});
