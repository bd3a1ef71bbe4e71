import type { Expression, Keyword, SourcePosition } from './ast.js';
import type { EvaluationContext } from './context.js';
import type { Dialect } from './dialect.js';
import type { CompileErrorCode } from './errors.js';
import type { ExpressionValue } from './values.js';

/** A compiled (sub-)expression: called once per source object. */
export type Thunk = (context: EvaluationContext) => ExpressionValue;
export type AsyncThunk = (context: EvaluationContext) => Promise<ExpressionValue>;

/** Graph attributeType names used in attributeMappingParameterSchema. */
export type AttributeType = 'String' | 'Integer' | 'Boolean' | 'DateTime' | 'Binary' | 'Reference';

export interface ParameterDefinition {
  /** The internal key Graph uses in attributeMappingSource.parameters (e.g. Replace's "Find"). */
  readonly name: string;
  readonly type: AttributeType;
  readonly required: boolean;
  /** Repeats to the end of the argument list (Join's sources, Switch's key/value pairs). */
  readonly repeating?: boolean;
  /** Bare identifiers accepted in this position (InStr's vbTextCompare, ConvertFromBase64's UTF8). */
  readonly keywords?: readonly Keyword[];
}

export interface FunctionSignature {
  readonly parameters: readonly ParameterDefinition[];
  /** Overrides the minimum derived from `required` (SelectUniqueValue needs two rules). */
  readonly minArgs?: number;
  /** Extra arity rule; returns a message when the count is wrong (Switch needs key/value pairs). */
  readonly checkArity?: (count: number) => string | undefined;
}

/** Compiler compatibility switches for documented-but-contested behaviour (expressions-spec §3, §4). */
export interface CompatibilityOptions {
  /** IIF's documented limitation: an IIF whose condition reads a null/empty attribute takes the false branch. */
  readonly iifNullConditionFails?: boolean;
  /** Split trims whitespace around each value ("PermissionSetOne, PermissionSetTwo" → no leading space). */
  readonly splitTrimsValues?: boolean;
  /** Coalesce also skips empty strings, not only nulls. */
  readonly coalesceSkipsEmpty?: boolean;
}

/** What a function's builder gets: its compiled arguments and enough context to validate constants. */
export interface BuildSite {
  readonly functionName: string;
  readonly dialect: Dialect;
  readonly compat: CompatibilityOptions;
  /** Compiled arguments; undefined where the slot was left empty. */
  readonly args: readonly (Thunk | undefined)[];
  readonly nodes: readonly (Expression | null)[];
  readonly position: SourcePosition | undefined;
  /** The literal text of a string or number argument, undefined when the argument is not a literal. */
  constantText(index: number): string | undefined;
  keyword(index: number): Keyword | undefined;
  /** Throws ExpressionCompileError at the argument's (or the call's) position. */
  fail(code: CompileErrorCode, message: string, index?: number): never;
}

export interface FunctionDefinition {
  readonly name: string;
  readonly dialects: readonly Dialect[];
  /** Chosen by argument count (first whose bounds fit); FormatDateTime has a 3- and a 4-argument form. */
  readonly signatures: readonly FunctionSignature[];
  /** Which signature the Graph `functions` catalog shows per dialect (default: the first). */
  readonly catalogSignature?: Partial<Record<Dialect, number>>;
  /** Not in Microsoft's function reference but listed by Graph's `functions` (DefaultDomain, Prepend, ...). */
  readonly undocumented?: boolean;
  readonly build?: (site: BuildSite) => Thunk;
  /** Only SelectUniqueValue: asynchronous and allowed only as the whole expression. */
  readonly buildAsync?: (site: BuildSite) => AsyncThunk;
}

export function parameter(name: string, type: AttributeType = 'String', required = true, extra: Partial<ParameterDefinition> = {}): ParameterDefinition {
  return Object.freeze({ name, type, required, ...extra });
}

const bounds = new WeakMap<FunctionSignature, { readonly min: number; readonly max: number }>();

/** Fewest and most arguments a signature accepts. */
export function signatureBounds(signature: FunctionSignature): { readonly min: number; readonly max: number } {
  const cached = bounds.get(signature);
  if (cached) return cached;
  let min = 0;
  signature.parameters.forEach((p, index) => {
    if (p.required) min = index + 1;
  });
  const last = signature.parameters[signature.parameters.length - 1];
  const result = Object.freeze({ min: signature.minArgs ?? min, max: last?.repeating ? Number.POSITIVE_INFINITY : signature.parameters.length });
  bounds.set(signature, result);
  return result;
}

/** The signature that takes `count` arguments (the first that fits). */
export function selectSignature(definition: FunctionDefinition, count: number): FunctionSignature | undefined {
  return definition.signatures.find((s) => {
    const { min, max } = signatureBounds(s);
    return count >= min && count <= max;
  });
}
