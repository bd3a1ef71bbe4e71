import { describe, expect, it } from 'vitest';
import type { RecordedChange } from '../../directory/change-feed.js';
import { reduceChanges } from './directory-changes.js';

let seq = 0;
const change = (fields: Omit<RecordedChange, 'seq' | 'changedAt'>): RecordedChange => ({ seq: ++seq, changedAt: '2026-01-01T00:00:00Z', ...fields });

describe('reduceChanges', () => {
  it('reduces the feed to the objects, memberships and assignments a job evaluates again', () => {
    const reduced = reduceChanges(
      [
        change({ objectType: 'user', objectId: 'u1', changeType: 'updated', details: { properties: ['jobTitle'] } }),
        change({ objectType: 'user', objectId: 'u1', changeType: 'linked', details: { relation: 'manager', targetId: 'u2', targetType: 'user' } }),
        change({ objectType: 'group', objectId: 'g1', changeType: 'linked', details: { relation: 'members', targetId: 'u3', targetType: 'user' } }),
        change({ objectType: 'group', objectId: 'g1', changeType: 'linked', details: { relation: 'members', targetId: 'g2', targetType: 'group' } }),
        change({ objectType: 'group', objectId: 'g3', changeType: 'linked', details: { relation: 'owners', targetId: 'u4', targetType: 'user' } }),
        change({ objectType: 'group', objectId: 'g4', changeType: 'deleted' }),
        change({ objectType: 'appRoleAssignment', objectId: 'a1', changeType: 'created', details: { principalId: 'u5', resourceId: 'sp-1' } }),
        change({ objectType: 'appRoleAssignment', objectId: 'a2', changeType: 'deleted', details: { principalId: 'u6', resourceId: 'other-sp' } }),
        change({ objectType: 'servicePrincipal', objectId: 'sp-1', changeType: 'updated' }),
        change({ objectType: 'orgContact', objectId: 'c1', changeType: 'updated', details: { properties: ['mail'] } }),
      ],
      'sp-1',
    );
    expect([...reduced.objects]).toEqual([
      ['u1', 'User'],
      ['g1', 'Group'],
      ['u3', 'User'],
      ['g4', 'Group'],
      ['c1', 'Contact'],
    ]);
    expect(reduced.memberships).toEqual([
      { groupId: 'g1', memberId: 'u3' },
      { groupId: 'g1', memberId: 'g2' },
    ]);
    expect([...reduced.groupsLosingOrRegainingMembers]).toEqual(['g4']);
    expect([...reduced.assignedPrincipals]).toEqual(['u5']);
    expect(reduced.referenceDeltas).toBe(3);
  });
});
