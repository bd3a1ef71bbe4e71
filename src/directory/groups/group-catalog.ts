import type { PropertySpec, ResourceCatalog } from '../../api/odata/index.js';
import { extensionCatalogProperties } from '../extension-properties/extension-catalog.js';
import type { ExtensionProperty } from '../extension-properties/extension-property.js';

const text = ['eq', 'in', 'ne', 'startswith', 'endswith', 'ge', 'le'] as const;
const simple = ['eq', 'in', 'ne', 'startswith'] as const;
/** Stored only folded; every comparison on these folds, so the folded column serves both roles. */
const folded = (column: string) => ({ column, lowered: column });

const baseProperties: Readonly<Record<string, PropertySpec>> = {
  id: { type: 'guid', filter: ['eq', 'in', 'ne'], sql: { column: 'id' } },
  displayName: { type: 'string', filter: text, sort: 'default', search: true, sql: { column: 'display_name', lowered: 'display_name_lower' } },
  description: { type: 'string', filter: simple, search: true, sql: { column: 'data', json: ['description'] } },
  mail: { type: 'string', filter: text, search: true, sql: folded('mail_lower') },
  mailNickname: { type: 'string', filter: simple, search: true, sql: folded('mail_nickname_lower') },
  mailEnabled: { type: 'boolean', filter: ['eq', 'ne'], sql: { column: 'mail_enabled' } },
  securityEnabled: { type: 'boolean', filter: ['eq', 'ne'], sql: { column: 'security_enabled' } },
  groupTypes: { collection: { type: 'string', filter: ['eq'] }, lambdas: ['any'], sql: { column: 'group_types' } },
  proxyAddresses: { collection: { type: 'string', filter: ['eq', 'startswith'] }, lambdas: ['any'], sql: { column: 'data', json: ['proxyAddresses'] } },
  createdDateTime: { type: 'datetime', filter: ['eq', 'ne', 'ge', 'le', 'gt', 'lt', 'in'], sort: 'advanced', sql: { column: 'created_at' } },
  isAssignableToRole: { type: 'boolean', filter: ['eq', 'ne'], sql: { column: 'data', json: ['isAssignableToRole'] } },
  visibility: { type: 'string', filter: ['eq', 'ne', 'in'], sql: { column: 'data', json: ['visibility'] } },
  classification: { type: 'string', filter: simple, sql: { column: 'data', json: ['classification'] } },
  onPremisesSyncEnabled: { type: 'boolean', filter: ['eq', 'ne'], sql: { column: 'data', json: ['onPremisesSyncEnabled'] } },
  onPremisesSamAccountName: { type: 'string', filter: simple, sql: { column: 'data', json: ['onPremisesSamAccountName'] } },
  onPremisesSecurityIdentifier: { type: 'string', filter: ['eq', 'in'], sql: { column: 'data', json: ['onPremisesSecurityIdentifier'] } },
  securityIdentifier: { type: 'string', filter: ['eq', 'in'], sql: { column: 'data', json: ['securityIdentifier'] } },
};

export const groupProperties: readonly string[] = Object.freeze([
  'id',
  'deletedDateTime',
  'classification',
  'createdDateTime',
  'creationOptions',
  'description',
  'displayName',
  'expirationDateTime',
  'groupTypes',
  'isAssignableToRole',
  'mail',
  'mailEnabled',
  'mailNickname',
  'membershipRule',
  'membershipRuleProcessingState',
  'onPremisesDomainName',
  'onPremisesLastSyncDateTime',
  'onPremisesNetBiosName',
  'onPremisesSamAccountName',
  'onPremisesSecurityIdentifier',
  'onPremisesSyncEnabled',
  'preferredDataLocation',
  'preferredLanguage',
  'proxyAddresses',
  'renewedDateTime',
  'resourceBehaviorOptions',
  'resourceProvisioningOptions',
  'securityEnabled',
  'securityIdentifier',
  'theme',
  'visibility',
]);

/** The groups catalog for one request, with the tenant's extension attributes declared for groups. */
export function groupCatalog(extensions: readonly ExtensionProperty[], options: { deleted?: boolean } = {}): ResourceCatalog {
  const extensionProperties = extensionCatalogProperties(extensions);
  return {
    resource: 'Group',
    entityType: 'microsoft.graph.group',
    properties: {
      ...baseProperties,
      ...(options.deleted
        ? { deletedDateTime: { type: 'datetime', filter: ['eq', 'ne', 'ge', 'le', 'gt', 'lt'], sort: 'advanced', sql: { column: 'deleted_at' } } }
        : {}),
      ...extensionProperties,
    },
    selectable: [...groupProperties, ...Object.keys(extensionProperties)],
  };
}
