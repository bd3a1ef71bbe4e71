import type { DirectoryDefinition } from '../../schema/index.js';
import { attr, directory, objectDefinition } from '../builder/schema-builders.js';
import { scimGroupObjectName, scimUserAttributes, scimUserObjectName } from './scim-core.js';

/**
 * The target of a SCIM 2.0 app: the non-gallery SCIM template names it `customappsso`, gallery SCIM
 * apps by their own name. Objects are named by schema URN, as the service names them; `id` is the
 * resource id the SCIM service assigns.
 */
export const customAppSsoDirectoryName = 'customappsso';

export function scimTargetDirectory(options: { readonly id: string; readonly name: string }): DirectoryDefinition {
  const idAttribute = attr('id', 'String', { anchor: true, mutability: 'ReadOnly', caseExact: true });
  return directory({
    id: options.id,
    name: options.name,
    discoverabilities: 'AttributeNames, AttributeDataTypes, AttributeReadOnly, ReferenceAttributes',
    objects: [
      objectDefinition(scimUserObjectName, scimUserAttributes(idAttribute), {
        metadata: { PropertyNameAccountEnabled: 'active', IsSoftDeletionSupported: 'true' },
      }),
      objectDefinition(scimGroupObjectName, [
        idAttribute,
        attr('displayName', 'String', { required: true }),
        attr('externalId'),
        attr('members', 'Reference', { multivalued: true, referencedObjects: [scimUserObjectName, scimGroupObjectName] }),
      ]),
    ],
  });
}
