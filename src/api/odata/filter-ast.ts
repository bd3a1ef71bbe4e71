/**
 * The `$filter` syntax tree, exactly as written: names keep the caller's casing and nothing is checked
 * against a resource yet (see filter-binding.ts). Every node carries the 0-based character position it
 * starts at, for error messages. Nodes are frozen by the parser.
 */

export type ComparisonOperator = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
export type StringFunction = 'startswith' | 'endswith' | 'contains';
export type CaseFunction = 'tolower' | 'toupper';
export type LambdaOperator = 'any' | 'all';

export type LiteralValue =
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'number'; readonly value: number }
  | { readonly type: 'boolean'; readonly value: boolean }
  | { readonly type: 'null'; readonly value: null }
  /** Lower-cased canonical text. */
  | { readonly type: 'guid'; readonly value: string }
  /** Normalized to `Date.toISOString()` form (UTC, millisecond precision). */
  | { readonly type: 'datetime'; readonly value: string }
  /** `YYYY-MM-DD`, compared as midnight UTC. */
  | { readonly type: 'date'; readonly value: string };

export interface LiteralNode {
  readonly kind: 'literal';
  readonly literal: LiteralValue;
  readonly position: number;
}

/**
 * `a/b/c` on the entity, or, inside a lambda, `x` / `x/member` on the range variable (`variable` set and
 * `path` relative to the element).
 */
export interface PropertyNode {
  readonly kind: 'property';
  readonly path: readonly string[];
  readonly variable?: string;
  readonly position: number;
}

/** `tolower(x)` / `toupper(x)`: a string-valued call usable as a comparison operand. */
export interface CaseCallNode {
  readonly kind: 'case';
  readonly fn: CaseFunction;
  readonly operand: ValueNode;
  readonly position: number;
}

export type ValueNode = LiteralNode | PropertyNode | CaseCallNode;

export interface ComparisonNode {
  readonly kind: 'comparison';
  readonly operator: ComparisonOperator;
  readonly left: ValueNode;
  readonly right: ValueNode;
  readonly position: number;
}

export interface InNode {
  readonly kind: 'in';
  readonly operand: ValueNode;
  readonly values: readonly LiteralNode[];
  readonly position: number;
}

export interface StringCallNode {
  readonly kind: 'call';
  readonly fn: StringFunction;
  readonly target: ValueNode;
  readonly argument: ValueNode;
  readonly position: number;
}

export interface LogicalNode {
  readonly kind: 'and' | 'or';
  readonly left: FilterExpression;
  readonly right: FilterExpression;
  readonly position: number;
}

export interface NotNode {
  readonly kind: 'not';
  readonly operand: FilterExpression;
  readonly position: number;
}

/** `collection/any(v: body)`, `collection/all(v: body)`, or `collection/any()` (non-empty). */
export interface LambdaNode {
  readonly kind: 'lambda';
  readonly operator: LambdaOperator;
  readonly collection: PropertyNode;
  readonly variable: string | undefined;
  readonly body: FilterExpression | undefined;
  readonly position: number;
}

/** A boolean-valued expression: what `$filter` must be. */
export type FilterExpression = ComparisonNode | InNode | StringCallNode | LogicalNode | NotNode | LambdaNode;

/** A parsed `$filter`: the tree plus the text it came from (error messages quote it). */
export interface ParsedFilter {
  readonly text: string;
  readonly expression: FilterExpression;
}
