import { describe, expect, it } from 'vitest';
import { assertLinkChangeLimit, boundObjectIds, objectIdOfRefBody, objectIdOfReference } from './references.js';

const id = '6E1F2A3B-4C5D-4E6F-8A9B-0C1D2E3F4A5B';

describe('object references', () => {
  it('takes the id from the last segment of any reference form, lower-cased', () => {
    for (const reference of [
      `https://graph.microsoft.com/v1.0/directoryObjects/${id}`,
      `https://graph.microsoft.com/beta/users/${id}`,
      `https://127.0.0.1:8443/v1.0/groups/${id}/`,
      `directoryObjects/${id}`,
      `https://graph.microsoft.com/v1.0/directoryObjects('${id}')`,
      id,
    ]) {
      expect(objectIdOfReference(reference)).toBe(id.toLowerCase());
    }
  });

  it('refuses references that do not end in a GUID with Graph\'s error', () => {
    expect(() => objectIdOfReference('https://graph.microsoft.com/v1.0/users/alice@contoso.com')).toThrow(
      "Invalid object identifier 'alice@contoso.com'.",
    );
    expect(() => objectIdOfRefBody({})).toThrow(/@odata.id/);
    expect(() => objectIdOfRefBody({ '@odata.id': 42 })).toThrow(/@odata.id/);
    expect(objectIdOfRefBody({ '@odata.id': `directoryObjects/${id}` })).toBe(id.toLowerCase());
  });

  it('reads binds case-insensitively, without repeats, and counts links across relations', () => {
    const body = { 'Members@odata.bind': [`directoryObjects/${id}`, `users/${id.toLowerCase()}`], displayName: 'x' };
    expect(boundObjectIds(body, 'members')).toEqual([id.toLowerCase()]);
    expect(boundObjectIds(body, 'owners')).toEqual([]);
    expect(() => boundObjectIds({ 'members@odata.bind': 'not an array' }, 'members')).toThrow(/array of object URLs/);
    const twenty = Array.from({ length: 20 }, (_, index) => String(index));
    expect(() => assertLinkChangeLimit(twenty, [])).not.toThrow();
    expect(() => assertLinkChangeLimit(twenty.slice(1), ['a', 'b'])).toThrow('A resource cannot contain more than 20 link changes.');
  });
});
