import { InvalidFilterError } from './errors.js';
import type {
  CaseFunction,
  ComparisonOperator,
  FilterExpression,
  LambdaOperator,
  LiteralNode,
  ParsedFilter,
  PropertyNode,
  StringFunction,
  ValueNode,
} from './filter-ast.js';
import { syntaxError, tokenize, type Token } from './filter-lexer.js';

/**
 * Recursive-descent parser for Graph's `$filter` dialect of OData v4, with OData's precedence:
 * `or` < `and` < comparisons and `in` < `not` < primaries (literals, paths, calls, lambdas, parentheses).
 * Syntax errors name the 0-based position like Graph's URI parser does.
 */
export function parseFilter(text: string): ParsedFilter {
  const parser = new Parser(text, tokenize(text));
  const node = parser.parseOr();
  parser.expectEnd();
  if (!isCondition(node)) {
    throw new InvalidFilterError('FilterType', 'The $filter expression must evaluate to a single boolean value.', node.position);
  }
  return Object.freeze({ text, expression: node });
}

type Node = ValueNode | FilterExpression;

const COMPARISONS: ReadonlySet<string> = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);
const STRING_FUNCTIONS: ReadonlySet<string> = new Set(['startswith', 'endswith', 'contains']);
const CASE_FUNCTIONS: ReadonlySet<string> = new Set(['tolower', 'toupper']);
const FUNCTION_SIGNATURES: Readonly<Record<string, string>> = {
  startswith: 'startswith(Edm.String Nullable=true, Edm.String Nullable=true)',
  endswith: 'endswith(Edm.String Nullable=true, Edm.String Nullable=true)',
  contains: 'contains(Edm.String Nullable=true, Edm.String Nullable=true)',
  tolower: 'tolower(Edm.String Nullable=true)',
  toupper: 'toupper(Edm.String Nullable=true)',
};

function isCondition(node: Node): node is FilterExpression {
  return node.kind !== 'literal' && node.kind !== 'property' && node.kind !== 'case';
}

function freeze<T extends object>(node: T): T {
  return Object.freeze(node);
}

class Parser {
  private index = 0;
  /** Range variables of the enclosing lambdas. */
  private readonly scope: string[] = [];

  constructor(
    private readonly text: string,
    private readonly tokens: readonly Token[],
  ) {}

  parseOr(): Node {
    let left = this.parseAnd();
    while (this.isKeyword('or')) {
      const position = this.next().position;
      const right = this.parseAnd();
      left = freeze({ kind: 'or', left: this.condition(left, 'or', position), right: this.condition(right, 'or', position), position });
    }
    return left;
  }

  expectEnd(): void {
    const token = this.peek();
    if (token.kind !== 'end') throw syntaxError(this.text, token.position);
  }

  private parseAnd(): Node {
    let left = this.parseComparison();
    while (this.isKeyword('and')) {
      const position = this.next().position;
      const right = this.parseComparison();
      left = freeze({ kind: 'and', left: this.condition(left, 'and', position), right: this.condition(right, 'and', position), position });
    }
    return left;
  }

  private parseComparison(): Node {
    let left = this.parseUnary();
    for (;;) {
      const token = this.peek();
      const keyword = token.kind === 'identifier' ? token.text.toLowerCase() : '';
      if (COMPARISONS.has(keyword)) {
        this.next();
        const right = this.parseUnary();
        left = freeze({
          kind: 'comparison',
          operator: keyword as ComparisonOperator,
          left: this.value(left, keyword, token.position),
          right: this.value(right, keyword, token.position),
          position: token.position,
        });
      } else if (keyword === 'in') {
        this.next();
        left = freeze({ kind: 'in', operand: this.value(left, 'in', token.position), values: this.parseInList(), position: token.position });
      } else {
        return left;
      }
    }
  }

  private parseInList(): readonly LiteralNode[] {
    this.expectPunctuation('(', `'(' expected`);
    const values: LiteralNode[] = [];
    for (;;) {
      const token = this.peek();
      const literal = this.tryLiteral();
      if (literal === undefined) throw this.error(`Expression expected at position ${token.position} in '${this.text}'.`, token.position);
      values.push(literal);
      const separator = this.next();
      if (separator.kind === 'punctuation' && separator.text === ')') return Object.freeze(values);
      if (separator.kind !== 'punctuation' || separator.text !== ',') {
        throw this.error(`')' or ',' expected at position ${separator.position} in '${this.text}'.`, separator.position);
      }
    }
  }

  private parseUnary(): Node {
    if (this.isKeyword('not')) {
      const position = this.next().position;
      const operand = this.parseUnary();
      return freeze({ kind: 'not', operand: this.condition(operand, 'not', position), position });
    }
    return this.parsePrimary();
  }

  private parsePrimary(): Node {
    const token = this.peek();
    if (token.kind === 'punctuation' && token.text === '(') {
      this.next();
      const inner = this.parseOr();
      const close = this.next();
      if (close.kind !== 'punctuation' || close.text !== ')') {
        throw this.error(`')' or operator expected at position ${close.position} in '${this.text}'.`, close.position);
      }
      return inner;
    }
    const literal = this.tryLiteral();
    if (literal !== undefined) return literal;
    if (token.kind !== 'identifier' || isReservedWord(token.text)) {
      throw this.error(`Expression expected at position ${token.position} in '${this.text}'.`, token.position);
    }
    const following = this.tokens[this.index + 1];
    if (following?.kind === 'punctuation' && following.text === '(') return this.parseCall();
    return this.parsePath();
  }

  private tryLiteral(): LiteralNode | undefined {
    const token = this.peek();
    if (token.kind === 'literal') {
      this.next();
      return freeze<LiteralNode>({ kind: 'literal', literal: token.literal, position: token.position });
    }
    if (token.kind === 'identifier') {
      const word = token.text.toLowerCase();
      const literal =
        word === 'true' ? { type: 'boolean' as const, value: true }
        : word === 'false' ? { type: 'boolean' as const, value: false }
        : word === 'null' ? { type: 'null' as const, value: null }
        : undefined;
      if (literal !== undefined) {
        this.next();
        return freeze<LiteralNode>({ kind: 'literal', literal, position: token.position });
      }
    }
    return undefined;
  }

  private parseCall(): Node {
    const nameToken = this.next();
    const name = nameToken.text.toLowerCase();
    if (!STRING_FUNCTIONS.has(name) && !CASE_FUNCTIONS.has(name)) {
      throw new InvalidFilterError(
        'FilterSyntax',
        `An unknown function with name '${nameToken.text}' was found. This may also be a function import or a key lookup on a navigation property, which is not allowed.`,
        nameToken.position,
      );
    }
    this.next(); // '('
    const args: Node[] = [];
    if (!this.isPunctuation(')')) {
      for (;;) {
        args.push(this.parseOr());
        const separator = this.next();
        if (separator.kind === 'punctuation' && separator.text === ')') break;
        if (separator.kind !== 'punctuation' || separator.text !== ',') {
          throw this.error(`')' or ',' expected at position ${separator.position} in '${this.text}'.`, separator.position);
        }
      }
    } else {
      this.next();
    }
    const arity = CASE_FUNCTIONS.has(name) ? 1 : 2;
    const values = args.filter((arg): arg is ValueNode => !isCondition(arg));
    if (args.length !== arity || values.length !== arity) {
      throw new InvalidFilterError(
        'FilterType',
        `No function signature for the function with name '${nameToken.text}' matches the specified arguments. The function signatures considered are: ${FUNCTION_SIGNATURES[name] ?? name}.`,
        nameToken.position,
      );
    }
    const [first, second] = values as [ValueNode, ValueNode];
    if (CASE_FUNCTIONS.has(name)) {
      return freeze({ kind: 'case', fn: name as CaseFunction, operand: first, position: nameToken.position });
    }
    return freeze({ kind: 'call', fn: name as StringFunction, target: first, argument: second, position: nameToken.position });
  }

  private parsePath(): Node {
    const first = this.next();
    const position = first.position;
    const variable = this.scope.includes(first.text) ? first.text : undefined;
    const path: string[] = variable === undefined ? [first.text] : [];
    while (this.isPunctuation('/')) {
      this.next();
      const segment = this.next();
      if (segment.kind !== 'identifier' || isReservedWord(segment.text)) throw syntaxError(this.text, segment.position);
      const word = segment.text.toLowerCase();
      const following = this.peek();
      if ((word === 'any' || word === 'all') && following.kind === 'punctuation' && following.text === '(') {
        const collection: PropertyNode = freeze({ kind: 'property', path: Object.freeze(path), ...(variable ? { variable } : {}), position });
        return this.parseLambda(word, collection, segment.position);
      }
      path.push(segment.text);
    }
    return freeze({ kind: 'property', path: Object.freeze(path), ...(variable ? { variable } : {}), position });
  }

  private parseLambda(operator: LambdaOperator, collection: PropertyNode, position: number): Node {
    this.next(); // '('
    if (this.isPunctuation(')')) {
      this.next();
      if (operator === 'all') throw syntaxError(this.text, position);
      return freeze({ kind: 'lambda', operator, collection, variable: undefined, body: undefined, position });
    }
    const variableToken = this.next();
    if (variableToken.kind !== 'identifier' || isReservedWord(variableToken.text)) {
      throw this.error(`Expression expected at position ${variableToken.position} in '${this.text}'.`, variableToken.position);
    }
    if (this.scope.includes(variableToken.text)) {
      throw new InvalidFilterError(
        'FilterSyntax',
        `The range variable '${variableToken.text}' has already been declared.`,
        variableToken.position,
      );
    }
    this.expectPunctuation(':', `':' expected`);
    this.scope.push(variableToken.text);
    const body = this.parseOr();
    this.scope.pop();
    const close = this.next();
    if (close.kind !== 'punctuation' || close.text !== ')') {
      throw this.error(`')' or operator expected at position ${close.position} in '${this.text}'.`, close.position);
    }
    return freeze({
      kind: 'lambda',
      operator,
      collection,
      variable: variableToken.text,
      body: this.condition(body, operator, position),
      position,
    });
  }

  private condition(node: Node, operator: string, position: number): FilterExpression {
    if (isCondition(node)) return node;
    throw new InvalidFilterError(
      'FilterType',
      `The operand at position ${node.position} of '${operator}' at position ${position} must be a boolean expression in '${this.text}'.`,
      node.position,
    );
  }

  private value(node: Node, operator: string, position: number): ValueNode {
    if (!isCondition(node)) return node;
    throw new InvalidFilterError(
      'FilterType',
      `The operand at position ${node.position} of '${operator}' at position ${position} must be a value, not a condition, in '${this.text}'.`,
      node.position,
    );
  }

  private expectPunctuation(text: string, expectation: string): void {
    const token = this.next();
    if (token.kind !== 'punctuation' || token.text !== text) {
      throw this.error(`${expectation} at position ${token.position} in '${this.text}'.`, token.position);
    }
  }

  private isKeyword(word: string): boolean {
    const token = this.peek();
    return token.kind === 'identifier' && token.text.toLowerCase() === word;
  }

  private isPunctuation(text: string): boolean {
    const token = this.peek();
    return token.kind === 'punctuation' && token.text === text;
  }

  private peek(): Token {
    // The token list always ends with an 'end' token, and next() never moves past it.
    return this.tokens[this.index] as Token;
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'end') this.index += 1;
    return token;
  }

  private error(message: string, position: number): InvalidFilterError {
    return new InvalidFilterError('FilterSyntax', message, position);
  }
}

const RESERVED: ReadonlySet<string> = new Set(['and', 'or', 'not', 'eq', 'ne', 'gt', 'ge', 'lt', 'le', 'in']);

function isReservedWord(text: string): boolean {
  return RESERVED.has(text.toLowerCase());
}
