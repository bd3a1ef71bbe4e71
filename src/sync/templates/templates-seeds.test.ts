import { describe, expect, it } from 'vitest';
import { credentialDataMappingText } from '../../../test/support/seed-credential-data.js';
import {
  awsApplicationTemplateId,
  cloudSyncApplicationTemplateId,
  cloudSyncPpeApplicationTemplateId,
  nonGalleryApplicationTemplateId,
} from '../../directory/application-templates/index.js';
import {
  findAttributeDefinition,
  findAttributeMapping,
  findDirectory,
  findObjectDefinition,
  findObjectMapping,
  findSchemaInconsistencies,
  listMatchingAttributeMappings,
  synchronizationSchemaSchema,
  type SynchronizationSchema,
} from '../schema/index.js';
import {
  defaultSchemaForFactoryTag,
  findSynchronizationTemplate,
  findSynchronizationTemplateDefinition,
  templateRuntime,
  templatesForApplicationTemplate,
} from './index.js';

function schemaOf(templateId: string): SynchronizationSchema {
  const schema = findSynchronizationTemplate(templateId)?.schema;
  if (schema === undefined || schema === null) throw new Error(`no schema for ${templateId}`);
  return schema;
}

describe('cloud sync templates (seeds 000 and 001)', () => {
  it('offers the cloud sync templates for 1a4721b3-… and its PPE twin', () => {
    for (const appTemplateId of [cloudSyncApplicationTemplateId, cloudSyncPpeApplicationTemplateId.toUpperCase()]) {
      expect(templatesForApplicationTemplate(appTemplateId).map((template) => template.id)).toEqual([
        'AD2AADProvisioning',
        'AD2AADPasswordHash',
        'AAD2ADExchangeHybridWriteback',
        'AAD2ADGroupProvisioning',
      ]);
    }
  });

  it('puts the user and inetOrgPerson mappings in synchronizationRules[0].objectMappings', () => {
    const schema = schemaOf('AD2AADProvisioning');
    const mappings = schema.synchronizationRules[0]?.objectMappings ?? [];
    expect(mappings.map((mapping) => [mapping.name, mapping.sourceObjectName, mapping.targetObjectName])).toEqual([
      ['Provision Active Directory users', 'user', 'User'],
      ['Provision Active Directory inetOrgPersons', 'inetOrgPerson', 'User'],
      ['Provision Active Directory groups', 'group', 'Group'],
      ['Provision Active Directory contacts', 'contact', 'Contact'],
    ]);
    expect(mappings[0]).toMatchObject({ enabled: true, flowTypes: 'Add,Update,Delete' });
    expect(schema.directories.map((directory) => directory.name)).toEqual(['Active Directory', 'Azure Active Directory']);
  });

  it('does not map CredentialData by default, but the target declares it and the source has PasswordHash', () => {
    const schema = schemaOf('AD2AADProvisioning');
    const users = findObjectMapping(schema, 'Provision Active Directory Users')?.objectMapping;
    expect(users === undefined ? 'missing' : findAttributeMapping(users, 'CredentialData')).toBeUndefined();
    const aadUser = findObjectDefinition(findDirectory(schema, 'Azure Active Directory')!, 'User')!;
    const adUser = findObjectDefinition(findDirectory(schema, 'Active Directory')!, 'user')!;
    expect(findAttributeDefinition(aadUser, 'CredentialData')).toBeDefined();
    expect(findAttributeDefinition(adUser, 'PasswordHash')).toBeDefined();
  });

  it('accepts the seed 001 edit made by text replacement, and flags doing it twice', () => {
    const text = JSON.stringify(schemaOf('AD2AADProvisioning'));
    const anchors = [
      '"name":"Provision Active Directory users","sourceObjectName":"user","targetObjectName":"User","attributeMappings":[',
      '"name":"Provision Active Directory inetOrgPersons","sourceObjectName":"inetOrgPerson","targetObjectName":"User","attributeMappings":[',
    ];
    const edited = anchors.reduce((current, anchor) => {
      expect(current.includes(anchor)).toBe(true);
      return current.replace(anchor, `${anchor}${credentialDataMappingText},`);
    }, text);
    const schema = synchronizationSchemaSchema.parse(JSON.parse(edited));
    expect(findSchemaInconsistencies(schema)).toEqual([]);
    const users = findObjectMapping(schema, 'Provision Active Directory users')?.objectMapping;
    expect(users?.attributeMappings[0]?.targetAttributeName).toBe('CredentialData');

    const twice = synchronizationSchemaSchema.parse(JSON.parse(edited.replace(anchors[0]!, `${anchors[0]!}${credentialDataMappingText},`)));
    expect(findSchemaInconsistencies(twice).map((problem) => problem.code)).toEqual(['DuplicateTargetAttribute']);
  });

  it('lets a job copy gain the mapping in the users mapping only', () => {
    const copy = structuredClone(schemaOf('AD2AADProvisioning')) as unknown as { synchronizationRules: { objectMappings: { attributeMappings: unknown[] }[] }[] };
    const [users, inetOrgPersons] = copy.synchronizationRules[0]!.objectMappings;
    const before = inetOrgPersons!.attributeMappings.length;
    users!.attributeMappings.push(JSON.parse(credentialDataMappingText));
    expect(inetOrgPersons!.attributeMappings.length).toBe(before);
  });

  it('syncs password hashes with exactly the seed mapping', () => {
    const schema = schemaOf('AD2AADPasswordHash');
    for (const name of ['Provision Active Directory users', 'Provision Active Directory inetOrgPersons']) {
      const mapping = findObjectMapping(schema, name)?.objectMapping;
      expect(JSON.stringify(mapping === undefined ? null : findAttributeMapping(mapping, 'CredentialData'))).toBe(credentialDataMappingText);
    }
  });

  it('joins AD objects on the source anchor and maps the documented default flows', () => {
    const users = findObjectMapping(schemaOf('AD2AADProvisioning'), 'Provision Active Directory users')!.objectMapping;
    expect(listMatchingAttributeMappings(users).map((mapping) => [mapping.targetAttributeName, mapping.source?.expression])).toEqual([
      ['sourceAnchorBinary', '[objectGUID]'],
      ['userPrincipalName', '[userPrincipalName]'],
    ]);
    const expressionOf = (target: string) => findAttributeMapping(users, target)?.source?.expression;
    expect(expressionOf('onPremisesImmutableId')).toBe('[objectGUID]');
    expect(expressionOf('onPremisesSecurityIdentifier')).toBe('[objectSid]');
    expect(expressionOf('onPremisesSamAccountName')).toBe('[sAMAccountName]');
    expect(expressionOf('onPremisesDistinguishedName')).toBe('[distinguishedName]');
    expect(expressionOf('surname')).toBe('[sn]');
    expect(expressionOf('proxyAddresses')).toBe('[proxyAddresses]');
    expect(expressionOf('manager')).toBe('[manager]');
    expect(expressionOf('accountEnabled')).toContain('[userAccountControl]');
    const groups = findObjectMapping(schemaOf('AD2AADProvisioning'), 'Provision Active Directory groups')!.objectMapping;
    expect(findAttributeMapping(groups, 'members')?.source?.expression).toBe('[member]');
  });

  it('writes Exchange attributes back to AD (seed 001, §5.5) without creating or deleting objects', () => {
    const schema = schemaOf('AAD2ADExchangeHybridWriteback');
    const rule = schema.synchronizationRules[0]!;
    expect([rule.sourceDirectoryName, rule.targetDirectoryName]).toEqual(['Azure Active Directory', 'Active Directory']);
    const users = rule.objectMappings.find((mapping) => mapping.targetObjectName === 'user')!;
    expect(users.flowTypes).toBe('Update');
    expect(findAttributeMapping(users, 'msDS-ExternalDirectoryObjectId')?.source?.expression).toBe('[cloudAnchor]');
    expect(findAttributeMapping(users, 'proxyAddresses')?.flowType).toBe('MultiValueAddOnly');
    const adUser = findObjectDefinition(findDirectory(schema, 'Active Directory')!, 'user')!;
    // Seed 001 checks for mailNickName after discover; the AD definition carries it.
    expect(findAttributeDefinition(adUser, 'mailNickName')?.name).toBe('mailNickname');
  });

  it('provisions cloud security groups to AD as universal security groups joined on Group_<objectId> (§5.7)', () => {
    const schema = schemaOf('AAD2ADGroupProvisioning');
    const [users, groups] = schema.synchronizationRules[0]!.objectMappings;
    expect(users).toMatchObject({ sourceObjectName: 'User', targetObjectName: 'user', flowTypes: 'Update' });
    expect(groups).toMatchObject({ sourceObjectName: 'Group', targetObjectName: 'group', flowTypes: 'Add,Update,Delete' });
    expect(findAttributeMapping(groups!, 'msDS-ExternalDirectoryObjectId')).toMatchObject({ matchingPriority: 1, source: { expression: '[cloudAnchor]' } });
    expect(findAttributeMapping(groups!, 'groupType')).toMatchObject({ flowType: 'ObjectAddOnly', source: { expression: '"-2147483640"' } });
    expect(templateRuntime('AAD2ADGroupProvisioning')).toMatchObject({ source: 'directory', target: 'ldap', scheduleInterval: 'PT20M' });
  });

  it('runs cloud sync every two minutes in the cloud sync dialect and needs the Domain secret', () => {
    for (const id of ['AD2AADProvisioning', 'AD2AADPasswordHash', 'AAD2ADExchangeHybridWriteback']) {
      expect(templateRuntime(id)).toMatchObject({ scheduleInterval: 'PT2M', expressionDialect: 'cloudSync', requiredSecrets: [['Domain']] });
    }
    expect(templateRuntime('AD2AADProvisioning')).toMatchObject({ source: 'ldap', target: 'directory' });
    expect(templateRuntime('AAD2ADExchangeHybridWriteback')).toMatchObject({ source: 'directory', target: 'ldap' });
  });

  it('reports the factory seen in seed 000 for AD2AADProvisioning', () => {
    expect(findSynchronizationTemplate('AD2AADProvisioning')?.factoryTag).toBe('ADDCInPassthrough');
  });
});

describe('the non-gallery SCIM template', () => {
  const schema = schemaOf('scim');
  const users = findObjectMapping(schema, 'Provision Azure Active Directory Users')!.objectMapping;
  const groups = findObjectMapping(schema, 'Provision Azure Active Directory Groups')!.objectMapping;
  const expressionOf = (target: string) => findAttributeMapping(users, target)?.source?.expression;

  it('belongs to the non-gallery application and targets customappsso', () => {
    expect(templatesForApplicationTemplate(nonGalleryApplicationTemplateId).map((template) => template.id)).toEqual(['scim']);
    expect(schema.directories.map((directory) => directory.name)).toEqual(['Azure Active Directory', 'customappsso']);
    expect([users.targetObjectName, groups.targetObjectName]).toEqual([
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
      'urn:ietf:params:scim:schemas:core:2.0:Group',
    ]);
  });

  it('ships the default user mappings', () => {
    expect(listMatchingAttributeMappings(users).map((mapping) => [mapping.targetAttributeName, mapping.source?.expression])).toEqual([
      ['userName', '[userPrincipalName]'],
    ]);
    expect(expressionOf('active')).toBe('Switch([IsSoftDeleted], , "False", "True", "True", "False")');
    expect(expressionOf('emails[type eq "work"].value')).toBe('[mail]');
    expect(expressionOf('name.givenName')).toBe('[givenName]');
    expect(expressionOf('name.familyName')).toBe('[surname]');
    expect(expressionOf('name.formatted')).toBe('Join(" ", [givenName], [surname])');
    expect(expressionOf('addresses[type eq "work"].locality')).toBe('[city]');
    expect(expressionOf('phoneNumbers[type eq "mobile"].value')).toBe('[mobile]');
    expect(expressionOf('phoneNumbers[type eq "fax"].value')).toBe('[facsimileTelephoneNumber]');
    expect(expressionOf('externalId')).toBe('[mailNickname]');
    expect(expressionOf('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber')).toBe('[employeeId]');
    expect(expressionOf('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager')).toBe('[manager]');
    expect(users.scope).toBeNull();
    const manager = findObjectDefinition(schema.directories[1]!, users.targetObjectName)!.attributes.find((attribute) =>
      attribute.name.endsWith(':manager'),
    );
    expect(manager).toMatchObject({ type: 'Reference', referencedObjects: [{ referencedObjectName: users.targetObjectName, referencedProperty: null }] });
  });

  it('ships the default group mappings', () => {
    expect(groups.attributeMappings.map((mapping) => [mapping.targetAttributeName, mapping.source?.expression, mapping.matchingPriority])).toEqual([
      ['displayName', '[displayName]', 1],
      ['externalId', '[objectId]', 0],
      ['members', '[members]', 0],
    ]);
  });

  it('needs a tenant URL with a token or OAuth client credentials, runs every 40 minutes', () => {
    expect(templateRuntime('scim')).toMatchObject({
      scheduleInterval: 'PT40M',
      expressionDialect: 'appProvisioning',
      source: 'directory',
      target: 'scim',
      requiredSecrets: [
        ['BaseAddress', 'SecretToken'],
        ['BaseAddress', 'ClientIdentifier', 'ClientSecret', 'Oauth2TokenExchangeUri'],
      ],
    });
  });

  it('is the default schema for the custom SCIM factory tags', () => {
    for (const tag of ['scim', 'CustomSCIM', 'customappsso']) expect(defaultSchemaForFactoryTag(tag)).toBe(schema);
    expect(defaultSchemaForFactoryTag('aws')).toBe(schemaOf('aws'));
    expect(defaultSchemaForFactoryTag('ADDCInPassthrough')).toBe(schemaOf('AD2AADProvisioning'));
    expect(defaultSchemaForFactoryTag('nothing')).toBeUndefined();
  });
});

describe('gallery templates (seeds 002, 003, 004)', () => {
  it('lists aws for the AWS application template with factoryTag aws (seed 003)', () => {
    const [aws] = templatesForApplicationTemplate(awsApplicationTemplateId);
    expect(aws).toMatchObject({ id: 'aws', factoryTag: 'aws', applicationId: awsApplicationTemplateId });
    expect(templateRuntime('aws')?.requiredSecrets).toEqual([['ClientSecret', 'SecretToken']]);
    const mapping = aws?.schema?.synchronizationRules[0]?.objectMappings[0];
    expect(mapping).toMatchObject({ sourceObjectName: 'Role', targetObjectName: 'AppRole' });
  });

  it('has BoxOutDelta (seed 004) and SfSandboxOutDelta (seed 002, 20-minute interval)', () => {
    expect(findSynchronizationTemplate('BoxOutDelta')?.factoryTag).toBe('BoxOutDelta');
    expect(findSynchronizationTemplate('SfSandboxOutDelta')?.factoryTag).toBe('SfSandboxOutDelta');
    expect(templateRuntime('SfSandboxOutDelta')?.scheduleInterval).toBe('PT20M');
    expect(templateRuntime('BoxOutDelta')?.scheduleInterval).toBe('PT40M');
    expect(schemaOf('SfSandboxOutDelta').directories.map((directory) => directory.name)).toContain('salesforce.com');
  });

  it('finds templates by exact id only', () => {
    expect(findSynchronizationTemplateDefinition('boxoutdelta')).toBeUndefined();
    expect(findSynchronizationTemplate('API2AAD')?.schema?.directories.map((directory) => directory.name)).toEqual(['API', 'Azure Active Directory']);
    expect(findSynchronizationTemplate('API2AD')?.schema?.directories.map((directory) => directory.name)).toEqual(['API', 'Active Directory']);
    expect(templatesForApplicationTemplate('00000000-0000-0000-0000-000000000000')).toEqual([]);
  });

  it('runs API-driven inbound without secrets into the directory and with the Domain secret into AD', () => {
    expect(templateRuntime('API2AAD')).toMatchObject({ source: 'apiInbound', target: 'directory', requiredSecrets: [] });
    expect(templateRuntime('API2AD')).toMatchObject({ source: 'apiInbound', target: 'ldap', requiredSecrets: [['Domain']] });
    const mapping = findSynchronizationTemplate('API2AAD')?.schema?.synchronizationRules[0]?.objectMappings[0];
    expect(mapping === undefined ? [] : listMatchingAttributeMappings(mapping).map((m) => [m.targetAttributeName, m.source?.expression])).toEqual([
      ['employeeId', '[externalId]'],
    ]);
  });
});
