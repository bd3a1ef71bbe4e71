import { describe, expect, it } from 'vitest';
import { compileExpression } from './compiler.js';
import type { CompileOptions } from './compiler.js';
import { ExpressionCompileError, ExpressionEvaluationError } from './errors.js';
import { parseExpression } from './parser.js';
import { contextOf } from './test-helpers.js';

const app: CompileOptions = { dialect: 'appProvisioning' };
const cloud: CompileOptions = { dialect: 'cloudSync' };
const compile = (text: string, options: CompileOptions = app) => compileExpression(parseExpression(text), options);

function compileError(text: string, options: CompileOptions = app): ExpressionCompileError {
  try {
    compile(text, options);
  } catch (error) {
    expect(error).toBeInstanceOf(ExpressionCompileError);
    return error as ExpressionCompileError;
  }
  throw new Error(`expected ${text} not to compile`);
}

describe('compileExpression: compile-time checks', () => {
  it.each([
    ['Frobnicate([a])', 'UnknownFunction', 1, 1],
    ['AssertNotNull([a])', 'UnknownFunction', 1, 1],
    ['Join(",", Mid([a]))', 'WrongArity', 1, 11],
    ['IIF([a]="x", "y")', 'WrongArity', 1, 1],
    ['Switch([a], "d", "k")', 'WrongArity', 1, 1],
    ['Switch([a], "d", "k", "v", "k2")', 'WrongArity', 1, 1],
    ['Replace([a], , , , , , , )', 'WrongArity', 1, 1],
    ['Mid([a], , 2)', 'MissingArgument', 1, 1],
    ['InStr("a", "b", 1, UTF8)', 'UnexpectedKeyword', 1, 20],
    ['Join(vbTextCompare, [a])', 'UnexpectedKeyword', 1, 6],
    ['InStr("a", "b", 1, "vbSomething")', 'InvalidArgument', 1, 20],
    ['ToLower([a], "!!")', 'InvalidArgument', 1, 14],
    ['Replace([a], , "[", , "", , )', 'InvalidArgument', 1, 16],
    ['Replace([a], , "(?<x>a)", "y", "", , )', 'InvalidArgument', 1, 27],
  ])('%s → %s at %i:%i', (text, code, line, column) => {
    const error = compileError(text);
    expect(error.code).toBe(code);
    expect([error.line, error.column]).toEqual([line, column]);
    expect(error.message).toMatch(new RegExp(` at ${line}:${column}$`));
  });

  it('knows which functions each dialect has', () => {
    expect(compileError('Trim([a])').code).toBe('FunctionNotInDialect');
    expect(compileError('Error("x")').code).toBe('FunctionNotInDialect');
    expect(compileError('ConvertFromBase64([a])').code).toBe('FunctionNotInDialect');
    expect(compileError('DateAdd("d", 1, Now())', cloud).code).toBe('FunctionNotInDialect');
    expect(compileError('IgnoreFlowIfNullOrEmpty([a])', cloud).message).toBe('IgnoreFlowIfNullOrEmpty is only available in app provisioning expressions at 1:1');
    expect(() => compile('Trim([a])', cloud)).not.toThrow();
    expect(() => compile('NumFromDate([a])', app)).not.toThrow();
  });

  it('checks attributes against the directory schema when one is given', () => {
    const knownAttribute = (name: string) => ['givenName', 'surname'].includes(name);
    expect(() => compile('Join(" ", [givenName], [surname])', { ...app, knownAttribute })).not.toThrow();
    const error = compileError('Join(" ", [givenName], [Surname])', { ...app, knownAttribute });
    expect([error.code, error.column]).toEqual(['UnknownAttribute', 24]);
    expect(() => compile('SingleAppRoleAssignment([appRoleAssignments])', { ...app, knownAttribute })).not.toThrow();
  });

  it('resolves function names case-insensitively with a warning', () => {
    const compiled = compile('Cstr(GUID())', cloud);
    expect(compiled.warnings.map((w) => w.message)).toEqual(["'Cstr' should be written 'CStr'", "'GUID' should be written 'Guid'"]);
    expect(compile('CStr("x")', cloud).warnings).toEqual([]);
  });

  it('reports without positions for trees that have none', () => {
    const error = (() => {
      try {
        compileExpression({ kind: 'call', name: 'Nope', args: [] }, app);
      } catch (e) {
        return e as ExpressionCompileError;
      }
      return undefined;
    })();
    expect(error).toMatchObject({ code: 'UnknownFunction', line: undefined, message: "unknown function 'Nope'" });
  });
});

describe('compileExpression: metadata', () => {
  it('lists referenced attributes once, in order', () => {
    expect(compile('Join(" ", [b], Mid([a], 1, 1), [b], IIF([c]="x", [d], [a]))').referencedAttributes).toEqual(['b', 'a', 'c', 'd']);
  });

  it('flags Redact and names the top-level function', () => {
    const compiled = compile('Redact(RandomString(6,3,0,0,3))');
    expect(compiled.redactsOutput).toBe(true);
    expect(compiled.topLevelFunction).toBe('Redact');
    expect(compile('[mail]').topLevelFunction).toBeNull();
    expect(compile('[mail]').redactsOutput).toBe(false);
  });

  it('returns frozen results', () => {
    const compiled = compile('Join(" ", [a])');
    expect(Object.isFrozen(compiled)).toBe(true);
    expect(Object.isFrozen(compiled.referencedAttributes)).toBe(true);
  });
});

describe('compileExpression: evaluation', () => {
  it('compiles once and evaluates per object', () => {
    const compiled = compile('Join(" ", [givenName], [surname])');
    expect(compiled.evaluate(contextOf({ givenName: 'A', surname: 'B' }))).toBe('A B');
    expect(compiled.evaluate(contextOf({ givenName: 'C' }))).toBe('C');
  });

  it('evaluates bare attributes, constants and numbers', () => {
    expect(compile('[mail]').evaluate(contextOf({ mail: 'x@y' }))).toBe('x@y');
    expect(compile('[mail]').evaluate(contextOf({}))).toBeNull();
    expect(compile('"x"').evaluate(contextOf())).toBe('x');
    expect(compile('42').evaluate(contextOf())).toBe(42);
    expect(compile('[n]').evaluate(contextOf({ n: new Date('2020-01-01T00:00:00Z') }))).toMatchObject({ epochMs: Date.parse('2020-01-01T00:00:00Z') });
    expect(compile('[list]').evaluate(contextOf({ list: ['a', null, undefined, 'b'] }))).toEqual(['a', 'b']);
  });

  it('concatenates with & (null as "") in both dialects', () => {
    expect(compile('"t-" & [alias] & 1').evaluate(contextOf({ alias: 'x' }))).toBe('t-x1');
    expect(compile('"t-" & [alias]', cloud).evaluate(contextOf())).toBe('t-');
    expect(compile('[a] & "x" = "yx"').evaluate(contextOf({ a: 'y' }))).toBe(true);
  });

  it('wraps failures of the caller-supplied context in ExpressionEvaluationError', () => {
    const compiled = compile('ToLower([a])');
    const failing = {
      attribute: () => {
        throw new TypeError('boom');
      },
    };
    expect(() => compiled.evaluate(failing)).toThrow(ExpressionEvaluationError);
    expect(() => compiled.evaluate(failing)).toThrow(expect.objectContaining({ code: 'ContextError', message: 'boom' }));
  });

  it('rejects multi-valued values where a single value is needed', () => {
    expect(() => compile('IIF([p]="a", "y", "n")').evaluate(contextOf({ p: ['a', 'b'] }))).toThrow(expect.objectContaining({ code: 'MultiValuedArgument' }));
    expect(compile('IIF([p]="a", "y", "n")').evaluate(contextOf({ p: ['a'] }))).toBe('y');
  });
});
