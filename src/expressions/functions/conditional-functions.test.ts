import { describe, expect, it } from 'vitest';
import { IgnoreAttributeFlow } from '../values.js';
import { evaluate, result } from '../test-helpers.js';

describe('IIF', () => {
  it('evaluates only the chosen branch', () => {
    expect(result('IIF(IsPresent([x]), [x], Error("missing"))', { x: 'v' }, { dialect: 'cloudSync' })).toBe('v');
    expect(() => evaluate('IIF(IsPresent([x]), [x], Error("missing"))', {}, { dialect: 'cloudSync' })).toThrow(expect.objectContaining({ code: 'CustomError' }));
  });

  it('compares integers numerically and strings ordinally, case-sensitively', () => {
    expect(result('IIF([StatusRehire]=1, "y", "n")', { StatusRehire: '1' })).toBe('y');
    expect(result('IIF([a]=[b], "y", "n")', { a: '01', b: '1' })).toBe('y');
    expect(result('IIF([a]>[b], "y", "n")', { a: '10', b: '9' })).toBe('y');
    expect(result('IIF([a]>[b], "y", "n")', { a: 'b', b: 'a' })).toBe('y');
    expect(result('IIF([a]="usa", "y", "n")', { a: 'USA' })).toBe('n');
    expect(result('IIF([a]<>"x", "y", "n")', { a: 'z' })).toBe('y');
    expect(result('IIF(CDate([a]) < CDate([b]), "y", "n")', { a: '2020-01-01', b: '2021-01-01' })).toBe('y');
  });

  it('treats a comparison with null as false', () => {
    expect(result('IIF([country]="", "empty", "other")')).toBe('other');
    expect(result('IIF([country]<>"US", "not us", "us or null")')).toBe('us or null');
    expect(result('IIF([country]="", "empty", "other")', { country: '' })).toBe('empty');
  });

  it('accepts boolean-valued conditions', () => {
    expect(result('IIF(IsNullOrEmpty([country]), "Other", [country])')).toBe('Other');
    expect(result('IIF([flag], "y", "n")', { flag: true })).toBe('y');
    expect(result('IIF([flag], "y", "n")', { flag: 'TRUE' })).toBe('y');
    expect(result('IIF([flag], "y", "n")', { flag: 'yes' })).toBe('n');
  });

  it('has a compatibility flag for the documented null-condition limitation', () => {
    const compat = { iifNullConditionFails: true };
    expect(result('IIF(IsNullOrEmpty([country]), "Other", [country])', {}, { compat })).toBeUndefined();
    expect(result('IIF(IsNullOrEmpty([country]), "Other", "x")', {}, { compat })).toBe('x');
    expect(result('IIF([country]="US", "a", "b")', { country: 'US' }, { compat })).toBe('a');
  });
});

describe('Switch', () => {
  it('matches case-sensitively and falls back to the default', () => {
    expect(result('Switch([a], "d", "x", "1", "X", "2")', { a: 'X' })).toBe('2');
    expect(result('Switch([a], "d", "x", "1")', { a: 'y' })).toBe('d');
    expect(evaluate('Switch([a], , "x", "1")', { a: 'y' })).toBeNull();
    expect(result('Switch([a], "d", "x", "1", "x", "2")', { a: 'x' })).toBe('1');
  });

  it('matches null and "" with the key ""', () => {
    expect(result('Switch([a], "d", "", "empty")')).toBe('empty');
    expect(result('Switch([a], "d", "", "empty")', { a: '' })).toBe('empty');
  });

  it('compares booleans through their "True"/"False" text', () => {
    expect(result('Switch(IsPresent([jobTitle]), "DefaultValue", "True", [jobTitle])', { jobTitle: 'Boss' })).toBe('Boss');
    expect(result('Switch(IsPresent([jobTitle]), "DefaultValue", "True", [jobTitle])')).toBe('DefaultValue');
    expect(result('Switch([jobTitle],[jobTitle],"","DefaultValue")')).toBe('DefaultValue');
  });

  it('evaluates computed keys in order and only the matching value', () => {
    const expression = 'Switch(IsPresent([directManager]),[directManager], IsPresent([skiplevelManager]),[skiplevelManager], IsPresent([director]),[director])';
    // The documented example reads as source=IsPresent([directManager]), default=[directManager], then pairs;
    // literally, "False" matches the key IsPresent([director]) when director is absent, giving its null value.
    expect(evaluate(expression, { directManager: '', skiplevelManager: 'sk' })).toBeNull();
    expect(result(expression, { directManager: '', skiplevelManager: 'sk', director: 'dir' })).toBe('');
    expect(result('Switch([a], "d", [k1], Error("no"), [k2], "two")', { a: 'b', k1: 'a', k2: 'b' }, { dialect: 'cloudSync' })).toBe('two');
  });

  it('numbers as keys', () => {
    expect(result('Switch([n], "d", 1, "one", 2, "two")', { n: 2 })).toBe('two');
  });
});

describe('Coalesce', () => {
  it('returns the first non-null value, or the trailing default', () => {
    expect(result('Coalesce([a], [b], "default")', { b: 'B' })).toBe('B');
    expect(result('Coalesce([a], [b], "default")')).toBe('default');
    expect(evaluate('Coalesce([a], [b])')).toBeNull();
    expect(result('Coalesce([a], [b])', { a: '', b: 'B' })).toBe('');
    expect(result('Coalesce([a], [b])', { a: '', b: 'B' }, { compat: { coalesceSkipsEmpty: true } })).toBe('B');
    expect(result('Coalesce([a], [b])', { a: [], b: 'B' })).toBe('B');
  });
});

describe('predicates', () => {
  it.each<[string, Record<string, unknown>, string]>([
    ['IsNull([a])', {}, 'True'],
    ['IsNull([a])', { a: '' }, 'False'],
    ['IsNull([a])', { a: [] }, 'True'],
    ['IsNullOrEmpty([a])', { a: '' }, 'True'],
    ['IsNullOrEmpty([a])', { a: ' ' }, 'False'],
    ['IsPresent([a])', { a: 'x' }, 'True'],
    ['IsPresent([a])', { a: ['x'] }, 'True'],
    ['IsPresent([a])', { a: [] }, 'False'],
    ['IsPresent([a])', { a: 0 }, 'True'],
    ['IsString([a])', { a: 'x' }, 'True'],
    ['IsString([a])', { a: 3 }, 'True'],
    ['IsString([a])', { a: true }, 'True'],
    ['IsString([a])', {}, 'False'],
    ['IsString([a])', { a: new Uint8Array([1]) }, 'False'],
    ['IsNothing([a])', {}, 'True'],
    ['Not([a])', { a: 'True' }, 'False'],
    ['Not([a])', { a: true }, 'False'],
    ['Not([a])', { a: 'False' }, 'True'],
    ['Not([a])', {}, 'True'],
    ['Not([a])', { a: 'anything' }, 'True'],
    ['CBool([a] = [b])', { a: 'x', b: 'x' }, 'True'],
    ['CBool([a] = [b])', { a: 'x', b: 'y' }, 'False'],
    ['CBool([a])', { a: 5 }, 'True'],
    ['CBool([a])', { a: '0' }, 'False'],
    ['CBool([a])', { a: '-3' }, 'True'],
    ['CBool([a])', { a: 'true' }, 'True'],
    ['CBool([a])', { a: 'abc' }, 'False'],
    ['CBool([a])', {}, 'False'],
  ])('%s with %j is %s', (expression, attributes, expected) => {
    expect(result(expression, attributes)).toBe(expected);
  });
});

describe('IgnoreFlowIfNullOrEmpty', () => {
  it('passes values through, including multi-valued ones', () => {
    expect(evaluate('IgnoreFlowIfNullOrEmpty([a])', { a: ['x'] })).toEqual(['x']);
    expect(evaluate('IgnoreFlowIfNullOrEmpty([a])', { a: [] })).toBe(IgnoreAttributeFlow);
    expect(evaluate('IgnoreFlowIfNullOrEmpty([a])', { a: ' ' })).toBe(' ');
  });

  it('propagates through enclosing functions', () => {
    expect(evaluate('ToUpper(IgnoreFlowIfNullOrEmpty([a]))')).toBe(IgnoreAttributeFlow);
    expect(evaluate('Join(",", "x", IgnoreFlowIfNullOrEmpty([a]))')).toBe(IgnoreAttributeFlow);
    expect(evaluate('IIF([a]=IgnoreAttributeFlow, "x", "y")')).toBe(IgnoreAttributeFlow);
  });
});
