import { parseAttributePath } from '../../connectors/scim/index.js';

/**
 * The value a SCIM resource holds at a mapped target path (`userName`, `name.givenName`,
 * `emails[type eq "work"].value`, `urn:…:enterprise:2.0:User:manager`), compared after a match so that an
 * object the target already has right is linked without a PATCH. Attribute names compare case-insensitively
 * (RFC 7643 §2.1); undefined when absent or unreadable.
 */
export function resourceValue(resource: Readonly<Record<string, unknown>>, path: string): unknown {
  let parsed;
  try {
    parsed = parseAttributePath(path);
  } catch {
    return undefined;
  }
  const container = parsed.schema === undefined ? resource : member(resource, parsed.schema);
  if (!isObject(container)) return undefined;
  const value = member(container, parsed.attribute);
  if (parsed.filter) {
    if (!Array.isArray(value)) return undefined;
    const { attribute, value: wanted } = parsed.filter;
    const element = value.find((item) => isObject(item) && sameSelector(member(item, attribute), wanted));
    return isObject(element) ? member(element, parsed.subAttribute ?? 'value') : undefined;
  }
  if (parsed.subAttribute) return isObject(value) ? member(value, parsed.subAttribute) : undefined;
  // The enterprise manager is a complex value whose `value` is the manager's id.
  if (parsed.attribute.toLowerCase() === 'manager' && isObject(value)) return member(value, 'value');
  return value;
}

function member(object: Readonly<Record<string, unknown>>, name: string): unknown {
  if (name in object) return object[name];
  const lowered = name.toLowerCase();
  for (const [key, value] of Object.entries(object)) if (key.toLowerCase() === lowered) return value;
  return undefined;
}

function sameSelector(actual: unknown, wanted: string): boolean {
  if (typeof actual === 'boolean') return String(actual).toLowerCase() === wanted.toLowerCase();
  return typeof actual === 'string' && actual.toLowerCase() === wanted.toLowerCase();
}

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
