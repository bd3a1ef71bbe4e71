import type { CallNode, Expression, Keyword, SourcePosition } from './ast.js';
import { normalizeAttributeValue } from './coerce.js';
import type { EvaluationContext } from './context.js';
import type { Dialect } from './dialect.js';
import { ExpressionCompileError, ExpressionError, ExpressionEvaluationError } from './errors.js';
import type { CompileErrorCode } from './errors.js';
import { selectSignature, signatureBounds } from './function-definition.js';
import type { AsyncThunk, BuildSite, CompatibilityOptions, FunctionDefinition, Thunk } from './function-definition.js';
import { lookupFunction } from './function-registry.js';
import { MAX_NESTING_DEPTH } from './limits.js';
import { compareValues, concatenate } from './operators.js';
import { IgnoreAttributeFlow, IgnoreObjectFlow } from './values.js';
import type { ExpressionValue } from './values.js';

export interface CompileOptions {
  readonly dialect: Dialect;
  /** When the directory schema is known: false for names it does not define (reported as UnknownAttribute). */
  readonly knownAttribute?: (name: string) => boolean;
  readonly compat?: CompatibilityOptions;
}

export interface ExpressionWarning {
  readonly code: 'FunctionNameCase';
  readonly message: string;
  readonly position: SourcePosition | undefined;
}

export interface CompiledExpression {
  readonly dialect: Dialect;
  /** Source attributes the expression reads, in order of first appearance. */
  readonly referencedAttributes: readonly string[];
  /** True iff the expression is SelectUniqueValue (the only asynchronous function). */
  readonly requiresAsync: boolean;
  /** True when Redact appears: provisioning logs must show "[Redact]" instead of the value. */
  readonly redactsOutput: boolean;
  /** Canonical name of the outermost function, or null when the expression is not a call. */
  readonly topLevelFunction: string | null;
  readonly warnings: readonly ExpressionWarning[];
  /** Evaluates synchronously; throws ExpressionEvaluationError (RequiresAsync when requiresAsync). */
  evaluate(context: EvaluationContext): ExpressionValue;
  evaluateAsync(context: EvaluationContext): Promise<ExpressionValue>;
}

/** Functions whose `[appRoleAssignments]` argument is read from the context, not the directory schema. */
const ROLE_FUNCTIONS = new Set(['SingleAppRoleAssignment', 'AppRoleAssignmentsComplex', 'AssertiveAppRoleAssignmentsComplex', 'AppRoleAssignments']);

function describeCounts(definition: FunctionDefinition): string {
  return definition.signatures
    .map((s) => {
      const { min, max } = signatureBounds(s);
      return max === Number.POSITIVE_INFINITY ? `at least ${min}` : min === max ? `${min}` : `${min} to ${max}`;
    })
    .join(' or ');
}

function wrapEvaluationError(error: unknown): ExpressionEvaluationError {
  if (error instanceof ExpressionEvaluationError) return error;
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return new ExpressionEvaluationError('InternalError', 'the expression is nested too deeply to evaluate', { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ExpressionEvaluationError(error instanceof ExpressionError ? 'InternalError' : 'ContextError', message, { cause: error });
}

class Compiler {
  readonly attributes: string[] = [];
  readonly warnings: ExpressionWarning[] = [];
  redacts = false;

  constructor(private readonly options: CompileOptions) {}

  private fail(code: CompileErrorCode, message: string, position: SourcePosition | undefined): never {
    throw new ExpressionCompileError(code, message, position);
  }

  node(node: Expression, depth: number, checkAttribute = true): Thunk {
    if (depth > MAX_NESTING_DEPTH) this.fail('NestingTooDeep', `functions nest deeper than ${MAX_NESTING_DEPTH} levels`, node.position);
    switch (node.kind) {
      case 'attribute': {
        const name = node.name;
        if (!this.attributes.includes(name)) this.attributes.push(name);
        if (checkAttribute && this.options.knownAttribute && !this.options.knownAttribute(name)) {
          this.fail('UnknownAttribute', `unknown attribute [${name}]`, node.position);
        }
        return (context) => {
          const raw = context.attribute(name);
          return typeof raw === 'string' ? raw : normalizeAttributeValue(raw);
        };
      }
      case 'string':
      case 'number': {
        const value = node.value;
        return () => value;
      }
      case 'keyword': {
        const value = node.name === 'IgnoreAttributeFlow' ? IgnoreAttributeFlow : node.name === 'IgnoreObjectFlow' ? IgnoreObjectFlow : node.name;
        return () => value;
      }
      case 'concat': {
        const operands = node.operands.map((operand) => this.node(operand, depth));
        return (context) => {
          const values: ExpressionValue[] = [];
          for (const operand of operands) {
            const value = operand(context);
            if (typeof value === 'symbol') return value;
            values.push(value);
          }
          return concatenate(values);
        };
      }
      case 'comparison': {
        const { operator } = node;
        const left = this.node(node.left, depth);
        const right = this.node(node.right, depth);
        return (context) => {
          const a = left(context);
          if (typeof a === 'symbol') return a;
          const b = right(context);
          if (typeof b === 'symbol') return b;
          return compareValues(operator, a, b);
        };
      }
      case 'call': {
        const { definition, site } = this.callSite(node, depth);
        if (!definition.build) {
          this.fail('SelectUniqueValueNotTopLevel', `${definition.name} must be the whole expression; it cannot be nested`, node.position);
        }
        return definition.build(site);
      }
    }
  }

  /** The top-level expression; SelectUniqueValue is only allowed here. */
  root(node: Expression): { sync?: Thunk; async?: AsyncThunk; topLevel: string | null } {
    if (node.kind === 'call') {
      const { definition, site } = this.callSite(node, 0);
      if (definition.buildAsync) return { async: definition.buildAsync(site), topLevel: definition.name };
      return { sync: definition.build!(site), topLevel: definition.name };
    }
    return { sync: this.node(node, 0), topLevel: null };
  }

  private callSite(node: CallNode, depth: number): { definition: FunctionDefinition; site: BuildSite } {
    const found = lookupFunction(node.name);
    if (!found) this.fail('UnknownFunction', `unknown function '${node.name}'`, node.position);
    const { definition } = found;
    if (!found.exact) {
      this.warnings.push({ code: 'FunctionNameCase', message: `'${node.name}' should be written '${definition.name}'`, position: node.position });
    }
    const { dialect } = this.options;
    if (!definition.dialects.includes(dialect)) {
      const other = dialect === 'appProvisioning' ? 'Cloud Sync' : 'app provisioning';
      this.fail('FunctionNotInDialect', `${definition.name} is only available in ${other} expressions`, node.position);
    }
    const count = node.args.length;
    const signature = selectSignature(definition, count);
    if (!signature) {
      this.fail('WrongArity', `${definition.name} takes ${describeCounts(definition)} arguments, not ${count}`, node.position);
    }
    const arityProblem = signature.checkArity?.(count);
    if (arityProblem) this.fail('WrongArity', arityProblem, node.position);
    if (definition.name === 'Redact') this.redacts = true;

    const parameters = signature.parameters;
    const last = parameters[parameters.length - 1];
    const args = node.args.map((arg, index) => {
      const param = index < parameters.length ? parameters[index]! : last!;
      if (arg === null) {
        if (param.required) this.fail('MissingArgument', `${definition.name} needs its '${param.name}' argument`, node.position);
        return undefined;
      }
      if (arg.kind === 'keyword' && arg.name !== 'IgnoreAttributeFlow' && arg.name !== 'IgnoreObjectFlow' && !param.keywords?.includes(arg.name)) {
        this.fail('UnexpectedKeyword', `${arg.name} cannot be used as ${definition.name}'s '${param.name}' argument`, arg.position);
      }
      const exempt = ROLE_FUNCTIONS.has(definition.name) && arg.kind === 'attribute';
      return this.node(arg, depth + 1, !exempt);
    });
    return { definition, site: new CallSite(definition.name, dialect, this.options.compat ?? NO_COMPAT, args, node) };
  }
}

const NO_COMPAT: CompatibilityOptions = Object.freeze({});

class CallSite implements BuildSite {
  readonly nodes: readonly (Expression | null)[];
  readonly position: SourcePosition | undefined;

  constructor(
    readonly functionName: string,
    readonly dialect: Dialect,
    readonly compat: CompatibilityOptions,
    readonly args: readonly (Thunk | undefined)[],
    node: CallNode,
  ) {
    this.nodes = node.args;
    this.position = node.position;
  }

  constantText(index: number): string | undefined {
    const arg = this.nodes[index];
    return arg?.kind === 'string' ? arg.value : arg?.kind === 'number' ? arg.value.toString() : undefined;
  }

  keyword(index: number): Keyword | undefined {
    const arg = this.nodes[index];
    return arg?.kind === 'keyword' ? arg.name : undefined;
  }

  fail(code: CompileErrorCode, message: string, index?: number): never {
    const at = (index === undefined ? undefined : this.nodes[index]?.position) ?? this.position;
    throw new ExpressionCompileError(code, `${this.functionName}: ${message}`, at);
  }
}

/**
 * Compiles an AST once into closures that the engine calls per object. Throws ExpressionCompileError for unknown
 * functions, wrong arity, functions of the other dialect, unknown attributes (with `knownAttribute`) and constant
 * arguments that can never work (bad regex, date format, culture, interval).
 */
class Compiled implements CompiledExpression {
  constructor(
    readonly dialect: Dialect,
    readonly referencedAttributes: readonly string[],
    readonly redactsOutput: boolean,
    readonly topLevelFunction: string | null,
    readonly warnings: readonly ExpressionWarning[],
    private readonly sync: Thunk | undefined,
    private readonly async: AsyncThunk | undefined,
  ) {
    Object.freeze(this);
  }

  get requiresAsync(): boolean {
    return this.async !== undefined;
  }

  evaluate(context: EvaluationContext): ExpressionValue {
    if (!this.sync) {
      throw new ExpressionEvaluationError('RequiresAsync', `${this.topLevelFunction ?? 'this expression'} checks uniqueness asynchronously; use evaluateAsync`);
    }
    try {
      return this.sync(context);
    } catch (error) {
      throw wrapEvaluationError(error);
    }
  }

  async evaluateAsync(context: EvaluationContext): Promise<ExpressionValue> {
    if (!this.async) return this.evaluate(context);
    try {
      return await this.async(context);
    } catch (error) {
      throw wrapEvaluationError(error);
    }
  }
}

/**
 * Compiles an AST once into closures that the engine calls per object. Throws ExpressionCompileError for unknown
 * functions, wrong arity, functions of the other dialect, unknown attributes (with `knownAttribute`) and constant
 * arguments that can never work (bad regex, date format, culture, interval).
 */
export function compileExpression(ast: Expression, options: CompileOptions): CompiledExpression {
  const compiler = new Compiler(options);
  const { sync, async, topLevel } = compiler.root(ast);
  return new Compiled(
    options.dialect,
    Object.freeze(compiler.attributes),
    compiler.redacts,
    topLevel,
    Object.freeze(compiler.warnings),
    sync,
    async,
  );
}
