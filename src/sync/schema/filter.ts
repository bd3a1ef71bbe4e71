import { z } from 'zod';
import { graphCollection } from './graph-collection.js';
import { odataTypeShape } from './key-value.js';

/** `filterOperand`: the right-hand side of a clause; unary operators leave it empty. */
export interface FilterOperand {
  readonly '@odata.type'?: string;
  readonly values: readonly string[];
}

/** `filterClause`: `<source attribute> <operator> <values>`. */
export interface FilterClause {
  readonly '@odata.type'?: string;
  /** One of the names `schema/filterOperators` returns (`EQUALS`, `IS TRUE`, …). */
  readonly operatorName: string;
  readonly sourceOperandName: string;
  readonly targetOperand: FilterOperand | null;
}

/** `filterGroup`: true only when every clause is true. */
export interface FilterGroup {
  readonly '@odata.type'?: string;
  readonly name: string | null;
  readonly clauses: readonly FilterClause[];
}

/** `filter`: an object is in scope when any group is true; no groups means no attribute-based restriction. */
export interface Filter {
  readonly '@odata.type'?: string;
  readonly groups: readonly FilterGroup[];
  /** Experimental: filters on read; objects that stop matching are not deprovisioned. */
  readonly inputFilterGroups: readonly FilterGroup[];
  /** Experimental: decides whether an object belongs to this object mapping. */
  readonly categoryFilterGroups: readonly FilterGroup[];
}

export const filterOperandSchema: z.ZodType<FilterOperand> = z.object({
  ...odataTypeShape,
  values: graphCollection(z.string()),
});

/**
 * Operator names are checked for shape only: which operators exist is the expression engine's
 * business (`schema/filterOperators`), and schema-update validation checks them against it.
 */
export const filterClauseSchema: z.ZodType<FilterClause> = z.object({
  ...odataTypeShape,
  operatorName: z.string().trim().min(1),
  sourceOperandName: z.string().min(1),
  targetOperand: filterOperandSchema.nullable().default(null),
});

export const filterGroupSchema: z.ZodType<FilterGroup> = z.object({
  ...odataTypeShape,
  name: z.string().nullable().default(null),
  clauses: graphCollection(filterClauseSchema),
});

export const filterSchema: z.ZodType<Filter> = z.object({
  ...odataTypeShape,
  groups: graphCollection(filterGroupSchema),
  inputFilterGroups: graphCollection(filterGroupSchema),
  categoryFilterGroups: graphCollection(filterGroupSchema),
});
