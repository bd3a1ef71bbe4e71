import { describe, expect, it } from 'vitest';
import { BadRequestError } from '../../errors/graph-error.js';
import { toProvisioningObjectSummary } from '../../sync/provisioning-logs/index.js';
import { parseOnDemandRequest } from './on-demand-request.js';
import { onDemandConnectionFailure, onDemandResponse } from './on-demand-response.js';
import { SlidingWindowLimit } from './rate-limit.js';

describe('provisionOnDemand request', () => {
  it('reads one user, or one group with up to five members', () => {
    expect(parseOnDemandRequest({ parameters: [{ ruleId: 'r', subjects: [{ objectId: 'u1', objectTypeName: 'User' }] }] })).toEqual({
      ruleId: 'r',
      objectId: 'u1',
      objectTypeName: 'User',
      members: [],
    });
    const members = Array.from({ length: 5 }, (_, i) => ({ objectId: `m${i}`, objectTypeName: 'User' }));
    expect(parseOnDemandRequest({ parameters: [{ ruleId: 'r', subjects: [{ objectId: 'g', objectTypeName: 'Group', links: { members } }] }] }).members).toHaveLength(5);
  });

  it('rejects what the hosted service rejects', () => {
    const bad = [
      {},
      { parameters: [] },
      { parameters: [{ subjects: [{ objectId: 'u', objectTypeName: 'User' }] }] },
      { parameters: [{ ruleId: 'r', subjects: [{ objectId: 'a', objectTypeName: 'User' }, { objectId: 'b', objectTypeName: 'User' }] }] },
      { parameters: [{ ruleId: 'r', subjects: [{ objectId: 'g', objectTypeName: 'Group', links: { members: Array.from({ length: 6 }, (_, i) => ({ objectId: `m${i}`, objectTypeName: 'User' })) } }] }] },
      { parameters: [{ ruleId: 'r', subjects: [{ objectId: 'u', objectTypeName: 'User', links: { members: [{ objectId: 'x', objectTypeName: 'User' }] } }] }] },
    ];
    for (const body of bad) expect(() => parseOnDemandRequest(body)).toThrow(BadRequestError);
  });
});

describe('provisionOnDemand response', () => {
  it('is the hosted key/value pair of JSON strings with PascalCase enums', () => {
    const record = toProvisioningObjectSummary(
      {
        activityDateTime: '2026-01-01T00:00:00Z',
        jobId: 'scim.1',
        cycleId: 'c',
        changeId: 'ch',
        provisioningAction: 'other',
        durationInMilliseconds: 12,
        servicePrincipal: { id: 'sp', displayName: 'App' },
        sourceSystem: { id: 'aad', displayName: 'Azure Active Directory' },
        targetSystem: { id: 'sp', displayName: 'App' },
        sourceIdentity: { id: 'u1', displayName: 'Ada', identityType: 'User' },
        targetIdentity: { id: 't1', displayName: 'Ada', identityType: 'User' },
        provisioningStatusInfo: { status: 'skipped', errorInformation: { errorCode: 'RedundantExport', reason: 'already match' } },
        provisioningSteps: [{ name: 'EntrySynchronizationSkip', provisioningStepType: 'processing', status: 'skipped', description: 'same' }],
      },
      { tenantId: 't' },
    );
    const response = onDemandResponse(record);
    expect(JSON.parse(response.key)).toEqual({ result: 'Skipped', details: { errorCode: 'RedundantExport', errorMessage: 'already match' } });
    const trace = JSON.parse(response.value);
    expect(trace).toMatchObject({
      action: 'Other',
      changeId: 'ch',
      startTime: '2026-01-01T00:00:00.000Z',
      endTime: '2026-01-01T00:00:00.012Z',
      reportableIdentifier: 'Ada',
      provisioningSteps: [{ name: 'EntrySynchronizationSkip', type: 'Processing', status: 'Skipped' }],
      statusInfo: { status: 'Skipped', errorCode: 'RedundantExport', errorCategory: 'Failure' },
    });
  });
});

describe('provisionOnDemand connection failure', () => {
  it('is a Failure trace of the test connection step, with the recommended action when there is one', () => {
    const failure = onDemandConnectionFailure('InvalidCredentials', 'The server rejected the user name or password.', 'Check the UserName and Password secrets.');
    expect(JSON.parse(failure.key)).toEqual({ result: 'Failure', details: { errorCode: 'InvalidCredentials', errorMessage: 'The server rejected the user name or password.' } });
    expect(JSON.parse(failure.value)).toMatchObject({
      provisioningSteps: [{ name: 'TestConnection', status: 'Failure' }],
      statusInfo: { status: 'Failure', errorCode: 'InvalidCredentials', recommendedAction: 'Check the UserName and Password secrets.' },
    });
    expect(JSON.parse(onDemandConnectionFailure('ServerUnreachable', 'No answer.', null).value).statusInfo.recommendedAction).toBeNull();
  });
});

describe('SlidingWindowLimit', () => {
  it('allows 5 calls per 10 s per key', () => {
    const limit = new SlidingWindowLimit(5, 10_000);
    for (let i = 0; i < 5; i += 1) expect(limit.take('job', 1_000 + i)).toBe(0);
    expect(limit.take('job', 2_000)).toBe(9_000);
    expect(limit.take('other', 2_000)).toBe(0);
    expect(limit.take('job', 11_001)).toBe(0);
  });
});
