import type { AttributeMapping, DirectoryDefinition, SynchronizationSchema } from '../../schema/index.js';
import { attr, directory, mapping, objectDefinition, objectMapping, rule, schema } from '../builder/schema-builders.js';
import { azureActiveDirectory, azureActiveDirectoryName } from '../directories/azure-active-directory.js';

/** Salesforce and Salesforce Sandbox share one connector and schema; only the login host differs. */
export const salesforceDirectoryName = 'salesforce.com';

function salesforceDirectory(): DirectoryDefinition {
  return directory({
    id: 'c2a95c09-7965-4690-8e2b-ebdf3dc4c0c9',
    name: salesforceDirectoryName,
    discoverabilities: 'AttributeNames, AttributeDataTypes',
    objects: [
      objectDefinition('User', [
        attr('Id', 'String', { anchor: true, mutability: 'ReadOnly', caseExact: true }),
        attr('Alias', 'String', { required: true }),
        attr('CommunityNickname'),
        attr('Department'),
        attr('Email', 'String', { required: true }),
        attr('EmailEncodingKey', 'String', { required: true }),
        attr('FederationIdentifier'),
        attr('FirstName'),
        attr('IsActive', 'Boolean'),
        attr('LanguageLocaleKey', 'String', { required: true }),
        attr('LastName', 'String', { required: true }),
        attr('LocaleSidKey', 'String', { required: true }),
        attr('ManagerId', 'Reference', { referencedObjects: ['User'] }),
        attr('MobilePhone'),
        attr('Phone'),
        attr('ProfileName', 'String', { required: true }),
        attr('TimeZoneSidKey', 'String', { required: true }),
        attr('Title'),
        attr('Username', 'String', { required: true }),
      ]),
    ],
  });
}

/** Fields Salesforce requires but the directory has no value for are defaulted (the Graph Salesforce sample's "None" mappings). */
const salesforceUserMappings: readonly AttributeMapping[] = [
  mapping('Username', '[userPrincipalName]', { matchingPriority: 1 }),
  mapping('Email', '[mail]'),
  mapping('FirstName', '[givenName]'),
  mapping('LastName', '[surname]'),
  mapping('Alias', 'Left([mailNickname], "8")'),
  mapping('CommunityNickname', '[mailNickname]'),
  mapping('FederationIdentifier', '[userPrincipalName]'),
  mapping('IsActive', 'Not([IsSoftDeleted])'),
  mapping('ProfileName', 'SingleAppRoleAssignment([appRoleAssignments])'),
  mapping('Title', '[jobTitle]'),
  mapping('Department', '[department]'),
  mapping('Phone', '[telephoneNumber]'),
  mapping('MobilePhone', '[mobile]'),
  mapping('ManagerId', '[manager]'),
  mapping('EmailEncodingKey', null, { defaultValue: 'ISO-8859-1' }),
  mapping('LanguageLocaleKey', null, { defaultValue: 'en_US' }),
  mapping('LocaleSidKey', null, { defaultValue: 'en_US' }),
  mapping('TimeZoneSidKey', null, { defaultValue: 'America/Los_Angeles' }),
];

export function salesforceSchema(templateId: string): SynchronizationSchema {
  return schema({
    templateId,
    directories: [azureActiveDirectory({ objects: ['User'] }), salesforceDirectory()],
    rules: [
      rule({
        id: '5c9b9a50-d52b-4a8c-9e2e-2f0b3d8c7a41',
        name: 'USER_OUTBOUND_USER',
        source: azureActiveDirectoryName,
        target: salesforceDirectoryName,
        metadata: { supportsProvisionOnDemand: 'true' },
        objectMappings: [
          objectMapping({
            name: 'Synchronize Azure Active Directory Users to salesforce.com',
            source: 'User',
            target: 'User',
            mappings: salesforceUserMappings,
          }),
        ],
      }),
    ],
  });
}
