import type { ResourceCatalog } from '../../api/odata/index.js';

/** Query options on appRoleAssignments / appRoleAssignedTo. */
export const appRoleAssignmentCatalog: ResourceCatalog = {
  resource: 'AppRoleAssignment',
  entityType: 'microsoft.graph.appRoleAssignment',
  properties: {
    id: { type: 'string', filter: ['eq', 'in'], sql: { column: 'id' } },
    appRoleId: { type: 'string', filter: ['eq', 'in'], sql: { column: 'app_role_id' } },
    principalId: { type: 'string', filter: ['eq', 'in'], sql: { column: 'principal_id' } },
    principalType: { type: 'string', filter: ['eq'], sql: { column: 'principal_type' } },
    principalDisplayName: { type: 'string', filter: ['eq', 'startswith'], sort: 'default', sql: { column: 'principal_display_name' } },
    resourceId: { type: 'string', filter: ['eq', 'in'], sql: { column: 'resource_id' } },
    resourceDisplayName: { type: 'string', filter: ['eq', 'startswith'], sql: { column: 'resource_display_name' } },
    createdDateTime: { type: 'datetime', filter: ['ge', 'le', 'gt', 'lt'], sort: 'default', sql: { column: 'created_at' } },
  },
};
