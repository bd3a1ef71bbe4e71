import type { AttributeUpdate, TargetConnector, TargetObject } from '../connectors/target-connector.js';
import { JobLevelFailure, ObjectFailure } from '../engine-errors.js';

/**
 * A target that remembers whether it answered at all in this cycle. While it never has, a connection failure
 * (refused, reset, timed out) is the target being unreachable — a job-level failure that quarantines the job
 * (engine-behavior §1.7) — rather than one object's failure to escrow. Costs no extra request: the hosted
 * service sends nothing in a cycle without changes.
 */
export class TrackedTarget implements TargetConnector {
  #reachable = false;

  /** `displayName`: how logs name the target (the application's name rather than its URL). */
  constructor(
    private readonly inner: TargetConnector,
    private readonly name?: string,
  ) {}

  get displayName(): string {
    return this.name ?? this.inner.displayName;
  }

  get reachable(): boolean {
    return this.#reachable;
  }

  probe(objectType: string, matchingAttribute: string): Promise<void> {
    return this.#track(() => this.inner.probe(objectType, matchingAttribute));
  }

  find(objectType: string, attribute: string, value: string): Promise<readonly TargetObject[]> {
    return this.#track(() => this.inner.find(objectType, attribute, value));
  }

  create(objectType: string, attributes: ReadonlyMap<string, unknown>): Promise<TargetObject> {
    return this.#track(() => this.inner.create(objectType, attributes));
  }

  update(objectType: string, id: string, changes: readonly AttributeUpdate[]): Promise<void> {
    return this.#track(() => this.inner.update(objectType, id, changes));
  }

  delete(objectType: string, id: string): Promise<void> {
    return this.#track(() => this.inner.delete(objectType, id));
  }

  updateMembers(objectType: string, groupId: string, add: readonly string[], remove: readonly string[]): Promise<void> {
    return this.#track(() => this.inner.updateMembers(objectType, groupId, add, remove));
  }

  async #track<T>(operation: () => Promise<T>): Promise<T> {
    try {
      const result = await operation();
      this.#reachable = true;
      return result;
    } catch (error) {
      if (error instanceof ObjectFailure) {
        if (!error.connectionFailure) this.#reachable = true;
        else if (!this.#reachable) {
          const message = `The target could not be reached: ${error.message}`;
          throw new JobLevelFailure('TargetUnreachable', message, { recommendedAction: this.inner.unreachableAction ?? null, cause: error });
        }
      }
      throw error;
    }
  }
}
