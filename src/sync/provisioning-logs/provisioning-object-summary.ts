/**
 * `microsoft.graph.provisioningObjectSummary` and its nested types, exactly as Graph serializes them: property
 * names from the CSDL, audit-log enums in lower camel case (unlike the PascalCase synchronization enums).
 * `errorInformation` is the CSDL and wire name; some documentation pages call it `errorInfo`.
 */

export const provisioningActions = ['other', 'create', 'delete', 'disable', 'update', 'stagedDelete'] as const;
export type ProvisioningAction = (typeof provisioningActions)[number];

export const provisioningStepTypes = ['import', 'scoping', 'matching', 'processing', 'referenceResolution', 'export'] as const;
export type ProvisioningStepType = (typeof provisioningStepTypes)[number];

/** `provisioningResult`: the status of a whole change and of each of its steps. */
export const provisioningResults = ['success', 'failure', 'skipped', 'warning'] as const;
export type ProvisioningResult = (typeof provisioningResults)[number];

export const provisioningErrorCategories = ['failure', 'nonServiceFailure', 'success'] as const;
export type ProvisioningErrorCategory = (typeof provisioningErrorCategories)[number];

export const initiatorTypes = ['user', 'application', 'system'] as const;
export type InitiatorType = (typeof initiatorTypes)[number];

/** `detailsInfo`: an open type whose dynamic properties are strings (`ReportableIdentifier`, `ApplicationId`, …). */
export type DetailsInfo = Readonly<Record<string, string>>;

export interface Initiator {
  readonly id: string;
  readonly displayName: string;
  readonly initiatorType: InitiatorType;
}

export interface ProvisioningServicePrincipal {
  readonly id: string;
  readonly displayName: string;
}

export interface ProvisioningSystem {
  readonly id: string;
  readonly displayName: string;
  readonly details: DetailsInfo;
}

export interface ProvisionedIdentity {
  readonly id: string;
  readonly displayName: string;
  /** `User`, `Group`, `RolesCompound`, or a SCIM schema URN. */
  readonly identityType: string;
  readonly details: DetailsInfo;
}

/** Values are strings: multi-valued attributes comma-joined, absent values null. */
export interface ModifiedProperty {
  readonly displayName: string;
  readonly oldValue: string | null;
  readonly newValue: string | null;
}

export interface ProvisioningStep {
  /** `EntryImport`, `EntrySynchronizationScoping`, `EntryExportAdd`, … */
  readonly name: string;
  readonly provisioningStepType: ProvisioningStepType;
  readonly status: ProvisioningResult;
  readonly description: string;
  readonly details: DetailsInfo;
}

export interface ProvisioningErrorInfo {
  /** `EntryConflict`, `TooManyRequests`, `InvalidAnchor`, … (engine-behavior §1.15). */
  readonly errorCode: string;
  readonly errorCategory: ProvisioningErrorCategory;
  readonly reason: string | null;
  readonly additionalDetails: string | null;
  readonly recommendedAction: string | null;
}

export interface ProvisioningStatusInfo {
  readonly status: ProvisioningResult;
  readonly errorInformation: ProvisioningErrorInfo | null;
}

/** One object change as the provisioning logs report it; properties in Graph's documented order. */
export interface ProvisioningObjectSummary {
  readonly id: string;
  /** ISO 8601 UTC, millisecond precision. */
  readonly activityDateTime: string;
  readonly tenantId: string;
  readonly jobId: string;
  readonly cycleId: string;
  readonly changeId: string;
  readonly provisioningAction: ProvisioningAction;
  readonly durationInMilliseconds: number;
  readonly initiatedBy: Initiator;
  readonly servicePrincipal: ProvisioningServicePrincipal;
  readonly sourceSystem: ProvisioningSystem;
  readonly targetSystem: ProvisioningSystem;
  readonly sourceIdentity: ProvisionedIdentity;
  readonly targetIdentity: ProvisionedIdentity;
  readonly provisioningStatusInfo: ProvisioningStatusInfo;
  readonly provisioningSteps: readonly ProvisioningStep[];
  readonly modifiedProperties: readonly ModifiedProperty[];
}

/** What the hosted service shows for changes made by the engine itself (scheduled cycles, on-demand runs). */
export const systemInitiator: Initiator = Object.freeze({
  id: '',
  displayName: 'Azure AD Provisioning Service',
  initiatorType: 'system',
});
