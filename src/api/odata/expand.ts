import { findName, type ResourceCatalog } from './catalog.js';
import { QueryOptionError } from './errors.js';

export interface ExpandItem {
  /** Navigation property, in the catalog's casing. */
  readonly property: string;
  /** `name($select=a,b)`; undefined when every property of the expanded entities is wanted. */
  readonly select: readonly string[] | undefined;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * `$expand=jobs` and `$expand=jobs($select=id,status),templates`: navigation properties the catalog lists
 * as expandable, optionally with a nested `$select` (the only nested option offered). Nested names are not
 * checked here; the expanded entity's own route knows its properties.
 */
export function parseExpand(text: string, catalog: ResourceCatalog): readonly ExpandItem[] {
  const items: ExpandItem[] = [];
  for (const { part, offset } of splitTopLevel(text, ',')) {
    const open = part.indexOf('(');
    const rawName = (open === -1 ? part : part.slice(0, open)).trim();
    if (!NAME.test(rawName) || (open !== -1 && !part.trimEnd().endsWith(')'))) {
      throw QueryOptionError.invalidValue(`Syntax error at position ${offset} in '${text}'.`);
    }
    const property = findName(catalog.expandable ?? [], rawName);
    if (property === undefined) {
      throw QueryOptionError.invalidValue(`Could not find a property named '${rawName}' on type '${catalog.entityType}'.`);
    }
    const options = open === -1 ? '' : part.slice(open + 1, part.trimEnd().length - 1);
    items.push(Object.freeze({ property, select: nestedSelect(options, text) }));
  }
  return Object.freeze(items);
}

function nestedSelect(options: string, text: string): readonly string[] | undefined {
  let select: readonly string[] | undefined;
  for (const { part } of splitTopLevel(options, ';')) {
    const equals = part.indexOf('=');
    const name = (equals === -1 ? part : part.slice(0, equals)).trim();
    if (name.replace(/^\$/, '').toLowerCase() !== 'select' || equals === -1) {
      if (name === '') throw QueryOptionError.invalidValue(`Syntax error in '${text}'.`);
      throw QueryOptionError.notSupported(name.startsWith('$') ? name : `$${name}`);
    }
    const names = part.slice(equals + 1).split(',').map((item) => item.trim());
    if (names.some((item) => item !== '*' && !NAME.test(item))) {
      throw QueryOptionError.invalidValue(`Syntax error in '${text}'.`);
    }
    select = names.includes('*') ? undefined : Object.freeze(names);
  }
  return select;
}

/** Splits on `separator` outside parentheses; empty input yields no parts. */
function splitTopLevel(text: string, separator: string): { part: string; offset: number }[] {
  if (text.trim() === '') return [];
  const parts: { part: string; offset: number }[] = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index <= text.length; index += 1) {
    const char = text.charAt(index);
    if (char === '(') depth += 1;
    else if (char === ')') depth -= 1;
    if (depth < 0) throw QueryOptionError.invalidValue(`Syntax error at position ${index} in '${text}'.`);
    if ((char === separator && depth === 0) || index === text.length) {
      parts.push({ part: text.slice(start, index), offset: start });
      start = index + 1;
    }
  }
  if (depth !== 0) throw QueryOptionError.invalidValue(`Syntax error at position ${text.length} in '${text}'.`);
  return parts;
}
