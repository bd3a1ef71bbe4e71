import { describe, expect, it } from 'vitest';
import { ScimTransportError, ScimUnauthorizedError } from '../../connectors/scim/index.js';
import { JobLevelFailure, ObjectFailure } from '../engine-errors.js';
import { fromScimError, scimJobFailure, scimTestConnectionAction, scimTestConnectionFailure, scimUnreachableAction } from './scim-failures.js';

describe('SCIM failures', () => {
  it('stop the job with the SCIM advice when the application refuses the credentials', () => {
    const failure = fromScimError(new ScimUnauthorizedError('Unauthorized', { status: 401 }));
    expect(failure).toBeInstanceOf(JobLevelFailure);
    expect(failure).toMatchObject({ code: 'InvalidCredentials', recommendedAction: expect.stringContaining('Save a valid secret token or client credentials') });
  });

  it('name the SCIM connection secrets for missing ones and the tenant URL for an unreachable application', () => {
    expect(scimJobFailure('InvalidConfiguration', 'The BaseAddress (tenant URL) secret is missing.').recommendedAction).toMatch(/Save BaseAddress and SecretToken/);
    expect(scimJobFailure('TargetUnreachable', 'No answer.').recommendedAction).toBe(scimUnreachableAction);
    expect(scimUnreachableAction).toContain('BaseAddress');
    expect(scimJobFailure('SomethingNew', 'Unknown.').recommendedAction).toBeNull();
  });

  it('advise checking the application when the test connection fails other than on credentials or reachability', () => {
    expect(scimTestConnectionFailure('InternalServerError', 'Test connection failed: StatusCode: 500').recommendedAction).toBe(scimTestConnectionAction);
    expect(scimTestConnectionFailure('Timeout', 'Test connection failed: no answer in time').recommendedAction).toBe(scimTestConnectionAction);
    expect(scimTestConnectionFailure('InvalidCredentials', 'Test connection failed: 401').recommendedAction).toMatch(/Save a valid secret token/);
    expect(scimTestConnectionFailure('TargetUnreachable', 'Test connection failed: ECONNREFUSED').recommendedAction).toBe(scimUnreachableAction);
    expect(scimTestConnectionAction).not.toMatch(/later cycle/);
  });

  it('leave connection failures to the object, retried', () => {
    const failure = fromScimError(new ScimTransportError('ECONNRESET'));
    expect(failure).toBeInstanceOf(ObjectFailure);
    expect(failure).toMatchObject({ code: 'ConnectionFailure', retryable: true, connectionFailure: true });
  });
});
