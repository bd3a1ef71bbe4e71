import { dropboxApplicationTemplateId } from '../../../directory/application-templates/ids.js';
import { attr, directory, mapping, objectDefinition, objectMapping, rule, schema } from '../builder/schema-builders.js';
import { templateMetadata } from '../builder/template-metadata.js';
import { azureActiveDirectory, azureActiveDirectoryName } from '../directories/azure-active-directory.js';
import type { SynchronizationTemplateDefinition } from '../template-definition.js';
import { appRuntime } from './app-runtime.js';

const templateId = 'DropboxOutDelta';
const dropboxDirectoryName = 'Dropbox';

/** Dropbox team members and groups through the Dropbox Business API, authorized with OAuth. */
export const dropboxTemplate: SynchronizationTemplateDefinition = {
  template: {
    id: templateId,
    applicationId: dropboxApplicationTemplateId,
    default: true,
    description: 'Provision team members and groups to Dropbox.',
    discoverable: true,
    factoryTag: templateId,
    metadata: templateMetadata({
      galleryApplicationIdentifier: dropboxApplicationTemplateId,
      galleryApplicationKey: 'dropbox',
      isOAuthEnabled: 'true',
      isSynchronizationInPreview: 'false',
    }),
    schema: schema({
      templateId,
      directories: [
        azureActiveDirectory(),
        directory({
          id: '74fd9076-a81b-4744-b3e6-83062c4964a6',
          name: dropboxDirectoryName,
          objects: [
            objectDefinition('User', [
              attr('team_member_id', 'String', { anchor: true, mutability: 'ReadOnly' }),
              attr('email', 'String', { required: true }),
              attr('external_id'),
              attr('given_name'),
              attr('status'),
              attr('surname'),
            ]),
            objectDefinition('Group', [
              attr('group_id', 'String', { anchor: true, mutability: 'ReadOnly' }),
              attr('group_external_id'),
              attr('group_name', 'String', { required: true }),
              attr('members', 'Reference', { multivalued: true, referencedObjects: ['User'] }),
            ]),
          ],
        }),
      ],
      rules: [
        rule({
          id: '120c0d76-9449-4472-8942-12b9f6fd983d',
          name: 'USERGROUP_OUTBOUND_USERGROUP',
          source: azureActiveDirectoryName,
          target: dropboxDirectoryName,
          metadata: { supportsProvisionOnDemand: 'true' },
          objectMappings: [
            objectMapping({
              name: 'Synchronize Azure Active Directory Users to Dropbox',
              source: 'User',
              target: 'User',
              mappings: [
                mapping('email', '[userPrincipalName]', { matchingPriority: 1 }),
                mapping('given_name', '[givenName]'),
                mapping('surname', '[surname]'),
                mapping('external_id', '[objectId]'),
                mapping('status', 'Switch([IsSoftDeleted], "active", "True", "suspended")'),
              ],
            }),
            objectMapping({
              name: 'Synchronize Azure Active Directory Groups to Dropbox',
              source: 'Group',
              target: 'Group',
              mappings: [
                mapping('group_name', '[displayName]', { matchingPriority: 1 }),
                mapping('group_external_id', '[objectId]'),
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
