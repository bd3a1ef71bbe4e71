import type { AttributeUpdate } from '../connectors/target-connector.js';
import type { CompiledAttributeMapping } from '../mapping/compiled-mapping.js';
import { sameExportValue } from './export-values.js';

/**
 * The attributes to send: those whose wanted value differs from what the target holds (the last exported
 * values, or the matched object's values right after a match). Per flowType (expressions-spec §7.3):
 * `AttributeAddOnly` fills only an empty target value; `MultiValueAddOnly` and `ValueAddOnly` only add values
 * (the new value is the union). `FlowAlways` sends the value even when unchanged. Attributes without a
 * wanted value are not sent: null is not provisioned (engine-behavior §1.9).
 */
export function diffAttributes(
  mappings: readonly CompiledAttributeMapping[],
  current: (path: string) => unknown,
  wanted: ReadonlyMap<string, unknown>,
): AttributeUpdate[] {
  const updates: AttributeUpdate[] = [];
  for (const mapping of mappings) {
    if (!wanted.has(mapping.targetPath)) continue;
    const oldValue = current(mapping.targetPath);
    let newValue = wanted.get(mapping.targetPath);
    const hasOld = oldValue !== undefined && oldValue !== null;
    if (mapping.flowType === 'AttributeAddOnly' && hasOld) continue;
    if ((mapping.flowType === 'MultiValueAddOnly' || mapping.flowType === 'ValueAddOnly') && hasOld) newValue = union(oldValue, newValue);
    if (mapping.flowBehavior !== 'FlowAlways' && sameExportValue(oldValue, newValue)) continue;
    updates.push(Object.freeze({ path: mapping.targetPath, oldValue: hasOld ? oldValue : null, newValue }));
  }
  return updates;
}

/** What was exported after applying updates to what was exported before. */
export function applyUpdates(exported: Readonly<Record<string, unknown>>, updates: readonly AttributeUpdate[]): Readonly<Record<string, unknown>> {
  const next: Record<string, unknown> = { ...exported };
  for (const update of updates) {
    if (update.newValue === undefined || update.newValue === null) delete next[update.path];
    else next[update.path] = update.newValue;
  }
  return Object.freeze(next);
}

function union(oldValue: unknown, newValue: unknown): unknown {
  const values = [...(Array.isArray(oldValue) ? oldValue : [oldValue])];
  for (const value of Array.isArray(newValue) ? newValue : [newValue]) {
    if (!values.some((existing) => sameExportValue(existing, value))) values.push(value);
  }
  return values.length === 1 && !Array.isArray(newValue) ? values[0] : values;
}
