import { describe, expect, it } from 'vitest';
import { resourceValue } from './scim-resource-values.js';

const resource = {
  id: '1',
  userName: 'ada@contoso.com',
  active: true,
  name: { givenName: 'Ada', familyName: 'Lovelace' },
  emails: [
    { type: 'work', value: 'ada@contoso.com', primary: true },
    { type: 'other', value: 'ada@home.example' },
  ],
  roles: [{ primary: true, value: 'Admin' }],
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'R&D', manager: { value: 'm-1' } },
};

describe('resourceValue', () => {
  it('reads the mapped paths of a SCIM resource', () => {
    expect(resourceValue(resource, 'userName')).toBe('ada@contoso.com');
    expect(resourceValue(resource, 'name.givenName')).toBe('Ada');
    expect(resourceValue(resource, 'emails[type eq "work"].value')).toBe('ada@contoso.com');
    expect(resourceValue(resource, 'emails[type eq "other"].Value')).toBe('ada@home.example');
    expect(resourceValue(resource, 'roles[primary eq "True"].value')).toBe('Admin');
    expect(resourceValue(resource, 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department')).toBe('R&D');
    expect(resourceValue(resource, 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager')).toBe('m-1');
    expect(resourceValue(resource, 'UserName')).toBe('ada@contoso.com');
  });

  it('is undefined for what is absent', () => {
    expect(resourceValue(resource, 'title')).toBeUndefined();
    expect(resourceValue(resource, 'phoneNumbers[type eq "work"].value')).toBeUndefined();
    expect(resourceValue(resource, 'not a path!')).toBeUndefined();
  });
});
