import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, storeKinds, type TestStore } from '../../../test/support/stores.js';
import { insertContact } from '../contacts/contact-repository.js';
import { newOrgContact } from '../contacts/org-contact.js';
import { softDeleteUser } from '../deleted-items/object-lifecycle.js';
import { DirectoryObjectNotFoundError, UnsupportedReferenceTypeError } from '../directory-errors.js';
import { insertGroup } from '../groups/group-repository.js';
import { newGroup } from '../groups/group.js';
import { insertServicePrincipal } from '../service-principals/service-principal-repository.js';
import { newServicePrincipal } from '../service-principals/service-principal.js';
import { insertUser } from '../users/user-repository.js';
import { newUser } from '../users/user.js';
import { resolveReferences, type LinkableType } from './object-lookup.js';

const ids = {
  user: '0000003a-1111-4222-8333-444444444444',
  group: '0000003b-1111-4222-8333-444444444444',
  contact: '0000003c-1111-4222-8333-444444444444',
  servicePrincipal: '0000003d-1111-4222-8333-444444444444',
  deletedUser: '0000003e-1111-4222-8333-444444444444',
  unknown: '0000003f-1111-4222-8333-444444444444',
};
const every: LinkableType[] = ['user', 'group', 'orgContact', 'servicePrincipal'];

describe.each(storeKinds)('reference resolution (%s)', (kind) => {
  let t: TestStore;
  const resolve = (targets: string[], accepted = every) => resolveReferences(t.store.db, targets, 'members', accepted);

  beforeAll(async () => {
    t = await createTestStore(kind);
    await t.store.db.transaction().execute(async (trx) => {
      const links = { managerId: null, passwordHash: null };
      const deleted = newUser({ id: ids.deletedUser, userPrincipalName: 'gone@contoso.example' });
      await insertUser(trx, newUser({ id: ids.user, userPrincipalName: 'ada@contoso.example' }), links);
      await insertUser(trx, deleted, links);
      await softDeleteUser(trx, deleted);
      await insertGroup(trx, newGroup({ id: ids.group, mailNickname: 'sales', mailEnabled: false, securityEnabled: true }, 'contoso.example'));
      await insertContact(trx, newOrgContact({ id: ids.contact }), null);
      await insertServicePrincipal(trx, newServicePrincipal({ id: ids.servicePrincipal, appId: '0000003f-0000-4222-8333-444444444444', displayName: 'App' }));
    });
  });
  afterAll(async () => t.dispose());

  it('tells each target its kind, in the order given', async () => {
    expect(await resolve([ids.servicePrincipal, ids.contact, ids.group, ids.user, ids.group])).toEqual([
      { id: ids.servicePrincipal, type: 'servicePrincipal' },
      { id: ids.contact, type: 'orgContact' },
      { id: ids.group, type: 'group' },
      { id: ids.user, type: 'user' },
      { id: ids.group, type: 'group' },
    ]);
    expect(await resolve([])).toEqual([]);
  });

  it('refuses the first target that is not live (404) or of a kind the relation does not take (400)', async () => {
    await expect(resolve([ids.user, ids.unknown, ids.deletedUser])).rejects.toEqual(new DirectoryObjectNotFoundError(ids.unknown));
    await expect(resolve([ids.deletedUser])).rejects.toEqual(new DirectoryObjectNotFoundError(ids.deletedUser));
    await expect(resolve([ids.user, ids.contact, ids.unknown], ['user', 'group'])).rejects.toEqual(new UnsupportedReferenceTypeError('members', 'orgContact'));
  });
});
