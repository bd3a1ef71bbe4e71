import { describe, expect, it } from 'vitest';
import { QueryOptionError } from './errors.js';
import { parseSelect, projectEntity } from './select.js';
import { testCatalog } from './test-catalog.js';

describe('parseSelect', () => {
  it('returns catalog spellings without repeats', () => {
    expect(parseSelect(' ID , displayname,displayName ', testCatalog)).toEqual(['id', 'displayName']);
  });

  it('selects everything for * or an empty value', () => {
    expect(parseSelect('*', testCatalog)).toBeUndefined();
    expect(parseSelect('id,*', testCatalog)).toBeUndefined();
    expect(parseSelect('  ', testCatalog)).toBeUndefined();
  });

  it('takes any name when the catalog does not list selectable properties', () => {
    expect(parseSelect('anything', { ...testCatalog, selectable: undefined })).toEqual(['anything']);
  });

  it.each([
    ['id,,mail', "Syntax error at position 3 in 'id,,mail'."],
    ['id,mail-x', "Syntax error at position 3 in 'id,mail-x'."],
    ['manager/name', "Syntax error at position 0 in 'manager/name'."],
    ['nope', "Could not find a property named 'nope' on type 'microsoft.graph.item'."],
  ])('rejects %s', (text, message) => {
    expect(() => parseSelect(text, testCatalog)).toThrow(QueryOptionError);
    expect(() => parseSelect(text, testCatalog)).toThrow(message);
  });
});

describe('projectEntity', () => {
  const entity = {
    '@odata.type': '#microsoft.graph.servicePrincipal',
    id: '1',
    appId: 'a',
    displayName: 'App',
    tags: ['x'],
    'tags@odata.type': '#Collection(String)',
    notes: 'n',
  };

  it('keeps the selected properties, id, and their annotations, in entity order', () => {
    expect(projectEntity(entity, ['displayName', 'tags'])).toEqual({
      '@odata.type': '#microsoft.graph.servicePrincipal',
      id: '1',
      displayName: 'App',
      tags: ['x'],
      'tags@odata.type': '#Collection(String)',
    });
    expect(Object.keys(projectEntity(entity, ['tags', 'appId']))).toEqual(['@odata.type', 'id', 'appId', 'tags', 'tags@odata.type']);
  });

  it('returns selected properties the entity lacks as null', () => {
    expect(projectEntity({ id: '1' }, ['homepage'])).toEqual({ id: '1', homepage: null });
  });

  it('matches names case-insensitively and honors alwaysInclude', () => {
    expect(projectEntity(entity, ['DISPLAYNAME'], ['appId'])).toEqual({
      '@odata.type': '#microsoft.graph.servicePrincipal',
      appId: 'a',
      displayName: 'App',
    });
  });

  it('copies the whole entity without $select', () => {
    const copy = projectEntity(entity, undefined);
    expect(copy).toEqual(entity);
    expect(copy).not.toBe(entity);
  });
});
