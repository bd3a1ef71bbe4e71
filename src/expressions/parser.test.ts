import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Expression, Keyword, Term } from './ast.js';
import { KEYWORDS } from './ast.js';
import { ExpressionSyntaxError } from './errors.js';
import { parseExpression } from './parser.js';
import { printExpression } from './printer.js';

/** The tree without positions, for structural comparison. */
function strip(node: Expression | null): unknown {
  return JSON.parse(JSON.stringify(node, (key, value: unknown) => (key === 'position' ? undefined : typeof value === 'bigint' ? `${value}n` : value)));
}

function syntaxError(text: string): ExpressionSyntaxError {
  try {
    parseExpression(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ExpressionSyntaxError);
    return error as ExpressionSyntaxError;
  }
  throw new Error(`expected ${JSON.stringify(text)} not to parse`);
}

describe('parseExpression', () => {
  it('parses attributes, strings, numbers, hex and calls', () => {
    expect(strip(parseExpression('Mid([givenName], 1, 3)'))).toEqual({
      kind: 'call',
      name: 'Mid',
      args: [
        { kind: 'attribute', name: 'givenName' },
        { kind: 'number', value: 1, hex: false },
        { kind: 'number', value: 3, hex: false },
      ],
    });
    expect(strip(parseExpression('BitAnd(&HF, &hf7)'))).toMatchObject({ args: [{ value: 15, hex: true }, { value: 247, hex: true }] });
    expect(strip(parseExpression('DateAdd("d", -10, Now())'))).toMatchObject({ args: [{ value: 'd' }, { value: -10 }, { kind: 'call', name: 'Now', args: [] }] });
  });

  it('keeps 64-bit numbers exact as bigint', () => {
    const node = parseExpression('DateFromNum(129699324000000000)');
    expect(node.kind === 'call' && node.args[0]).toMatchObject({ kind: 'number', value: 129699324000000000n });
    expect(parseExpression('9007199254740991')).toMatchObject({ value: 9007199254740991 });
    expect(parseExpression('9007199254740992')).toMatchObject({ value: 9007199254740992n });
  });

  it('accepts any term at top level', () => {
    expect(parseExpression('[mail]')).toMatchObject({ kind: 'attribute', name: 'mail' });
    expect(parseExpression(' "x" ')).toMatchObject({ kind: 'string', value: 'x' });
    expect(parseExpression('IgnoreObjectFlow')).toMatchObject({ kind: 'keyword', name: 'IgnoreObjectFlow' });
  });

  it('unescapes only \\\\ and \\" and keeps other backslashes', () => {
    expect(parseExpression(String.raw`"Company name: \"Contoso\""`)).toMatchObject({ value: 'Company name: "Contoso"' });
    expect(parseExpression(String.raw`"\\+(?<isdCode>\\d* )"`)).toMatchObject({ value: String.raw`\+(?<isdCode>\d* )` });
    expect(parseExpression(String.raw`"\+(?<isdCode>49|44)"`)).toMatchObject({ value: String.raw`\+(?<isdCode>49|44)` });
    expect(parseExpression(String.raw`"a\\"`)).toMatchObject({ value: 'a\\' });
  });

  it('reads attribute names verbatim', () => {
    expect(parseExpression('[extension_0123_acmeCostCenter]')).toMatchObject({ name: 'extension_0123_acmeCostCenter' });
    expect(parseExpression('[passwordProfile.password]')).toMatchObject({ name: 'passwordProfile.password' });
    expect(parseExpression('[ some name ]')).toMatchObject({ name: ' some name ' });
  });

  it('reads SCIM-path attribute names with balanced brackets (API-driven provisioning)', () => {
    expect(parseExpression('[emails[type eq "work"].value]')).toMatchObject({ kind: 'attribute', name: 'emails[type eq "work"].value' });
    expect(parseExpression('Join(" ", [addresses[type eq "work"].locality], [a])')).toMatchObject({
      args: [{ value: ' ' }, { name: 'addresses[type eq "work"].locality' }, { name: 'a' }],
    });
    expect(parseExpression('[a[b]')).toMatchObject({ name: 'a[b' });
  });

  it('distinguishes empty slots from empty strings', () => {
    const replace = parseExpression('Replace([mail], "@contoso.com", , ,"", ,)');
    expect(replace.kind === 'call' && replace.args.map((a) => a?.kind ?? null)).toEqual(['attribute', 'string', null, null, 'string', null, null]);
    const compact = parseExpression('Replace([username],,"(?<id>.*)@(?<domain>.*)",,"${id}",,)');
    expect(compact.kind === 'call' && compact.args.map((a) => a?.kind ?? null)).toEqual(['attribute', null, 'string', null, 'string', null, null]);
    expect(parseExpression('ToLower([x], )')).toMatchObject({ args: [{ kind: 'attribute' }, null] });
    expect(parseExpression('Guid( )')).toMatchObject({ args: [] });
    expect(parseExpression('F(,)')).toMatchObject({ args: [null, null] });
  });

  it('allows whitespace and newlines anywhere between tokens, including before "("', () => {
    const text = 'SelectUniqueValue (\n    Join("@", [a], "contoso.com"),\n\t  Join("@", [b], "contoso.com")\n)';
    expect(parseExpression(text)).toMatchObject({ kind: 'call', name: 'SelectUniqueValue', args: [{ name: 'Join' }, { name: 'Join' }] });
  });

  it('parses comparisons and & with & binding tighter', () => {
    expect(strip(parseExpression('IIF([employeeType]="Intern","t-" & [alias],[alias])'))).toMatchObject({
      args: [
        { kind: 'comparison', operator: '=', left: { name: 'employeeType' }, right: { value: 'Intern' } },
        { kind: 'concat', operands: [{ value: 't-' }, { name: 'alias' }] },
        { name: 'alias' },
      ],
    });
    for (const op of ['=', '<>', '>', '>=', '<', '<=']) {
      expect(parseExpression(`[a] ${op} 1`)).toMatchObject({ kind: 'comparison', operator: op });
    }
    expect(parseExpression('[a] & "x" = [b] & "y"')).toMatchObject({ kind: 'comparison', left: { kind: 'concat' }, right: { kind: 'concat' } });
  });

  it('records 1-based line and column positions', () => {
    const node = parseExpression('Join(" ",\n  [givenName], Mid([sn], 1, 2))');
    expect(node.position).toEqual({ offset: 0, line: 1, column: 1 });
    const args = node.kind === 'call' ? node.args : [];
    expect(args[1]?.position).toEqual({ offset: 12, line: 2, column: 3 });
    expect(args[2]?.position).toEqual({ offset: 25, line: 2, column: 16 });
  });

  it.each([
    ['', 'EmptyExpression', 1, 1],
    ['   ', 'EmptyExpression', 1, 4],
    ['Join(" ", [a]', 'UnexpectedToken', 1, 14],
    ['Join(" " [a])', 'UnexpectedToken', 1, 10],
    ['Append([a], "x"', 'UnexpectedToken', 1, 16],
    ['"abc', 'UnterminatedString', 1, 1],
    ['Mid([abc, 1, 2)', 'UnterminatedAttribute', 1, 5],
    ['[]', 'EmptyAttributeName', 1, 1],
    ['Foo', 'UnknownKeyword', 1, 1],
    ['Join(",", [a], True)', 'UnknownKeyword', 1, 16],
    ['Mid([x], 1.5, 2)', 'InvalidNumber', 1, 10],
    ['Left([x], 3abc)', 'InvalidNumber', 1, 11],
    ['[a] = [b] = [c]', 'ChainedComparison', 1, 11],
    ['Join(" ", [a]) )', 'UnexpectedToken', 1, 16],
    ['Join(" ", [a]) ; x', 'UnexpectedCharacter', 1, 16],
    ['Join(\n  "x",\n  @)', 'UnexpectedCharacter', 3, 3],
  ])('rejects %j with %s at %i:%i', (text, code, line, column) => {
    const error = syntaxError(text);
    expect(error.code).toBe(code);
    expect([error.line, error.column]).toEqual([line, column]);
    expect(error.message).toMatch(new RegExp(` at ${line}:${column}$`));
  });

  it('says what it expected', () => {
    expect(syntaxError('Join(" ", [a]').message).toBe("expected ',' or ')' but found end of input at 1:14");
    expect(syntaxError('Mid(').message).toBe('expected an attribute, a string, a number or a function call but found end of input at 1:5');
  });

  it('enforces the 10,000-character limit', () => {
    const ok = `Join("", "${'x'.repeat(10_000 - 12)}")`;
    expect(ok.length).toBe(10_000);
    expect(() => parseExpression(ok)).not.toThrow();
    const error = syntaxError(`${ok} `);
    expect(error.code).toBe('ExpressionTooLong');
    expect(error.offset).toBe(10_000);
  });

  it('limits nesting depth instead of overflowing the stack', () => {
    expect(syntaxError(`${'F('.repeat(101)}${')'.repeat(101)}`).code).toBe('NestingTooDeep');
    expect(() => parseExpression(`${'F('.repeat(100)}${')'.repeat(100)}`)).not.toThrow();
    expect(syntaxError('F('.repeat(4_000)).code).toBe('NestingTooDeep');
  });
});

describe('parser properties', () => {
  it('any text either parses or throws ExpressionSyntaxError', () => {
    const alphabet = fc.constantFrom(...'[]()",&=<>-\\ \n\tHh0123456789abcJoinMid_Fx'.split(''));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: alphabet, maxLength: 60 })), (text) => {
        try {
          parseExpression(text);
        } catch (error) {
          if (!(error instanceof ExpressionSyntaxError)) throw error;
          expect(error.line).toBeGreaterThanOrEqual(1);
          expect(error.column).toBeGreaterThanOrEqual(1);
          expect(error.offset).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 2000 },
    );
  });

  const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,8}$/).filter((n) => !KEYWORDS.some((k) => k.toLowerCase() === n.toLowerCase()));
  const term = (depth: number): fc.Arbitrary<Term> =>
    fc.oneof(
      fc.record({
        kind: fc.constant('attribute' as const),
        name: fc.oneof(
          fc.string({ minLength: 1 }).filter((s) => !s.includes(']') && !s.includes('[')),
          fc.constantFrom('emails[type eq "work"].value', 'phoneNumbers[type eq "mobile"].value', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager'),
        ),
      }),
      fc.record({ kind: fc.constant('string' as const), value: fc.string({ unit: 'binary' }) }),
      fc.record({
        kind: fc.constant('number' as const),
        value: fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n }).map((v) => (v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v)),
        hex: fc.constant(false),
      }),
      fc.record({ kind: fc.constant('number' as const), value: fc.nat(), hex: fc.constant(true) }),
      fc.record({ kind: fc.constant('keyword' as const), name: fc.constantFrom<Keyword>(...KEYWORDS) }),
      depth > 3
        ? fc.record({ kind: fc.constant('string' as const), value: fc.string() })
        : fc.record({
            kind: fc.constant('call' as const),
            name,
            // A single empty slot cannot be written ("F()" has no arguments), so lists of one hold an expression.
            args: fc
              .array(fc.option(expression(depth + 1), { nil: null, freq: 4 }), { maxLength: 4 })
              .map((args) => (args.length === 1 && args[0] === null ? [] : args)),
          }),
    );
  const operand = (depth: number) =>
    fc.oneof(term(depth), fc.record({ kind: fc.constant('concat' as const), operands: fc.array(term(depth), { minLength: 2, maxLength: 3 }) }));
  const expression = (depth: number): fc.Arbitrary<Expression> =>
    fc.oneof(
      { weight: 4, arbitrary: operand(depth) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('comparison' as const), operator: fc.constantFrom('=', '<>', '>', '>=', '<', '<=' as const), left: operand(depth), right: operand(depth) }) },
    );

  it('random ASTs round-trip through printing', () => {
    fc.assert(
      fc.property(expression(0), (ast) => {
        expect(strip(parseExpression(printExpression(ast)))).toEqual(strip(ast));
      }),
      { numRuns: 1000 },
    );
  });
});
