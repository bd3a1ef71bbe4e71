import type { ResourceCatalog } from '../../api/odata/index.js';

/**
 * The catalog of collections that mix object types (members, owners, transitive members): the properties
 * users, groups and service principals share. `$select` is not checked, since each type has its own set.
 */
export const directoryObjectCatalog: ResourceCatalog = {
  resource: 'DirectoryObject',
  entityType: 'microsoft.graph.directoryObject',
  properties: {
    id: { type: 'guid', filter: ['eq', 'in', 'ne'], sql: { column: 'id' } },
    displayName: {
      type: 'string',
      filter: ['eq', 'in', 'ne', 'startswith', 'endswith', 'ge', 'le'],
      sort: 'default',
      search: true,
      sql: { column: 'display_name', lowered: 'display_name_lower' },
    },
    mail: { type: 'string', filter: ['eq', 'in', 'ne', 'startswith', 'endswith'], search: true, sql: { column: 'mail_lower', lowered: 'mail_lower' } },
  },
};
