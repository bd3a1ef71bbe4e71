import { canonicalKeyword, COMPARISON_OPERATORS } from './ast.js';
import type { ComparisonOperator, Expression, Operand, Term } from './ast.js';
import { ExpressionError, MappingSourceError } from './errors.js';
import { selectSignature } from './function-definition.js';
import type { FunctionSignature } from './function-definition.js';
import { lookupFunction } from './function-registry.js';
import { MAX_NESTING_DEPTH } from './limits.js';
import { parseExpression } from './parser.js';
import { printExpression, quoteString } from './printer.js';

/** Graph attributeMappingSource: the tree form of an expression that schemas store and parseExpression returns. */
export interface AttributeMappingSource {
  readonly type: 'Attribute' | 'Constant' | 'Function';
  readonly name: string | null;
  readonly expression: string | null;
  readonly parameters: readonly AttributeMappingSourceParameter[];
}

export interface AttributeMappingSourceParameter {
  readonly key: string;
  readonly value: AttributeMappingSource;
}

/** Loosely typed input: what a stored or client-supplied tree may look like (enum numbers, nulls, missing fields). */
export interface AttributeMappingSourceInput {
  readonly type?: string | number | null;
  readonly name?: string | null;
  readonly expression?: string | null;
  readonly parameters?: readonly { readonly key?: string | null; readonly value?: AttributeMappingSourceInput | null }[] | null;
}

const CONCAT = '&';
const OPERAND_KEY = 'operand';

function signatureFor(name: string, count: number): FunctionSignature | undefined {
  const found = lookupFunction(name);
  if (!found) return undefined;
  return selectSignature(found.definition, count) ?? found.definition.signatures[0];
}

function keyAt(signature: FunctionSignature | undefined, index: number): string {
  if (!signature) return `arg${index + 1}`;
  const params = signature.parameters;
  const param = index < params.length ? params[index] : params[params.length - 1];
  return param?.name ?? `arg${index + 1}`;
}

function freezeSource(type: AttributeMappingSource['type'], name: string, expression: string, parameters: AttributeMappingSourceParameter[] = []): AttributeMappingSource {
  return Object.freeze({ type, name, expression, parameters: Object.freeze(parameters) });
}

/**
 * The Graph tree of an AST. Function parameters use Graph's internal keys (Replace's Find, Replacement, ...);
 * empty argument slots are left out, as Graph does. Numbers become Constants whose expression is quoted
 * ("\"1\""), as in Graph's samples. Comparisons and `&` have no documented tree form: they are Functions named
 * by the operator with `left`/`right` and repeated `operand` parameters.
 */
export function toAttributeMappingSource(node: Expression): AttributeMappingSource {
  const expression = printExpression(node);
  switch (node.kind) {
    case 'attribute':
      return freezeSource('Attribute', node.name, expression);
    case 'string':
      return freezeSource('Constant', node.value, expression);
    case 'number':
      return freezeSource('Constant', node.value.toString(), quoteString(node.value.toString()));
    case 'keyword':
      return freezeSource('Constant', node.name, node.name);
    case 'comparison':
      return freezeSource('Function', node.operator, expression, [
        { key: 'left', value: toAttributeMappingSource(node.left) },
        { key: 'right', value: toAttributeMappingSource(node.right) },
      ]);
    case 'concat':
      return freezeSource(
        'Function',
        CONCAT,
        expression,
        node.operands.map((operand) => ({ key: OPERAND_KEY, value: toAttributeMappingSource(operand) })),
      );
    case 'call': {
      const found = lookupFunction(node.name);
      const signature = signatureFor(node.name, node.args.length);
      const parameters: AttributeMappingSourceParameter[] = [];
      node.args.forEach((arg, index) => {
        if (arg !== null) parameters.push({ key: keyAt(signature, index), value: toAttributeMappingSource(arg) });
      });
      return freezeSource('Function', found?.definition.name ?? node.name, expression, parameters);
    }
  }
}

function typeOf(source: AttributeMappingSourceInput): AttributeMappingSource['type'] | undefined {
  const type = source.type ?? 'Attribute';
  if (type === 0 || type === 'Attribute') return 'Attribute';
  if (type === 1 || type === 'Constant') return 'Constant';
  if (type === 2 || type === 'Function') return 'Function';
  return undefined;
}

function asTerm(node: Expression, path: string): Term {
  if (node.kind === 'concat' || node.kind === 'comparison') throw new MappingSourceError('InvalidMappingSource', "an '&' operand must be a single term", path);
  return node;
}

function asOperand(node: Expression, path: string): Operand {
  if (node.kind === 'comparison') throw new MappingSourceError('InvalidMappingSource', 'comparisons cannot be nested in comparisons', path);
  return node;
}

/**
 * The narrowest signature whose parameter names cover every key: FormatDateTime with source/inputFormat/
 * outputFormat is the 3-argument form, with dateTimeStyles the 4-argument one.
 */
function matchSignature(signatures: readonly FunctionSignature[], keys: readonly string[]): FunctionSignature | undefined {
  return signatures
    .filter((s) => keys.every((key) => s.parameters.some((p) => p.name.toLowerCase() === key.toLowerCase())))
    .sort((a, b) => a.parameters.length - b.parameters.length)[0];
}

function convert(source: AttributeMappingSourceInput, path: string, depth: number): Expression {
  if (depth > MAX_NESTING_DEPTH) throw new MappingSourceError('NestingTooDeep', `functions nest deeper than ${MAX_NESTING_DEPTH} levels`, path);
  const type = typeOf(source);
  const name = source.name ?? null;
  switch (type) {
    case 'Attribute':
      if (!name) throw new MappingSourceError('InvalidMappingSource', 'an Attribute source needs a name', path);
      return { kind: 'attribute', name };
    case 'Constant': {
      const keyword = name !== null && source.expression?.trim() === name ? canonicalKeyword(name) : undefined;
      if (keyword !== undefined) return { kind: 'keyword', name: keyword };
      return { kind: 'string', value: name ?? '' };
    }
    case 'Function':
      break;
    default:
      throw new MappingSourceError('InvalidMappingSource', `unknown source type '${String(source.type)}'`, path);
  }
  if (!name) throw new MappingSourceError('InvalidMappingSource', 'a Function source needs a name', path);
  const entries = (source.parameters ?? []).map((p, i) => {
    const entryPath = `${path}${path ? '.' : ''}parameters[${i}]`;
    if (!p.value) throw new MappingSourceError('InvalidMappingSource', 'a parameter has no value', entryPath);
    return { key: p.key ?? '', node: convert(p.value, `${entryPath}.value`, depth + 1), path: entryPath };
  });
  if ((COMPARISON_OPERATORS as readonly string[]).includes(name)) {
    const left = entries.find((e) => e.key === 'left');
    const right = entries.find((e) => e.key === 'right');
    if (!left || !right || entries.length !== 2) throw new MappingSourceError('InvalidMappingSource', `'${name}' needs exactly a left and a right parameter`, path);
    return { kind: 'comparison', operator: name as ComparisonOperator, left: asOperand(left.node, left.path), right: asOperand(right.node, right.path) };
  }
  if (name === CONCAT) {
    if (entries.length < 2) throw new MappingSourceError('InvalidMappingSource', "'&' needs at least two operands", path);
    return { kind: 'concat', operands: entries.map((e) => asTerm(e.node, e.path)) };
  }
  const found = lookupFunction(name);
  if (!found) {
    // Unknown functions keep their parameters in order; compiling reports the name.
    return { kind: 'call', name, args: entries.map((e) => e.node) };
  }
  const signature = matchSignature(found.definition.signatures, entries.map((e) => e.key));
  if (!signature) {
    const unknown = entries.find((e) => !found.definition.signatures.some((s) => s.parameters.some((p) => p.name.toLowerCase() === e.key.toLowerCase())));
    throw new MappingSourceError('UnknownParameter', `${found.definition.name} has no parameter '${unknown?.key ?? ''}'`, unknown?.path ?? path);
  }
  const params = signature.parameters;
  const slots: (Expression | null)[] = [];
  params.forEach((param, index) => {
    const matching = entries.filter((e) => e.key.toLowerCase() === param.name.toLowerCase());
    if (param.repeating) {
      if (matching.length === 0) slots[index] = null;
      matching.forEach((e, k) => (slots[index + k] = e.node));
      return;
    }
    if (matching.length > 1) throw new MappingSourceError('InvalidMappingSource', `parameter '${param.name}' is given twice`, matching[1]!.path);
    slots[index] = matching[0]?.node ?? null;
  });
  let end = slots.length;
  while (end > 0 && slots[end - 1] === null) end--;
  return { kind: 'call', name: found.definition.name, args: slots.slice(0, end) };
}

/**
 * The AST of a Graph attributeMappingSource tree, for schemas that store mappings only as trees. When a node
 * cannot be converted but carries an `expression` text, that text is parsed instead. Throws MappingSourceError
 * (or ExpressionSyntaxError from the fallback).
 */
export function fromAttributeMappingSource(source: AttributeMappingSourceInput, path = ''): Expression {
  try {
    return convert(source, path, 0);
  } catch (error) {
    if (error instanceof MappingSourceError && typeof source.expression === 'string' && source.expression.trim() !== '') {
      try {
        return parseExpression(source.expression);
      } catch (parseError) {
        if (parseError instanceof ExpressionError) throw error;
        throw parseError;
      }
    }
    throw error;
  }
}
