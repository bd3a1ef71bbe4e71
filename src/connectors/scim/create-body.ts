import { parseAttributePath, type AttributePath } from './attribute-path.js';
import { isAbsent, isPlainObject, toScimBoolean } from './attribute-values.js';
import { ScimSchemas, type ScimResourceKind } from './scim-schemas.js';

/** A request body: plain JSON, keys in the order they are serialized. */
export type ScimBody = Readonly<Record<string, unknown>>;

type MutableObject = Record<string, unknown>;

const enterpriseManager = `${ScimSchemas.enterpriseUser}:manager`.toLowerCase();

/**
 * The POST body the hosted service sends for a new user or group (engine-behavior §2.3), from the flat map
 * of target attribute paths that attribute mappings produce:
 * - `schemas`: the core schema, plus the enterprise extension when any mapped path targets it (even one
 *   whose value is null, as the reference body shows); custom extension URNs are not listed (§2.4);
 *   groups carry the non-standard ADSCIM schema as well.
 * - `meta: { resourceType }` always; null values are skipped; group members never (added later by PATCH, §1.13).
 * - filtered paths (`emails[type eq "work"].value`) become elements of the multi-valued attribute holding
 *   the filter's attribute (`type: "work"`, or `primary: true` for `[primary eq "True"]`); paths sharing a
 *   filter share an element; the work email is the primary one.
 * - `active` and `primary` are booleans; the enterprise manager is `{ value: <target id> }`.
 * - key order follows the hosted service's bodies: schemas, externalId, userName, active, then the rest
 *   ordinally; inside elements ordinally; `name` in its RFC 7643 order.
 */
export function buildCreateBody(kind: ScimResourceKind, attributes: ReadonlyMap<string, unknown>): ScimBody {
  const body: MutableObject = {};
  let usesEnterprise = false;
  for (const [text, value] of attributes) {
    const path = parseAttributePath(text);
    if (path.schema?.toLowerCase() === ScimSchemas.enterpriseUser.toLowerCase()) usesEnterprise = true;
    if (isAbsent(value)) continue;
    if (kind === 'Group' && path.schema === undefined && path.attribute.toLowerCase() === 'members') continue;
    place(path.schema === undefined ? body : objectAt(body, path.schema), path, value);
  }
  markPrimaryWorkEmail(body);
  const schemas =
    kind === 'User'
      ? usesEnterprise
        ? [ScimSchemas.user, ScimSchemas.enterpriseUser]
        : [ScimSchemas.user]
      : [ScimSchemas.group, ScimSchemas.microsoftGroup];
  return deepFreeze(ordered({ ...body, schemas, meta: { resourceType: kind } }, topLevelOrder, true) as ScimBody);
}

function place(target: MutableObject, path: AttributePath, value: unknown): void {
  const { attribute, filter, subAttribute } = path;
  if (filter) {
    const list = arrayAt(target, attribute);
    const key = filter.attribute;
    const selector = key === 'primary' ? toScimBoolean(filter.value) : filter.value;
    let element = list.find((item) => isPlainObject(item) && sameSelector(item[key], selector)) as MutableObject | undefined;
    if (!element) {
      element = { [key]: selector };
      list.push(element);
    }
    const sub = subAttribute ?? 'value';
    element[sub] = sub === 'primary' ? toScimBoolean(value) : copy(value);
    return;
  }
  if (subAttribute) {
    objectAt(target, attribute)[subAttribute] = copy(value);
    return;
  }
  target[attribute] = scalar(path, copy(value));
}

/** Later paths may add to what an earlier one placed; the caller's values must not be touched by that. */
function copy(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copy);
  return isPlainObject(value) ? Object.fromEntries(Object.entries(value).map(([key, item]) => [key, copy(item)])) : value;
}

function scalar(path: AttributePath, value: unknown): unknown {
  if (path.schema === undefined && path.attribute === 'active') return toScimBoolean(value);
  if (path.text.toLowerCase() === enterpriseManager && !isPlainObject(value)) return { value };
  return value;
}

function sameSelector(existing: unknown, selector: unknown): boolean {
  return typeof existing === 'string' && typeof selector === 'string'
    ? existing.toLowerCase() === selector.toLowerCase()
    : existing === selector;
}

/** The reference create body marks the work email primary; an explicit `.primary` mapping wins. */
function markPrimaryWorkEmail(body: MutableObject): void {
  const emails = body.emails;
  if (!Array.isArray(emails)) return;
  for (const email of emails) {
    if (isPlainObject(email) && email.primary === undefined && String(email.type).toLowerCase() === 'work') {
      email.primary = true;
    }
  }
}

function objectAt(target: MutableObject, key: string): MutableObject {
  const existing = target[key];
  if (isPlainObject(existing)) return existing;
  const created: MutableObject = {};
  target[key] = created;
  return created;
}

function arrayAt(target: MutableObject, key: string): unknown[] {
  const existing = target[key];
  if (Array.isArray(existing)) return existing as unknown[];
  const created: unknown[] = [];
  target[key] = created;
  return created;
}

const topLevelOrder = ['schemas', 'externalId', 'userName', 'active'];
const nameOrder = ['formatted', 'familyName', 'givenName', 'middleName', 'honorificPrefix', 'honorificSuffix'];

function ordered(value: unknown, leading: readonly string[] = [], topLevel = false): unknown {
  if (Array.isArray(value)) return value.map((item) => ordered(item));
  if (!isPlainObject(value)) return value;
  const rank = (key: string): number => {
    const index = leading.indexOf(key);
    return index === -1 ? leading.length : index;
  };
  const keys = Object.keys(value).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(keys.map((key) => [key, ordered(value[key], topLevel && key === 'name' ? nameOrder : [])]));
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
