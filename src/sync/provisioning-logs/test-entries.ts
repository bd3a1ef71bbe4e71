import type { ProvisioningLogEntry } from './provisioning-log-entry.js';

/**
 * Test fixture: a complete entry as the engine would record the creation of a user in a SCIM app, with
 * any property overridden.
 */
export function sampleEntry(overrides: Partial<ProvisioningLogEntry> = {}): ProvisioningLogEntry {
  return {
    activityDateTime: '2024-05-04T03:00:54.000Z',
    jobId: 'scim.74beb1753b704b63b8d56f0b76082b16',
    cycleId: 'b6502552-018d-49bd-8869-047194dc65c1',
    provisioningAction: 'create',
    durationInMilliseconds: 3236,
    servicePrincipal: { id: '6cc35b93-185a-4485-a519-50c09549f3ad', displayName: 'Contoso SCIM' },
    sourceSystem: { id: '0404601d-a9c0-4ec7-bbcd-02660120d8c9', displayName: 'Azure Active Directory' },
    targetSystem: {
      id: 'cd22f60b-5f2d-4adf-adb4-76ef31db996b',
      displayName: 'Contoso SCIM',
      details: { ApplicationId: 'f2764360-e0ec-4676-911e-cd6fc0d4dd61', ServicePrincipalId: '6cc35b93-185a-4485-a519-50c09549f3ad' },
    },
    sourceIdentity: { id: '5e6c9eae-ab4d-4239-8ad0-174391d110eb', displayName: 'Adele Vance', identityType: 'User' },
    targetIdentity: { id: '2819c223-7f76-453a-919d-413861904646', displayName: 'adele@contoso.com', identityType: 'urn:ietf:params:scim:schemas:core:2.0:User' },
    provisioningStatusInfo: { status: 'success' },
    provisioningSteps: [
      { name: 'EntryImportAdd', provisioningStepType: 'import', status: 'success', description: "Received User 'Adele Vance' change of type (Add) from Azure Active Directory" },
      { name: 'EntrySynchronizationScoping', provisioningStepType: 'scoping', status: 'success', description: 'User is in scope', details: { IsActive: 'True', Assigned: 'True' } },
      { name: 'EntrySynchronizationAdd', provisioningStepType: 'matching', status: 'success', description: 'No matching User was found in Contoso SCIM' },
      { name: 'EntryExportAdd', provisioningStepType: 'export', status: 'success', description: "User 'adele@contoso.com' was created in Contoso SCIM", details: { ReportableIdentifier: 'adele@contoso.com' } },
    ],
    modifiedProperties: [
      { displayName: 'userName', oldValue: null, newValue: 'adele@contoso.com' },
      { displayName: 'active', newValue: true },
    ],
    ...overrides,
  };
}
