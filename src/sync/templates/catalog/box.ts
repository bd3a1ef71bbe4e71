import { boxApplicationTemplateId } from '../../../directory/application-templates/ids.js';
import { attr, directory, mapping, objectDefinition, objectMapping, rule, schema } from '../builder/schema-builders.js';
import { templateMetadata } from '../builder/template-metadata.js';
import { azureActiveDirectory, azureActiveDirectoryName } from '../directories/azure-active-directory.js';
import type { SynchronizationTemplateDefinition } from '../template-definition.js';
import { appRuntime } from './app-runtime.js';

const templateId = 'BoxOutDelta';
const boxDirectoryName = 'Box';

/** Box users and groups through Box's API, authorized with OAuth (seed 004 creates this job). */
export const boxTemplate: SynchronizationTemplateDefinition = {
  template: {
    id: templateId,
    applicationId: boxApplicationTemplateId,
    default: true,
    description: 'Provision users and groups to Box.',
    discoverable: true,
    factoryTag: templateId,
    metadata: templateMetadata({
      galleryApplicationIdentifier: boxApplicationTemplateId,
      galleryApplicationKey: 'box',
      isOAuthEnabled: 'true',
      isSynchronizationInPreview: 'false',
    }),
    schema: schema({
      templateId,
      directories: [
        azureActiveDirectory(),
        directory({
          id: '2a187a29-6b8a-4602-8f73-0feb5775755b',
          name: boxDirectoryName,
          objects: [
            objectDefinition('User', [
              attr('id', 'String', { anchor: true, mutability: 'ReadOnly' }),
              attr('address'),
              attr('job_title'),
              attr('login', 'String', { required: true }),
              attr('name', 'String', { required: true }),
              attr('phone'),
              attr('status'),
            ]),
            objectDefinition('Group', [
              attr('id', 'String', { anchor: true, mutability: 'ReadOnly' }),
              attr('members', 'Reference', { multivalued: true, referencedObjects: ['User'] }),
              attr('name', 'String', { required: true }),
            ]),
          ],
        }),
      ],
      rules: [
        rule({
          id: '24ac86df-5a0e-445a-b7c6-05f19569a44d',
          name: 'USERGROUP_OUTBOUND_USERGROUP',
          source: azureActiveDirectoryName,
          target: boxDirectoryName,
          metadata: { supportsProvisionOnDemand: 'true' },
          objectMappings: [
            objectMapping({
              name: 'Synchronize Azure Active Directory Users to Box',
              source: 'User',
              target: 'User',
              mappings: [
                mapping('login', '[userPrincipalName]', { matchingPriority: 1 }),
                mapping('name', '[displayName]'),
                mapping('status', 'Switch([IsSoftDeleted], "active", "True", "inactive")'),
                mapping('job_title', '[jobTitle]'),
                mapping('phone', '[telephoneNumber]'),
                mapping('address', '[streetAddress]'),
              ],
            }),
            objectMapping({
              name: 'Synchronize Azure Active Directory Groups to Box',
              source: 'Group',
              target: 'Group',
              mappings: [mapping('name', '[displayName]', { matchingPriority: 1 }), mapping('members', '[members]')],
            }),
          ],
        }),
      ],
    }),
  },
  runtime: appRuntime({ requiredSecrets: [['Oauth2AccessToken']] }),
};
