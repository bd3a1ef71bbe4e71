import { compileExpression } from './compiler.js';
import type { CompiledExpression } from './compiler.js';
import type { Dialect } from './dialect.js';
import { ExpressionCompileError, ExpressionError, ExpressionSyntaxError } from './errors.js';
import { toAttributeMappingSource } from './mapping-source.js';
import type { AttributeMappingSource } from './mapping-source.js';
import { parseExpression } from './parser.js';
import { evaluationResultStrings } from './results.js';

/** The body of `POST …/schema/parseExpression` (graph-sync-api §3.7); `targetAttributeDefinition` is not needed. */
export interface ParseExpressionRequest {
  readonly expression?: string | null;
  readonly testInputObject?: {
    readonly properties?: readonly { readonly key?: string | null; readonly value?: unknown }[] | null;
  } | null;
}

/** Graph publicError, as parseExpressionResponse.error carries it. */
export interface PublicError {
  readonly code: string;
  readonly message: string;
  readonly target?: string;
}

export interface ParseExpressionResponse {
  readonly error: PublicError | null;
  readonly evaluationResult: readonly string[] | null;
  readonly evaluationSucceeded: boolean;
  readonly parsedExpression: AttributeMappingSource | null;
  readonly parsingSucceeded: boolean;
}

function publicError(error: unknown): PublicError {
  if (error instanceof ExpressionError) return { code: error.code, message: error.message };
  throw error;
}

/**
 * Everything parseExpression answers: the parsed tree, and when a test input object is given, the result
 * of evaluating against its properties (multi-valued values are arrays). Syntax and compile errors give
 * parsingSucceeded false; evaluation errors evaluationSucceeded false. SelectUniqueValue treats every
 * candidate as unique, since a test evaluation cannot ask the target.
 */
export async function parseExpressionResponse(request: ParseExpressionRequest, options: { readonly dialect: Dialect; readonly now?: () => Date }): Promise<ParseExpressionResponse> {
  let parsedExpression: AttributeMappingSource;
  let compiled: CompiledExpression;
  try {
    const ast = parseExpression(request.expression ?? '');
    parsedExpression = toAttributeMappingSource(ast);
    compiled = compileExpression(ast, { dialect: options.dialect });
  } catch (error) {
    if (error instanceof ExpressionSyntaxError || error instanceof ExpressionCompileError) {
      return { error: publicError(error), evaluationResult: null, evaluationSucceeded: false, parsedExpression: null, parsingSucceeded: false };
    }
    throw error;
  }
  const properties = request.testInputObject?.properties;
  if (!properties) return { error: null, evaluationResult: null, evaluationSucceeded: false, parsedExpression, parsingSucceeded: true };
  const values = new Map<string, unknown>(properties.flatMap((p) => (p.key ? [[p.key, p.value] as const] : [])));
  try {
    const value = await compiled.evaluateAsync({ attribute: (name) => values.get(name), now: options.now, isUnique: () => true });
    return { error: null, evaluationResult: evaluationResultStrings(value), evaluationSucceeded: true, parsedExpression, parsingSucceeded: true };
  } catch (error) {
    return { error: publicError(error), evaluationResult: null, evaluationSucceeded: false, parsedExpression, parsingSucceeded: true };
  }
}
