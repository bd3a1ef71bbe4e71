import { describe, expect, it } from 'vitest';
import { JobLevelFailure } from './engine-errors.js';

describe('JobLevelFailure', () => {
  it('carries the recommended action it was made with, and none by default', () => {
    expect(new JobLevelFailure('InvalidCredentials', 'Refused.', { recommendedAction: 'Check the Password secret.' }).recommendedAction).toBe('Check the Password secret.');
    expect(new JobLevelFailure('InvalidSchema', 'No such type.').recommendedAction).toBeNull();
  });

  it('puts the recommended action after the message where one text must say both', () => {
    expect(new JobLevelFailure('InvalidCredentials', 'Refused.', { recommendedAction: 'Check the Password secret.' }).advisedMessage).toBe('Refused. Check the Password secret.');
    expect(new JobLevelFailure('TargetUnreachable', 'No answer', { recommendedAction: 'Check the Server secret.' }).advisedMessage).toBe('No answer. Check the Server secret.');
    expect(new JobLevelFailure('InvalidSchema', 'No such type.').advisedMessage).toBe('No such type.');
    // A message that ends with its remedy already (password hash failures) does not say it twice.
    expect(new JobLevelFailure('InvalidWatermark', 'Unreadable. Restart the job.', { recommendedAction: 'Restart the job.' }).advisedMessage).toBe('Unreadable. Restart the job.');
  });
});
