import { describe, expect, it } from 'vitest';
import { contextUrl } from './context-url.js';

describe('contextUrl', () => {
  it.each<[Parameters<typeof contextUrl>, string]>([
    [['https://host', 'v1.0', 'users'], 'https://host/v1.0/$metadata#users'],
    [['https://host/', 'v1.0', 'users', ['id', 'displayName']], 'https://host/v1.0/$metadata#users(id,displayName)'],
    [['https://host', 'beta', 'servicePrincipals', []], 'https://host/beta/$metadata#servicePrincipals'],
    [['https://host', 'v1.0', 'users', undefined, 'entity'], 'https://host/v1.0/$metadata#users/$entity'],
    [['https://host', 'v1.0', 'users', ['id'], 'entity'], 'https://host/v1.0/$metadata#users(id)/$entity'],
    [
      ['https://graph.microsoft.com', 'beta', "servicePrincipals('1')/synchronization/jobs", undefined, 'entity'],
      "https://graph.microsoft.com/beta/$metadata#servicePrincipals('1')/synchronization/jobs/$entity",
    ],
  ])('%j', (args, expected) => {
    expect(contextUrl(...args)).toBe(expected);
  });
});
