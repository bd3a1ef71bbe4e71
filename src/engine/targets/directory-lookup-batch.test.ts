import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore, storeKinds, type TestStore } from '../../../test/support/stores.js';
import { liveWithAnchor } from '../../directory/directory-objects/source-anchors.js';
import { insertGroup } from '../../directory/groups/group-repository.js';
import { newGroup } from '../../directory/groups/group.js';
import { insertUser } from '../../directory/users/user-repository.js';
import { newUser } from '../../directory/users/user.js';
import type { Database } from '../../store/database.js';
import { DirectoryLookupBatch } from './directory-lookup-batch.js';
import type { LookupQuery } from './directory-lookup.js';

const userIds = ['0000004a-1111-4222-8333-444444444444', '0000004b-1111-4222-8333-444444444444', '0000004c-1111-4222-8333-444444444444'];
const groupId = '0000004d-1111-4222-8333-444444444444';

describe.each(storeKinds)('DirectoryLookupBatch (%s)', (kind) => {
  let store: TestStore;
  let db: Kysely<Database>;
  let statements = 0;

  beforeAll(async () => {
    store = await createTestStore(kind);
      db = store.store.db.withPlugin({
      transformQuery: (args) => args.node,
      transformResult: async (args) => {
        statements += 1;
        return args.result;
      },
    });
    await db.transaction().execute(async (trx) => {
      for (const [index, id] of userIds.entries()) {
        await insertUser(trx, newUser({ id, userPrincipalName: `user${index}@contoso.example`, onPremisesImmutableId: `anchor-${index}` }), {
          managerId: null,
          passwordHash: null,
        });
      }
      await insertGroup(trx, newGroup({ id: groupId, mailNickname: 'sales', mailEnabled: false, securityEnabled: true }, 'contoso.example'));
      await trx.updateTable('groups').set({ source_anchor: 'group-anchor' }).where('id', '=', groupId).execute();
    });
  });
  afterAll(async () => store?.dispose());

  /** Every live user, up to a limit. */
  const liveUsers = (limit: number): LookupQuery => db.selectFrom('users').select('id').where('deleted_at', 'is', null).limit(limit);

  it('answers concurrent lookups in one statement, each with its own matches and limit', async () => {
    const batch = new DirectoryLookupBatch(db);
    statements = 0;
    const found = await Promise.all([
      batch.run(liveWithAnchor(db, 'users', 'anchor-1')),
      batch.run(liveWithAnchor(db, 'groups', 'group-anchor')),
      batch.run(liveWithAnchor(db, 'users', 'no-such-anchor')),
      batch.run(liveUsers(2)),
      batch.run(liveWithAnchor(db, 'users', 'anchor-2')),
    ]);
    expect(statements).toBe(1);
    expect(found[0]).toEqual([userIds[1]]);
    expect(found[1]).toEqual([groupId]);
    expect(found[2]).toEqual([]);
    expect(found[3]).toHaveLength(2);
    expect(userIds).toEqual(expect.arrayContaining(found[3]!));
    expect(found[4]).toEqual([userIds[2]]);
    // Lookups made while one runs are answered by the next statement.
    const later = batch.run(liveWithAnchor(db, 'users', 'anchor-0'));
    expect(await later).toEqual([userIds[0]]);
    expect(statements).toBe(2);
  });

  it('fails every lookup of a statement that fails, and answers the next ones', async () => {
    const batch = new DirectoryLookupBatch(db);
    const broken = db.selectFrom('no_such_table' as 'users').select('id') as LookupQuery;
    const results = await Promise.allSettled([batch.run(liveWithAnchor(db, 'users', 'anchor-0')), batch.run(broken)]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(await batch.run(liveWithAnchor(db, 'users', 'anchor-0'))).toEqual([userIds[0]]);
  });
});
