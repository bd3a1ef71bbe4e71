import { z } from 'zod';
import { graphEnum } from './graph-enum.js';
import { attributeFlowBehaviors, attributeFlowTypes, type AttributeFlowBehavior, type AttributeFlowType } from './enums.js';
import { odataTypeShape } from './key-value.js';
import { attributeMappingSourceSchema, type AttributeMappingSource } from './attribute-mapping-source.js';

/**
 * `attributeMapping`: how one target attribute gets its value. Property order is the order the
 * service returns (and the order scripts splice mappings in, see seed 001).
 */
export interface AttributeMapping {
  readonly '@odata.type'?: string;
  /** Used when the source evaluates to null (only when the object is created). */
  readonly defaultValue: string | null;
  readonly exportMissingReferences: boolean;
  readonly flowBehavior: AttributeFlowBehavior;
  readonly flowType: AttributeFlowType;
  /** 0: not a matching attribute; >0: matching attributes are tried lowest first. */
  readonly matchingPriority: number;
  readonly targetAttributeName: string;
  /** null for a "None" mapping that only supplies `defaultValue`. */
  readonly source: AttributeMappingSource | null;
}

export const attributeMappingSchema: z.ZodType<AttributeMapping> = z.object({
  ...odataTypeShape,
  defaultValue: z.string().nullable().default(null),
  exportMissingReferences: z.boolean().default(false),
  flowBehavior: graphEnum('attributeFlowBehavior', attributeFlowBehaviors).default('FlowWhenChanged'),
  flowType: graphEnum('attributeFlowType', attributeFlowTypes).default('Always'),
  matchingPriority: z.number().int().min(0).max(2147483647).default(0),
  targetAttributeName: z.string().min(1),
  source: attributeMappingSourceSchema.nullable().default(null),
});
