import { googleWorkspaceApplicationTemplateId } from '../../../directory/application-templates/ids.js';
import { attr, directory, mapping, objectDefinition, objectMapping, rule, schema } from '../builder/schema-builders.js';
import { templateMetadata } from '../builder/template-metadata.js';
import { azureActiveDirectory, azureActiveDirectoryName } from '../directories/azure-active-directory.js';
import type { SynchronizationTemplateDefinition } from '../template-definition.js';
import { appRuntime } from './app-runtime.js';

const templateId = 'GoogleAppsOutDelta';
const googleDirectoryName = 'Google Apps';

/** Google Workspace (G Suite) users and groups through the Admin SDK Directory API, authorized with OAuth. */
export const googleWorkspaceTemplate: SynchronizationTemplateDefinition = {
  template: {
    id: templateId,
    applicationId: googleWorkspaceApplicationTemplateId,
    default: true,
    description: 'Provision users and groups to Google Workspace (G Suite).',
    discoverable: true,
    factoryTag: templateId,
    metadata: templateMetadata({
      galleryApplicationIdentifier: googleWorkspaceApplicationTemplateId,
      galleryApplicationKey: 'gsuite',
      isOAuthEnabled: 'true',
      isSynchronizationInPreview: 'false',
    }),
    schema: schema({
      templateId,
      directories: [
        azureActiveDirectory(),
        directory({
          id: '23b03844-769b-4eae-a85c-ea2e9f4429c2',
          name: googleDirectoryName,
          objects: [
            objectDefinition('User', [
              attr('id', 'String', { anchor: true, mutability: 'ReadOnly' }),
              attr('externalIds[type eq "organization"].value'),
              attr('name.familyName', 'String', { required: true }),
              attr('name.givenName', 'String', { required: true }),
              attr('orgUnitPath'),
              attr('organizations[primary eq true].department'),
              attr('organizations[primary eq true].title'),
              attr('primaryEmail', 'String', { required: true }),
              attr('suspended', 'Boolean'),
            ]),
            objectDefinition('Group', [
              attr('id', 'String', { anchor: true, mutability: 'ReadOnly' }),
              attr('description'),
              attr('email', 'String', { required: true }),
              attr('members', 'Reference', { multivalued: true, referencedObjects: ['User', 'Group'] }),
              attr('name'),
            ]),
          ],
        }),
      ],
      rules: [
        rule({
          id: 'ed78c4c0-7f96-406a-b266-a19ed9f88ef1',
          name: 'USERGROUP_OUTBOUND_USERGROUP',
          source: azureActiveDirectoryName,
          target: googleDirectoryName,
          metadata: { supportsProvisionOnDemand: 'true' },
          objectMappings: [
            objectMapping({
              name: 'Provision Azure Active Directory Users',
              source: 'User',
              target: 'User',
              mappings: [
                mapping('primaryEmail', '[userPrincipalName]', { matchingPriority: 1 }),
                mapping('name.givenName', '[givenName]'),
                mapping('name.familyName', '[surname]'),
                mapping('suspended', '[IsSoftDeleted]'),
                mapping('externalIds[type eq "organization"].value', '[employeeId]'),
                mapping('organizations[primary eq true].department', '[department]'),
                mapping('organizations[primary eq true].title', '[jobTitle]'),
              ],
            }),
            objectMapping({
              name: 'Provision Azure Active Directory Groups',
              source: 'Group',
              target: 'Group',
              mappings: [
                mapping('email', '[mail]', { matchingPriority: 1 }),
                mapping('name', '[displayName]'),
                mapping('description', '[description]'),
                mapping('members', '[members]'),
              ],
            }),
          ],
        }),
      ],
    }),
  },
  runtime: appRuntime({ requiredSecrets: [['Oauth2AccessToken']] }),
};
