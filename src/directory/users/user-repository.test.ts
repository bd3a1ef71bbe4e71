import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, storeKinds, type TestStore } from '../../../test/support/stores.js';
import { softDeleteUser } from '../deleted-items/object-lifecycle.js';
import { DuplicatePropertyValueError } from '../directory-errors.js';
import { insertUser, updateUser } from './user-repository.js';
import { newUser, type User } from './user.js';

const domain = 'contoso.example';
const links = { managerId: null, passwordHash: null };
const ada = newUser({ id: '0000002a-1111-4222-8333-444444444444', userPrincipalName: `Ada@${domain}`, onPremisesImmutableId: 'YWRh' });
const gone = newUser({ id: '0000002b-1111-4222-8333-444444444444', userPrincipalName: `gone@${domain}`, onPremisesImmutableId: 'Z29uZQ==' });

describe.each(storeKinds)('user uniqueness (%s)', (kind) => {
  let t: TestStore;
  const insert = (user: User) => t.store.db.transaction().execute((trx) => insertUser(trx, user, links));
  const clash = (property: string) => expect.objectContaining({ constructor: DuplicatePropertyValueError, property });

  beforeAll(async () => {
    t = await createTestStore(kind);
    await insert(ada);
    await insert(gone);
    await t.store.db.transaction().execute((trx) => softDeleteUser(trx, gone));
  });
  afterAll(async () => t.dispose());

  it('names the property a live user already holds: userPrincipalName (in any case) before onPremisesImmutableId', async () => {
    const id = '0000002c-1111-4222-8333-444444444444';
    await expect(insert(newUser({ id, userPrincipalName: `ADA@${domain}` }))).rejects.toEqual(clash('userPrincipalName'));
    await expect(insert(newUser({ id, userPrincipalName: `grace@${domain}`, onPremisesImmutableId: 'YWRh' }))).rejects.toEqual(clash('onPremisesImmutableId'));
    await expect(insert(newUser({ id, userPrincipalName: `ada@${domain}`, onPremisesImmutableId: 'YWRh' }))).rejects.toEqual(clash('userPrincipalName'));
  });

  it("takes a deleted user's values, and a user's own on update", async () => {
    const grace = newUser({ id: '0000002d-1111-4222-8333-444444444444', userPrincipalName: `gone@${domain}`, onPremisesImmutableId: 'Z29uZQ==' });
    await insert(grace);
    await t.store.db.transaction().execute((trx) => updateUser(trx, { ...ada, displayName: 'Ada' }, ['displayName']));
    await expect(t.store.db.transaction().execute((trx) => updateUser(trx, { ...grace, userPrincipalName: `ada@${domain}` }, ['userPrincipalName']))).rejects.toEqual(
      clash('userPrincipalName'),
    );
  });
});
