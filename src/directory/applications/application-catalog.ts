import type { ResourceCatalog } from '../../api/odata/index.js';

/** Query options on `/applications`. */
export const applicationCatalog: ResourceCatalog = {
  resource: 'Application',
  entityType: 'microsoft.graph.application',
  properties: {
    id: { type: 'string', filter: ['eq', 'in', 'ne'], sql: { column: 'id' } },
    appId: { type: 'string', filter: ['eq', 'in', 'ne'], sql: { column: 'app_id' } },
    displayName: {
      type: 'string',
      filter: ['eq', 'in', 'startswith', 'ne', 'endswith'],
      advanced: ['ne', 'endswith'],
      sort: 'default',
      search: true,
      sql: { column: 'display_name', lowered: 'display_name_lower' },
    },
    createdDateTime: { type: 'datetime', filter: ['eq', 'ge', 'le', 'gt', 'lt'], sort: 'advanced', sql: { column: 'created_at' } },
    identifierUris: { collection: { type: 'string', filter: ['eq', 'startswith'] }, lambdas: ['any'], sql: { column: 'data', json: ['identifierUris'] } },
    tags: { collection: { type: 'string', filter: ['eq', 'startswith'] }, lambdas: ['any'], sql: { column: 'data', json: ['tags'] } },
  },
};
