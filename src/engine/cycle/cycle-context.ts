import type { Kysely } from 'kysely';
import type { Database } from '../../store/database.js';
import type { SourceConnector, SourceObject } from '../connectors/source-connector.js';
import type { AttributeUpdate, TargetConnector } from '../connectors/target-connector.js';
import type { EngineOptions } from '../engine-options.js';
import type { CycleLog } from '../logs/cycle-log.js';
import type { ReportBuilder } from '../logs/object-report.js';
import type { CompiledObjectMapping, CompiledSchema } from '../mapping/compiled-mapping.js';
import type { DeleteThreshold } from '../stages/delete-threshold.js';
import type { ConnectorDataStore, ConnectorObject } from '../state/connector-data-store.js';
import type { EscrowStore } from '../state/escrow-store.js';
import type { ExportedMembers } from '../state/exported-members.js';
import type { StagedDeletes } from '../state/staged-deletes.js';
import type { CycleCounters } from './cycle-counters.js';

export type CycleKind = 'full' | 'incremental' | 'onDemand';

export interface CycleSettings {
  readonly skipOutOfScopeDeletions: boolean;
  /** A restart with ForceDeletes: the delete threshold does not hold this cycle's deletes back. */
  readonly forceDeletes: boolean;
  readonly threshold: DeleteThreshold;
}

/** A disable or delete decided during the object pass, sent (or staged) after the threshold check. */
export interface PendingDeprovision {
  readonly object: SourceObject;
  readonly linked: ConnectorObject;
  readonly mapping: CompiledObjectMapping;
  readonly action: 'disable' | 'delete';
  /** For a disable: the attribute updates, the IsSoftDeleted one among them. */
  readonly updates: readonly AttributeUpdate[];
  readonly report: ReportBuilder;
}

/** References to write once the objects exist (engine-behavior §1.2 step 6, §1.13). */
export interface ReferenceWork {
  /** User source id → its manager's source id (null: none). */
  readonly managers: Map<string, string | null>;
  /** Group source id → its current member source ids, for every group evaluated and linked. */
  readonly groupMembers: Map<string, readonly string[]>;
  /** Groups whose whole membership is reconciled (full cycles, new links, escrowed membership failures). */
  readonly fullGroups: Set<string>;
  /** Group → members whose membership changed in the source (incremental cycles). */
  readonly pairs: Map<string, Set<string>>;
  /** Objects linked in this cycle: they join the provisioned groups they are members of. */
  readonly newlyLinked: Set<string>;
}

/** Everything one cycle (or one provisionOnDemand call) works with. */
export interface CycleContext {
  readonly db: Kysely<Database>;
  readonly jobId: string;
  readonly cycleId: string;
  readonly kind: CycleKind;
  readonly schema: CompiledSchema;
  readonly source: SourceConnector;
  readonly target: TargetConnector;
  readonly store: ConnectorDataStore;
  readonly members: ExportedMembers;
  readonly escrows: EscrowStore;
  readonly staged: StagedDeletes;
  /** Source ids staged by earlier cycles (unstaged when no longer deprovisioned). */
  readonly stagedIds: Set<string>;
  readonly settings: CycleSettings;
  readonly options: EngineOptions;
  readonly counters: CycleCounters;
  readonly log: CycleLog;
  readonly references: ReferenceWork;
  readonly deprovisions: PendingDeprovision[];
  /** Source ids evaluated in this cycle (a full cycle then visits the links it did not meet). */
  readonly visited: Set<string>;
  /** Whether skipped and redundant evaluations are logged (incremental and on demand; not the bulk of full cycles). */
  readonly logSkips: boolean;
  /** Throws CycleStoppedError when the cycle must stop at this safe point. */
  checkpoint(): Promise<void>;
}

export function newReferenceWork(): ReferenceWork {
  return { managers: new Map(), groupMembers: new Map(), fullGroups: new Set(), pairs: new Map(), newlyLinked: new Set() };
}
