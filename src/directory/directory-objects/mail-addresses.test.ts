import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, storeKinds, type TestStore } from '../../../test/support/stores.js';
import { insertContact } from '../contacts/contact-repository.js';
import { newOrgContact } from '../contacts/org-contact.js';
import { softDeleteGroup, softDeleteUser } from '../deleted-items/object-lifecycle.js';
import { DuplicatePropertyValueError } from '../directory-errors.js';
import { insertGroup } from '../groups/group-repository.js';
import { newGroup } from '../groups/group.js';
import { insertUser } from '../users/user-repository.js';
import { newUser } from '../users/user.js';
import { assertFreeSmtpAddresses } from './mail-addresses.js';

const domain = 'contoso.example';
const ids = {
  user: '0000001a-1111-4222-8333-444444444444',
  group: '0000001b-1111-4222-8333-444444444444',
  contact: '0000001c-1111-4222-8333-444444444444',
  deletedUser: '0000001d-1111-4222-8333-444444444444',
  deletedGroup: '0000001e-1111-4222-8333-444444444444',
  newcomer: '0000001f-1111-4222-8333-444444444444',
};

describe.each(storeKinds)('SMTP address uniqueness (%s)', (kind) => {
  let t: TestStore;
  const check = (objectId: string, addresses: string[]) => t.store.db.transaction().execute((trx) => assertFreeSmtpAddresses(trx, objectId, addresses));

  beforeAll(async () => {
    t = await createTestStore(kind);
    await t.store.db.transaction().execute(async (trx) => {
      const links = { managerId: null, passwordHash: null };
      const deletedUser = newUser({ id: ids.deletedUser, userPrincipalName: `gone@${domain}`, mail: 'gone.user@partner.example' });
      await insertUser(trx, newUser({ id: ids.user, userPrincipalName: `ada@${domain}`, mail: 'ada@partner.example' }), links);
      await insertUser(trx, deletedUser, links);
      await softDeleteUser(trx, deletedUser);
      const deletedGroup = newGroup({ id: ids.deletedGroup, mailNickname: 'gone', mail: 'gone.group@partner.example', mailEnabled: true, securityEnabled: false }, domain);
      await insertGroup(trx, newGroup({ id: ids.group, mailNickname: 'sales', mail: 'sales@partner.example', mailEnabled: true, securityEnabled: false }, domain));
      await insertGroup(trx, deletedGroup);
      await softDeleteGroup(trx, deletedGroup);
      await insertContact(trx, newOrgContact({ id: ids.contact, mail: 'bob@partner.example' }), null);
    });
  });
  afterAll(async () => t.dispose());

  it("refuses an address another live user, group or contact has as mail, in any case, and not the object's own", async () => {
    for (const taken of ['ada@partner.example', 'SALES@partner.example', 'bob@partner.example']) {
      await expect(check(ids.newcomer, ['free@partner.example', taken.toLowerCase()])).rejects.toThrow(DuplicatePropertyValueError);
    }
    await expect(check(ids.newcomer, ['sales@partner.example'])).rejects.toThrow('Another object with the same value for property proxyAddresses already exists.');
    await check(ids.user, ['ada@partner.example']);
    await check(ids.group, ['sales@partner.example']);
    await check(ids.contact, ['bob@partner.example']);
    await check(ids.newcomer, ['free@partner.example']);
    await check(ids.newcomer, []);
  });

  it('frees the addresses of users and groups in deleted items', async () => {
    await check(ids.newcomer, ['gone.user@partner.example', 'gone.group@partner.example']);
  });
});
