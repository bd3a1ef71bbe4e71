import type { DirectorySchema } from './directory-schema.js';

/** What one object class lacks: the class itself, or attributes its entries may not hold. */
export interface SchemaShortfall {
  readonly objectClass: string;
  readonly classMissing: boolean;
  readonly attributes: readonly string[];
}

/**
 * Checks that the schema allows, for each object class, the attributes a job writes. Empty when everything
 * is there.
 */
export function schemaShortfalls(schema: DirectorySchema, required: ReadonlyMap<string, readonly string[]>): SchemaShortfall[] {
  const shortfalls: SchemaShortfall[] = [];
  for (const [objectClass, attributes] of required) {
    if (schema.objectClassName(objectClass) === undefined) {
      shortfalls.push(Object.freeze({ objectClass, classMissing: true, attributes: Object.freeze([...attributes]) }));
      continue;
    }
    const missing = attributes.filter((attribute) => !schema.allows(objectClass, attribute));
    if (missing.length > 0) shortfalls.push(Object.freeze({ objectClass, classMissing: false, attributes: Object.freeze(missing) }));
  }
  return shortfalls;
}

/** `user lacks msExchArchiveStatus, msExchSafeSendersHash; the class contact does not exist` */
export function describeShortfalls(shortfalls: readonly SchemaShortfall[]): string {
  return shortfalls
    .map((s) => (s.classMissing ? `the object class ${s.objectClass} does not exist` : `${s.objectClass} lacks ${s.attributes.join(', ')}`))
    .join('; ');
}
