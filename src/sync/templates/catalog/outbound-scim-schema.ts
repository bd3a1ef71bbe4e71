import type { SynchronizationSchema } from '../../schema/index.js';
import { objectMapping, rule, schema } from '../builder/schema-builders.js';
import { azureActiveDirectory, azureActiveDirectoryName } from '../directories/azure-active-directory.js';
import { scimGroupObjectName, scimUserObjectName } from '../directories/scim-core.js';
import { scimTargetDirectory } from '../directories/scim-target.js';
import { scimGroupMappings, scimUserMappings } from './scim-default-mappings.js';

/** The rule id the service uses for user-and-group outbound SCIM rules. */
export const outboundScimRuleId = '03f7d90d-bf71-41b1-bda6-aaf0ddbee5d8';

/** Directory → SCIM app: the default schema of the non-gallery template and of gallery SCIM apps. */
export function outboundScimSchema(options: {
  readonly templateId: string;
  readonly targetDirectoryId: string;
  readonly targetDirectoryName: string;
}): SynchronizationSchema {
  return schema({
    templateId: options.templateId,
    directories: [azureActiveDirectory(), scimTargetDirectory({ id: options.targetDirectoryId, name: options.targetDirectoryName })],
    rules: [
      rule({
        id: outboundScimRuleId,
        name: 'USERGROUP_OUTBOUND_USERGROUP',
        source: azureActiveDirectoryName,
        target: options.targetDirectoryName,
        metadata: { supportsProvisionOnDemand: 'true' },
        objectMappings: [
          objectMapping({
            name: 'Provision Azure Active Directory Users',
            source: 'User',
            target: scimUserObjectName,
            mappings: scimUserMappings,
          }),
          objectMapping({
            name: 'Provision Azure Active Directory Groups',
            source: 'Group',
            target: scimGroupObjectName,
            mappings: scimGroupMappings,
          }),
        ],
      }),
    ],
  });
}
