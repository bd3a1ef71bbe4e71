import type { AttributeType } from './function-definition.js';

/** Graph filterOperatorSchema. */
export interface FilterOperatorSchema {
  readonly name: string;
  readonly arity: 'Binary' | 'Unary';
  readonly multivaluedComparisonType: 'All' | 'Any';
  readonly supportedAttributeTypes: readonly AttributeType[];
}

/** Normalised operator names (upper case, '_' as space) with their semantics keys. */
export type FilterOperator =
  | 'EQUALS'
  | 'NOT EQUALS'
  | 'IS TRUE'
  | 'IS FALSE'
  | 'IS NULL'
  | 'IS NOT NULL'
  | 'REGEX MATCH'
  | 'NOT REGEX MATCH'
  | 'GREATER THAN'
  | 'GREATER THAN OR EQUALS'
  | 'INCLUDES'
  | 'ENDS WITH'
  | '&'
  | '!&';

const schema = (name: string, arity: 'Binary' | 'Unary', supportedAttributeTypes: readonly AttributeType[]): FilterOperatorSchema =>
  Object.freeze({ name, arity, multivaluedComparisonType: 'All', supportedAttributeTypes: Object.freeze(supportedAttributeTypes) });

/**
 * The operators Graph's `filterOperators` returns: the eight confirmed API names first, then the six the portal
 * documents, spelled as the scoping-filter page spells them (expressions-spec §6.2).
 */
export const FILTER_OPERATOR_CATALOG: readonly FilterOperatorSchema[] = Object.freeze([
  schema('EQUALS', 'Binary', ['Integer', 'String']),
  schema('NOT EQUALS', 'Binary', ['Integer', 'String']),
  schema('IS TRUE', 'Unary', ['Boolean']),
  schema('IS FALSE', 'Unary', ['Boolean']),
  schema('IS NULL', 'Unary', ['Integer', 'String', 'Binary', 'Boolean']),
  schema('IS NOT NULL', 'Unary', ['Integer', 'String', 'Binary', 'Boolean']),
  schema('REGEX MATCH', 'Binary', ['Integer', 'String']),
  schema('NOT REGEX MATCH', 'Binary', ['Integer', 'String']),
  schema('Greater_Than', 'Binary', ['Integer']),
  schema('Greater_Than_OR_EQUALS', 'Binary', ['Integer']),
  schema('Includes', 'Binary', ['String']),
  schema('ENDS_WITH', 'Binary', ['String']),
  schema('&', 'Binary', ['String']),
  schema('!&', 'Binary', ['String']),
]);

const KNOWN = new Set<string>(FILTER_OPERATOR_CATALOG.map((o) => normalizeOperatorName(o.name)));

/** Upper-cases and treats '_' and runs of spaces alike, so "Greater_Than" and "GREATER THAN" are one operator. */
export function normalizeOperatorName(name: string): string {
  return name.trim().toUpperCase().replace(/[_\s]+/g, ' ');
}

export function resolveFilterOperator(name: string): FilterOperator | undefined {
  const normalized = normalizeOperatorName(name);
  return KNOWN.has(normalized) ? (normalized as FilterOperator) : undefined;
}

export function isUnaryOperator(operator: FilterOperator): boolean {
  return operator.startsWith('IS ');
}
