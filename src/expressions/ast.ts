/**
 * The immutable syntax tree of a mapping expression (grammar: expressions-spec §1.2). Nodes carry the position
 * of their first character when they were parsed from text; trees built from Graph source trees have none.
 * Immutability is enforced by the readonly types rather than Object.freeze, which halves parsing speed and
 * schemas are parsed on every save.
 */

export interface SourcePosition {
  /** 0-based UTF-16 offset into the expression text. */
  readonly offset: number;
  /** 1-based. */
  readonly line: number;
  /** 1-based, in UTF-16 code units. */
  readonly column: number;
}

interface NodeBase {
  readonly position?: SourcePosition;
}

/** `[name]`: a source attribute, named verbatim (case-sensitive). */
export interface AttributeNode extends NodeBase {
  readonly kind: 'attribute';
  readonly name: string;
}

/** `"text"` with `\\` and `\"` unescaped; other backslashes are kept. */
export interface StringNode extends NodeBase {
  readonly kind: 'string';
  readonly value: string;
}

/**
 * An integer literal: decimal (optionally negative) or `&H` hexadecimal. `value` is a bigint only when it does not
 * fit a double exactly (FILETIME values).
 */
export interface NumberNode extends NodeBase {
  readonly kind: 'number';
  readonly value: number | bigint;
  readonly hex: boolean;
}

/** The bare identifiers the language documents: enum arguments and flow sentinels. */
export const KEYWORDS = [
  'vbBinaryCompare',
  'vbTextCompare',
  'UTF8',
  'Unicode',
  'ASCII',
  'IgnoreAttributeFlow',
  'IgnoreObjectFlow',
] as const;
export type Keyword = (typeof KEYWORDS)[number];

export interface KeywordNode extends NodeBase {
  readonly kind: 'keyword';
  readonly name: Keyword;
}

/** `Name(arg, , arg)`. An empty slot is `null`: "not supplied", which differs from `""`. */
export interface CallNode extends NodeBase {
  readonly kind: 'call';
  /** As written; the compiler resolves it against the function registry. */
  readonly name: string;
  readonly args: readonly (Expression | null)[];
}

/** `a & b & c`: string concatenation (documented in Cloud Sync). */
export interface ConcatNode extends NodeBase {
  readonly kind: 'concat';
  readonly operands: readonly Term[];
}

export const COMPARISON_OPERATORS = ['=', '<>', '>', '>=', '<', '<='] as const;
export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];

/** `left op right`; at most one per expression level (no chaining). */
export interface ComparisonNode extends NodeBase {
  readonly kind: 'comparison';
  readonly operator: ComparisonOperator;
  readonly left: Operand;
  readonly right: Operand;
}

export type Term = AttributeNode | StringNode | NumberNode | KeywordNode | CallNode;
export type Operand = Term | ConcatNode;
export type Expression = Operand | ComparisonNode;

/** Keywords are matched case-insensitively and stored with their documented spelling. */
const keywordByLowerName: ReadonlyMap<string, Keyword> = new Map(KEYWORDS.map((k) => [k.toLowerCase(), k]));

export function canonicalKeyword(identifier: string): Keyword | undefined {
  return keywordByLowerName.get(identifier.toLowerCase());
}
