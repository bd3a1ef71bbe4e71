import type { Dialect } from './dialect.js';
import type { AttributeType } from './function-definition.js';
import { FUNCTIONS } from './function-registry.js';

/** Graph attributeMappingParameterSchema. */
export interface AttributeMappingParameterSchema {
  readonly name: string;
  readonly type: AttributeType;
  readonly allowMultipleOccurrences: boolean;
  readonly required: boolean;
}

/** Graph attributeMappingFunctionSchema (the wire shows `name`; CSDL keys it by `id`). */
export interface AttributeMappingFunctionSchema {
  readonly name: string;
  readonly parameters: readonly AttributeMappingParameterSchema[];
}

const catalogs = new Map<Dialect, readonly AttributeMappingFunctionSchema[]>();

/** What `schema/functions` returns for a job or template of the given dialect, alphabetically. */
export function functionCatalog(dialect: Dialect): readonly AttributeMappingFunctionSchema[] {
  const cached = catalogs.get(dialect);
  if (cached) return cached;
  const catalog = Object.freeze(
    FUNCTIONS.filter((f) => f.dialects.includes(dialect)).map((f) => {
      const signature = f.signatures[f.catalogSignature?.[dialect] ?? 0]!;
      return Object.freeze({
        name: f.name,
        parameters: Object.freeze(
          signature.parameters.map((p) =>
            Object.freeze({ name: p.name, type: p.type, allowMultipleOccurrences: p.repeating === true, required: p.required }),
          ),
        ),
      });
    }),
  );
  catalogs.set(dialect, catalog);
  return catalog;
}
