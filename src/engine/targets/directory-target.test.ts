import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, storeKinds, type TestStore } from '../../../test/support/stores.js';
import { findSynchronizationTemplate } from '../../sync/templates/index.js';
import { JobLevelFailure, ObjectFailure } from '../engine-errors.js';
import { compileSchema } from '../mapping/compiled-mapping.js';
import { mapAttributes } from '../stages/map-attributes.js';
import { DirectoryTarget } from './directory-target.js';

const tenantDomain = 'contoso.onmicrosoft.com';
const syncTime = new Date('2025-06-01T12:00:00Z');
const schema = compileSchema('directory-target-test', findSynchronizationTemplate('AD2AADProvisioning')!.schema!, 'cloudSync');

/** GUID bytes as AD stores them (first three fields little-endian) and the base64 Entra shows. */
const guidBytes = (last: number) => Buffer.from(`33221100554477668899aabbccddee${last.toString(16).padStart(2, '0')}`, 'hex');
const guidBase64 = (last: number) => guidBytes(last).toString('base64');
const guidText = (last: number) => `00112233-4455-6677-8899-aabbccddee${last.toString(16).padStart(2, '0')}`;
const sidBytes = (rid: number) => {
  const subs = [21, 1004336348, 1177238915, 682003330, rid];
  const sid = Buffer.alloc(8 + 4 * subs.length);
  sid.writeUInt8(1, 0);
  sid.writeUInt8(subs.length, 1);
  sid.writeUIntBE(5, 2, 6);
  subs.forEach((value, index) => sid.writeUInt32LE(value, 8 + 4 * index));
  return sid;
};

/** What a cycle hands `create` for an AD object: the template's mappings evaluated, mapped paths without values as null. */
async function createBody(sourceObject: 'user' | 'group' | 'contact', ad: Record<string, unknown>): Promise<Map<string, unknown>> {
  const mapping = schema.objectMappings.get(sourceObject)!;
  const mapped = await mapAttributes(mapping.attributes, { attribute: (name) => ad[name], appRoleAssignments: [], now: () => syncTime }, 'create');
  const body = new Map<string, unknown>(mapped.mappedPaths.map((path) => [path, null]));
  for (const [path, value] of mapped.values) body.set(path, value);
  return body;
}

const failure = (code: string, message?: string | RegExp) => expect.objectContaining({ code, ...(message === undefined ? {} : { message: expect.stringMatching(message) }) });

describe.each(storeKinds)('DirectoryTarget (%s)', (kind) => {
  let store: TestStore;
  let target: DirectoryTarget;
  const db = () => store.store.db;
  const userRow = (id: string) => db().selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const userOf = async (id: string) => JSON.parse((await userRow(id)).data) as Record<string, unknown>;
  const groupOf = async (id: string) => JSON.parse((await db().selectFrom('groups').select('data').where('id', '=', id).executeTakeFirstOrThrow()).data) as Record<string, unknown>;
  const contactRow = (id: string) => db().selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirst();
  const changesOf = (id: string) => db().selectFrom('directory_changes').selectAll().where('object_id', '=', id).orderBy('seq').execute();
  const membersOf = async (groupId: string) =>
    (await db().selectFrom('group_members').select(['member_id', 'member_type']).where('group_id', '=', groupId).orderBy('member_id').execute()).map(
      (row) => `${row.member_type}:${row.member_id}`,
    );
  const createUser = async (last: number, extra: Record<string, unknown> = {}) =>
    target.create(
      'User',
      new Map<string, unknown>(Object.entries({ sourceAnchorBinary: guidBase64(last), displayName: `User ${last}`, onPremisesSamAccountName: `user${last}`, ...extra })),
    );

  beforeAll(async () => {
    store = await createTestStore(kind);
    target = new DirectoryTarget(db(), { tenantDomain, onPremisesDomainName: 'corp.contoso.com', now: () => syncTime });
  });
  afterAll(async () => store.dispose());

  it('creates a user from what the cloud sync mappings yield for an AD account', async () => {
    const body = await createBody('user', {
      objectGUID: guidBytes(1),
      objectSid: sidBytes(1105),
      userPrincipalName: 'ada@corp.contoso.local',
      userAccountControl: '512',
      cn: 'Ada Lovelace',
      displayName: 'Ada Lovelace',
      givenName: 'Ada',
      sn: 'Lovelace',
      sAMAccountName: 'ada',
      distinguishedName: 'CN=Ada Lovelace,OU=Staff,DC=corp,DC=contoso,DC=local',
      mail: 'ada@contoso.com',
      proxyAddresses: ['SMTP:ada@contoso.com', 'smtp:ada.lovelace@contoso.com'],
      telephoneNumber: '+1 555 0100',
      mobile: '+1 555 0101',
      physicalDeliveryOfficeName: 'Building 7',
      title: 'Engineer',
      department: 'R&D',
      company: 'Contoso',
      l: 'London',
      c: 'gb',
      co: 'United Kingdom',
      countryCode: '826',
      employeeID: 'E1001',
      extensionAttribute1: 'cost-center-42',
    });
    expect(body.get('sourceAnchorBinary')).toBe(guidBase64(1));
    expect(body.get('onPremisesSecurityIdentifier')).toBe(sidBytes(1105).toString('base64'));
    const created = await target.create('User', body);

    const row = await userRow(created.id);
    expect(row).toMatchObject({ on_premises_immutable_id: guidBase64(1), password_hash: null, account_enabled: 1, user_principal_name: `ada@${tenantDomain}` });
    expect(await userOf(created.id)).toMatchObject({
      userPrincipalName: `ada@${tenantDomain}`,
      onPremisesUserPrincipalName: 'ada@corp.contoso.local',
      onPremisesImmutableId: guidBase64(1),
      onPremisesSecurityIdentifier: 'S-1-5-21-1004336348-1177238915-682003330-1105',
      onPremisesSamAccountName: 'ada',
      onPremisesDistinguishedName: 'CN=Ada Lovelace,OU=Staff,DC=corp,DC=contoso,DC=local',
      onPremisesSyncEnabled: true,
      onPremisesLastSyncDateTime: '2025-06-01T12:00:00.000Z',
      onPremisesDomainName: 'corp.contoso.com',
      onPremisesExtensionAttributes: expect.objectContaining({ extensionAttribute1: 'cost-center-42', extensionAttribute2: null }),
      accountEnabled: true,
      displayName: 'Ada Lovelace',
      mailNickname: 'ada',
      mail: 'ada@contoso.com',
      proxyAddresses: ['SMTP:ada@contoso.com', 'smtp:ada.lovelace@contoso.com'],
      businessPhones: ['+1 555 0100'],
      mobilePhone: '+1 555 0101',
      officeLocation: 'Building 7',
      jobTitle: 'Engineer',
      usageLocation: 'GB',
      country: 'United Kingdom',
      employeeId: 'E1001',
      lastPasswordChangeDateTime: null,
    });
    expect((await changesOf(created.id)).map((change) => change.change_type)).toEqual(['created']);
    // Read back in the mapping's form, so a match that agrees sends nothing.
    expect(created.valueOf('sourceAnchorBinary')).toBe(guidBase64(1));
    expect(created.valueOf('onPremisesSecurityIdentifier')).toBe(sidBytes(1105).toString('base64'));
    expect(created.valueOf('telephoneNumber')).toBe('+1 555 0100');
    expect(created.valueOf('extensionAttribute1')).toBe('cost-center-42');
    expect(created.valueOf('commonName')).toBeUndefined();

    const disabled = await target.create('User', await createBody('user', { objectGUID: guidBytes(2), sAMAccountName: 'grace', cn: 'Grace', userAccountControl: '514' }));
    expect(await userOf(disabled.id)).toMatchObject({ accountEnabled: false, userPrincipalName: `grace@${tenantDomain}`, mailNickname: 'grace', displayName: 'Grace' });
  });

  it('takes the anchor as GUID text and derives a missing userPrincipalName and mailNickname as Entra does', async () => {
    const created = await target.create('User', new Map<string, unknown>([['sourceAnchorBinary', guidText(3)], ['onPremisesSamAccountName', 'jdoe'], ['userPrincipalName', null]]));
    expect(await userOf(created.id)).toMatchObject({ onPremisesImmutableId: guidBase64(3), userPrincipalName: `jdoe@${tenantDomain}`, mailNickname: 'jdoe' });
    const kept = await createUser(4, { userPrincipalName: `Kim@${tenantDomain.toUpperCase()}` });
    expect((await userOf(kept.id)).userPrincipalName).toBe(`Kim@${tenantDomain.toUpperCase()}`);
    await expect(target.create('User', new Map([['sourceAnchorBinary', guidBase64(5)]]))).rejects.toEqual(
      failure('MandatoryFieldsMissing', /^Property userPrincipalName value is required/),
    );
  });

  it('finds objects by anchor (hard match), userPrincipalName and mail (soft match) and other filterable attributes', async () => {
    const ada = (await target.find('User', 'sourceAnchorBinary', guidBase64(1)))[0]!;
    expect((await target.find('User', 'onPremisesImmutableId', guidText(1))).map((found) => found.id)).toEqual([ada.id]);
    expect((await target.find('User', 'userPrincipalName', 'ada@corp.contoso.local')).map((found) => found.id)).toEqual([ada.id]);
    expect((await target.find('User', 'mail', 'ADA@contoso.com')).map((found) => found.id)).toEqual([ada.id]);
    expect((await target.find('User', 'employeeId', 'E1001')).map((found) => found.id)).toEqual([ada.id]);
    expect((await target.find('User', 'extensionAttribute1', 'cost-center-42')).map((found) => found.id)).toEqual([ada.id]);
    expect((await target.find('User', 'telephoneNumber', '+1 555 0100')).map((found) => found.id)).toEqual([ada.id]);
    expect((await target.find('User', 'proxyAddresses', 'smtp:ada.lovelace@contoso.com')).map((found) => found.id)).toEqual([ada.id]);
    expect((await target.find('User', 'onPremisesSecurityIdentifier', sidBytes(1105).toString('base64'))).map((found) => found.id)).toEqual([ada.id]);
    expect(await target.find('User', 'sourceAnchorBinary', guidBase64(99))).toEqual([]);
    expect(await target.find('User', 'mailNickname', "o'brien")).toEqual([]);
    await expect(target.find('User', 'manager', ada.id)).rejects.toEqual(failure('SchemaAttributeNotFound'));
    await expect(target.probe('User', 'sourceAnchorBinary')).resolves.toBeUndefined();
    await expect(target.probe('Contact', 'mobile')).rejects.toBeInstanceOf(JobLevelFailure);
    await expect(target.find('Device', 'displayName', 'x')).rejects.toBeInstanceOf(JobLevelFailure);
    // Job-level: the advice is about the job's schema and this directory, not about another system's secrets.
    for (const attempt of [target.probe('Contact', 'mobile'), target.find('Device', 'displayName', 'x'), target.updateMembers('User', 'x', ['y'], [])]) {
      await expect(attempt).rejects.toEqual(
        expect.objectContaining({ code: 'InvalidSchema', recommendedAction: expect.stringMatching(/^Map only User, Group and Contact objects to the directory/) }),
      );
    }
  });

  it('updates only what changed, stamps the sync time, keeps the credential and links the manager', async () => {
    const ada = (await target.find('User', 'sourceAnchorBinary', guidBase64(1)))[0]!;
    const boss = await createUser(6);
    await db().updateTable('users').set({ password_hash: 'credential-from-password-hash-sync' }).where('id', '=', ada.id).execute();
    const later = new DirectoryTarget(db(), { tenantDomain, now: () => new Date('2025-06-02T08:00:00Z') });
    await later.update('User', ada.id, [
      { path: 'jobTitle', oldValue: 'Engineer', newValue: 'Principal Engineer' },
      { path: 'extensionAttribute2', oldValue: null, newValue: 'x2' },
      { path: 'telephoneNumber', oldValue: '+1 555 0100', newValue: null },
      { path: 'manager', oldValue: null, newValue: boss.id },
    ]);
    const user = await userOf(ada.id);
    expect(user).toMatchObject({
      jobTitle: 'Principal Engineer',
      businessPhones: [],
      onPremisesExtensionAttributes: expect.objectContaining({ extensionAttribute1: 'cost-center-42', extensionAttribute2: 'x2' }),
      onPremisesLastSyncDateTime: '2025-06-02T08:00:00.000Z',
      onPremisesDomainName: 'corp.contoso.com',
    });
    expect(await userRow(ada.id)).toMatchObject({ manager_id: boss.id, password_hash: 'credential-from-password-hash-sync' });
    const changes = await changesOf(ada.id);
    expect(changes.slice(1).map((change) => change.change_type)).toEqual(['updated', 'linked']);
    expect(JSON.parse(changes[1]!.details!).properties.sort()).toEqual(['businessPhones', 'jobTitle', 'onPremisesExtensionAttributes', 'onPremisesLastSyncDateTime']);

    // Nothing the directory holds changes: nothing is written.
    await later.update('User', ada.id, [{ path: 'commonName', oldValue: null, newValue: 'Ada L.' }]);
    expect(await changesOf(ada.id)).toHaveLength(changes.length);
    await later.update('User', ada.id, [{ path: 'manager', oldValue: boss.id, newValue: null }]);
    expect((await userRow(ada.id)).manager_id).toBeNull();
    await expect(target.update('User', '6e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b', [{ path: 'jobTitle', oldValue: null, newValue: 'x' }])).rejects.toEqual(
      failure('InvalidAnchor'),
    );
  });

  it('soft-deletes users and restores one whose anchor comes back, with its memberships', async () => {
    const user = await createUser(7, { userPrincipalName: `returner@${tenantDomain}` });
    const group = await target.create('Group', new Map<string, unknown>([['sourceAnchorBinary', guidBase64(70)], ['displayName', 'Returners'], ['mailNickname', 'returners']]));
    await target.updateMembers('Group', group.id, [user.id], []);
    await target.delete('User', user.id);
    expect(await userRow(user.id)).toMatchObject({ deleted_at: expect.any(String), user_principal_name: `${user.id.replace(/-/g, '')}returner@${tenantDomain}` });
    await target.delete('User', user.id);
    expect(await target.find('User', 'sourceAnchorBinary', guidBase64(7))).toEqual([]);

    const back = await createUser(7, { userPrincipalName: `returner@${tenantDomain}`, jobTitle: 'Back again' });
    expect(back.id).toBe(user.id);
    expect(await userRow(user.id)).toMatchObject({ deleted_at: null, user_principal_name: `returner@${tenantDomain}` });
    expect((await userOf(user.id)).jobTitle).toBe('Back again');
    expect(await membersOf(group.id)).toEqual([`user:${user.id}`]);
    expect((await changesOf(user.id)).map((change) => change.change_type)).toEqual(['created', 'deleted', 'restored', 'updated']);
  });

  it('creates groups with members: users, nested groups and contacts; membership changes are idempotent', async () => {
    const body = await createBody('group', {
      objectGUID: guidBytes(20),
      objectSid: sidBytes(3101),
      cn: 'Engineering',
      sAMAccountName: 'Engineering',
      description: 'All engineers',
      groupType: '-2147483646',
      member: ['ignored: references flow later'],
    });
    const engineering = await target.create('Group', body);
    expect(await groupOf(engineering.id)).toMatchObject({
      displayName: 'Engineering',
      mailNickname: 'Engineering',
      description: 'All engineers',
      securityEnabled: true,
      mailEnabled: false,
      onPremisesSamAccountName: 'Engineering',
      onPremisesSecurityIdentifier: 'S-1-5-21-1004336348-1177238915-682003330-3101',
      onPremisesSyncEnabled: true,
      onPremisesDomainName: 'corp.contoso.com',
    });
    expect(engineering.valueOf('sourceAnchorBinary')).toBe(guidBase64(20));
    const distribution = await target.create(
      'Group',
      await createBody('group', { objectGUID: guidBytes(21), cn: 'All Staff', mailNickname: 'allstaff', mail: 'allstaff@contoso.com', proxyAddresses: ['SMTP:allstaff@contoso.com'], groupType: '8' }),
    );
    expect(await groupOf(distribution.id)).toMatchObject({ securityEnabled: false, mailEnabled: true, mail: 'allstaff@contoso.com' });
    expect((await target.find('Group', 'sourceAnchorBinary', guidText(21))).map((found) => found.id)).toEqual([distribution.id]);
    expect((await target.find('Group', 'mail', 'allstaff@contoso.com')).map((found) => found.id)).toEqual([distribution.id]);

    const member = await createUser(22);
    const contact = await target.create('Contact', await createBody('contact', { objectGUID: guidBytes(23), cn: 'Partner', mail: 'partner@fabrikam.com' }));
    await target.updateMembers('Group', distribution.id, [member.id, engineering.id, contact.id], []);
    await target.updateMembers('Group', distribution.id, [member.id], []);
    expect(await membersOf(distribution.id)).toEqual(
      [`user:${member.id}`, `group:${engineering.id}`, `orgContact:${contact.id}`].sort((a, b) => a.split(':')[1]!.localeCompare(b.split(':')[1]!)),
    );
    await expect(target.updateMembers('Group', engineering.id, [distribution.id], [])).rejects.toEqual(failure('BadRequest', /circular membership/));
    await target.updateMembers('Group', distribution.id, [], [member.id, '6e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b']);
    expect(await membersOf(distribution.id)).not.toContain(`user:${member.id}`);
    await expect(target.updateMembers('Group', distribution.id, ['6e1f2a3b-4c5d-4e6f-8a9b-0c1d2e3f4a5b'], [])).rejects.toEqual(failure('InvalidAnchor'));
    const linkChanges = (await changesOf(distribution.id)).filter((change) => change.change_type !== 'created');
    expect(linkChanges.map((change) => change.change_type)).toEqual(['linked', 'linked', 'linked', 'unlinked']);

    await target.delete('Group', engineering.id);
    expect(await membersOf(distribution.id)).toContain(`group:${engineering.id}`);
    const restored = await target.create('Group', body);
    expect(restored.id).toBe(engineering.id);
    expect((await db().selectFrom('groups').select('deleted_at').where('id', '=', engineering.id).executeTakeFirstOrThrow()).deleted_at).toBeNull();
  });

  it('creates, updates and deletes contacts for good', async () => {
    const contact = await target.create(
      'Contact',
      await createBody('contact', {
        objectGUID: guidBytes(30),
        cn: 'Bob Vendor',
        givenName: 'Bob',
        sn: 'Vendor',
        mail: 'bob@vendor.example',
        proxyAddresses: ['SMTP:bob@vendor.example'],
        telephoneNumber: '+1 555 0300',
        mobile: '+1 555 0301',
        company: 'Vendor Inc',
      }),
    );
    const row = await contactRow(contact.id);
    expect(row).toMatchObject({ source_anchor: guidBase64(30), mail_lower: 'bob@vendor.example' });
    expect(JSON.parse(row!.data)).toMatchObject({
      displayName: 'Bob Vendor',
      companyName: 'Vendor Inc',
      phones: [
        { type: 'business', number: '+1 555 0300' },
        { type: 'mobile', number: '+1 555 0301' },
      ],
      onPremisesSyncEnabled: true,
      onPremisesLastSyncDateTime: '2025-06-01T12:00:00.000Z',
    });
    expect(JSON.parse(row!.data).onPremisesDomainName).toBeUndefined();
    expect((await target.find('Contact', 'sourceAnchorBinary', guidBase64(30))).map((found) => found.id)).toEqual([contact.id]);
    expect(contact.valueOf('mobile')).toBe('+1 555 0301');

    await target.update('Contact', contact.id, [{ path: 'mobile', oldValue: '+1 555 0301', newValue: '+1 555 0399' }]);
    expect(JSON.parse((await contactRow(contact.id))!.data).phones).toEqual([
      { type: 'business', number: '+1 555 0300' },
      { type: 'mobile', number: '+1 555 0399' },
    ]);
    const group = await target.create('Group', new Map<string, unknown>([['displayName', 'Vendors'], ['mailNickname', 'vendors']]));
    await target.updateMembers('Group', group.id, [contact.id], []);
    await target.delete('Contact', contact.id);
    await target.delete('Contact', contact.id);
    expect(await contactRow(contact.id)).toBeUndefined();
    expect(await membersOf(group.id)).toEqual([]);
    expect((await changesOf(contact.id)).map((change) => change.change_type)).toEqual(['created', 'updated', 'purged']);
  });

  it('reports constraint problems and invalid values as object failures with Graph messages', async () => {
    await expect(createUser(40, { userPrincipalName: `ada@${tenantDomain}` })).rejects.toEqual(
      failure('Conflict', /^Another object with the same value for property userPrincipalName already exists\.$/),
    );
    await expect(createUser(1, { userPrincipalName: `twin@${tenantDomain}` })).rejects.toEqual(failure('Conflict', /property onPremisesImmutableId/));
    await expect(target.create('Contact', new Map<string, unknown>([['mail', 'ada@contoso.com'], ['displayName', 'Clash']]))).rejects.toEqual(
      failure('Conflict', /property proxyAddresses/),
    );
    // A group's address (the distribution group above) and a contact's (the partner) count too.
    await expect(target.create('Contact', new Map<string, unknown>([['mail', 'allstaff@contoso.com'], ['displayName', 'Clash']]))).rejects.toEqual(
      failure('Conflict', /property proxyAddresses/),
    );
    await expect(createUser(39, { mail: 'Partner@fabrikam.com' })).rejects.toEqual(failure('Conflict', /property proxyAddresses/));
    await expect(createUser(41, { usageLocation: 'Germany' })).rejects.toEqual(
      failure('BadRequest', /^Invalid value specified for property 'usageLocation' of resource 'User'\.$/),
    );
    await expect(createUser(42, { userPrincipalName: 'bad name@contoso.com' })).rejects.toEqual(failure('AzureActiveDirectoryInvalidUserPrincipalName'));
    await expect(createUser(43, { employeeId: 'E'.repeat(17) })).rejects.toEqual(failure('BadRequest', /'employeeId'/));
    await expect(createUser(44, { jobTitle: ['a', 'b'] })).rejects.toEqual(failure('SchemaPropertyCanOnlyAcceptValue'));
    await expect(createUser(45, { favouriteColour: 'blue' })).rejects.toEqual(failure('SchemaAttributeNotFound', /no attribute 'favouriteColour' for User/));
    await expect(createUser(46, { 'passwordProfile.password': 'Secret!234' })).rejects.toEqual(failure('SchemaAttributeNotFound', /no cloud password/));
    await expect(createUser(47, { onPremisesImmutableId: guidBase64(48) })).rejects.toEqual(failure('BadRequest', /different source anchors/));
    await expect(target.create('Group', new Map<string, unknown>([['displayName', 'No nickname']]))).rejects.toEqual(failure('MandatoryFieldsMissing'));
    const thrown = await createUser(49, { usageLocation: 'Germany' }).catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(ObjectFailure);
    expect(thrown).toMatchObject({ retryable: false, nonServiceFailure: true });
    // A failed create leaves nothing behind.
    expect(await target.find('User', 'sourceAnchorBinary', guidBase64(49))).toEqual([]);
  });
});
