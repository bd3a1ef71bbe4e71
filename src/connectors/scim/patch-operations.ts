import { parseAttributePath, type AttributePath } from './attribute-path.js';
import { isAbsent, isPlainObject, sameValue } from './attribute-values.js';
import { buildMemberOperations } from './member-operations.js';
import type { ScimPatchDialect } from './patch-dialect.js';
import { patchOp, type PatchVerb, type ScimPatchOperation } from './patch-operation.js';
import { ScimSchemas, type ScimResourceKind } from './scim-schemas.js';

/** One changed target attribute: what was last exported and what the mappings produce now. */
export interface AttributeChange {
  readonly path: string;
  readonly oldValue: unknown;
  readonly newValue: unknown;
}

const enterpriseManager = `${ScimSchemas.enterpriseUser}:manager`.toLowerCase();

/**
 * The PATCH operations for a set of changed attributes, as the hosted service sends them (engine-behavior
 * §2.3, §2.4). Only attributes whose value really changed get an operation, in the order given:
 * - no old value → `Add`; a different value → `Replace`; no new value → `Remove` with the path, no value
 *   (§1.9: null or empty means "no value"); `active` is always a `Replace`.
 * - `active` is "True"/"False" in the default dialect and a boolean with `aadOptscim062020`.
 * - the enterprise manager travels as the bare target id of the manager.
 * - group `members` (lists of target ids) become member add/remove operations for the net difference.
 * - `aadOptscim062020`: lowercase ops, and two or more replaces of unfiltered paths merge into one
 *   path-less `replace` whose value is keyed by the dotted/URN paths, placed where the first of them was.
 */
export function buildPatchOperations(
  kind: ScimResourceKind,
  changes: readonly AttributeChange[],
  dialect: ScimPatchDialect,
): readonly ScimPatchOperation[] {
  const operations: ScimPatchOperation[] = [];
  for (const change of changes) {
    const path = parseAttributePath(change.path);
    if (kind === 'Group' && isMembers(path)) {
      const before = memberIds(change.oldValue);
      const after = memberIds(change.newValue);
      const added = [...after].filter((id) => !before.has(id));
      const removed = [...before].filter((id) => !after.has(id));
      operations.push(...buildMemberOperations(added, removed, dialect));
      continue;
    }
    const operation = attributeOperation(kind, path, change, dialect);
    if (operation) operations.push(operation);
  }
  return Object.freeze(dialect === 'aadOptscim062020' ? mergeSimpleReplaces(operations) : operations);
}

function attributeOperation(
  kind: ScimResourceKind,
  path: AttributePath,
  change: AttributeChange,
  dialect: ScimPatchDialect,
): ScimPatchOperation | undefined {
  const { oldValue, newValue } = change;
  if (isAbsent(newValue)) {
    return isAbsent(oldValue) ? undefined : { op: patchOp('remove', dialect), path: path.text };
  }
  const value = wireValue(kind, path, newValue, dialect);
  if (!isAbsent(oldValue) && sameValue(wireValue(kind, path, oldValue, dialect), value)) return undefined;
  const verb: PatchVerb = isActive(kind, path) || !isAbsent(oldValue) ? 'replace' : 'add';
  return { op: patchOp(verb, dialect), path: path.text, value };
}

function wireValue(kind: ScimResourceKind, path: AttributePath, value: unknown, dialect: ScimPatchDialect): unknown {
  if (isActive(kind, path)) {
    const active = typeof value === 'string' ? value.toLowerCase() === 'true' : Boolean(value);
    return dialect === 'aadOptscim062020' ? active : active ? 'True' : 'False';
  }
  if (path.text.toLowerCase() === enterpriseManager && isPlainObject(value) && 'value' in value) return value.value;
  return value;
}

function isActive(kind: ScimResourceKind, path: AttributePath): boolean {
  return kind === 'User' && path.schema === undefined && path.attribute === 'active' && !path.subAttribute && !path.filter;
}

function isMembers(path: AttributePath): boolean {
  return path.schema === undefined && path.attribute.toLowerCase() === 'members' && !path.filter && !path.subAttribute;
}

/** Member lists may hold ids or `{ value: id }` objects. */
function memberIds(value: unknown): Set<string> {
  if (isAbsent(value)) return new Set();
  const items = Array.isArray(value) ? value : [value];
  return new Set(items.map((item) => (isPlainObject(item) ? String(item.value) : String(item))));
}

function mergeSimpleReplaces(operations: readonly ScimPatchOperation[]): ScimPatchOperation[] {
  const mergeable = (operation: ScimPatchOperation): boolean =>
    operation.op === 'replace' && operation.path !== undefined && !operation.path.includes('[');
  if (operations.filter(mergeable).length < 2) return [...operations];
  const merged: Record<string, unknown> = {};
  const result: ScimPatchOperation[] = [];
  for (const operation of operations) {
    if (!mergeable(operation)) {
      result.push(operation);
      continue;
    }
    if (Object.keys(merged).length === 0) result.push({ op: 'replace', value: merged });
    merged[operation.path!] = operation.value;
  }
  return result;
}
