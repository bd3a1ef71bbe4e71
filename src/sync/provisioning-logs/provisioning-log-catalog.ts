import type { FilterOperator, ResourceCatalog, ScalarPropertySpec, SqlSource } from '../../api/odata/index.js';

/**
 * What `$filter`, `$orderby` and `$select` may name on provisioning logs (graph-sync-api.md §5.3), and where
 * each value is stored. Graph documents these filters as case-sensitive except the status; Provisio also
 * folds `provisioningAction`, an enum whose documented spellings vary (`stagedDelete`, `stageddelete`).
 * Both versions accept the beta name `servicePrincipal/name` and the v1.0 name `servicePrincipal/displayName`.
 * Names match case-insensitively, so the bulkUpload Location header's `jobid eq '…'` works.
 */

const text: readonly FilterOperator[] = ['eq', 'contains'];
const column = (name: string): SqlSource => ({ column: name });
const json = (...path: string[]): SqlSource => ({ column: 'data', json: path });

const exact = (sql: SqlSource, filter: readonly FilterOperator[] = text): ScalarPropertySpec => ({ type: 'string', caseSensitive: true, filter, sql });

export const provisioningLogCatalog: ResourceCatalog = {
  resource: 'ProvisioningObjectSummary',
  entityType: 'microsoft.graph.provisioningObjectSummary',
  properties: {
    id: exact(column('id')),
    tenantId: exact(json('tenantId')),
    jobId: exact(column('job_id')),
    cycleId: exact(column('cycle_id')),
    changeId: exact(column('change_id')),
    activityDateTime: { type: 'datetime', filter: ['eq', 'gt', 'ge', 'lt', 'le'], sort: 'default', sql: column('activity_date_time') },
    provisioningAction: { type: 'string', filter: text, sql: column('action') },
    durationInMilliseconds: { type: 'number', filter: ['eq', 'gt', 'ge', 'lt', 'le'], sql: json('durationInMilliseconds') },
    'provisioningStatusInfo/status': { type: 'string', filter: text, sql: column('status') },
    'sourceSystem/displayName': exact(json('sourceSystem', 'displayName')),
    'targetSystem/displayName': exact(json('targetSystem', 'displayName')),
    'sourceIdentity/id': exact(column('source_identity_id')),
    'sourceIdentity/displayName': exact(column('source_identity_display_name')),
    'sourceIdentity/identityType': exact(json('sourceIdentity', 'identityType')),
    'targetIdentity/id': exact(column('target_identity_id')),
    'targetIdentity/displayName': exact(column('target_identity_display_name')),
    'targetIdentity/identityType': exact(json('targetIdentity', 'identityType')),
    'servicePrincipal/id': exact(column('service_principal_id'), ['eq']),
    'servicePrincipal/displayName': exact(json('servicePrincipal', 'displayName'), ['eq']),
    'servicePrincipal/name': exact(json('servicePrincipal', 'displayName'), ['eq']),
    'initiatedBy/displayName': exact(json('initiatedBy', 'displayName')),
  },
  selectable: [
    'id',
    'activityDateTime',
    'tenantId',
    'jobId',
    'cycleId',
    'changeId',
    'provisioningAction',
    'durationInMilliseconds',
    'initiatedBy',
    'servicePrincipal',
    'sourceSystem',
    'targetSystem',
    'sourceIdentity',
    'targetIdentity',
    'provisioningStatusInfo',
    'provisioningSteps',
    'modifiedProperties',
  ],
};
