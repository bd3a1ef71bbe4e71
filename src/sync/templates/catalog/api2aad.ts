import { apiDrivenToEntraApplicationTemplateId } from '../../../directory/application-templates/ids.js';
import { objectMapping, rule, schema } from '../builder/schema-builders.js';
import { templateMetadata } from '../builder/template-metadata.js';
import { apiDirectoryName, apiSourceDirectory } from '../directories/api-source.js';
import { azureActiveDirectory, azureActiveDirectoryName } from '../directories/azure-active-directory.js';
import { scimUserObjectName } from '../directories/scim-core.js';
import { defaultJobSettings, type SynchronizationTemplateDefinition } from '../template-definition.js';
import { apiToDirectoryMappings, apiUserObjectMappingName } from './api-inbound.js';

const templateId = 'API2AAD';

/**
 * API-driven inbound provisioning into the directory: an HR system posts SCIM bulk requests to the
 * job (`bulkUpload`); each cycle applies the staged records. Nothing to configure before start.
 */
export const api2aadTemplate: SynchronizationTemplateDefinition = {
  template: {
    id: templateId,
    applicationId: apiDrivenToEntraApplicationTemplateId,
    default: true,
    description: 'Provision users into the directory from records pushed to the bulkUpload API.',
    discoverable: true,
    factoryTag: templateId,
    metadata: templateMetadata({
      galleryApplicationIdentifier: apiDrivenToEntraApplicationTemplateId,
      galleryApplicationKey: templateId,
      isSynchronizationInPreview: 'false',
    }),
    schema: schema({
      templateId,
      directories: [apiSourceDirectory(), azureActiveDirectory({ objects: ['User'] })],
      rules: [
        rule({
          id: '8a4988f6-9bac-4a67-8929-46c385ee6ae0',
          name: 'USER_INBOUND_USER',
          source: apiDirectoryName,
          target: azureActiveDirectoryName,
          metadata: { supportsProvisionOnDemand: 'false' },
          objectMappings: [
            objectMapping({
              name: apiUserObjectMappingName,
              source: scimUserObjectName,
              target: 'User',
              mappings: apiToDirectoryMappings,
            }),
          ],
        }),
      ],
    }),
  },
  runtime: {
    scheduleInterval: 'PT40M',
    expressionDialect: 'appProvisioning',
    requiredSecrets: [],
    source: 'apiInbound',
    target: 'directory',
    jobSettings: defaultJobSettings,
  },
};
