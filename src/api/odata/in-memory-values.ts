import type { PropertyType } from './catalog.js';
import type { CaseFunction } from './filter-ast.js';

/**
 * How the in-memory back end reads and orders values, mirroring what the SQL back end does with the same
 * catalog: strings compare by code point (SQLite BINARY, PostgreSQL COLLATE "C"), date-times by instant,
 * booleans false < true, and a missing value is null.
 */

export type Comparable = string | number | boolean;

/** Reads a catalog path (`['manager', 'name']`) from an entity; undefined or null when absent. */
export type PropertyResolver<T> = (entity: T, path: readonly string[]) => unknown;

/** Walks plain objects by property name; a missing step yields undefined. */
export function readPath(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/** The default resolver: catalog paths are the entity's own property names. */
export function resolveByPath<T>(entity: T, path: readonly string[]): unknown {
  return readPath(entity, path);
}

/** A raw value as the comparable the back ends agree on, or null when absent or of the wrong type. */
export function normalizeValue(
  raw: unknown,
  type: PropertyType,
  fold: boolean,
  transform: CaseFunction | undefined,
): Comparable | null {
  switch (type) {
    case 'string':
    case 'guid': {
      if (typeof raw !== 'string') return null;
      const transformed = transform === 'tolower' ? raw.toLowerCase() : transform === 'toupper' ? raw.toUpperCase() : raw;
      return fold ? transformed.toLowerCase() : transformed;
    }
    case 'number':
      return typeof raw === 'number' && Number.isFinite(raw) ? raw : null;
    case 'boolean':
      if (typeof raw === 'boolean') return raw;
      // Rows from the store carry booleans as 0/1.
      return raw === 1 ? true : raw === 0 ? false : null;
    case 'datetime': {
      const ms = raw instanceof Date ? raw.getTime() : typeof raw === 'string' ? Date.parse(raw) : Number.NaN;
      return Number.isNaN(ms) ? null : ms;
    }
  }
}

/** Orders two non-null comparables of the same type. */
export function compareValues(a: Comparable, b: Comparable): number {
  if (typeof a === 'string' && typeof b === 'string') return compareCodePoints(a, b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}

/** Code-point order; JavaScript's `<` compares UTF-16 units, which differs for astral characters. */
export function compareCodePoints(a: string, b: string): number {
  const left = a[Symbol.iterator]();
  const right = b[Symbol.iterator]();
  for (;;) {
    const x = left.next();
    const y = right.next();
    if (x.done) return y.done ? 0 : -1;
    if (y.done) return 1;
    const cx = x.value.codePointAt(0) ?? 0;
    const cy = y.value.codePointAt(0) ?? 0;
    if (cx !== cy) return cx < cy ? -1 : 1;
  }
}
