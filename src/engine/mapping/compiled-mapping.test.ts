import { describe, expect, it } from 'vitest';
import { findSynchronizationTemplate } from '../../sync/templates/index.js';
import { compileSchema } from './compiled-mapping.js';

const schema = findSynchronizationTemplate('scim')!.schema!;

describe('compileSchema', () => {
  it('compiles the non-gallery SCIM template: users and groups, matching, references, soft deletion', () => {
    const compiled = compileSchema('job-1', schema, 'appProvisioning');
    expect([...compiled.objectMappings.keys()]).toEqual(['User', 'Group']);
    const users = compiled.objectMappings.get('User')!;
    expect(users.entryLabel).toBe('User to User');
    expect(users.softDeletionSupported).toBe(true);
    expect(users.actions).toEqual({ add: true, update: true, delete: true });
    expect(users.matching.map((mapping) => mapping.targetPath)).toEqual(['userName']);
    expect(users.references.map((mapping) => [mapping.targetPath, mapping.reference])).toEqual([['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager', 'single']]);
    expect(users.attributes.filter((mapping) => mapping.softDeletion).map((mapping) => mapping.targetPath)).toEqual(['active']);
    const groups = compiled.objectMappings.get('Group')!;
    expect(groups.softDeletionSupported).toBe(false);
    expect(groups.matching.map((mapping) => mapping.targetPath)).toEqual(['displayName']);
    expect(groups.references.map((mapping) => [mapping.targetPath, mapping.reference])).toEqual([['members', 'multi']]);
  });

  it('compiles once per schema version', () => {
    const first = compileSchema('job-2', { ...schema, version: 'v1' }, 'appProvisioning');
    expect(compileSchema('job-2', { ...schema, version: 'v1' }, 'appProvisioning')).toBe(first);
    expect(compileSchema('job-2', { ...schema, version: 'v2' }, 'appProvisioning')).not.toBe(first);
  });
});
