import { cloudSyncApplicationTemplateId } from '../../../directory/application-templates/ids.js';
import { mapping, objectMapping, rule, schema } from '../builder/schema-builders.js';
import { activeDirectory, activeDirectoryName } from '../directories/active-directory.js';
import { azureActiveDirectoryName } from '../directories/azure-active-directory.js';
import type { SynchronizationTemplateDefinition } from '../template-definition.js';
import { cloudSyncTargetDirectory } from './cloud-sync-directories.js';
import { cloudSyncMetadata, cloudSyncRuntime } from './cloud-sync-runtime.js';

const templateId = 'AD2AADPasswordHash';

/** Password hash sync writes only the credential: joined on the source anchor, `CredentialData ← [PasswordHash]`. */
const passwordHashMappings = [
  mapping('sourceAnchorBinary', '[objectGUID]', { matchingPriority: 1 }),
  mapping('CredentialData', '[PasswordHash]'),
];

/** Cloud sync password hash synchronization for the users of an AD domain (seed 000/001 second job). */
export const ad2aadPasswordHashTemplate: SynchronizationTemplateDefinition = {
  template: {
    id: templateId,
    applicationId: cloudSyncApplicationTemplateId,
    default: false,
    description: 'Synchronize password hashes of Active Directory users.',
    discoverable: true,
    factoryTag: templateId,
    metadata: cloudSyncMetadata(templateId, false),
    schema: schema({
      templateId,
      directories: [activeDirectory(), cloudSyncTargetDirectory()],
      rules: [
        rule({
          id: '455d4256-a565-4170-8462-ea9d8bb37f5e',
          name: 'PASSWORDHASH_INBOUND_USER',
          source: activeDirectoryName,
          target: azureActiveDirectoryName,
          objectMappings: [
            objectMapping({ name: 'Provision Active Directory users', source: 'user', target: 'User', mappings: passwordHashMappings, flowTypes: 'Update' }),
            objectMapping({
              name: 'Provision Active Directory inetOrgPersons',
              source: 'inetOrgPerson',
              target: 'User',
              mappings: passwordHashMappings,
              flowTypes: 'Update',
            }),
          ],
        }),
      ],
    }),
  },
  // Same secrets as the provisioning job's LDAP connection, but hashes come by replication, not over LDAP.
  runtime: { ...cloudSyncRuntime('inbound'), source: 'adReplication' },
};
