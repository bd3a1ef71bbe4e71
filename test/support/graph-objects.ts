import { expect } from 'vitest';
import type { graphClient } from './graph-inject.js';

type Graph = ReturnType<typeof graphClient>;

/** The `@odata.bind` / `$ref` form of a directory object. */
export const ref = (id: string) => `https://graph.microsoft.com/v1.0/directoryObjects/${id}`;

export const testUserPassword = 'Str0ng!Passw0rd';

/** A user made through Graph with what Graph requires (`alias@domain`, a password); `extra` adds or overrides properties. */
export async function postUser(graph: Graph, domain: string, alias: string, extra: Record<string, unknown> = {}): Promise<{ id: string; userPrincipalName: string } & Record<string, unknown>> {
  const created = await graph('POST', '/users', {
    accountEnabled: true,
    displayName: alias,
    mailNickname: alias,
    userPrincipalName: `${alias}@${domain}`,
    passwordProfile: { password: testUserPassword },
    ...extra,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body;
}

/** A security group made through Graph (mail nickname: the name's word characters); `extra` adds or overrides properties. */
export async function postGroup(graph: Graph, name: string, extra: Record<string, unknown> = {}): Promise<{ id: string } & Record<string, unknown>> {
  const created = await graph('POST', '/groups', { displayName: name, mailEnabled: false, mailNickname: name.replace(/\W/g, ''), securityEnabled: true, ...extra });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body;
}
