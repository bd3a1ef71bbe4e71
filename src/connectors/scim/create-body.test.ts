import { describe, expect, it } from 'vitest';
import { buildCreateBody } from './create-body.js';
import { ScimAttributePathError } from './scim-errors.js';

const enterprise = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

describe('buildCreateBody', () => {
  it('reproduces the reference create-user body byte for byte (engine-behavior §2.3)', () => {
    const body = buildCreateBody(
      'User',
      new Map<string, unknown>([
        ['userName', 'Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee'],
        ['active', 'True'],
        ['emails[type eq "work"].value', 'Test_User_11bb...@testuser.com'],
        ['name.givenName', 'givenName'],
        ['name.familyName', 'familyName'],
        ['name.formatted', 'givenName familyName'],
        ['externalId', '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef'],
        ['roles', []],
        [`${enterprise}:department`, null],
        [`${enterprise}:manager`, null],
        ['title', null],
      ]),
    );
    expect(JSON.stringify(body)).toBe(
      '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],' +
        '"externalId":"0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef",' +
        '"userName":"Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee",' +
        '"active":true,' +
        '"emails":[{"primary":true,"type":"work","value":"Test_User_11bb...@testuser.com"}],' +
        '"meta":{"resourceType":"User"},' +
        '"name":{"formatted":"givenName familyName","familyName":"familyName","givenName":"givenName"},' +
        '"roles":[]}',
    );
  });

  it('reproduces the reference body of a user with a SingleAppRoleAssignment role', () => {
    const body = buildCreateBody(
      'User',
      new Map<string, unknown>([
        ['externalId', 'alias'],
        ['userName', 'alias@contoso.OnMicrosoft.com'],
        ['active', 'True'],
        ['displayName', 'First Name Last Name'],
        ['roles[primary eq "True"].value', 'Admin'],
        ['roles[primary eq "True"].type', 'WindowsAzureActiveDirectoryRole'],
      ]),
    );
    expect(JSON.stringify(body)).toBe(
      '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"externalId":"alias","userName":"alias@contoso.OnMicrosoft.com",' +
        '"active":true,"displayName":"First Name Last Name","meta":{"resourceType":"User"},' +
        '"roles":[{"primary":true,"type":"WindowsAzureActiveDirectoryRole","value":"Admin"}]}',
    );
  });

  it('reproduces the reference create-group body and never sends members', () => {
    const body = buildCreateBody(
      'Group',
      new Map<string, unknown>([
        ['displayName', 'displayName'],
        ['members', ['u1', 'u2']],
        ['externalId', '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159'],
      ]),
    );
    expect(JSON.stringify(body)).toBe(
      '{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group","http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"],' +
        '"externalId":"8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159","displayName":"displayName","meta":{"resourceType":"Group"}}',
    );
  });

  it('nests filtered multi-valued paths, extension attributes and the manager reference', () => {
    const body = buildCreateBody(
      'User',
      new Map<string, unknown>([
        ['userName', 'ada@contoso.com'],
        ['active', false],
        ['addresses[type eq "work"].locality', 'London'],
        ['addresses[type eq "work"].postalCode', 'N1'],
        ['addresses[type eq "other"].Formatted', 'Somewhere 1'],
        ['phoneNumbers[type eq "mobile"].value', '+44 1'],
        ['phoneNumbers[type eq "work"].value', '+44 2'],
        ['emails[type eq "other"].Value', 'ada@old.example'],
        [`${enterprise}:manager`, 'mgr-target-id'],
        [`${enterprise}:department`, 'Engines'],
        ['urn:ietf:params:scim:schemas:extension:Contoso:2.0:User:badge', '42'],
      ]),
    );
    expect(body).toEqual({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', enterprise],
      userName: 'ada@contoso.com',
      active: false,
      addresses: [
        { type: 'work', locality: 'London', postalCode: 'N1' },
        { type: 'other', formatted: 'Somewhere 1' },
      ],
      emails: [{ type: 'other', value: 'ada@old.example' }],
      meta: { resourceType: 'User' },
      phoneNumbers: [
        { type: 'mobile', value: '+44 1' },
        { type: 'work', value: '+44 2' },
      ],
      [enterprise]: { department: 'Engines', manager: { value: 'mgr-target-id' } },
      // Custom extension: nested under its URN, but not listed in `schemas` (§2.4).
      'urn:ietf:params:scim:schemas:extension:Contoso:2.0:User': { badge: '42' },
    });
    expect(Object.keys(body)).toEqual([
      'schemas',
      'userName',
      'active',
      'addresses',
      'emails',
      'meta',
      'phoneNumbers',
      // ordinal order, as the hosted service's serializer sorts: 'C' < 'e'
      'urn:ietf:params:scim:schemas:extension:Contoso:2.0:User',
      enterprise,
    ]);
    expect(Object.keys((body.addresses as object[])[0]!)).toEqual(['locality', 'postalCode', 'type']);
    expect(Object.isFrozen(body) && Object.isFrozen(body.addresses)).toBe(true);
  });

  it('merges a whole-attribute value with filtered paths without touching the caller\'s data', () => {
    const name = { givenName: 'Ada' };
    const emails = [{ type: 'other', value: 'ada@old.example' }];
    const body = buildCreateBody(
      'User',
      new Map<string, unknown>([
        ['name', name],
        ['name.familyName', 'Lovelace'],
        ['emails', emails],
        ['emails[type eq "work"].value', 'ada@new.example'],
      ]),
    );
    expect(body.name).toEqual({ familyName: 'Lovelace', givenName: 'Ada' });
    expect(body.emails).toEqual([
      { type: 'other', value: 'ada@old.example' },
      { primary: true, type: 'work', value: 'ada@new.example' },
    ]);
    expect(name).toEqual({ givenName: 'Ada' });
    expect(emails).toEqual([{ type: 'other', value: 'ada@old.example' }]);
    expect(Object.isFrozen(name) || Object.isFrozen(emails)).toBe(false);
  });

  it('lets an explicit primary mapping override the primary work email', () => {
    const body = buildCreateBody(
      'User',
      new Map<string, unknown>([
        ['emails[type eq "work"].value', 'a@x'],
        ['emails[type eq "work"].primary', 'False'],
      ]),
    );
    expect(body.emails).toEqual([{ primary: false, type: 'work', value: 'a@x' }]);
  });

  it('skips empty strings and nulls but leaves the enterprise schema in place when it is mapped', () => {
    const body = buildCreateBody('User', new Map([['userName', 'x'], ['displayName', ''], [`${enterprise}:employeeNumber`, null]]));
    expect(body).toEqual({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', enterprise], userName: 'x', meta: { resourceType: 'User' } });
  });

  it('rejects paths it cannot express', () => {
    expect(() => buildCreateBody('User', new Map([['emails[type ne "work"].value', 'x']]))).toThrow(ScimAttributePathError);
    expect(() => buildCreateBody('User', new Map([['name..givenName', 'x']]))).toThrow(ScimAttributePathError);
  });
});
