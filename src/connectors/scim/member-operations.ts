import type { ScimPatchDialect } from './patch-dialect.js';
import { patchOp, type ScimPatchOperation } from './patch-operation.js';

/**
 * Group membership changes as the hosted service sends them (engine-behavior §2.3, §2.4). Members are
 * target ids, without `type` or `display`.
 * - add, both dialects: `{ op: "Add", path: "members", value: [{ "$ref": null, value: id }, ...] }`
 * - remove, default: `{ op: "Remove", path: "members", value: [{ value: id }, ...] }`
 * - remove, aadOptscim062020: one `{ op: "remove", path: "members[value eq \"id\"]" }` per member
 */
export function buildMemberOperations(
  add: readonly string[],
  remove: readonly string[],
  dialect: ScimPatchDialect,
): readonly ScimPatchOperation[] {
  const operations: ScimPatchOperation[] = [];
  if (add.length > 0) {
    operations.push({ op: patchOp('add', dialect), path: 'members', value: add.map((value) => ({ $ref: null, value })) });
  }
  if (remove.length > 0) {
    if (dialect === 'aadOptscim062020') {
      for (const id of remove) operations.push({ op: patchOp('remove', dialect), path: `members[value eq ${JSON.stringify(id)}]` });
    } else {
      operations.push({ op: patchOp('remove', dialect), path: 'members', value: remove.map((value) => ({ value })) });
    }
  }
  return Object.freeze(operations);
}

/** Splits a membership delta into requests of at most `size` members each: removals first, then additions. */
export function chunkMemberChanges(
  add: readonly string[],
  remove: readonly string[],
  size: number,
): readonly { readonly add: readonly string[]; readonly remove: readonly string[] }[] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`member chunk size must be a positive integer, got ${size}`);
  const chunks: { add: readonly string[]; remove: readonly string[] }[] = [];
  for (let start = 0; start < remove.length; start += size) chunks.push({ add: [], remove: remove.slice(start, start + size) });
  for (let start = 0; start < add.length; start += size) chunks.push({ add: add.slice(start, start + size), remove: [] });
  return chunks;
}
