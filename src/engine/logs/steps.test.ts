import { describe, expect, it } from 'vitest';
import { JobLevelFailure } from '../engine-errors.js';
import { jobLevelError } from './steps.js';

describe('jobLevelError', () => {
  it("records the failure's own recommended action, whatever its code means elsewhere", () => {
    const ldap = new JobLevelFailure('InvalidConfiguration', 'The Server secret is missing.', { recommendedAction: 'Save the Server, UserName and Password secrets.' });
    expect(jobLevelError(ldap)).toEqual({
      errorCode: 'InvalidConfiguration',
      errorCategory: 'nonServiceFailure',
      reason: 'The Server secret is missing.',
      additionalDetails: "The job is quarantined; it retries at the quarantine's next attempt or when it is restarted.",
      recommendedAction: 'Save the Server, UserName and Password secrets.',
    });
    expect(jobLevelError(new JobLevelFailure('InvalidCredentials', 'Refused.')).recommendedAction).toBeNull();
  });
});
