import type { DirectoryDefinition } from '../../schema/index.js';
import { attr } from '../builder/schema-builders.js';
import { azureActiveDirectory, cloudSyncAnchorAttributes } from '../directories/azure-active-directory.js';

/**
 * The directory as the target of cloud sync: users, groups and contacts, plus the hybrid
 * attributes only AD-sourced objects carry. `CredentialData` receives password hashes; it is
 * declared here so that adding the `[PasswordHash]` mapping (seed 001) validates, but the
 * provisioning template does not map it. Objects that leave scope are deleted (to deleted items),
 * not disabled.
 */
export function cloudSyncTargetDirectory(): DirectoryDefinition {
  return azureActiveDirectory({
    objects: ['User', 'Group', 'Contact'],
    userExtras: [...cloudSyncAnchorAttributes, attr('countryCode', 'Integer'), attr('CredentialData', 'String', { mutability: 'WriteOnly' })],
    groupExtras: cloudSyncAnchorAttributes,
    contactExtras: cloudSyncAnchorAttributes,
    softDeletion: false,
  });
}
