import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TemplateDefinitionError } from '../errors.js';
import { expressionSource } from './expression-source.js';

describe('expressionSource', () => {
  it('builds an Attribute node', () => {
    expect(expressionSource('[PasswordHash]')).toEqual({ expression: '[PasswordHash]', name: 'PasswordHash', type: 'Attribute', parameters: [] });
  });

  it('reads attribute names that contain filter brackets', () => {
    expect(expressionSource('[emails[type eq "work"].value]').name).toBe('emails[type eq "work"].value');
  });

  it('builds a Constant node with unescaped value and escaped expression', () => {
    expect(expressionSource('"a \\"b\\" c\\\\"')).toEqual({ expression: '"a \\"b\\" c\\\\"', name: 'a "b" c\\', type: 'Constant', parameters: [] });
  });

  it('keys function arguments by internal parameter names and skips empty slots', () => {
    const source = expressionSource('Switch([IsSoftDeleted], , "False", "True", "True", "False")');
    expect(source.expression).toBe('Switch([IsSoftDeleted], , "False", "True", "True", "False")');
    expect(source.type).toBe('Function');
    expect(source.name).toBe('Switch');
    expect(source.parameters.map((parameter) => [parameter.key, parameter.value.expression])).toEqual([
      ['source', '[IsSoftDeleted]'],
      ['switchValue', '"False"'],
      ['switchValue', '"True"'],
      ['switchValue', '"True"'],
      ['switchValue', '"False"'],
    ]);
  });

  it('keeps trailing empty slots in the text and nests calls', () => {
    const source = expressionSource('Left(Replace([userName], , "(?<Suffix>@(.)*)",, "", , ), "20")');
    expect(source.expression).toBe('Left(Replace([userName], , "(?<Suffix>@(.)*)", , "", , ), "20")');
    const replace = source.parameters[0]?.value;
    expect(replace?.expression).toBe('Replace([userName], , "(?<Suffix>@(.)*)", , "", , )');
    expect(replace?.parameters.map((parameter) => parameter.key)).toEqual(['source', 'RegularExpression', 'Replacement']);
    expect(source.parameters[1]).toEqual({ key: 'NumChars', value: { expression: '"20"', name: '20', type: 'Constant', parameters: [] } });
  });

  it('rejects what it cannot read', () => {
    expect(() => expressionSource('[mail')).toThrow(TemplateDefinitionError);
    expect(() => expressionSource('"open')).toThrow(TemplateDefinitionError);
    expect(() => expressionSource('[a] [b]')).toThrow(/Unexpected text/);
    expect(() => expressionSource('Frobnicate([a])')).toThrow(/do not know the function Frobnicate/);
    expect(() => expressionSource('Not([a], [b])')).toThrow(/at most 1 arguments/);
    expect(() => expressionSource('42')).toThrow(TemplateDefinitionError);
  });

  it('renders canonically: parsing its own expression text gives the same tree', () => {
    const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9.:_-]{0,12}$/);
    const text = fc.string({ maxLength: 8 });
    const term = fc.letrec<{ term: string }>((tie) => ({
      term: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        name.map((n) => `[${n}]`),
        text.map((t) => `"${t.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`),
        fc.tuple(tie('term'), fc.array(fc.option(tie('term'), { nil: undefined }), { maxLength: 4 })).map(
          ([first, rest]) => `Switch(${[first, ...rest].map((arg) => arg ?? '').join(' ,')})`,
        ),
      ),
    })).term;
    fc.assert(
      fc.property(term, (expression) => {
        const parsed = expressionSource(expression);
        expect(expressionSource(parsed.expression ?? '')).toEqual(parsed);
      }),
    );
  });
});
