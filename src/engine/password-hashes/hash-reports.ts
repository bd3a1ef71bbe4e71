import { randomUUID } from 'node:crypto';
import type { PasswordHashChange } from '../../connectors/ad-password-hashes/index.js';
import type { SyncedCredentialResult, SyncedUserCredential } from '../../directory/users/synced-user-credentials.js';
import { redactedValue, type ErrorInput, type ModifiedPropertyInput, type StepInput } from '../../sync/provisioning-logs/index.js';
import { ReportBuilder, type ObjectReport } from '../logs/object-report.js';
import { exportStep, matchingStep, processingStep } from '../logs/steps.js';
import type { CredentialPlan } from './credential-plan.js';

/** What every password hash record names: the two systems, and the clock. */
export interface HashReportContext {
  readonly sourceSystem: string;
  readonly targetSystem: string;
  readonly now: () => Date;
}

/** The account a change is about, kept once its hash is gone. */
export interface HashAccount {
  readonly objectGuid: string;
  readonly immutableId: string;
  readonly samAccountName: string;
  readonly distinguishedName: string;
  readonly pwdLastSet: string | null | undefined;
}

export function accountOf(change: PasswordHashChange, immutableId: string): HashAccount {
  return {
    objectGuid: change.objectGuid,
    immutableId,
    samAccountName: change.samAccountName,
    distinguishedName: change.distinguishedName,
    pwdLastSet: change.pwdLastSet,
  };
}

const matchingAttribute = 'onPremisesImmutableId';

/**
 * Provisioning log records of password hash sync: one per user whose credential changed (`update`, the
 * CredentialData property shown only as changed, never with a value), and skips with their reason. The
 * hash never reaches a record.
 */
export function credentialReport(
  context: HashReportContext,
  account: HashAccount,
  user: SyncedUserCredential,
  plan: Extract<CredentialPlan, { kind: 'set' | 'remove' }>,
  stored: SyncedCredentialResult,
): ObjectReport {
  const modified: ModifiedPropertyInput[] = [
    {
      displayName: 'CredentialData',
      oldValue: user.passwordHash === null ? null : redactedValue,
      newValue: plan.kind === 'set' ? redactedValue : null,
      redacted: true,
    },
  ];
  if (stored.passwordPolicies) modified.push({ displayName: 'passwordPolicies', ...stored.passwordPolicies });
  const set = plan.kind === 'set';
  return builder(context, account, user)
    .step(importStep(context, account))
    .step(matchingStep(context.targetSystem, matchingAttribute, account.immutableId, 1))
    .step(
      processingStep(
        'Update',
        set
          ? `The password was set in ${context.sourceSystem}${account.pwdLastSet ? ` at ${account.pwdLastSet}` : ''}: CredentialData derived from its hash (PBKDF2-HMAC-SHA256, 1,000 iterations, a new salt)`
          : `The account has no password in ${context.sourceSystem}: its CredentialData is removed`,
      ),
    )
    .step(exportStep('Update', context.targetSystem, 'success', set ? 'CredentialData changed' : 'CredentialData removed'))
    .modified(modified)
    .finish('update', 'success');
}

/** A hash that was not applied: its user is missing or not synchronized, or the password must be changed first. */
export function skippedReport(
  context: HashReportContext,
  account: HashAccount,
  user: SyncedUserCredential | undefined,
  kind: Extract<CredentialPlan['kind'], 'missing' | 'notSynchronized' | 'withhold'>,
): ObjectReport {
  const report = builder(context, account, user)
    .step(importStep(context, account))
    .step(matchingStep(context.targetSystem, matchingAttribute, account.immutableId, user ? 1 : 0));
  const error = skipError(context, account, kind);
  report.step(processingStep('Skip', error.reason as string));
  return report.finish('other', 'skipped', error);
}

function skipError(context: HashReportContext, account: HashAccount, kind: 'missing' | 'notSynchronized' | 'withhold'): ErrorInput {
  switch (kind) {
    case 'missing':
      return {
        errorCode: 'PasswordHashUserNotProvisioned',
        reason: `No user in ${context.targetSystem} has ${matchingAttribute} '${account.immutableId}' yet: the provisioning job creates it from the same Active Directory account.`,
        additionalDetails: 'Expected on a first run. The password hash is applied in the first cycle after the user exists.',
      };
    case 'notSynchronized':
      return {
        errorCode: 'PasswordHashUserNotSynchronized',
        reason: `The user with ${matchingAttribute} '${account.immutableId}' is not synchronized from on-premises (onPremisesSyncEnabled is not true); password hashes are only written to synchronized users.`,
        additionalDetails: 'The password hash is applied in the first cycle after the user is synchronized.',
      };
    case 'withhold':
      return {
        errorCode: 'PasswordHashWithheld',
        reason: `'${account.samAccountName}' must change the password at next logon in ${context.sourceSystem}: the hash is withheld until the password is changed there.`,
        additionalDetails: 'The user keeps the credential synchronized before.',
      };
  }
}

function builder(context: HashReportContext, account: HashAccount, user: SyncedUserCredential | undefined): ReportBuilder {
  const report = new ReportBuilder(randomUUID(), context.now(), { id: account.objectGuid, displayName: account.samAccountName, objectType: 'user' }, 'User');
  if (user) report.target(user.id, user.userPrincipalName);
  return report;
}

function importStep(context: HashReportContext, account: HashAccount): StepInput {
  return {
    name: 'EntryImport',
    provisioningStepType: 'import',
    status: 'success',
    description: `Retrieved the password hash of '${account.samAccountName}' from ${context.sourceSystem} by directory replication`,
    details: { objectGUID: account.objectGuid, distinguishedName: account.distinguishedName },
  };
}
