import type { PropertySpec, PropertyType } from '../../api/odata/index.js';
import type { ExtensionDataType, ExtensionProperty } from './extension-property.js';

const types: Readonly<Record<ExtensionDataType, PropertyType | undefined>> = {
  String: 'string',
  Boolean: 'boolean',
  Integer: 'number',
  LargeInteger: 'number',
  DateTime: 'datetime',
  // Binary values cannot be compared in a filter.
  Binary: undefined,
};

/**
 * Catalog entries for extension attributes, read from the object's JSON: single values filter with
 * `eq`/`ne`/`in` (and `startswith` on strings), multi-valued ones with `any`, as Graph allows on extensions.
 */
export function extensionCatalogProperties(extensions: readonly ExtensionProperty[]): Record<string, PropertySpec> {
  const properties: Record<string, PropertySpec> = {};
  for (const extension of extensions) {
    const type = types[extension.dataType];
    const sql = { column: 'data', json: [extension.name] } as const;
    if (type === undefined) {
      properties[extension.name] = { type: 'string', sql };
    } else if (extension.isMultiValued) {
      properties[extension.name] = { collection: { type, filter: ['eq'] }, lambdas: ['any'], sql };
    } else {
      properties[extension.name] = { type, filter: type === 'string' ? ['eq', 'ne', 'in', 'startswith'] : ['eq', 'ne', 'in'], sql };
    }
  }
  return properties;
}
