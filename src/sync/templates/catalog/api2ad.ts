import { apiDrivenToActiveDirectoryApplicationTemplateId } from '../../../directory/application-templates/ids.js';
import { objectMapping, rule, schema } from '../builder/schema-builders.js';
import { templateMetadata } from '../builder/template-metadata.js';
import { activeDirectory, activeDirectoryName } from '../directories/active-directory.js';
import { apiDirectoryName, apiSourceDirectory } from '../directories/api-source.js';
import { scimUserObjectName } from '../directories/scim-core.js';
import { defaultJobSettings, type SynchronizationTemplateDefinition } from '../template-definition.js';
import { apiToActiveDirectoryMappings, apiUserObjectMappingName } from './api-inbound.js';

const templateId = 'API2AD';

/**
 * API-driven inbound provisioning into on-premises AD (through the provisioning agent, here over
 * LDAP). Like cloud sync jobs it needs the Domain secret; new accounts go to the container in
 * `SyncAgentADContainer` unless `parentDistinguishedName` is mapped.
 */
export const api2adTemplate: SynchronizationTemplateDefinition = {
  template: {
    id: templateId,
    applicationId: apiDrivenToActiveDirectoryApplicationTemplateId,
    default: true,
    description: 'Provision users into on-premises Active Directory from records pushed to the bulkUpload API.',
    discoverable: true,
    factoryTag: templateId,
    metadata: templateMetadata({
      galleryApplicationIdentifier: apiDrivenToActiveDirectoryApplicationTemplateId,
      galleryApplicationKey: templateId,
      IsSynchronizationAgentAssignmentRequired: 'true',
      isSynchronizationAgentRequired: 'true',
      isSynchronizationInPreview: 'false',
    }),
    schema: schema({
      templateId,
      directories: [apiSourceDirectory(), activeDirectory()],
      rules: [
        rule({
          id: 'bc2568b9-504e-4ab0-8ec7-a29d1519676d',
          name: 'USER_INBOUND_USER',
          source: apiDirectoryName,
          target: activeDirectoryName,
          metadata: { supportsProvisionOnDemand: 'false' },
          objectMappings: [
            objectMapping({
              name: apiUserObjectMappingName,
              source: scimUserObjectName,
              target: 'user',
              mappings: apiToActiveDirectoryMappings,
            }),
          ],
        }),
      ],
    }),
  },
  runtime: {
    scheduleInterval: 'PT40M',
    expressionDialect: 'appProvisioning',
    requiredSecrets: [['Domain']],
    source: 'apiInbound',
    target: 'ldap',
    jobSettings: defaultJobSettings,
  },
};
