import { findName, type ResourceCatalog } from './catalog.js';
import { QueryOptionError } from './errors.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * `$select=id,displayName`: property names in the catalog's casing, without repeats. `*` (alone or among
 * names) selects everything and yields undefined, as does an empty value.
 */
export function parseSelect(text: string, catalog: ResourceCatalog): readonly string[] | undefined {
  if (text.trim() === '') return undefined;
  const names: string[] = [];
  let offset = 0;
  for (const part of text.split(',')) {
    const name = part.trim();
    if (name === '*') return undefined;
    if (!NAME.test(name)) {
      const position = offset + (name === '' ? part.length : part.indexOf(name));
      throw QueryOptionError.invalidValue(`Syntax error at position ${position} in '${text}'.`);
    }
    const canonical = catalog.selectable === undefined ? name : findName(catalog.selectable, name);
    if (canonical === undefined) {
      throw QueryOptionError.invalidValue(`Could not find a property named '${name}' on type '${catalog.entityType}'.`);
    }
    if (!names.includes(canonical)) names.push(canonical);
    offset += part.length + 1;
  }
  return Object.freeze(names);
}

/**
 * The entity as `$select` shapes it: the selected properties plus `alwaysInclude` (Graph always returns
 * `id`), in the entity's own property order. A selected property the entity lacks comes back as null, as
 * Graph returns it. Instance annotations stay: `@odata.*` keys, and `name@odata.type` for kept properties.
 */
export function projectEntity<T extends Readonly<Record<string, unknown>>>(
  entity: T,
  select: readonly string[] | undefined,
  alwaysInclude: readonly string[] = ['id'],
): Record<string, unknown> {
  if (select === undefined) return { ...entity };
  const wanted = new Set([...select, ...alwaysInclude].map((name) => name.toLowerCase()));
  const projected: Record<string, unknown> = {};
  const present = new Set<string>();
  for (const [key, value] of Object.entries(entity)) {
    const at = key.indexOf('@');
    const base = at === -1 ? key : key.slice(0, at);
    if (base === '' || wanted.has(base.toLowerCase())) {
      projected[key] = value;
      if (at === -1) present.add(key.toLowerCase());
    }
  }
  for (const name of select) {
    if (!present.has(name.toLowerCase())) projected[name] = null;
  }
  return projected;
}
