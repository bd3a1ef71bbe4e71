import { randomUUID } from 'node:crypto';
import { findEnumMember } from '../schema/graph-enum.js';
import { InvalidProvisioningLogEntryError } from './provisioning-log-errors.js';
import {
  initiatorTypes,
  provisioningActions,
  provisioningErrorCategories,
  provisioningResults,
  provisioningStepTypes,
  systemInitiator,
  type DetailsInfo,
  type Initiator,
  type ModifiedProperty,
  type ProvisionedIdentity,
  type ProvisioningAction,
  type ProvisioningErrorCategory,
  type ProvisioningErrorInfo,
  type ProvisioningObjectSummary,
  type ProvisioningResult,
  type ProvisioningServicePrincipal,
  type ProvisioningStep,
  type ProvisioningStepType,
  type ProvisioningSystem,
} from './provisioning-object-summary.js';
import { defaultRedactionRules, redactDetails, redactModifiedProperty, type RedactionRules } from './redaction.js';

/**
 * What the engine reports for one object change. Looser than the Graph type where the engine should not have
 * to care: ids, details and empty identity fields have defaults, attribute values may be typed or
 * multi-valued, and a modified property says whether its mapping redacts. `toProvisioningObjectSummary`
 * turns it into the exact Graph shape, redacted.
 */
export interface ProvisioningLogEntry {
  /** Defaults to a new GUID. */
  readonly id?: string;
  readonly activityDateTime: Date | string;
  readonly jobId: string;
  readonly cycleId: string;
  /** Defaults to a new GUID. */
  readonly changeId?: string;
  readonly provisioningAction: ProvisioningAction;
  readonly durationInMilliseconds: number;
  /** Defaults to the provisioning service itself. */
  readonly initiatedBy?: Initiator;
  readonly servicePrincipal: ProvisioningServicePrincipal;
  readonly sourceSystem: SystemInput;
  readonly targetSystem: SystemInput;
  readonly sourceIdentity: IdentityInput;
  /** `id` and `displayName` stay empty until the target object exists, as in Graph. */
  readonly targetIdentity: IdentityInput;
  readonly provisioningStatusInfo: StatusInput;
  readonly provisioningSteps: readonly StepInput[];
  readonly modifiedProperties?: readonly ModifiedPropertyInput[];
}

export interface SystemInput {
  readonly id: string;
  readonly displayName: string;
  readonly details?: DetailsInfo;
}

export interface IdentityInput {
  readonly id?: string;
  readonly displayName?: string;
  readonly identityType: string;
  readonly details?: DetailsInfo;
}

export interface StepInput {
  readonly name: string;
  readonly provisioningStepType: ProvisioningStepType;
  readonly status: ProvisioningResult;
  readonly description: string;
  readonly details?: DetailsInfo;
}

export interface StatusInput {
  readonly status: ProvisioningResult;
  readonly errorInformation?: ErrorInput | null;
}

export interface ErrorInput {
  readonly errorCode: string;
  /** Defaults to `failure`; `nonServiceFailure` when the other system is at fault (e.g. a 409 from the target). */
  readonly errorCategory?: ProvisioningErrorCategory;
  readonly reason?: string | null;
  readonly additionalDetails?: string | null;
  readonly recommendedAction?: string | null;
}

type Scalar = string | number | boolean;

/** An attribute value as the engine holds it; Graph logs it as one string. */
export type ModifiedValue = Scalar | readonly Scalar[] | Readonly<Record<string, unknown>> | null | undefined;

export interface ModifiedPropertyInput {
  readonly displayName: string;
  readonly oldValue?: ModifiedValue;
  readonly newValue?: ModifiedValue;
  /** The mapping that produced the value uses `Redact(…)` (CompiledExpression.redactsOutput). */
  readonly redacted?: boolean;
}

const INT32_MAX = 2_147_483_647;

/** The Graph record for an entry, with every secret replaced by `[Redact]`. Pure; throws on invalid input. */
export function toProvisioningObjectSummary(
  entry: ProvisioningLogEntry,
  context: { readonly tenantId: string; readonly redaction?: RedactionRules },
): ProvisioningObjectSummary {
  const rules = context.redaction ?? defaultRedactionRules;
  const initiatedBy = entry.initiatedBy ?? systemInitiator;
  return Object.freeze({
    id: entry.id ?? randomUUID(),
    activityDateTime: isoDateTime(entry.activityDateTime),
    tenantId: context.tenantId,
    jobId: required(entry.jobId, 'jobId'),
    cycleId: required(entry.cycleId, 'cycleId'),
    changeId: entry.changeId ?? randomUUID(),
    provisioningAction: member(provisioningActions, entry.provisioningAction, 'provisioningAction'),
    durationInMilliseconds: duration(entry.durationInMilliseconds),
    initiatedBy: Object.freeze({
      id: initiatedBy.id,
      displayName: initiatedBy.displayName,
      initiatorType: member(initiatorTypes, initiatedBy.initiatorType, 'initiatedBy.initiatorType'),
    }),
    servicePrincipal: Object.freeze({ id: entry.servicePrincipal.id, displayName: entry.servicePrincipal.displayName }),
    sourceSystem: system(entry.sourceSystem, rules),
    targetSystem: system(entry.targetSystem, rules),
    sourceIdentity: identity(entry.sourceIdentity, rules),
    targetIdentity: identity(entry.targetIdentity, rules),
    provisioningStatusInfo: Object.freeze({
      status: member(provisioningResults, entry.provisioningStatusInfo.status, 'provisioningStatusInfo.status'),
      errorInformation: errorInformation(entry.provisioningStatusInfo.errorInformation),
    }),
    provisioningSteps: Object.freeze(entry.provisioningSteps.map((step, index) => provisioningStep(step, index, rules))),
    modifiedProperties: Object.freeze((entry.modifiedProperties ?? []).map((property) => modifiedProperty(property, rules))),
  });
}

/** A value in the log's string form: `True`/`False` as .NET prints them, multi-values comma-joined, objects as JSON. */
export function stringifyModifiedValue(value: ModifiedValue): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return String(value);
  if (isScalarArray(value)) return value.length === 0 ? null : value.map((item) => stringifyModifiedValue(item)).join(',');
  return JSON.stringify(value);
}

function isScalarArray(value: ModifiedValue): value is readonly Scalar[] {
  return Array.isArray(value);
}

function modifiedProperty(input: ModifiedPropertyInput, rules: RedactionRules): ModifiedProperty {
  const property: ModifiedProperty = Object.freeze({
    displayName: required(input.displayName, 'modifiedProperties.displayName'),
    oldValue: stringifyModifiedValue(input.oldValue),
    newValue: stringifyModifiedValue(input.newValue),
  });
  return redactModifiedProperty(property, { expressionRedacts: input.redacted === true, rules });
}

function provisioningStep(input: StepInput, index: number, rules: RedactionRules): ProvisioningStep {
  const at = `provisioningSteps[${index}]`;
  return Object.freeze({
    name: required(input.name, `${at}.name`),
    provisioningStepType: member(provisioningStepTypes, input.provisioningStepType, `${at}.provisioningStepType`),
    status: member(provisioningResults, input.status, `${at}.status`),
    description: input.description,
    details: details(input.details, rules),
  });
}

function errorInformation(input: ErrorInput | null | undefined): ProvisioningErrorInfo | null {
  if (input === null || input === undefined) return null;
  return Object.freeze({
    errorCode: required(input.errorCode, 'errorInformation.errorCode'),
    errorCategory: member(provisioningErrorCategories, input.errorCategory ?? 'failure', 'errorInformation.errorCategory'),
    reason: input.reason ?? null,
    additionalDetails: input.additionalDetails ?? null,
    recommendedAction: input.recommendedAction ?? null,
  });
}

function system(input: SystemInput, rules: RedactionRules): ProvisioningSystem {
  return Object.freeze({ id: input.id, displayName: input.displayName, details: details(input.details, rules) });
}

function identity(input: IdentityInput, rules: RedactionRules): ProvisionedIdentity {
  return Object.freeze({
    id: input.id ?? '',
    displayName: input.displayName ?? '',
    identityType: input.identityType,
    details: details(input.details, rules),
  });
}

function details(input: DetailsInfo | undefined, rules: RedactionRules): DetailsInfo {
  return Object.freeze(redactDetails({ ...input }, rules));
}

function isoDateTime(value: Date | string): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  // Years past 9999 serialize with a sign and six digits, which would break the text order of the column.
  if (Number.isNaN(date.getTime()) || date.getUTCFullYear() < 0 || date.getUTCFullYear() > 9999) {
    throw new InvalidProvisioningLogEntryError('activityDateTime', `'${String(value)}' is not a date-time between years 0 and 9999`);
  }
  return date.toISOString();
}

function duration(value: number): number {
  const rounded = Math.round(value);
  if (!Number.isFinite(rounded) || rounded < 0 || rounded > INT32_MAX) {
    throw new InvalidProvisioningLogEntryError('durationInMilliseconds', `${value} is not a duration an Int32 holds`);
  }
  return rounded;
}

function member<T extends string>(members: readonly T[], value: string, property: string): T {
  const found = members.includes(value as T) ? (value as T) : typeof value === 'string' ? findEnumMember(members, value) : undefined;
  if (found === undefined) throw new InvalidProvisioningLogEntryError(property, `'${String(value)}' is not one of ${members.join(', ')}`);
  return found;
}

function required(value: string, property: string): string {
  if (typeof value !== 'string' || value === '') throw new InvalidProvisioningLogEntryError(property, 'a non-empty string is required');
  return value;
}
