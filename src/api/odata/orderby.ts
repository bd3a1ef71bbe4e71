import { findProperty, isCollection, type ResourceCatalog } from './catalog.js';
import { QueryOptionError, UnsupportedSortError } from './errors.js';

export interface OrderByItem {
  /** Canonical property path, as the catalog spells it. */
  readonly property: string;
  readonly direction: 'asc' | 'desc';
}

const ITEM = /^\s*([A-Za-z_][A-Za-z0-9_]*(?:\/[A-Za-z_][A-Za-z0-9_]*)*)(?:\s+(asc|desc))?\s*$/i;

/**
 * `$orderby=displayName desc, createdDateTime`: properties the catalog marks sortable, each at most once.
 */
export function parseOrderBy(text: string, catalog: ResourceCatalog): readonly OrderByItem[] {
  const items: OrderByItem[] = [];
  let offset = 0;
  for (const part of text.split(',')) {
    const match = ITEM.exec(part);
    if (!match) {
      const position = offset + firstBadCharacter(part);
      throw QueryOptionError.invalidValue(`Syntax error at position ${position} in '${text}'.`);
    }
    const [, path = '', direction] = match;
    const found = findProperty(catalog, path);
    if (found === undefined || isCollection(found.spec) || found.spec.sort === undefined) {
      throw new UnsupportedSortError(found?.name ?? path);
    }
    if (items.some((item) => item.property === found.name)) {
      throw QueryOptionError.invalidValue(`Duplicate property named '${found.name}' is not supported in '$orderby' expression.`);
    }
    items.push(Object.freeze({ property: found.name, direction: direction?.toLowerCase() === 'desc' ? 'desc' : 'asc' }));
    offset += part.length + 1;
  }
  return Object.freeze(items);
}

/** Where an order-by item stops making sense: the first character after a valid prefix. */
function firstBadCharacter(part: string): number {
  const prefix = /^\s*(?:[A-Za-z_][A-Za-z0-9_]*(?:\/[A-Za-z_][A-Za-z0-9_]*)*(?:\s+(?:asc|desc)\b)?\s*)?/i.exec(part);
  return prefix?.[0].length ?? 0;
}
