import { describe, expect, it } from 'vitest';
import { compileExpression } from '../compiler.js';
import { parseExpression } from '../parser.js';
import { contextOf } from '../test-helpers.js';

const documented = `SelectUniqueValue( 
        Join("@", NormalizeDiacritics(StripSpaces(Join(".",  [PreferredFirstName], [PreferredLastName]))), "contoso.com"), 
        Join("@", NormalizeDiacritics(StripSpaces(Join(".",  Mid([PreferredFirstName], 1, 1), [PreferredLastName]))), "contoso.com"),
        Join("@", NormalizeDiacritics(StripSpaces(Join(".",  Mid([PreferredFirstName], 1, 2), [PreferredLastName]))), "contoso.com")
    )`;

describe('SelectUniqueValue', () => {
  const compiled = compileExpression(parseExpression(documented), { dialect: 'appProvisioning' });
  const john = { PreferredFirstName: 'John', PreferredLastName: 'Smith' };
  const uniqueUnless = (existing: string[]) => (value: string) => Promise.resolve(!existing.includes(value));

  it('is asynchronous and cannot be evaluated synchronously', () => {
    expect(compiled.requiresAsync).toBe(true);
    expect(compiled.topLevelFunction).toBe('SelectUniqueValue');
    expect(() => compiled.evaluate(contextOf(john))).toThrow(expect.objectContaining({ code: 'RequiresAsync' }));
  });

  it('returns the first candidate the target does not hold (documented outputs)', async () => {
    await expect(compiled.evaluateAsync(contextOf(john, { isUnique: uniqueUnless([]) }))).resolves.toBe('John.Smith@contoso.com');
    await expect(compiled.evaluateAsync(contextOf(john, { isUnique: uniqueUnless(['John.Smith@contoso.com']) }))).resolves.toBe('J.Smith@contoso.com');
    await expect(compiled.evaluateAsync(contextOf(john, { isUnique: (v) => !['John.Smith@contoso.com', 'J.Smith@contoso.com'].includes(v) }))).resolves.toBe(
      'Jo.Smith@contoso.com',
    );
  });

  it('escrows when every candidate exists, and needs an oracle', async () => {
    await expect(compiled.evaluateAsync(contextOf(john, { isUnique: () => false }))).rejects.toMatchObject({ code: 'NoUniqueValue' });
    await expect(compiled.evaluateAsync(contextOf(john))).rejects.toMatchObject({ code: 'MissingContext' });
  });

  it('asks only until a unique value is found and skips empty candidates', async () => {
    const asked: string[] = [];
    const expression = compileExpression(parseExpression('SelectUniqueValue([missing], "a", "b")'), { dialect: 'appProvisioning' });
    await expect(expression.evaluateAsync(contextOf({}, { isUnique: (v) => (asked.push(v), true) }))).resolves.toBe('a');
    expect(asked).toEqual(['a']);
  });

  it('must be the whole expression and have two rules', () => {
    expect(() => compileExpression(parseExpression('ToLower(SelectUniqueValue("a", "b"))'), { dialect: 'appProvisioning' })).toThrow(
      expect.objectContaining({ code: 'SelectUniqueValueNotTopLevel', column: 9 }),
    );
    expect(() => compileExpression(parseExpression('SelectUniqueValue("a")'), { dialect: 'appProvisioning' })).toThrow(expect.objectContaining({ code: 'WrongArity' }));
  });

  it('non-SelectUniqueValue expressions also evaluate asynchronously', async () => {
    const plain = compileExpression(parseExpression('ToLower("X")'), { dialect: 'appProvisioning' });
    expect(plain.requiresAsync).toBe(false);
    await expect(plain.evaluateAsync(contextOf())).resolves.toBe('x');
  });
});
