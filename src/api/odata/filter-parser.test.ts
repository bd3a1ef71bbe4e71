import { describe, expect, it } from 'vitest';
import { InvalidFilterError } from './errors.js';
import type { FilterExpression, ValueNode } from './filter-ast.js';
import { parseFilter } from './filter-parser.js';

/** A compact rendering of the tree, so precedence and literal typing read at a glance. */
function show(node: FilterExpression | ValueNode): string {
  switch (node.kind) {
    case 'and':
    case 'or':
      return `(${show(node.left)} ${node.kind} ${show(node.right)})`;
    case 'not':
      return `not ${show(node.operand)}`;
    case 'comparison':
      return `[${show(node.left)} ${node.operator} ${show(node.right)}]`;
    case 'in':
      return `[${show(node.operand)} in ${node.values.map(show).join(',')}]`;
    case 'call':
      return `${node.fn}(${show(node.target)},${show(node.argument)})`;
    case 'lambda':
      return `${show(node.collection)}/${node.operator}(${node.variable ?? ''}${node.body ? `:${show(node.body)}` : ''})`;
    case 'case':
      return `${node.fn}(${show(node.operand)})`;
    case 'property':
      return `${node.variable !== undefined ? `$${node.variable}` : ''}${node.variable !== undefined && node.path.length ? '/' : ''}${node.path.join('/')}`;
    case 'literal':
      return `${node.literal.type}:${JSON.stringify(node.literal.value)}`;
  }
}

function parsed(text: string): string {
  return show(parseFilter(text).expression);
}

function failure(text: string): InvalidFilterError {
  try {
    parseFilter(text);
  } catch (error) {
    if (error instanceof InvalidFilterError) return error;
    throw error;
  }
  throw new Error(`expected '${text}' to fail`);
}

describe('parseFilter', () => {
  it.each([
    ["appId eq '219561ee'", `[appId eq string:"219561ee"]`],
    ["displayName eq 'O''Neil'", `[displayName eq string:"O'Neil"]`],
    ["name eq ''", `[name eq string:""]`],
    ['age gt 42', '[age gt number:42]'],
    ['score le -1.5e2', '[score le number:-150]'],
    ['enabled eq true', '[enabled eq boolean:true]'],
    ['enabled ne FALSE', '[enabled ne boolean:false]'],
    ['manager eq null', '[manager eq null:null]'],
    ['id eq 219561EE-1480-4C67-9AA6-63D861FAE3EF', '[id eq guid:"219561ee-1480-4c67-9aa6-63d861fae3ef"]'],
    ['id eq abcdef01-1480-4c67-9aa6-63d861fae3ef', '[id eq guid:"abcdef01-1480-4c67-9aa6-63d861fae3ef"]'],
    ['created ge 2021-11-01', '[created ge date:"2021-11-01"]'],
    ['created lt 2021-11-01T10:20:30Z', '[created lt datetime:"2021-11-01T10:20:30.000Z"]'],
    ['created lt 2021-11-01T10:20+02:00', '[created lt datetime:"2021-11-01T08:20:00.000Z"]'],
    ['created lt 2019-03-20T15:47:50.4707552Z', '[created lt datetime:"2019-03-20T15:47:50.470Z"]'],
    ["'x' eq name", '[string:"x" eq name]'],
    ["sourceIdentity/id eq 'x'", '[sourceIdentity/id eq string:"x"]'],
    ["a eq 'x' or b eq 'y' and c eq 'z'", '([a eq string:"x"] or ([b eq string:"y"] and [c eq string:"z"]))'],
    ["(a eq 'x' or b eq 'y') and c eq 'z'", '(([a eq string:"x"] or [b eq string:"y"]) and [c eq string:"z"])'],
    ["a eq 'x' and b eq 'y' and c eq 'z'", '(([a eq string:"x"] and [b eq string:"y"]) and [c eq string:"z"])'],
    ["NOT (companyName eq 'Microsoft')", 'not [companyName eq string:"Microsoft"]'],
    ["not startsWith(displayName, 'Conf')", 'not startswith(displayName,string:"Conf")'],
    ["companyName ne null and NOT(companyName eq 'Microsoft')", '([companyName ne null:null] and not [companyName eq string:"Microsoft"])'],
    ["startswith(displayName,'salesforce')", 'startswith(displayName,string:"salesforce")'],
    ["endsWith(mail,'@outlook.com')", 'endswith(mail,string:"@outlook.com")'],
    ["contains(displayName,'salesf')", 'contains(displayName,string:"salesf")'],
    ["tolower(displayName) eq 'x'", '[tolower(displayName) eq string:"x"]'],
    ["TOUPPER(displayName) eq 'X'", '[toupper(displayName) eq string:"X"]'],
    ["mail in ('a@b.c', 'd@e.f')", '[mail in string:"a@b.c",string:"d@e.f"]'],
    ['age in (1)', '[age in number:1]'],
    ["proxyAddresses/any(p:p eq 'smtp:a@b.c')", 'proxyAddresses/any(p:[$p eq string:"smtp:a@b.c"])'],
    ["identities/any(i:i/issuer eq 'x')", 'identities/any(i:[$i/issuer eq string:"x"])'],
    ["identities/ANY(i: i/issuer eq 'x' and i/signInType eq 'y')", 'identities/any(i:([$i/issuer eq string:"x"] and [$i/signInType eq string:"y"]))'],
    ["proxyAddresses/any(p:startswith(p,'smtp:'))", 'proxyAddresses/any(p:startswith($p,string:"smtp:"))'],
    ["tags/all(t: t ne 'x')", 'tags/all(t:[$t ne string:"x"])'],
    ['tags/any()', 'tags/any()'],
    ["categories/any(c:contains(c,'CRM'))", 'categories/any(c:contains($c,string:"CRM"))'],
    ["tags/any(t: t eq p)", 'tags/any(t:[$t eq p])'],
  ])('%s', (text, expected) => {
    expect(parsed(text)).toBe(expected);
  });

  it('rejects `not` applied to a value (not binds tighter than eq)', () => {
    const error = failure("not a eq 'x'");
    expect(error.reason).toBe('FilterType');
  });

  it('parses a lambda with a space before its parenthesis', () => {
    expect(parsed("proxyAddresses/any (p:endsWith(p, 'x'))")).toBe('proxyAddresses/any(p:endswith($p,string:"x"))');
  });

  it('freezes the tree', () => {
    const filter = parseFilter("a eq 'x' and b/any(v: v eq 1)");
    expect(Object.isFrozen(filter)).toBe(true);
    expect(Object.isFrozen(filter.expression)).toBe(true);
    if (filter.expression.kind !== 'and') throw new Error('expected and');
    expect(Object.isFrozen(filter.expression.right)).toBe(true);
  });

  it('keeps positions of nodes', () => {
    const filter = parseFilter("a eq 'x' or  b eq 'y'");
    expect(filter.expression.position).toBe(9);
    if (filter.expression.kind !== 'or') throw new Error('expected or');
    expect(filter.expression.right.position).toBe(15);
  });
});

describe('parseFilter errors', () => {
  it.each([
    ["displayName eq 'x", "Invalid filter clause: There is an unterminated string literal at position 15 in 'displayName eq 'x'.", 15],
    ["startswith(displayName,%27Kamolika%27)", "Invalid filter clause: Syntax error: character '%' is not valid at position 23 in 'startswith(displayName,%27Kamolika%27)'.", 23],
    ['displayName eq', "Invalid filter clause: Expression expected at position 14 in 'displayName eq'.", 14],
    ['', "Invalid filter clause: Expression expected at position 0 in ''.", 0],
    ["displayName eq 'a' 'b'", "Invalid filter clause: Syntax error at position 19 in 'displayName eq 'a' 'b''.", 19],
    ["(displayName eq 'a'", "Invalid filter clause: ')' or operator expected at position 19 in '(displayName eq 'a''.", 19],
    ["startswith(displayName 'a')", "Invalid filter clause: ')' or ',' expected at position 23 in 'startswith(displayName 'a')'.", 23],
    ["substringof('a', displayName)", "Invalid filter clause: An unknown function with name 'substringof' was found. This may also be a function import or a key lookup on a navigation property, which is not allowed.", 0],
    ["startswith(displayName)", "Invalid filter clause: No function signature for the function with name 'startswith' matches the specified arguments. The function signatures considered are: startswith(Edm.String Nullable=true, Edm.String Nullable=true).", 0],
    ["tolower(a, 'b') eq 'c'", "Invalid filter clause: No function signature for the function with name 'tolower' matches the specified arguments. The function signatures considered are: tolower(Edm.String Nullable=true).", 0],
    ['displayName', 'Invalid filter clause: The $filter expression must evaluate to a single boolean value.', 0],
    ["a in 'x'", "Invalid filter clause: '(' expected at position 5 in 'a in 'x''.", 5],
    ['a in ()', "Invalid filter clause: Expression expected at position 6 in 'a in ()'.", 6],
    ["a in ('x' 'y')", "Invalid filter clause: ')' or ',' expected at position 10 in 'a in ('x' 'y')'.", 10],
    ["tags/any(t t eq 'x')", "Invalid filter clause: ':' expected at position 11 in 'tags/any(t t eq 'x')'.", 11],
    ["tags/any(t: t/any(t: t eq 'x'))", "Invalid filter clause: The range variable 't' has already been declared.", 18],
    ["created gt 2021-02-30", "Invalid filter clause: Unrecognized 'Edm.Date' literal '2021-02-30' at '11' in 'created gt 2021-02-30'.", 11],
    ["created gt 2021-01-01T25:00:00Z", "Invalid filter clause: Unrecognized 'Edm.DateTimeOffset' literal '2021-01-01T25:00:00Z' at '11' in 'created gt 2021-01-01T25:00:00Z'.", 11],
    ["a eq 'x' and", "Invalid filter clause: Expression expected at position 12 in 'a eq 'x' and'.", 12],
    ["a/ eq 'x'", "Invalid filter clause: Syntax error at position 3 in 'a/ eq 'x''.", 3],
    ['tags/all()', "Invalid filter clause: Syntax error at position 5 in 'tags/all()'.", 5],
    ["eq 'x'", "Invalid filter clause: Expression expected at position 0 in 'eq 'x''.", 0],
    ["a eq 'x' and 'y'", "Invalid filter clause: The operand at position 13 of 'and' at position 9 must be a boolean expression in 'a eq 'x' and 'y''.", 13],
  ])('%s', (text, message, position) => {
    const error = failure(text);
    expect(error.message).toBe(message);
    expect(error.position).toBe(position);
    expect(error.status).toBe(400);
    expect(error.code).toBe('BadRequest');
  });
});
