import type { DirectoryDefinition } from '../../schema/index.js';
import { attr, directory, objectDefinition } from '../builder/schema-builders.js';
import { scimUserAttributes, scimUserObjectName } from './scim-core.js';

/**
 * The source of API-driven inbound provisioning: SCIM users posted to the job's bulkUpload endpoint
 * (engine-behavior §3). `externalId` identifies a record, and a manager is referenced by the
 * manager's externalId. Custom schema namespaces are added to this object as extra attributes.
 */
export const apiDirectoryName = 'API';
const apiDirectoryId = '2e827642-8abd-43d6-8795-4c5ed3218152';

export function apiSourceDirectory(): DirectoryDefinition {
  const attributes = scimUserAttributes(attr('externalId', 'String', { anchor: true, required: true, caseExact: true })).filter(
    // externalId is already the anchor; roles are an outbound concept.
    (attribute, index) => index === 0 || (attribute.name !== 'externalId' && !attribute.name.startsWith('roles[')),
  );
  return directory({
    id: apiDirectoryId,
    name: apiDirectoryName,
    objects: [objectDefinition(scimUserObjectName, attributes)],
  });
}
