import { catalogKey, findProperty, isCollection, type PropertyType, type ResourceCatalog, type SqlSource } from './catalog.js';
import { UnsupportedSortError } from './errors.js';
import {
  compareCodePoints,
  compareValues,
  normalizeValue,
  resolveByPath,
  type Comparable,
  type PropertyResolver,
} from './in-memory-values.js';
import type { OrderByItem } from './orderby.js';

/**
 * The total order a listing uses: the `$orderby` keys, then the catalog key (`id`) ascending so ties never
 * reorder between pages. A missing value sorts before every value (so first ascending, last descending);
 * strings that compare case-insensitively also sort case-insensitively. Both the in-memory comparator and
 * the SQL ORDER BY / keyset condition (orderby-sql.ts) are built from these keys.
 */

export interface SortKey {
  readonly name: string;
  readonly path: readonly string[];
  readonly sql: SqlSource | undefined;
  readonly type: PropertyType;
  readonly fold: boolean;
  readonly direction: 'asc' | 'desc';
}

/** A sort-key value as a page token carries it: date-times as ISO strings, folded strings lower-cased. */
export type SortValue = string | number | boolean | null;

/** Where a page ended: the last row's sort-key values and its unique key. */
export interface PagePosition {
  readonly keys: readonly SortValue[];
  readonly id: string;
}

export function sortKeys(orderBy: readonly OrderByItem[] | undefined, catalog: ResourceCatalog): readonly SortKey[] {
  return Object.freeze(
    (orderBy ?? []).map((item) => {
      const found = findProperty(catalog, item.property);
      if (found === undefined || isCollection(found.spec) || found.spec.sort === undefined) {
        throw new UnsupportedSortError(item.property);
      }
      const { spec } = found;
      return Object.freeze({
        name: found.name,
        path: Object.freeze(found.name.split('/')),
        sql: spec.sql,
        type: spec.type,
        fold: (spec.type === 'string' || spec.type === 'guid') && spec.caseSensitive !== true,
        direction: item.direction,
      });
    }),
  );
}

/** The position of `entity` in the order, for the page token after it. */
export function pagePosition<T>(
  entity: T,
  keys: readonly SortKey[],
  catalog: ResourceCatalog,
  resolve: PropertyResolver<T> = resolveByPath,
): PagePosition {
  const id = resolve(entity, catalogKey(catalog).property.split('/'));
  return Object.freeze({
    keys: Object.freeze(keys.map((key) => tokenValue(normalizeValue(resolve(entity, key.path), key.type, key.fold, undefined), key.type))),
    id: String(id),
  });
}

/** Orders entities as the SQL back end's ORDER BY does. */
export function entityComparator<T>(
  keys: readonly SortKey[],
  catalog: ResourceCatalog,
  resolve: PropertyResolver<T> = resolveByPath,
): (a: T, b: T) => number {
  return (a, b) => comparePositions(pagePosition(a, keys, catalog, resolve), pagePosition(b, keys, catalog, resolve), keys);
}

/** True when `entity` comes strictly after `position`: the in-memory form of keyset paging. */
export function isAfterPosition<T>(
  entity: T,
  position: PagePosition,
  keys: readonly SortKey[],
  catalog: ResourceCatalog,
  resolve: PropertyResolver<T> = resolveByPath,
): boolean {
  return comparePositions(pagePosition(entity, keys, catalog, resolve), position, keys) > 0;
}

export function comparePositions(a: PagePosition, b: PagePosition, keys: readonly SortKey[]): number {
  for (const [index, key] of keys.entries()) {
    const x = comparableOf(a.keys[index] ?? null, key.type);
    const y = comparableOf(b.keys[index] ?? null, key.type);
    const order = x === null ? (y === null ? 0 : -1) : y === null ? 1 : compareValues(x, y);
    if (order !== 0) return key.direction === 'asc' ? order : -order;
  }
  return compareCodePoints(a.id, b.id);
}

function tokenValue(value: Comparable | null, type: PropertyType): SortValue {
  return type === 'datetime' && typeof value === 'number' ? new Date(value).toISOString() : value;
}

function comparableOf(value: SortValue, type: PropertyType): Comparable | null {
  if (value === null) return null;
  return type === 'datetime' && typeof value === 'string' ? Date.parse(value) : value;
}
