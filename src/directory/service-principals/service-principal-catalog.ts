import type { ResourceCatalog } from '../../api/odata/index.js';

const text = ['eq', 'in', 'startswith', 'ne', 'endswith'] as const;

/** What `$filter`, `$orderby`, `$search` and `$select` may name on service principals, and where it is stored. */
export const servicePrincipalCatalog: ResourceCatalog = {
  resource: 'ServicePrincipal',
  entityType: 'microsoft.graph.servicePrincipal',
  properties: {
    id: { type: 'string', filter: ['eq', 'in', 'ne'], sql: { column: 'id' } },
    appId: { type: 'string', filter: ['eq', 'in', 'ne'], sql: { column: 'app_id' } },
    displayName: {
      type: 'string',
      filter: text,
      advanced: ['ne', 'endswith'],
      sort: 'default',
      search: true,
      sql: { column: 'display_name', lowered: 'display_name_lower' },
    },
    accountEnabled: { type: 'boolean', filter: ['eq', 'ne'], sql: { column: 'account_enabled' } },
    appRoleAssignmentRequired: { type: 'boolean', filter: ['eq', 'ne'], sql: { column: 'app_role_assignment_required' } },
    servicePrincipalType: { type: 'string', filter: ['eq', 'in', 'ne'], sql: { column: 'service_principal_type' } },
    applicationTemplateId: { type: 'string', filter: ['eq', 'in', 'ne'], sql: { column: 'application_template_id' } },
    createdDateTime: { type: 'datetime', filter: ['eq', 'ge', 'le', 'gt', 'lt'], sort: 'advanced', sql: { column: 'created_at' } },
    tags: { collection: { type: 'string', filter: ['eq', 'startswith'] }, lambdas: ['any'], sql: { column: 'tags' } },
    servicePrincipalNames: {
      collection: { type: 'string', filter: ['eq', 'startswith'] },
      lambdas: ['any'],
      sql: { column: 'service_principal_names' },
    },
  },
};
