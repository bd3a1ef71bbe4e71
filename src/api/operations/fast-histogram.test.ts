import { Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { FastHistogram } from './fast-histogram.js';

describe('FastHistogram', () => {
  it('exposes exactly what prom-client’s histogram exposes for the same observations', async () => {
    const buckets = [0.001, 0.01, 0.1, 1];
    const observations: [string[], number][] = [
      [['GET', '/v1.0/users', '200'], 0.0004],
      [['GET', '/v1.0/users', '200'], 0.001],
      [['GET', '/v1.0/users', '200'], 0.05],
      [['POST', '/v1.0/users', '201'], 2.5],
      [['GET', '/v1.0/users', '404'], 0.002],
    ];
    const ours = new Registry();
    const fast = new FastHistogram('test_duration_seconds', 'Test latency.', ['method', 'route', 'status_code'], buckets, ours);
    const theirs = new Registry();
    const reference = new Histogram({ name: 'test_duration_seconds', help: 'Test latency.', labelNames: ['method', 'route', 'status_code'], buckets, registers: [theirs] });
    for (const [[method, route, status], value] of observations) {
      fast.observe([method!, route!, status!], value);
      reference.observe({ method: method!, route: route!, status_code: status! }, value);
    }
    expect(await ours.metrics()).toBe(await theirs.metrics());
    fast.reset();
    expect(await ours.metrics()).toBe('# HELP test_duration_seconds Test latency.\n# TYPE test_duration_seconds histogram\n');
  });
});
