import { describe, expect, it } from 'vitest';
import { readDirSyncEntry } from './dirsync-entries.js';
import { LdapEntry } from './ldap-entry.js';

const guid = Buffer.from('2beb98e557113045aed45885fa95737f', 'hex');

describe('readDirSyncEntry', () => {
  it('reads a tombstone as a deletion with the DN before deletion (as Samba returned it)', () => {
    const entry = new LdapEntry('CN=u1\\0ADEL:e598eb2b-1157-4530-aed4-5885fa95737f,CN=Deleted Objects,DC=example,DC=test', [
      ['name', ['u1\nDEL:e598eb2b-1157-4530-aed4-5885fa95737f']],
      ['lastKnownParent', ['<GUID=6afff323-a3a6-4dd8-9c2b-92a9601d898d>;CN=Users,DC=example,DC=test']],
      ['isDeleted', ['TRUE']],
      ['objectGUID', [guid]],
      ['instanceType', ['4']],
    ]);
    expect(readDirSyncEntry(entry)).toEqual({ kind: 'deleted', guid, dn: 'CN=u1,CN=Users,DC=example,DC=test' });
  });

  it('reads incremental member values: range=1-1 added, range=0-0 removed', () => {
    const entry = new LdapEntry('CN=g1,CN=Users,DC=example,DC=test', [
      ['member;range=0-0', ['CN=u1,CN=Users,DC=example,DC=test']],
      ['member;range=1-1', ['CN=u3,CN=Users,DC=example,DC=test', 'CN=u4,CN=Users,DC=example,DC=test']],
      ['objectGUID', [guid]],
    ]);
    expect(readDirSyncEntry(entry)).toEqual({
      kind: 'changed',
      guid,
      dn: 'CN=g1,CN=Users,DC=example,DC=test',
      valueDeltas: [
        { attribute: 'member', added: ['CN=u3,CN=Users,DC=example,DC=test', 'CN=u4,CN=Users,DC=example,DC=test'], removed: ['CN=u1,CN=Users,DC=example,DC=test'] },
      ],
    });
  });

  it('skips entries without a usable objectGUID', () => {
    expect(readDirSyncEntry(new LdapEntry('CN=x', [['name', ['x']]]))).toBeUndefined();
  });
});
