import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphPermissions, microsoftGraphAppId } from '../../src/auth/permissions.js';
import { graphClient } from '../support/graph-inject.js';
import { storeKinds } from '../support/stores.js';
import { startTestService, type TestService } from '../support/test-service.js';

describe.each(storeKinds)('app registrations, secrets and permission grants (%s)', (kind) => {
  let t: TestService;
  let graph: ReturnType<typeof graphClient>;
  beforeAll(async () => {
    t = await startTestService(kind);
    graph = graphClient(t, 'v1.0');
  });
  afterAll(async () => t.dispose());

  const token = async (clientId: string, clientSecret: string) =>
    t.service.app.inject({
      method: 'POST',
      url: `/${t.tenantId}/oauth2/v2.0/token`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, scope: 'https://graph.microsoft.com/.default' }).toString(),
    });

  it('registers an app, gives it a secret and a permission by app role assignment, and the token follows', async () => {
    const created = await graph('POST', '/applications', { displayName: 'Provisioning script' });
    expect(created.status).toBe(201);
    const { id: applicationId, appId } = created.body;
    const sp = await graph('POST', '/servicePrincipals', { appId });
    expect(sp.status).toBe(201);

    const password = await graph('POST', `/applications/${applicationId}/addPassword`, { passwordCredential: { displayName: 'ci' } });
    expect(password.status).toBe(200);
    expect(password.body.secretText).toHaveLength(40);
    const listed = await graph('GET', `/applications/${applicationId}`);
    expect(listed.body.passwordCredentials).toEqual([expect.objectContaining({ keyId: password.body.keyId, secretText: null, displayName: 'ci' })]);

    const noRoles = await token(appId, password.body.secretText);
    expect(noRoles.statusCode).toBe(200);
    expect(decodeJwt(noRoles.json().access_token).roles).toEqual([]);
    const denied = await t.service.app.inject({ url: '/v1.0/servicePrincipals', headers: { authorization: `Bearer ${noRoles.json().access_token}` } });
    expect(denied.statusCode).toBe(403);

    const graphSp = await graph('GET', `/servicePrincipals?$filter=appId eq '${microsoftGraphAppId}'`);
    const resourceId = graphSp.body.value[0].id;
    const grant = await graph('POST', `/servicePrincipals/${sp.body.id}/appRoleAssignments`, {
      principalId: sp.body.id,
      resourceId,
      appRoleId: graphPermissions['Application.Read.All'],
    });
    expect(grant.status).toBe(201);
    expect(grant.body).toMatchObject({ principalType: 'ServicePrincipal', resourceDisplayName: 'Microsoft Graph' });
    const again = await graph('POST', `/servicePrincipals/${sp.body.id}/appRoleAssignments`, {
      principalId: sp.body.id,
      resourceId,
      appRoleId: graphPermissions['Application.Read.All'],
    });
    expect(again.status).toBe(400);

    const granted = await token(appId, password.body.secretText);
    const grantedToken = granted.json().access_token;
    expect(decodeJwt(grantedToken).roles).toEqual(['Application.Read.All']);
    expect((await t.service.app.inject({ url: '/v1.0/servicePrincipals', headers: { authorization: `Bearer ${grantedToken}` } })).statusCode).toBe(200);

    const assignedTo = await graph('GET', `/servicePrincipals/${resourceId}/appRoleAssignedTo?$filter=principalId eq '${sp.body.id}'`);
    expect(assignedTo.body.value).toHaveLength(1);

    expect((await graph('DELETE', `/servicePrincipals/${sp.body.id}/appRoleAssignments/${grant.body.id}`)).status).toBe(204);
    expect(decodeJwt((await token(appId, password.body.secretText)).json().access_token).roles).toEqual([]);

    expect((await graph('POST', `/applications/${applicationId}/removePassword`, { keyId: password.body.keyId })).status).toBe(204);
    expect((await token(appId, password.body.secretText)).statusCode).toBe(401);
  });

  it('assigns users and groups to an app, which appRoleAssignedTo lists as its provisioning scope', async () => {
    const app = await graph('POST', '/applicationTemplates/8adf8e6e-67b2-4cf2-a259-e3dc5476c621/instantiate', { displayName: 'Scoped app' });
    const spId = app.body.servicePrincipal.id;
    const user = await graph('POST', '/users', {
      accountEnabled: true,
      displayName: 'Scoped User',
      mailNickname: 'scoped',
      userPrincipalName: 'scoped@provisio.onmicrosoft.com',
      passwordProfile: { password: 'Scoped-Passw0rd!' },
    });
    const group = await graph('POST', '/groups', { displayName: 'Scoped Group', mailEnabled: false, mailNickname: 'scopedgroup', securityEnabled: true });
    const defaultAccess = '00000000-0000-0000-0000-000000000000';
    const assigned = await graph('POST', `/users/${user.body.id}/appRoleAssignments`, { principalId: user.body.id, resourceId: spId, appRoleId: defaultAccess });
    expect(assigned.status).toBe(201);
    expect(assigned.body).toMatchObject({ principalType: 'User', principalDisplayName: 'Scoped User', resourceId: spId });
    const groupAssigned = await graph('POST', `/servicePrincipals/${spId}/appRoleAssignedTo`, { principalId: group.body.id, resourceId: spId, appRoleId: defaultAccess });
    expect(groupAssigned.status).toBe(201);
    const scope = await graph('GET', `/servicePrincipals/${spId}/appRoleAssignedTo`);
    expect(scope.body.value.map((a: { principalType: string }) => a.principalType).sort()).toEqual(['Group', 'User']);
    expect((await graph('GET', `/groups/${group.body.id}/appRoleAssignments`)).body.value).toHaveLength(1);
    expect((await graph('DELETE', `/users/${user.body.id}/appRoleAssignments/${assigned.body.id}`)).status).toBe(204);
    expect((await graph('GET', `/servicePrincipals/${spId}/appRoleAssignedTo`)).body.value).toHaveLength(1);
  });

  it('refuses unknown properties, unknown roles and missing objects with Graph errors', async () => {
    const unknown = await graph('POST', '/applications', { displayName: 'x', colour: 'blue' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toBe("Property 'colour' does not exist as a declared property or extension property.");
    const created = await graph('POST', '/applications', { displayName: 'Second' });
    const sp = await graph('POST', '/servicePrincipals', { appId: created.body.appId });
    expect((await graph('POST', '/servicePrincipals', { appId: created.body.appId })).status).toBe(409);
    const badRole = await graph('POST', `/servicePrincipals/${sp.body.id}/appRoleAssignments`, {
      principalId: sp.body.id,
      resourceId: sp.body.id,
      appRoleId: '11111111-1111-1111-1111-111111111111',
    });
    expect(badRole.status).toBe(400);
    expect((await graph('GET', '/applications/00000000-0000-0000-0000-000000000001')).status).toBe(404);
    const byAppId = await graph('GET', "/servicePrincipals(appId='00000000-0000-0000-0000-00000000beef')");
    expect(byAppId.status).toBe(404);
    expect(byAppId.body.error.message).toMatch(/^Resource '00000000-0000-0000-0000-00000000beef' does not exist/);
    expect((await graph('POST', `/applications/${created.body.id}/removePassword`, { keyId: 'nope' })).status).toBe(400);
    expect((await graph('DELETE', `/applications/${created.body.id}`)).status).toBe(204);
    expect((await graph('GET', `/servicePrincipals/${sp.body.id}`)).status).toBe(404);
  });
  it('pages service principals served as stored, with and without $select, $orderby and $count', async () => {
    for (const name of ['Paging A', 'Paging B', 'Paging C']) {
      const app = await graph('POST', '/applications', { displayName: name });
      expect((await graph('POST', '/servicePrincipals', { appId: app.body.appId })).status).toBe(201);
    }
    const walk = async (first: string) => {
      const pages: Record<string, unknown>[][] = [];
      let next: string | undefined = first;
      while (next) {
        const page = await graph('GET', next);
        expect(page.status, JSON.stringify(page.body)).toBe(200);
        expect(page.headers['content-type']).toMatch(/^application\/json/);
        pages.push(page.body.value);
        const link: string | undefined = page.body['@odata.nextLink'];
        next = link === undefined ? undefined : link.slice(link.indexOf('/v1.0/') + 5);
      }
      return pages;
    };
    const all = (await graph('GET', '/servicePrincipals')).body;
    expect(Object.keys(all)).toEqual(['@odata.context', 'value']);
    const ids = all.value.map((sp: { id: string }) => sp.id);
    expect(ids.length).toBeGreaterThanOrEqual(4);
    const { '@odata.context': _context, ...single } = (await graph('GET', `/servicePrincipals/${ids[0]}`)).body;
    expect(all.value[0]).toEqual(single);

    const byOne = await walk('/servicePrincipals?$top=1');
    expect(byOne.every((page) => page.length === 1)).toBe(true);
    expect(byOne.flat()).toEqual(all.value);

    const selected = await walk('/servicePrincipals?$top=2&$select=displayName');
    expect(selected.flat().map((sp) => Object.keys(sp).sort())).toEqual(ids.map(() => ['displayName', 'id']));

    const ordered = await walk('/servicePrincipals?$top=2&$orderby=displayName');
    const names = ordered.flat().map((sp) => sp.displayName as string);
    expect(names).toHaveLength(ids.length);
    expect(names.filter((name) => name.startsWith('Paging'))).toEqual(['Paging A', 'Paging B', 'Paging C']);

    const counted = await graph('GET', '/servicePrincipals?$top=1&$count=true', undefined, { ConsistencyLevel: 'eventual' });
    expect(Object.keys(counted.body)).toEqual(['@odata.context', '@odata.count', '@odata.nextLink', 'value']);
    expect(counted.body['@odata.count']).toBe(ids.length);
  });
});
