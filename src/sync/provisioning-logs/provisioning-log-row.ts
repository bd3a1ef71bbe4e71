import type { Insertable } from 'kysely';
import type { ProvisioningLogsTable } from '../../store/database.js';
import type { ProvisioningObjectSummary } from './provisioning-object-summary.js';

/** The stored row of a summary: its JSON plus the columns `$filter`, ordering and retention read. */
export function provisioningLogRow(summary: ProvisioningObjectSummary): Insertable<ProvisioningLogsTable> {
  return {
    id: summary.id,
    activity_date_time: summary.activityDateTime,
    job_id: summary.jobId,
    cycle_id: summary.cycleId,
    change_id: summary.changeId,
    service_principal_id: summary.servicePrincipal.id,
    source_identity_id: summary.sourceIdentity.id,
    source_identity_display_name: summary.sourceIdentity.displayName,
    target_identity_id: summary.targetIdentity.id,
    target_identity_display_name: summary.targetIdentity.displayName,
    status: summary.provisioningStatusInfo.status,
    action: summary.provisioningAction,
    data: JSON.stringify(summary),
  };
}

/** The row's columns, in its order. */
export const provisioningLogColumns = Object.freeze([
  'id',
  'activity_date_time',
  'job_id',
  'cycle_id',
  'change_id',
  'service_principal_id',
  'source_identity_id',
  'source_identity_display_name',
  'target_identity_id',
  'target_identity_display_name',
  'status',
  'action',
  'data',
] as const satisfies readonly (keyof ProvisioningLogsTable)[]);

/** Columns per row, for sizing multi-row INSERTs under the engines' bound-parameter limits. */
export const provisioningLogColumnCount = provisioningLogColumns.length;

export function summaryFromData(data: string): ProvisioningObjectSummary {
  return JSON.parse(data) as ProvisioningObjectSummary;
}
