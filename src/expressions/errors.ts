import type { SourcePosition } from './ast.js';

/**
 * Base class of every error this module throws on purpose. `code` is stable and meant for programs;
 * `message` is for people.
 */
export abstract class ExpressionError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
  }
}

export type SyntaxErrorCode =
  | 'EmptyExpression'
  | 'ExpressionTooLong'
  | 'UnexpectedCharacter'
  | 'UnterminatedString'
  | 'UnterminatedAttribute'
  | 'EmptyAttributeName'
  | 'UnexpectedToken'
  | 'UnknownKeyword'
  | 'InvalidNumber'
  | 'ChainedComparison'
  | 'NestingTooDeep';

/** The text is not an expression. Carries where it went wrong, 1-based line/column and 0-based offset. */
export class ExpressionSyntaxError extends ExpressionError {
  declare readonly code: SyntaxErrorCode;
  readonly line: number;
  readonly column: number;
  readonly offset: number;

  constructor(code: SyntaxErrorCode, description: string, position: SourcePosition) {
    super(code, `${description} at ${position.line}:${position.column}`);
    this.line = position.line;
    this.column = position.column;
    this.offset = position.offset;
  }
}

export type CompileErrorCode =
  | 'UnknownFunction'
  | 'FunctionNotInDialect'
  | 'WrongArity'
  | 'MissingArgument'
  | 'UnexpectedKeyword'
  | 'UnknownAttribute'
  | 'InvalidArgument'
  | 'UnsupportedRegex'
  | 'SelectUniqueValueNotTopLevel'
  | 'NestingTooDeep';

/**
 * The expression parsed but cannot run: unknown function, wrong arity, a function from the other dialect, an
 * unknown attribute, or a constant argument that can never be valid. `position` is absent for ASTs that were
 * built from a Graph attributeMappingSource tree rather than parsed from text.
 */
export class ExpressionCompileError extends ExpressionError {
  declare readonly code: CompileErrorCode;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly offset: number | undefined;

  constructor(code: CompileErrorCode, description: string, position: SourcePosition | undefined) {
    super(code, position ? `${description} at ${position.line}:${position.column}` : description);
    this.line = position?.line;
    this.column = position?.column;
    this.offset = position?.offset;
  }
}

export type EvaluationErrorCode =
  | 'InvalidArgument'
  | 'TypeMismatch'
  | 'MultiValuedArgument'
  | 'IndexOutOfRange'
  | 'InvalidDate'
  | 'InvalidFormat'
  | 'DateOutOfRange'
  | 'InvalidRegex'
  | 'UnsupportedRegex'
  | 'InvalidBase64'
  | 'InvalidSid'
  | 'CustomError'
  | 'NoUniqueValue'
  | 'MissingContext'
  | 'RequiresAsync'
  | 'ContextError'
  | 'InternalError';

/** Evaluating a compiled expression against one object failed (bad input data, Error(), no unique value, ...). */
export class ExpressionEvaluationError extends ExpressionError {
  declare readonly code: EvaluationErrorCode;
  /** The function whose evaluation failed, when known. */
  readonly functionName: string | undefined;

  constructor(code: EvaluationErrorCode, message: string, options: { functionName?: string; cause?: unknown } = {}) {
    super(code, options.functionName ? `${options.functionName}: ${message}` : message, { cause: options.cause });
    this.functionName = options.functionName;
  }
}

export type MappingSourceErrorCode = 'InvalidMappingSource' | 'UnknownParameter' | 'NestingTooDeep';

/** A Graph attributeMappingSource tree cannot be turned into an expression. `path` points into the tree. */
export class MappingSourceError extends ExpressionError {
  declare readonly code: MappingSourceErrorCode;
  readonly path: string;

  constructor(code: MappingSourceErrorCode, message: string, path: string) {
    super(code, path ? `${message} (at ${path})` : message);
    this.path = path;
  }
}
