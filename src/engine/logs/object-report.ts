import type {
  ErrorInput,
  ModifiedPropertyInput,
  ProvisioningAction,
  ProvisioningResult,
  StepInput,
} from '../../sync/provisioning-logs/index.js';

/** What the engine did with one object change: becomes one provisioning log record. */
export interface ObjectReport {
  readonly changeId: string;
  readonly at: Date;
  readonly durationMs: number;
  readonly action: ProvisioningAction;
  readonly status: ProvisioningResult;
  readonly source: { readonly id: string; readonly displayName: string | null; readonly objectType: string };
  readonly target: { readonly id: string | undefined; readonly displayName: string | null; readonly objectType: string };
  readonly steps: readonly StepInput[];
  readonly modified: readonly ModifiedPropertyInput[];
  readonly error: ErrorInput | null;
}

/**
 * Builds an ObjectReport step by step while an object goes through the pipeline, so every outcome (success,
 * skip, failure at any stage) yields a record with the steps that ran.
 */
export class ReportBuilder {
  readonly #steps: StepInput[] = [];
  readonly #modified: ModifiedPropertyInput[] = [];
  readonly #started: number;
  #targetId: string | undefined;
  #targetName: string | null = null;

  constructor(
    private readonly changeId: string,
    private readonly at: Date,
    private readonly source: ObjectReport['source'],
    private readonly targetObjectType: string,
  ) {
    this.#started = performance.now();
  }

  step(step: StepInput): this {
    this.#steps.push(step);
    return this;
  }

  modified(properties: readonly ModifiedPropertyInput[]): this {
    this.#modified.push(...properties);
    return this;
  }

  target(id: string | undefined, displayName: string | null): this {
    this.#targetId = id;
    this.#targetName = displayName;
    return this;
  }

  finish(action: ProvisioningAction, status: ProvisioningResult, error: ErrorInput | null = null): ObjectReport {
    return Object.freeze({
      changeId: this.changeId,
      at: this.at,
      durationMs: performance.now() - this.#started,
      action,
      status,
      source: this.source,
      target: { id: this.#targetId, displayName: this.#targetName, objectType: this.targetObjectType },
      // A report is finished once; its arrays are handed over rather than copied.
      steps: Object.freeze(this.#steps),
      modified: Object.freeze(this.#modified),
      error,
    });
  }
}
