import { describe, expect, it } from 'vitest';
import { adContactMappings, adGroupMappings, adUserMappings } from '../../sync/templates/catalog/cloud-sync-mappings.js';
import { cloudSyncTargetDirectory } from '../../sync/templates/catalog/cloud-sync-directories.js';
import { attributeRule, type DirectoryObjectType } from './directory-attributes.js';

/** Attributes the engine computes or resolves itself: never written as values. */
const engineOwned = new Set(['objectId', 'IsSoftDeleted', 'appRoleAssignments', 'members']);

describe('the directory attribute table', () => {
  it('has a rule for every attribute of the cloud sync target schema', () => {
    const missing: string[] = [];
    for (const object of cloudSyncTargetDirectory().objects) {
      for (const attribute of object.attributes) {
        if (engineOwned.has(attribute.name)) continue;
        if (attributeRule(object.name as DirectoryObjectType, attribute.name) === undefined) missing.push(`${object.name}.${attribute.name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('takes every default cloud sync mapping', () => {
    const mappings: [DirectoryObjectType, readonly { targetAttributeName: string }[]][] = [
      ['User', adUserMappings],
      ['Group', adGroupMappings],
      ['Contact', adContactMappings],
    ];
    for (const [type, list] of mappings) {
      for (const { targetAttributeName } of list) {
        if (engineOwned.has(targetAttributeName)) continue;
        expect(attributeRule(type, targetAttributeName)?.location.kind, `${type}.${targetAttributeName}`).not.toBe('refused');
        expect(attributeRule(type, targetAttributeName), `${type}.${targetAttributeName}`).toBeDefined();
      }
    }
  });

  it('matches schema names case-insensitively and per object type', () => {
    expect(attributeRule('User', 'TelephoneNumber')?.location).toEqual({ kind: 'first', name: 'businessPhones' });
    expect(attributeRule('Contact', 'telephoneNumber')?.location).toEqual({ kind: 'phone', type: 'business' });
    expect(attributeRule('Group', 'telephoneNumber')).toBeUndefined();
    expect(attributeRule('User', 'nonsense')).toBeUndefined();
  });
});
