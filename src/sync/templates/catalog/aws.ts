import { awsApplicationTemplateId } from '../../../directory/application-templates/ids.js';
import { attr, directory, mapping, objectDefinition, objectMapping, rule, schema } from '../builder/schema-builders.js';
import { templateMetadata } from '../builder/template-metadata.js';
import { azureActiveDirectory, azureActiveDirectoryName } from '../directories/azure-active-directory.js';
import type { SynchronizationTemplateDefinition } from '../template-definition.js';
import { appRuntime } from './app-runtime.js';

const templateId = 'aws';
const awsDirectoryName = 'Amazon Web Services (AWS)';

/**
 * AWS single-account access (seed 003): the connector reads the IAM roles federated with the SAML
 * provider and imports them as app roles of the service principal, so that users can be assigned
 * to them. Credentials are an access key (`ClientSecret`) and its secret (`SecretToken`).
 */
export const awsTemplate: SynchronizationTemplateDefinition = {
  template: {
    id: templateId,
    applicationId: awsApplicationTemplateId,
    default: true,
    description: 'Import the IAM roles of an AWS account as app roles.',
    discoverable: true,
    factoryTag: templateId,
    metadata: templateMetadata({
      galleryApplicationIdentifier: awsApplicationTemplateId,
      galleryApplicationKey: templateId,
      isOAuthEnabled: 'false',
      isSynchronizationInPreview: 'false',
      configurationFields: [{ name: 'clientsecret' }, { name: 'secrettoken', secret: true }],
    }),
    schema: schema({
      templateId,
      directories: [
        directory({
          id: '5c499308-a200-4ea6-b37a-fba54d43ac90',
          name: awsDirectoryName,
          objects: [
            objectDefinition('Role', [
              attr('Arn', 'String', { anchor: true, mutability: 'ReadOnly', caseExact: true }),
              attr('Description', 'String', { mutability: 'ReadOnly' }),
              attr('ProviderArn', 'String', { mutability: 'ReadOnly', caseExact: true }),
              attr('ProviderName', 'String', { mutability: 'ReadOnly' }),
              attr('RoleId', 'String', { mutability: 'ReadOnly' }),
              attr('RoleName', 'String', { mutability: 'ReadOnly' }),
            ]),
          ],
        }),
        azureActiveDirectory({
          objects: [],
          additionalObjects: [
            objectDefinition('AppRole', [
              attr('id', 'String', { anchor: true, mutability: 'ReadOnly' }),
              attr('allowedMemberTypes', 'String', { multivalued: true }),
              attr('description'),
              attr('displayName'),
              attr('isEnabled', 'Boolean'),
              attr('value', 'String', { caseExact: true }),
            ]),
          ],
        }),
      ],
      rules: [
        rule({
          id: '38553dbd-d27a-4425-8635-37eecec2d313',
          name: 'ROLE_INBOUND_APPROLE',
          source: awsDirectoryName,
          target: azureActiveDirectoryName,
          objectMappings: [
            objectMapping({
              name: 'Import Amazon Web Services (AWS) roles',
              source: 'Role',
              target: 'AppRole',
              mappings: [
                // The SAML role claim AWS expects: "<role ARN>,<identity provider ARN>".
                mapping('value', 'Join(",", [Arn], [ProviderArn])', { matchingPriority: 1 }),
                mapping('displayName', 'Join(",", [RoleName], [ProviderName])'),
                mapping('description', '[Description]'),
                mapping('isEnabled', '"True"'),
                mapping('allowedMemberTypes', '"User"'),
              ],
            }),
          ],
        }),
      ],
    }),
  },
  runtime: appRuntime({ requiredSecrets: [['ClientSecret', 'SecretToken']], source: 'vendorApi', target: 'directory' }),
};
