/** What a cycle counted, for its synchronizationTaskExecution and the quarantine rules. */
export class CycleCounters {
  /** Objects read from the source. */
  imported = 0;
  /** Change-feed entries read (incremental). */
  importedDeltas = 0;
  importedReferenceDeltas = 0;
  /** Objects in the assignment scope. */
  entitled = 0;
  /** Objects in scope after the scoping filters. */
  entitledForProvisioning = 0;
  /** Exports the cycle found necessary (creates, updates, disables, deletes, membership changes). */
  exportsNeeded = 0;
  /** Exports that went through. */
  exported = 0;
  /** Objects exported or linked successfully (the quarantine proportion's denominator part). */
  succeededObjects = 0;
  /** Object failures in this cycle. */
  failedObjects = 0;
  /** Reference (manager, members) failures in this cycle. */
  failedReferences = 0;
  /** Objects evaluated so far and to evaluate in all (progress). */
  processed = 0;
  total = 0;
}
