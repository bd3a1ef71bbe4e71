import { describe, expect, it } from 'vitest';
import { InvalidProvisioningLogEntryError } from './provisioning-log-errors.js';
import { stringifyModifiedValue, toProvisioningObjectSummary, type ProvisioningLogEntry } from './provisioning-log-entry.js';
import { sampleEntry } from './test-entries.js';

const tenantId = '74beb175-3b80-4b63-b9d5-6f0b76082b16';
const summarize = (entry: ProvisioningLogEntry) => toProvisioningObjectSummary(entry, { tenantId });

describe('toProvisioningObjectSummary', () => {
  it('produces the Graph shape, properties in documented order', () => {
    const summary = summarize(sampleEntry({ id: 'a1', changeId: 'c1' }));
    expect(Object.keys(summary)).toEqual([
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
    ]);
    expect(summary).toMatchObject({
      id: 'a1',
      activityDateTime: '2024-05-04T03:00:54.000Z',
      tenantId,
      changeId: 'c1',
      provisioningAction: 'create',
      durationInMilliseconds: 3236,
      initiatedBy: { id: '', displayName: 'Azure AD Provisioning Service', initiatorType: 'system' },
      servicePrincipal: { id: '6cc35b93-185a-4485-a519-50c09549f3ad', displayName: 'Contoso SCIM' },
      sourceSystem: { id: '0404601d-a9c0-4ec7-bbcd-02660120d8c9', displayName: 'Azure Active Directory', details: {} },
      sourceIdentity: { id: '5e6c9eae-ab4d-4239-8ad0-174391d110eb', displayName: 'Adele Vance', identityType: 'User', details: {} },
      provisioningStatusInfo: { status: 'success', errorInformation: null },
    });
    expect(Object.keys(summary.initiatedBy)).toEqual(['id', 'displayName', 'initiatorType']);
    expect(Object.keys(summary.targetIdentity)).toEqual(['id', 'displayName', 'identityType', 'details']);
    expect(summary.provisioningSteps[0]).toEqual({
      name: 'EntryImportAdd',
      provisioningStepType: 'import',
      status: 'success',
      description: "Received User 'Adele Vance' change of type (Add) from Azure Active Directory",
      details: {},
    });
    expect(summary.provisioningSteps.map((step) => step.provisioningStepType)).toEqual(['import', 'scoping', 'matching', 'export']);
    expect(summary.modifiedProperties).toEqual([
      { displayName: 'userName', oldValue: null, newValue: 'adele@contoso.com' },
      { displayName: 'active', oldValue: null, newValue: 'True' },
    ]);
    expect(Object.isFrozen(summary)).toBe(true);
    expect(Object.isFrozen(summary.provisioningSteps[0])).toBe(true);
  });

  it('gives ids, empty target identities and error information their defaults', () => {
    const summary = summarize(
      sampleEntry({
        targetIdentity: { identityType: 'Group' },
        provisioningStatusInfo: { status: 'failure', errorInformation: { errorCode: 'EntryConflict', reason: 'The target answered 409.' } },
      }),
    );
    expect(summary.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(summary.changeId).toMatch(/^[0-9a-f-]{36}$/);
    expect(summary.id).not.toBe(summary.changeId);
    expect(summary.targetIdentity).toEqual({ id: '', displayName: '', identityType: 'Group', details: {} });
    expect(summary.provisioningStatusInfo).toEqual({
      status: 'failure',
      errorInformation: { errorCode: 'EntryConflict', errorCategory: 'failure', reason: 'The target answered 409.', additionalDetails: null, recommendedAction: null },
    });
  });

  it('accepts Dates, rounds durations and normalizes enum casing', () => {
    const summary = summarize(
      sampleEntry({
        activityDateTime: new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6)),
        durationInMilliseconds: 12.6,
        provisioningAction: 'StagedDelete' as never,
        provisioningStatusInfo: { status: 'Skipped' as never },
      }),
    );
    expect(summary.activityDateTime).toBe('2024-01-02T03:04:05.006Z');
    expect(summary.durationInMilliseconds).toBe(13);
    expect(summary.provisioningAction).toBe('stagedDelete');
    expect(summary.provisioningStatusInfo.status).toBe('skipped');
  });

  it('redacts secret attributes and Redact() mappings', () => {
    const summary = summarize(
      sampleEntry({
        modifiedProperties: [
          { displayName: 'password', oldValue: null, newValue: 'P@ssw0rd!' },
          { displayName: 'employeeId', oldValue: '1', newValue: '2', redacted: true },
          { displayName: 'mail', oldValue: 'a@contoso.com', newValue: 'b@contoso.com' },
        ],
        provisioningSteps: [{ name: 'EntryExportAdd', provisioningStepType: 'export', status: 'success', description: 'x', details: { ClientSecret: 'abc' } }],
      }),
    );
    expect(summary.modifiedProperties).toEqual([
      { displayName: 'password', oldValue: null, newValue: '[Redact]' },
      { displayName: 'employeeId', oldValue: '[Redact]', newValue: '[Redact]' },
      { displayName: 'mail', oldValue: 'a@contoso.com', newValue: 'b@contoso.com' },
    ]);
    expect(summary.provisioningSteps[0]?.details).toEqual({ ClientSecret: '[Redact]' });
  });

  it.each([
    ['provisioningAction', { provisioningAction: 'upsert' as never }],
    ['provisioningStatusInfo.status', { provisioningStatusInfo: { status: 'ok' as never } }],
    ['provisioningSteps[0].provisioningStepType', { provisioningSteps: [{ name: 'x', provisioningStepType: 'Export2' as never, status: 'success' as const, description: '' }] }],
    ['activityDateTime', { activityDateTime: 'yesterday' }],
    ['activityDateTime', { activityDateTime: new Date(Date.UTC(10_000, 0, 1)) }],
    ['durationInMilliseconds', { durationInMilliseconds: -1 }],
    ['durationInMilliseconds', { durationInMilliseconds: Number.NaN }],
    ['jobId', { jobId: '' }],
    ['errorInformation.errorCategory', { provisioningStatusInfo: { status: 'failure' as const, errorInformation: { errorCode: 'X', errorCategory: 'bad' as never } } }],
  ])('rejects an invalid %s', (property, overrides) => {
    const attempt = () => summarize(sampleEntry(overrides));
    expect(attempt).toThrow(InvalidProvisioningLogEntryError);
    expect(attempt).toThrow(expect.objectContaining({ code: 'InvalidProvisioningLogEntry', property }));
  });
});

describe('stringifyModifiedValue', () => {
  it.each([
    [null, null],
    [undefined, null],
    ['text', 'text'],
    [true, 'True'],
    [false, 'False'],
    [42, '42'],
    [['a', 'b', 'c'], 'a,b,c'],
    [[], null],
    [{ type: 'work', value: 'x@contoso.com' }, '{"type":"work","value":"x@contoso.com"}'],
  ])('%j → %j', (value, expected) => expect(stringifyModifiedValue(value)).toBe(expected));
});
