import { cloudSyncApplicationTemplateId } from '../../../directory/application-templates/ids.js';
import { objectMapping, rule, schema } from '../builder/schema-builders.js';
import { activeDirectory, activeDirectoryName } from '../directories/active-directory.js';
import { azureActiveDirectoryName } from '../directories/azure-active-directory.js';
import type { SynchronizationTemplateDefinition } from '../template-definition.js';
import { cloudSyncTargetDirectory } from './cloud-sync-directories.js';
import { adContactMappings, adGroupMappings, adUserMappings } from './cloud-sync-mappings.js';
import { cloudSyncMetadata, cloudSyncRuntime } from './cloud-sync-runtime.js';

const templateId = 'AD2AADProvisioning';

/**
 * Cloud sync: users, inetOrgPersons, groups and contacts of an AD domain into the directory.
 * The object mapping names are the ones scripts look up (seed 001). Seeds 000/001 show a job
 * created from this template reporting `templateId: "ADDCInPassthrough"`, the engine factory behind
 * it, hence the factoryTag.
 */
export const ad2aadProvisioningTemplate: SynchronizationTemplateDefinition = {
  template: {
    id: templateId,
    applicationId: cloudSyncApplicationTemplateId,
    default: true,
    description: 'Provision users, groups and contacts from an Active Directory domain.',
    discoverable: true,
    factoryTag: 'ADDCInPassthrough',
    metadata: cloudSyncMetadata(templateId, false),
    schema: schema({
      templateId,
      directories: [activeDirectory(), cloudSyncTargetDirectory()],
      rules: [
        rule({
          id: '951b6248-6567-4118-926f-b37cc3ab26a3',
          name: 'USERGROUPCONTACT_INBOUND_USERGROUPCONTACT',
          source: activeDirectoryName,
          target: azureActiveDirectoryName,
          metadata: { supportsProvisionOnDemand: 'true' },
          objectMappings: [
            objectMapping({ name: 'Provision Active Directory users', source: 'user', target: 'User', mappings: adUserMappings }),
            objectMapping({
              name: 'Provision Active Directory inetOrgPersons',
              source: 'inetOrgPerson',
              target: 'User',
              mappings: adUserMappings,
            }),
            objectMapping({ name: 'Provision Active Directory groups', source: 'group', target: 'Group', mappings: adGroupMappings }),
            objectMapping({ name: 'Provision Active Directory contacts', source: 'contact', target: 'Contact', mappings: adContactMappings }),
          ],
        }),
      ],
    }),
  },
  runtime: cloudSyncRuntime('inbound'),
};
