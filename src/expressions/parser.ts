import { canonicalKeyword } from './ast.js';
import type { CallNode, Expression, Operand, SourcePosition, Term } from './ast.js';
import { ExpressionSyntaxError } from './errors.js';
import { Lexer } from './lexer.js';
import type { Token } from './lexer.js';
import { MAX_EXPRESSION_LENGTH, MAX_NESTING_DEPTH } from './limits.js';

function describe(token: Token): string {
  switch (token.type) {
    case 'end':
      return 'end of input';
    case 'attribute':
      return `attribute [${token.value}]`;
    case 'string':
      return `string ${JSON.stringify(token.value)}`;
    case 'number':
      return `number ${String(token.value)}`;
    case 'identifier':
      return `'${token.value}'`;
    case 'comparison':
      return `'${token.value}'`;
    default:
      return `'${token.type}'`;
  }
}

function positionOfOffset(text: string, offset: number): SourcePosition {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { offset, line, column: offset - lineStart + 1 };
}

class Parser {
  private readonly lexer: Lexer;
  private token: Token;
  private depth = 0;

  constructor(text: string) {
    this.lexer = new Lexer(text);
    this.token = this.lexer.next();
  }

  parseWhole(): Expression {
    if (this.token.type === 'end') throw new ExpressionSyntaxError('EmptyExpression', 'expected an expression', this.token.position);
    const expression = this.expression();
    if (this.type() !== 'end') this.fail('end of input');
    return expression;
  }

  private advance(): void {
    this.token = this.lexer.next();
  }

  /** The current token's type, read through a call so TypeScript does not narrow it across advance(). */
  private type(): Token['type'] {
    return this.token.type;
  }

  private fail(expected: string): never {
    throw new ExpressionSyntaxError('UnexpectedToken', `expected ${expected} but found ${describe(this.token)}`, this.token.position);
  }

  private expression(): Expression {
    const left = this.operand();
    const token = this.token;
    if (token.type !== 'comparison') return left;
    this.advance();
    const right = this.operand();
    if (this.type() === 'comparison') {
      throw new ExpressionSyntaxError('ChainedComparison', 'comparisons cannot be chained; nest IIF instead', this.token.position);
    }
    return { kind: 'comparison', operator: token.value, left, right, position: left.position ?? token.position };
  }

  private operand(): Operand {
    const first = this.term();
    if (this.token.type !== '&') return first;
    const operands: Term[] = [first];
    while (this.type() === '&') {
      this.advance();
      operands.push(this.term());
    }
    return { kind: 'concat', operands: operands, position: first.position };
  }

  private term(): Term {
    const token = this.token;
    switch (token.type) {
      case 'attribute':
        this.advance();
        return { kind: 'attribute', name: token.value, position: token.position };
      case 'string':
        this.advance();
        return { kind: 'string', value: token.value, position: token.position };
      case 'number':
        this.advance();
        return { kind: 'number', value: token.value, hex: token.hex, position: token.position };
      case 'identifier': {
        this.advance();
        if (this.type() === '(') return this.call(token.value, token.position);
        const keyword = canonicalKeyword(token.value);
        if (keyword === undefined) {
          throw new ExpressionSyntaxError(
            'UnknownKeyword',
            `unknown name '${token.value}' (function calls need parentheses, strings need double quotes)`,
            token.position,
          );
        }
        return { kind: 'keyword', name: keyword, position: token.position };
      }
      default:
        return this.fail('an attribute, a string, a number or a function call');
    }
  }

  private call(name: string, position: SourcePosition): CallNode {
    if (++this.depth > MAX_NESTING_DEPTH) {
      throw new ExpressionSyntaxError('NestingTooDeep', `functions nest deeper than ${MAX_NESTING_DEPTH} levels`, position);
    }
    this.advance(); // '('
    const args: (Expression | null)[] = [];
    if (this.type() === ')') {
      this.advance();
    } else {
      for (;;) {
        const type = this.type();
        args.push(type === ',' || type === ')' ? null : this.expression());
        if (this.type() === ',') {
          this.advance();
          continue;
        }
        if (this.type() === ')') {
          this.advance();
          break;
        }
        this.fail("',' or ')'");
      }
    }
    this.depth--;
    return { kind: 'call', name, args: args, position };
  }
}

/**
 * Parses one mapping expression into an immutable AST. Throws ExpressionSyntaxError (never anything else) with a
 * stable code and the position of the problem.
 */
export function parseExpression(text: string): Expression {
  if (text.length > MAX_EXPRESSION_LENGTH) {
    throw new ExpressionSyntaxError(
      'ExpressionTooLong',
      `expressions are limited to ${MAX_EXPRESSION_LENGTH} characters (this one has ${text.length})`,
      positionOfOffset(text, MAX_EXPRESSION_LENGTH),
    );
  }
  return new Parser(text).parseWhole();
}
