import type { ComparisonOperator, SourcePosition } from './ast.js';
import { ExpressionSyntaxError } from './errors.js';

export type Token =
  | { readonly type: 'attribute'; readonly value: string; readonly position: SourcePosition }
  | { readonly type: 'string'; readonly value: string; readonly position: SourcePosition }
  | { readonly type: 'number'; readonly value: number | bigint; readonly hex: boolean; readonly position: SourcePosition }
  | { readonly type: 'identifier'; readonly value: string; readonly position: SourcePosition }
  | { readonly type: 'comparison'; readonly value: ComparisonOperator; readonly position: SourcePosition }
  | { readonly type: '(' | ')' | ',' | '&' | 'end'; readonly position: SourcePosition };

const CH_TAB = 9;
const CH_LF = 10;
const CH_CR = 13;
const CH_SPACE = 32;
const CH_QUOTE = 34;
const CH_AMP = 38;
const CH_LPAREN = 40;
const CH_RPAREN = 41;
const CH_COMMA = 44;
const CH_MINUS = 45;
const CH_LT = 60;
const CH_EQ = 61;
const CH_GT = 62;
const CH_LBRACKET = 91;
const CH_BACKSLASH = 92;
const CH_RBRACKET = 93;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isHexDigit(c: number): boolean {
  return isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

function isIdentifierStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function isIdentifierPart(c: number): boolean {
  return isIdentifierStart(c) || isDigit(c);
}

function isWhitespace(c: number): boolean {
  return c === CH_SPACE || c === CH_TAB || c === CH_LF || c === CH_CR || c === 11 || c === 12 || c === 0xa0 || c === 0xfeff || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x3000 || c === 0x85 || c === 0x1680 || c === 0x202f || c === 0x205f;
}

/** Numbers beyond 2^53 stay exact as bigint (FILETIME values such as 129699324000000000). */
function integerValue(digits: string, radix: 10 | 16, negative: boolean): number | bigint {
  const big = BigInt(radix === 16 ? `0x${digits}` : digits);
  const signed = negative ? -big : big;
  return signed >= BigInt(Number.MIN_SAFE_INTEGER) && signed <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(signed) : signed;
}

/** Scans tokens on demand and tracks line/column so every token knows where it starts. */
export class Lexer {
  private offset = 0;
  private line = 1;
  private lineStart = 0;

  constructor(private readonly text: string) {}

  positionAt(offset: number): SourcePosition {
    return { offset, line: this.line, column: offset - this.lineStart + 1 };
  }

  next(): Token {
    this.skipWhitespace();
    const text = this.text;
    const start = this.offset;
    const position = this.positionAt(start);
    if (start >= text.length) return { type: 'end', position };
    const c = text.charCodeAt(start);
    switch (c) {
      case CH_LPAREN:
        this.offset++;
        return { type: '(', position };
      case CH_RPAREN:
        this.offset++;
        return { type: ')', position };
      case CH_COMMA:
        this.offset++;
        return { type: ',', position };
      case CH_LBRACKET:
        return this.attribute(position);
      case CH_QUOTE:
        return this.string(position);
      case CH_AMP: {
        const h = text.charCodeAt(start + 1);
        if ((h === 72 || h === 104) && isHexDigit(text.charCodeAt(start + 2))) return this.hexNumber(position);
        this.offset++;
        return { type: '&', position };
      }
      case CH_EQ:
        this.offset++;
        return { type: 'comparison', value: '=', position };
      case CH_LT: {
        const n = text.charCodeAt(start + 1);
        if (n === CH_GT || n === CH_EQ) {
          this.offset += 2;
          return { type: 'comparison', value: n === CH_GT ? '<>' : '<=', position };
        }
        this.offset++;
        return { type: 'comparison', value: '<', position };
      }
      case CH_GT: {
        if (text.charCodeAt(start + 1) === CH_EQ) {
          this.offset += 2;
          return { type: 'comparison', value: '>=', position };
        }
        this.offset++;
        return { type: 'comparison', value: '>', position };
      }
      default:
        break;
    }
    if (isDigit(c) || (c === CH_MINUS && isDigit(text.charCodeAt(start + 1)))) return this.decimalNumber(position);
    if (isIdentifierStart(c)) {
      let end = start + 1;
      while (end < text.length && isIdentifierPart(text.charCodeAt(end))) end++;
      this.offset = end;
      return { type: 'identifier', value: text.slice(start, end), position };
    }
    const character = String.fromCodePoint(text.codePointAt(start) ?? c);
    throw new ExpressionSyntaxError('UnexpectedCharacter', `unexpected character ${JSON.stringify(character)}`, position);
  }

  private skipWhitespace(): void {
    const text = this.text;
    let offset = this.offset;
    while (offset < text.length) {
      const c = text.charCodeAt(offset);
      if (!isWhitespace(c)) break;
      offset++;
      if (c === CH_LF) {
        this.line++;
        this.lineStart = offset;
      }
    }
    this.offset = offset;
  }

  /**
   * `[name]`. Names may hold balanced brackets, as SCIM-path source attributes of API-driven provisioning do
   * (`[emails[type eq "work"].value]`); when the brackets do not balance, the name ends at the first `]`.
   */
  private attribute(position: SourcePosition): Token {
    const text = this.text;
    const start = position.offset + 1;
    let end = -1;
    let depth = 1;
    for (let i = start; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === CH_LBRACKET) depth++;
      else if (c === CH_RBRACKET && --depth === 0) {
        end = i;
        break;
      }
    }
    if (end < 0) end = text.indexOf(']', start);
    if (end < 0) throw new ExpressionSyntaxError('UnterminatedAttribute', "expected ']' to close the attribute name", position);
    if (end === start) throw new ExpressionSyntaxError('EmptyAttributeName', 'expected an attribute name inside [ ]', position);
    this.advanceOver(position.offset, end + 1);
    return { type: 'attribute', value: text.slice(start, end), position };
  }

  private string(position: SourcePosition): Token {
    const text = this.text;
    let offset = position.offset + 1;
    let chunkStart = offset;
    let value = '';
    for (;;) {
      if (offset >= text.length) throw new ExpressionSyntaxError('UnterminatedString', "expected '\"' to close the string", position);
      const c = text.charCodeAt(offset);
      if (c === CH_QUOTE) break;
      if (c === CH_BACKSLASH) {
        const n = text.charCodeAt(offset + 1);
        // Only \\ and \" are escapes; any other backslash stays, so "\+" in a regex keeps working (spec §1.2).
        if (n === CH_BACKSLASH || n === CH_QUOTE) {
          value += text.slice(chunkStart, offset) + String.fromCharCode(n);
          offset += 2;
          chunkStart = offset;
          continue;
        }
      }
      offset++;
    }
    value += text.slice(chunkStart, offset);
    this.advanceOver(position.offset, offset + 1);
    return { type: 'string', value, position };
  }

  private decimalNumber(position: SourcePosition): Token {
    const text = this.text;
    const negative = text.charCodeAt(position.offset) === CH_MINUS;
    const digitsStart = negative ? position.offset + 1 : position.offset;
    let end = digitsStart;
    while (end < text.length && isDigit(text.charCodeAt(end))) end++;
    this.rejectGluedSuffix(end, position);
    this.offset = end;
    return { type: 'number', value: integerValue(text.slice(digitsStart, end), 10, negative), hex: false, position };
  }

  private hexNumber(position: SourcePosition): Token {
    const text = this.text;
    const digitsStart = position.offset + 2;
    let end = digitsStart;
    while (end < text.length && isHexDigit(text.charCodeAt(end))) end++;
    this.rejectGluedSuffix(end, position);
    this.offset = end;
    return { type: 'number', value: integerValue(text.slice(digitsStart, end), 16, false), hex: true, position };
  }

  /** `12abc`, `1.5` and `&HFG` are not numbers followed by something else; they are mistakes. */
  private rejectGluedSuffix(end: number, position: SourcePosition): void {
    const c = this.text.charCodeAt(end);
    if (isIdentifierPart(c) || c === 46) {
      throw new ExpressionSyntaxError('InvalidNumber', 'expected an integer (decimal or &H hexadecimal)', position);
    }
  }

  /** Moves past a token that may span lines (attribute names and strings may contain newlines). */
  private advanceOver(from: number, to: number): void {
    const text = this.text;
    for (let i = from; i < to; i++) {
      if (text.charCodeAt(i) === CH_LF) {
        this.line++;
        this.lineStart = i + 1;
      }
    }
    this.offset = to;
  }
}
