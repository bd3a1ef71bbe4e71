import type { ProvisioningLogEntry, ProvisioningLogWriter, ProvisioningObjectSummary } from '../../sync/provisioning-logs/index.js';
import type { ObjectReport } from './object-report.js';

/** What every record of a cycle shares. */
export interface CycleLogContext {
  readonly jobId: string;
  readonly cycleId: string;
  readonly servicePrincipal: { readonly id: string; readonly displayName: string; readonly appId: string };
  readonly sourceSystemName: string;
  readonly targetSystemName: string;
}

/**
 * The provisioning logs of one cycle: reports are buffered and written in batches in the background (on the
 * writer's log thread when it has one), and every report is also kept when the caller asks
 * (provisionOnDemand returns its records). `flush` waits until everything added is durable: the cycle calls
 * it before it moves the watermark.
 */
export class CycleLog {
  readonly #buffer: ObjectReport[] = [];
  readonly #kept: ProvisioningObjectSummary[] = [];
  #writing: Promise<void> = Promise.resolve();
  #failure: unknown;

  constructor(
    private readonly writer: ProvisioningLogWriter,
    private readonly context: CycleLogContext,
    private readonly options: { readonly batchSize?: number; readonly keep?: boolean } = {},
  ) {}

  add(report: ObjectReport): void {
    this.#buffer.push(report);
    if (this.#buffer.length >= (this.options.batchSize ?? 500)) this.#writeBuffered();
  }

  /** Writes what is buffered; rethrows a failure of an earlier background write. */
  async flush(): Promise<void> {
    this.#writeBuffered();
    await this.#writing;
    if (this.#failure !== undefined) {
      const failure = this.#failure;
      this.#failure = undefined;
      throw failure;
    }
  }

  /** The records written so far (with `keep`). */
  get records(): readonly ProvisioningObjectSummary[] {
    return this.#kept;
  }

  #writeBuffered(): void {
    if (this.#buffer.length === 0) return;
    const entries = this.#buffer.splice(0).map((report) => toLogEntry(report, this.context));
    this.#writing = this.#writing.then(async () => {
      try {
        if (this.options.keep) this.#kept.push(...(await this.writer.recordMany(entries)));
        else await this.writer.append(entries);
      } catch (error) {
        this.#failure ??= error;
      }
    });
  }
}

export function toLogEntry(report: ObjectReport, context: CycleLogContext): ProvisioningLogEntry {
  const shared = sharedParts(context);
  return {
    activityDateTime: report.at,
    jobId: context.jobId,
    cycleId: context.cycleId,
    changeId: report.changeId,
    provisioningAction: report.action,
    durationInMilliseconds: report.durationMs,
    servicePrincipal: shared.servicePrincipal,
    sourceSystem: shared.sourceSystem,
    targetSystem: shared.targetSystem,
    sourceIdentity: {
      id: report.source.id,
      displayName: report.source.displayName ?? '',
      identityType: report.source.objectType,
      details: { id: report.source.id, ...(report.source.displayName ? { DisplayName: report.source.displayName } : {}) },
    },
    targetIdentity: {
      ...(report.target.id === undefined ? {} : { id: report.target.id }),
      displayName: report.target.displayName ?? '',
      identityType: report.target.objectType,
    },
    provisioningStatusInfo: { status: report.status, errorInformation: report.error },
    provisioningSteps: report.steps,
    modifiedProperties: report.modified,
  };
}

/** What every record of a cycle names the same way, built once per cycle. */
const shared = new WeakMap<CycleLogContext, Pick<ProvisioningLogEntry, 'servicePrincipal' | 'sourceSystem' | 'targetSystem'>>();

function sharedParts(context: CycleLogContext): Pick<ProvisioningLogEntry, 'servicePrincipal' | 'sourceSystem' | 'targetSystem'> {
  let parts = shared.get(context);
  if (!parts) {
    const sp = context.servicePrincipal;
    parts = Object.freeze({
      servicePrincipal: Object.freeze({ id: sp.id, displayName: sp.displayName }),
      sourceSystem: Object.freeze({ id: context.sourceSystemName, displayName: context.sourceSystemName }),
      targetSystem: Object.freeze({
        id: sp.id,
        displayName: context.targetSystemName,
        details: Object.freeze({ ApplicationId: sp.appId, ServicePrincipalId: sp.id, ServicePrincipalDisplayName: sp.displayName }),
      }),
    });
    shared.set(context, parts);
  }
  return parts;
}
