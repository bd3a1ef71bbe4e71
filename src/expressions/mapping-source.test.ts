import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Expression } from './ast.js';
import { compileExpression } from './compiler.js';
import { MappingSourceError } from './errors.js';
import { functionCatalog } from './function-catalog.js';
import { FUNCTIONS } from './function-registry.js';
import { fromAttributeMappingSource, toAttributeMappingSource } from './mapping-source.js';
import { parseExpression } from './parser.js';
import { printExpression } from './printer.js';
import { contextOf } from './test-helpers.js';

const strip = (node: Expression) => JSON.parse(JSON.stringify(node, (key, value: unknown) => (key === 'position' ? undefined : value)));

describe('toAttributeMappingSource', () => {
  it('matches the Graph parseExpression sample', () => {
    const source = toAttributeMappingSource(parseExpression('Replace([preferredLanguage], "-", , , "_", ,  )'));
    expect(source).toEqual({
      type: 'Function',
      name: 'Replace',
      expression: 'Replace([preferredLanguage], "-", , , "_", , )',
      parameters: [
        { key: 'source', value: { type: 'Attribute', name: 'preferredLanguage', expression: '[preferredLanguage]', parameters: [] } },
        { key: 'Find', value: { type: 'Constant', name: '-', expression: '"-"', parameters: [] } },
        { key: 'Replacement', value: { type: 'Constant', name: '_', expression: '"_"', parameters: [] } },
      ],
    });
  });

  it('uses internal parameter keys, repeats repeating keys and quotes numbers', () => {
    const join = toAttributeMappingSource(parseExpression('Join(" ", [a], [b])'));
    expect(join.parameters.map((p) => p.key)).toEqual(['separator', 'source', 'source']);
    const sw = toAttributeMappingSource(parseExpression('Switch([IsSoftDeleted], , "False", "True", "True", "False")'));
    expect(sw.parameters.map((p) => p.key)).toEqual(['source', 'switchValue', 'switchValue', 'switchValue', 'switchValue']);
    const mid = toAttributeMappingSource(parseExpression('Mid([x], 1, 3)'));
    expect(mid.parameters[1]).toEqual({ key: 'start', value: { type: 'Constant', name: '1', expression: '"1"', parameters: [] } });
    const fdt3 = toAttributeMappingSource(parseExpression('FormatDateTime([d], "yyyy", "yy")'));
    expect(fdt3.parameters.map((p) => p.key)).toEqual(['source', 'inputFormat', 'outputFormat']);
    const fdt4 = toAttributeMappingSource(parseExpression('FormatDateTime([d], , "yyyy", "yy")'));
    expect(fdt4.parameters.map((p) => p.key)).toEqual(['source', 'inputFormat', 'outputFormat']);
    const keyword = toAttributeMappingSource(parseExpression('InStr([a], "b", 1, vbTextCompare)'));
    expect(keyword.parameters[3]).toEqual({ key: 'compareType', value: { type: 'Constant', name: 'vbTextCompare', expression: 'vbTextCompare', parameters: [] } });
  });

  it('represents operators as functions named by the operator', () => {
    const iif = toAttributeMappingSource(parseExpression('IIF([a]="x", "t-" & [b], [b])'));
    expect(iif.parameters[0]!.value).toMatchObject({ type: 'Function', name: '=', parameters: [{ key: 'left' }, { key: 'right' }] });
    expect(iif.parameters[1]!.value).toMatchObject({ type: 'Function', name: '&', parameters: [{ key: 'operand' }, { key: 'operand' }] });
  });
});

describe('fromAttributeMappingSource', () => {
  it.each([
    'Replace([preferredLanguage], "-", , , "_", , )',
    'Switch([IsSoftDeleted], , "False", "True", "True", "False")',
    'Join(" ", [givenName], [surname])',
    'FormatDateTime([d], "AssumeUniversal", "yyyy", "yy")',
    'FormatDateTime([d], "yyyy", "yy")',
    'IIF([employeeType]="Intern","t-" & [alias],[alias])',
    'InStr("repEated","e",3,vbBinaryCompare)',
    'IIF([a]="x", IgnoreAttributeFlow, [b])',
    'Replace([telephoneNumber], , "\\\\+(?<isdCode>\\\\d* )(?<phoneNumber>\\\\d{10})", "phoneNumber" , , [mobile], )',
    'Frobnicate([a], "b")',
  ])('round-trips %s to an equivalent expression', (text) => {
    const back = fromAttributeMappingSource(toAttributeMappingSource(parseExpression(text)));
    const normalized = (t: string) => printExpression(parseExpression(t)).replace(/(, )+\)$/, ')');
    expect(printExpression(back).replace(/(, )+\)$/, ')')).toBe(normalized(text).replace(/\b(\d+)\b(?=[,)])/g, '"$1"'));
  });

  it('reads a 4-argument FormatDateTime with an empty styles slot back as the equivalent 3-argument form', () => {
    const back = fromAttributeMappingSource(toAttributeMappingSource(parseExpression('FormatDateTime([d], , "yyyyMMddHHmmss.fZ", "yyyy-MM-dd")')));
    expect(printExpression(back)).toBe('FormatDateTime([d], "yyyyMMddHHmmss.fZ", "yyyy-MM-dd")');
    const compiled = compileExpression(back, { dialect: 'appProvisioning' });
    expect(compiled.evaluate(contextOf({ d: '20150123105347.1Z' }))).toBe('2015-01-23');
  });

  it('evaluates trees built by hand (Graph default type, case-insensitive keys, numeric enums)', () => {
    const tree = {
      type: 2,
      name: 'Switch',
      parameters: [
        { key: 'Source', value: { name: 'IsSoftDeleted' } },
        { key: 'switchValue', value: { type: 'Constant', name: 'False' } },
        { key: 'switchValue', value: { type: 'Constant', name: 'True' } },
        { key: 'switchValue', value: { type: 'Constant', name: 'True' } },
        { key: 'switchValue', value: { type: 'Constant', name: 'False' } },
      ],
    };
    const compiled = compileExpression(fromAttributeMappingSource(tree), { dialect: 'appProvisioning' });
    expect(compiled.evaluate(contextOf({ IsSoftDeleted: 'False' }))).toBe('True');
  });

  it('rejects broken trees with a path, falling back to the expression text when present', () => {
    expect(() => fromAttributeMappingSource({ type: 'Function', name: 'Mid', parameters: [{ key: 'nope', value: { name: 'a' } }] })).toThrow(
      expect.objectContaining({ code: 'UnknownParameter', path: 'parameters[0]' }),
    );
    expect(() => fromAttributeMappingSource({ type: 'Attribute', name: '' })).toThrow(MappingSourceError);
    expect(() => fromAttributeMappingSource({ type: 'Weird', name: 'x' })).toThrow(expect.objectContaining({ code: 'InvalidMappingSource' }));
    const withText = fromAttributeMappingSource({ type: 'Function', name: 'Mid', expression: 'Mid([a], 1, 2)', parameters: [{ key: 'nope', value: { name: 'a' } }] });
    expect(strip(withText)).toEqual(strip(parseExpression('Mid([a], 1, 2)')));
  });

  it('limits nesting depth', () => {
    let tree: { type: string; name: string; parameters?: unknown[] } = { type: 'Attribute', name: 'a' };
    for (let i = 0; i < 150; i++) tree = { type: 'Function', name: 'ToLower', parameters: [{ key: 'source', value: tree }] };
    expect(() => fromAttributeMappingSource(tree as never)).toThrow(expect.objectContaining({ code: 'NestingTooDeep' }));
  });

  it('round-trips random expressions of known functions', () => {
    const simple = fc.oneof(
      fc.string({ maxLength: 5 }).map((value) => ({ kind: 'string' as const, value })),
      fc.stringMatching(/^[a-z]{1,5}$/).map((name) => ({ kind: 'attribute' as const, name })),
    );
    const expression = fc.letrec<{ node: Expression }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        simple,
        fc.tuple(tie('node'), fc.array(tie('node'), { minLength: 1, maxLength: 3 })).map(([sep, sources]) => ({ kind: 'call' as const, name: 'Join', args: [sep, ...sources] })),
        fc.tuple(tie('node'), fc.option(tie('node'), { nil: null })).map(([s, culture]) => ({ kind: 'call' as const, name: 'ToLower', args: culture === null ? [s] : [s, culture] })),
      ),
    })).node;
    fc.assert(
      fc.property(expression, (ast) => {
        expect(strip(fromAttributeMappingSource(toAttributeMappingSource(ast)))).toEqual(strip(ast));
      }),
      { numRuns: 300 },
    );
  });
});

describe('functionCatalog', () => {
  it('lists each dialect’s functions with Graph parameter schemas', () => {
    const app = functionCatalog('appProvisioning');
    const cloud = functionCatalog('cloudSync');
    const names = (c: typeof app) => c.map((f) => f.name);
    expect(names(app)).toContain('SelectUniqueValue');
    expect(names(app)).toContain('NumFromDate');
    expect(names(app)).not.toContain('Trim');
    expect(names(cloud)).toEqual(expect.arrayContaining(['Trim', 'ConvertFromBase64', 'DNComponent', 'Error', 'StringFromSid']));
    expect(names(cloud)).not.toContain('DateAdd');
    expect(app.find((f) => f.name === 'Join')!.parameters).toEqual([
      { name: 'separator', type: 'String', allowMultipleOccurrences: false, required: true },
      { name: 'source', type: 'String', allowMultipleOccurrences: true, required: true },
    ]);
    expect(app.find((f) => f.name === 'FormatDateTime')!.parameters.map((p) => p.name)).toEqual(['source', 'dateTimeStyles', 'inputFormat', 'outputFormat']);
    expect(cloud.find((f) => f.name === 'FormatDateTime')!.parameters.map((p) => p.name)).toEqual(['source', 'inputFormat', 'outputFormat']);
    expect(app.find((f) => f.name === 'Replace')!.parameters.filter((p) => p.required).map((p) => p.name)).toEqual(['source']);
    expect(names(app)).toEqual([...names(app)].sort((a, b) => a.localeCompare(b, 'en')));
  });

  it('covers every documented function of both references', () => {
    const documented =
      'Append AppRoleAssignmentsComplex BitAnd CBool CDate Coalesce ConvertToBase64 ConvertToUTF8Hex Count CStr DateAdd DateDiff DateFromNum FormatDateTime Guid IgnoreFlowIfNullOrEmpty IIF InStr IsNull IsNullOrEmpty IsPresent IsString Item Join Left Mid NormalizeDiacritics Not Now NumFromDate PCase RandomString Redact RemoveDuplicates Replace SelectUniqueValue SingleAppRoleAssignment Split StripSpaces Switch ToLower ToUpper Word'.split(' ');
    const cloudSync =
      'Append BitAnd CBool ConvertFromBase64 ConvertToBase64 ConvertToUTF8Hex Count CStr DateFromNum DNComponent Error FormatDateTime Guid IIF InStr IsNull IsNullOrEmpty IsPresent IsString Item Join Left Mid NormalizeDiacritics Not RemoveDuplicates Replace SelectUniqueValue SingleAppRoleAssignment Split StringFromSid StripSpaces Switch ToLower ToUpper Trim Word'.split(' ');
    expect(functionCatalog('appProvisioning').map((f) => f.name)).toEqual(expect.arrayContaining(documented));
    expect(functionCatalog('cloudSync').map((f) => f.name)).toEqual(expect.arrayContaining(cloudSync));
    expect(FUNCTIONS.every((f) => f.build !== undefined || f.buildAsync !== undefined)).toBe(true);
  });
});
