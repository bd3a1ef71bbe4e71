import { findProperty, isCollection, type ResourceCatalog } from './catalog.js';
import { InvalidSearchError, QueryOptionError } from './errors.js';

/**
 * `$search` as Graph takes it on directory objects: double-quoted `"property:value"` clauses joined by
 * `AND` / `OR` (adjacent clauses mean AND; AND binds tighter; parentheses group), e.g.
 * `"displayName:room" OR "mail:room"`. Inside quotes, `\"` and `\\` escape.
 */
export type SearchExpression =
  | { readonly kind: 'term'; readonly property: string; readonly value: string }
  | { readonly kind: 'and' | 'or'; readonly left: SearchExpression; readonly right: SearchExpression };

export interface ParsedSearch {
  readonly text: string;
  readonly expression: SearchExpression;
}

type Token =
  | { readonly kind: 'phrase'; readonly value: string; readonly position: number }
  | { readonly kind: 'and' | 'or' | '(' | ')' | 'end'; readonly position: number };

export function parseSearch(text: string, catalog: ResourceCatalog): ParsedSearch {
  const tokens = tokenize(text);
  let index = 0;
  const peek = (): Token => tokens[index] as Token;
  const syntax = (position: number) => QueryOptionError.invalidValue(`Syntax error at position ${position} in '${text}'.`);

  const parseOr = (): SearchExpression => {
    let left = parseAnd();
    while (peek().kind === 'or') {
      index += 1;
      left = Object.freeze({ kind: 'or', left, right: parseAnd() });
    }
    return left;
  };
  const parseAnd = (): SearchExpression => {
    let left = parsePrimary();
    for (;;) {
      const kind = peek().kind;
      if (kind === 'and') index += 1;
      else if (kind !== 'phrase' && kind !== '(') return left;
      left = Object.freeze({ kind: 'and', left, right: parsePrimary() });
    }
  };
  const parsePrimary = (): SearchExpression => {
    const token = peek();
    index += 1;
    if (token.kind === '(') {
      const inner = parseOr();
      if (peek().kind !== ')') throw syntax(peek().position);
      index += 1;
      return inner;
    }
    if (token.kind !== 'phrase') throw syntax(token.position);
    return term(token.value, catalog);
  };

  const expression = parseOr();
  if (peek().kind !== 'end') throw syntax(peek().position);
  return Object.freeze({ text, expression });
}

function term(phrase: string, catalog: ResourceCatalog): SearchExpression {
  const colon = phrase.indexOf(':');
  const name = colon === -1 ? '' : phrase.slice(0, colon).trim();
  const value = colon === -1 ? '' : phrase.slice(colon + 1).trim();
  if (name === '' || value === '') {
    throw new InvalidSearchError(`Invalid search clause "${phrase}": use the form "property:value".`);
  }
  const found = findProperty(catalog, name);
  if (found === undefined || isCollection(found.spec) || found.spec.search !== true || found.spec.type !== 'string') {
    throw new InvalidSearchError(`Search on property '${name}' of resource '${catalog.resource}' is not supported.`);
  }
  return Object.freeze({ kind: 'term', property: found.name, value });
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < text.length) {
    const char = text.charAt(index);
    if (/\s/.test(char)) {
      index += 1;
    } else if (char === '(' || char === ')') {
      tokens.push({ kind: char, position: index });
      index += 1;
    } else if (char === '"') {
      const start = index;
      let value = '';
      index += 1;
      for (;;) {
        if (index >= text.length) {
          throw QueryOptionError.invalidValue(`There is an unterminated string literal at position ${start} in '${text}'.`);
        }
        const next = text.charAt(index);
        if (next === '\\' && index + 1 < text.length) {
          value += text.charAt(index + 1);
          index += 2;
        } else if (next === '"') {
          index += 1;
          break;
        } else {
          value += next;
          index += 1;
        }
      }
      tokens.push({ kind: 'phrase', value, position: start });
    } else {
      const word = /^[A-Za-z]+/.exec(text.slice(index))?.[0] ?? '';
      if (word === 'AND' || word === 'OR') {
        tokens.push({ kind: word === 'AND' ? 'and' : 'or', position: index });
        index += word.length;
      } else {
        // Graph's search parser reports the first character it cannot place, e.g. the ':' of an unquoted clause.
        const end = index + (/^[A-Za-z0-9_]*/.exec(text.slice(index))?.[0].length ?? 0);
        const position = end < text.length && !/\s/.test(text.charAt(end)) ? end : index;
        throw QueryOptionError.invalidValue(
          `Syntax error: character '${text.charAt(position)}' is not valid at position ${position} in '${text}'.`,
        );
      }
    }
  }
  tokens.push({ kind: 'end', position: text.length });
  return tokens;
}
