import { describe, expect, it } from 'vitest';
import type { TargetConnector } from '../connectors/target-connector.js';
import { JobLevelFailure, ObjectFailure } from '../engine-errors.js';
import { TrackedTarget } from './tracked-target.js';

/** A target whose every call fails as a connection failure (refused, reset, timed out). */
function refusing(unreachableAction?: string): TargetConnector {
  const fail = () => Promise.reject(new ObjectFailure('ConnectionFailure', 'ECONNREFUSED', { retryable: true, connectionFailure: true }));
  return {
    displayName: 'target',
    ...(unreachableAction === undefined ? {} : { unreachableAction }),
    probe: fail,
    find: fail,
    create: fail,
    update: fail,
    delete: fail,
    updateMembers: fail,
  };
}

describe('TrackedTarget', () => {
  it("turns a connection failure before anything got through into TargetUnreachable, with the target's own advice", async () => {
    const failure = await new TrackedTarget(refusing('Check the Server secret.')).find('user', 'uid', 'x').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(JobLevelFailure);
    expect(failure).toMatchObject({ code: 'TargetUnreachable', message: 'The target could not be reached: ECONNREFUSED', recommendedAction: 'Check the Server secret.' });
    const silent = await new TrackedTarget(refusing()).find('user', 'uid', 'x').catch((error: unknown) => error);
    expect(silent).toMatchObject({ code: 'TargetUnreachable', recommendedAction: null });
  });
});
