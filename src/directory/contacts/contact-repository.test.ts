import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeKinds, createTestStore, type TestStore } from '../../../test/support/stores.js';
import { currentWatermark, readChanges } from '../change-feed.js';
import { DuplicatePropertyValueError } from '../directory-errors.js';
import { softDeleteGroup } from '../deleted-items/object-lifecycle.js';
import { insertGroup } from '../groups/group-repository.js';
import { newGroup } from '../groups/group.js';
import { addGroupLinks } from '../links/membership-repository.js';
import { deleteContact, findContact, insertContact } from './contact-repository.js';
import { newOrgContact } from './org-contact.js';

const contactId = '0000000a-1111-4222-8333-444444444444';
const liveGroupId = '0000000b-1111-4222-8333-444444444444';
const deletedGroupId = '0000000c-1111-4222-8333-444444444444';

describe.each(storeKinds)('contact repository (%s)', (kind) => {
  let t: TestStore;
  beforeAll(async () => {
    t = await createTestStore(kind);
  });
  afterAll(async () => t.dispose());

  it('keeps source anchors unique and deletes a contact for good, unlinking it from live groups only', async () => {
    const { db } = t.store;
    await db.transaction().execute(async (trx) => {
      await insertContact(trx, newOrgContact({ id: contactId, displayName: 'Ada Partner' }), 'anchor-a');
      for (const id of [liveGroupId, deletedGroupId]) {
        await insertGroup(trx, newGroup({ id, mailNickname: id.slice(0, 8), mailEnabled: false, securityEnabled: true }, 'contoso.example'));
        await addGroupLinks(trx, id, 'members', [{ id: contactId, type: 'orgContact' }]);
      }
    });
    const clash = newOrgContact({ id: '0000000d-1111-4222-8333-444444444444' });
    await expect(db.transaction().execute((trx) => insertContact(trx, clash, 'anchor-a'))).rejects.toThrow(DuplicatePropertyValueError);
    const deletedGroup = newGroup({ id: deletedGroupId, mailNickname: 'deleted', mailEnabled: false, securityEnabled: true }, 'contoso.example');
    await db.transaction().execute((trx) => softDeleteGroup(trx, deletedGroup));

    const before = await currentWatermark(db);
    await db.transaction().execute((trx) => deleteContact(trx, contactId));

    expect(await findContact(db, contactId)).toBeUndefined();
    expect(await db.selectFrom('group_members').select('group_id').where('member_id', '=', contactId).execute()).toEqual([]);
    const { changes } = await readChanges(db, before, 10);
    expect(changes.map(({ objectType, objectId, changeType, details }) => ({ objectType, objectId, changeType, details }))).toEqual([
      { objectType: 'group', objectId: liveGroupId, changeType: 'unlinked', details: { relation: 'members', targetId: contactId, targetType: 'orgContact' } },
      { objectType: 'orgContact', objectId: contactId, changeType: 'purged', details: undefined },
    ]);
  });
});
