import type { ResourceCatalog } from '../../api/odata/index.js';

/** Query options on `/applicationTemplates`: displayName and categories filters, as Graph documents them. */
export const applicationTemplateCatalog: ResourceCatalog = {
  resource: 'ApplicationTemplate',
  entityType: 'microsoft.graph.applicationTemplate',
  properties: {
    id: { type: 'string', filter: ['eq', 'in'] },
    displayName: { type: 'string', filter: ['eq', 'ne', 'startswith', 'endswith', 'contains', 'in'], sort: 'default', search: true },
    publisher: { type: 'string', filter: ['eq', 'startswith', 'contains'], sort: 'default' },
    categories: { collection: { type: 'string', filter: ['eq', 'startswith', 'contains'] }, lambdas: ['any', 'all'] },
    supportedProvisioningTypes: { collection: { type: 'string', filter: ['eq'] }, lambdas: ['any'] },
    supportedSingleSignOnModes: { collection: { type: 'string', filter: ['eq'] }, lambdas: ['any'] },
  },
};
