import { describe, expect, it } from 'vitest';
import { OnPremisesMasteredError } from '../directory-errors.js';
import { assertCloudWritableChange, assertNotSynchronized, isSynchronized } from './on-premises-authority.js';

const synced = {
  onPremisesSyncEnabled: true,
  displayName: 'Ada',
  accountEnabled: true,
  usageLocation: null,
  onPremisesExtensionAttributes: { extensionAttribute1: 'a', extensionAttribute2: null },
};
const extension = 'extension_0123456789abcdef0123456789abcdef_costCenter';

describe('on-premises authority', () => {
  it('refuses changes of mastered properties of synchronized objects only', () => {
    expect(() => assertCloudWritableChange('user', synced, { ...synced, displayName: 'Ada L.' })).toThrow(OnPremisesMasteredError);
    expect(() => assertCloudWritableChange('user', synced, { ...synced, onPremisesSyncEnabled: false })).toThrow(OnPremisesMasteredError);
    expect(() =>
      assertCloudWritableChange('user', synced, { ...synced, onPremisesExtensionAttributes: { extensionAttribute1: 'b', extensionAttribute2: null } }),
    ).toThrow('Unable to update the specified properties for on-premises mastered Directory Sync objects or objects currently undergoing migration.');
    const cloud = { ...synced, onPremisesSyncEnabled: null };
    expect(() => assertCloudWritableChange('user', cloud, { ...cloud, displayName: 'Ada L.' })).not.toThrow();
  });

  it('lets cloud-owned properties change, and values written again unchanged', () => {
    const cloudSide = { ...synced, accountEnabled: false, usageLocation: 'DE', passwordPolicies: 'DisablePasswordExpiration', [extension]: 'X1' };
    expect(() => assertCloudWritableChange('user', synced, cloudSide)).not.toThrow();
    const reordered = { ...synced, onPremisesExtensionAttributes: { extensionAttribute2: null, extensionAttribute1: 'a' } };
    expect(() => assertCloudWritableChange('user', synced, reordered)).not.toThrow();
    expect(() => assertCloudWritableChange('group', synced, { ...synced, accountEnabled: false })).toThrow(OnPremisesMasteredError);
    expect(() => assertCloudWritableChange('group', synced, { ...synced, [extension]: 'X1' })).not.toThrow();
  });

  it('tells synchronized objects apart for deletes and links', () => {
    expect(isSynchronized(synced)).toBe(true);
    expect(isSynchronized({ onPremisesSyncEnabled: false })).toBe(false);
    expect(() => assertNotSynchronized(synced)).toThrow(OnPremisesMasteredError);
    expect(() => assertNotSynchronized({ onPremisesSyncEnabled: null })).not.toThrow();
  });
});
