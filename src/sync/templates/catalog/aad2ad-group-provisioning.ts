import { cloudSyncApplicationTemplateId } from '../../../directory/application-templates/ids.js';
import { attr, mapping, objectMapping, rule, schema } from '../builder/schema-builders.js';
import { activeDirectory, activeDirectoryName } from '../directories/active-directory.js';
import { azureActiveDirectory, azureActiveDirectoryName, cloudSyncAnchorAttributes } from '../directories/azure-active-directory.js';
import { defaultJobSettings, type SynchronizationTemplateDefinition } from '../template-definition.js';
import { cloudSyncMetadata } from './cloud-sync-runtime.js';

const templateId = 'AAD2ADGroupProvisioning';

/** `msDS-ExternalDirectoryObjectId` of cloud objects (`Group_<objectId>`), what AD objects are joined on. */
const cloudAnchor = attr('cloudAnchor', 'String', { mutability: 'ReadOnly' });

/**
 * Group provisioning to Active Directory (engine-behavior §5.7): cloud security groups become universal
 * security groups in AD, joined on `msDS-ExternalDirectoryObjectId = Group_<objectId>` (match → update, no
 * match → create), named `<displayName>_<last 12 characters of the object id>` as the hosted service names
 * them. Members are the synced users among the group's members (joined on their source anchor, never created
 * or changed) and nested cloud security groups. New groups go to the container in `SyncAgentADContainer`
 * unless `parentDistinguishedName` is mapped.
 */
export const aad2adGroupProvisioningTemplate: SynchronizationTemplateDefinition = {
  template: {
    id: templateId,
    applicationId: cloudSyncApplicationTemplateId,
    default: false,
    description: 'Provision cloud security groups, with their synced members, to Active Directory.',
    discoverable: true,
    factoryTag: templateId,
    metadata: cloudSyncMetadata(templateId, true),
    schema: schema({
      templateId,
      directories: [
        azureActiveDirectory({ objects: ['User', 'Group'], userExtras: cloudSyncAnchorAttributes, groupExtras: [cloudAnchor] }),
        activeDirectory(),
      ],
      rules: [
        rule({
          id: '2c3b7c0e-8f6a-4c59-9d0e-5a7f1b3e6d21',
          name: 'GROUP_OUTBOUND_GROUP',
          source: azureActiveDirectoryName,
          target: activeDirectoryName,
          objectMappings: [
            objectMapping({
              name: 'Match synced users',
              source: 'User',
              target: 'user',
              mappings: [mapping('objectGUID', '[sourceAnchorBinary]', { matchingPriority: 1 })],
              flowTypes: 'Update',
            }),
            objectMapping({
              name: 'Provision Azure Active Directory groups',
              source: 'Group',
              target: 'group',
              mappings: [
                mapping('msDS-ExternalDirectoryObjectId', '[cloudAnchor]', { matchingPriority: 1 }),
                mapping('cn', 'Join("_", [displayName], Mid([objectId], "25", "12"))'),
                mapping('description', '[description]'),
                mapping('displayName', '[displayName]'),
                // Universal security group: GROUP_TYPE_SECURITY_ENABLED | GROUP_TYPE_UNIVERSAL_GROUP.
                mapping('groupType', '"-2147483640"', { flowType: 'ObjectAddOnly' }),
                mapping('member', '[members]'),
              ],
            }),
          ],
        }),
      ],
    }),
  },
  runtime: {
    scheduleInterval: 'PT20M',
    expressionDialect: 'cloudSync',
    requiredSecrets: [['Domain']],
    source: 'directory',
    target: 'ldap',
    jobSettings: defaultJobSettings,
  },
};
