import { describe, expect, it } from 'vitest';
import { parseAttributePath } from './attribute-path.js';
import { ScimAttributePathError } from './scim-errors.js';

describe('parseAttributePath', () => {
  it('parses the path forms mappings use (engine-behavior §2.4)', () => {
    expect(parseAttributePath('userName')).toMatchObject({ schema: undefined, attribute: 'userName', filter: undefined, subAttribute: undefined });
    expect(parseAttributePath('name.givenName')).toMatchObject({ attribute: 'name', subAttribute: 'givenName' });
    expect(parseAttributePath('emails[type eq "work"].value')).toMatchObject({
      attribute: 'emails',
      filter: { attribute: 'type', value: 'work' },
      subAttribute: 'value',
    });
    expect(parseAttributePath('roles[primary eq "True"].display')).toMatchObject({ filter: { attribute: 'primary', value: 'True' } });
    expect(parseAttributePath('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager')).toMatchObject({
      schema: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
      attribute: 'manager',
    });
    expect(parseAttributePath('members[value eq "a\\"b"]')).toMatchObject({ attribute: 'members', filter: { value: 'a"b' } });
  });

  it('canonicalizes sub-attribute spelling and keeps the text verbatim', () => {
    const path = parseAttributePath('emails[Type eq "other"].Value');
    expect(path).toMatchObject({ filter: { attribute: 'type', value: 'other' }, subAttribute: 'value', text: 'emails[Type eq "other"].Value' });
  });

  it('rejects what is not a SCIM attribute path', () => {
    for (const bad of ['', 'a b', 'emails[type gt "x"]', 'urn:x', 'name.', '.value', 'emails[type eq "x"', 'a.b.c']) {
      expect(() => parseAttributePath(bad), bad).toThrow(ScimAttributePathError);
    }
  });
});
