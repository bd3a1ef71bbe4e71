import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../../../test/support/test-service.js';
import { storeKinds } from '../../../test/support/stores.js';

describe.each(storeKinds)('operations endpoints (%s)', (kind) => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService(kind);
  });
  afterAll(async () => t.dispose());

  it('answers liveness and readiness without a token', async () => {
    expect((await t.service.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await t.service.app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready' });
  });

  it('serves request latency by route pattern and store query latency in Prometheus text', async () => {
    const token = await t.adminToken();
    const read = await t.service.app.inject({ url: '/v1.0/servicePrincipals?$top=1', headers: { authorization: `Bearer ${token}` } });
    expect(read.statusCode).toBe(200);
    const missing = await t.service.app.inject({ url: '/v1.0/users/00000000-0000-0000-0000-000000000001', headers: { authorization: `Bearer ${token}` } });
    expect(missing.statusCode).toBe(404);

    const metrics = await t.service.app.inject({ url: '/metrics' });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.headers['content-type']).toMatch(/^text\/plain/);
    const lines = metrics.body.split('\n');
    expect(lines).toContain('# TYPE provisio_http_request_duration_seconds histogram');
    expect(lines).toContain('provisio_http_request_duration_seconds_count{method="GET",route="/v1.0/servicePrincipals",status_code="200"} 1');
    // Ids never become labels: the route pattern does.
    expect(lines).toContain('provisio_http_request_duration_seconds_count{method="GET",route="/v1.0/users/:id",status_code="404"} 1');
    expect(lines.some((line) => line.startsWith('provisio_http_request_duration_seconds_bucket{le="+Inf",method="GET",route="/v1.0/servicePrincipals",status_code="200"} 1'))).toBe(true);
    const queries = lines.find((line) => line.startsWith('provisio_store_query_duration_seconds_count{outcome="ok"}'));
    expect(Number(queries?.split(' ')[1])).toBeGreaterThan(0);
  });
});
