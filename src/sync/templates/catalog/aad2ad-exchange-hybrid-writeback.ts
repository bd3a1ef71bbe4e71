import { cloudSyncApplicationTemplateId } from '../../../directory/application-templates/ids.js';
import type { AttributeMapping } from '../../schema/index.js';
import { mapping, objectMapping, rule, schema } from '../builder/schema-builders.js';
import { activeDirectory, activeDirectoryName } from '../directories/active-directory.js';
import {
  azureActiveDirectory,
  azureActiveDirectoryName,
  cloudSyncAnchorAttributes,
  exchangeOnlineAttributes,
} from '../directories/azure-active-directory.js';
import type { SynchronizationTemplateDefinition } from '../template-definition.js';
import { cloudSyncMetadata, cloudSyncRuntime } from './cloud-sync-runtime.js';

const templateId = 'AAD2ADExchangeHybridWriteback';

/**
 * Exchange Online attributes written back to the AD objects they came from (engine-behavior §5.5).
 * Only existing objects are updated, joined on the source anchor. The legacy DN is added to
 * proxyAddresses as an X500 address without removing others (and nothing is added for a user that
 * has none). The msExch settings and hashes flow as they are: a missing cloud value is not written,
 * so values that on-premises Exchange set are never cleared by a service that cannot know them
 * (Provisio has no Exchange Online; see docs/connectors-ldap.md).
 */
const joinOnAnchor = mapping('objectGUID', '[sourceAnchorBinary]', { matchingPriority: 1 });
const x500ProxyAddress = mapping(
  'proxyAddresses',
  'IIF(IsPresent([cloudLegacyExchangeDN]), Join("", "X500:", [cloudLegacyExchangeDN]), [cloudLegacyExchangeDN])',
  { flowType: 'MultiValueAddOnly' },
);

const userWritebackMappings: readonly AttributeMapping[] = [
  joinOnAnchor,
  mapping('msDS-ExternalDirectoryObjectId', '[cloudAnchor]'),
  x500ProxyAddress,
  mapping('msExchArchiveStatus', '[cloudMSExchArchiveStatus]'),
  mapping('msExchBlockedSendersHash', '[cloudMSExchBlockedSendersHash]'),
  mapping('msExchSafeRecipientsHash', '[cloudMSExchSafeRecipientsHash]'),
  mapping('msExchSafeSendersHash', '[cloudMSExchSafeSendersHash]'),
  mapping('msExchUCVoiceMailSettings', '[cloudMSExchUCVoiceMailSettings]'),
  mapping('msExchUserHoldPolicies', '[cloudMSExchUserHoldPolicies]'),
];

const contactWritebackMappings: readonly AttributeMapping[] = [joinOnAnchor, x500ProxyAddress];

export const aad2adExchangeHybridWritebackTemplate: SynchronizationTemplateDefinition = {
  template: {
    id: templateId,
    applicationId: cloudSyncApplicationTemplateId,
    default: false,
    description: 'Write Exchange Online attributes back to Active Directory for Exchange hybrid deployments.',
    discoverable: true,
    factoryTag: templateId,
    metadata: cloudSyncMetadata(templateId, true),
    schema: schema({
      templateId,
      directories: [
        azureActiveDirectory({
          objects: ['User', 'Contact'],
          userExtras: [...cloudSyncAnchorAttributes, ...exchangeOnlineAttributes],
          contactExtras: [...cloudSyncAnchorAttributes, ...exchangeOnlineAttributes.filter((a) => a.name === 'cloudLegacyExchangeDN')],
        }),
        activeDirectory(),
      ],
      rules: [
        rule({
          id: '886cf846-45f3-4ee1-a383-3835ce2e4f4b',
          name: 'EXCHANGEHYBRID_OUTBOUND_USERCONTACT',
          source: azureActiveDirectoryName,
          target: activeDirectoryName,
          objectMappings: [
            objectMapping({ name: 'Write back Exchange attributes of users', source: 'User', target: 'user', mappings: userWritebackMappings, flowTypes: 'Update' }),
            objectMapping({
              name: 'Write back Exchange attributes of inetOrgPersons',
              source: 'User',
              target: 'inetOrgPerson',
              mappings: userWritebackMappings,
              flowTypes: 'Update',
            }),
            objectMapping({
              name: 'Write back Exchange attributes of contacts',
              source: 'Contact',
              target: 'contact',
              mappings: contactWritebackMappings,
              flowTypes: 'Update',
            }),
          ],
        }),
      ],
    }),
  },
  runtime: cloudSyncRuntime('writeback'),
};
