import { z } from 'zod';
import { graphCollection } from './graph-collection.js';
import { graphEnum } from './graph-enum.js';
import { attributeMappingSourceTypes, type AttributeMappingSourceType } from './enums.js';
import { odataTypeShape } from './key-value.js';

/** `stringKeyAttributeMappingSourceValuePair`: one named argument of a function call. */
export interface AttributeMappingParameter {
  readonly '@odata.type'?: string;
  /** The function's internal parameter name (`source`, `Find`, `switchValue`…), not the docs' name. */
  readonly key: string;
  readonly value: AttributeMappingSource;
}

/**
 * `attributeMappingSource`: a parsed mapping expression. `Attribute` names a source attribute,
 * `Constant` carries its value in `name`, `Function` names the function and lists its supplied
 * arguments in `parameters` (omitted optional arguments are absent). `expression` is the same tree
 * as text, e.g. `Switch([IsSoftDeleted], , "False", "True", "True", "False")`.
 */
export interface AttributeMappingSource {
  readonly '@odata.type'?: string;
  readonly expression: string | null;
  readonly name: string | null;
  readonly type: AttributeMappingSourceType;
  readonly parameters: readonly AttributeMappingParameter[];
}

export const attributeMappingSourceSchema: z.ZodType<AttributeMappingSource> = z.lazy(() =>
  z.object({
    ...odataTypeShape,
    expression: z.string().nullable().default(null),
    name: z.string().nullable().default(null),
    type: graphEnum('attributeMappingSourceType', attributeMappingSourceTypes).default('Attribute'),
    parameters: graphCollection(attributeMappingParameterSchema),
  }),
);

export const attributeMappingParameterSchema: z.ZodType<AttributeMappingParameter> = z.lazy(() =>
  z.object({
    ...odataTypeShape,
    key: z.string().min(1),
    value: attributeMappingSourceSchema,
  }),
);
