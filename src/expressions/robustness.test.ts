import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Expression, Keyword } from './ast.js';
import { KEYWORDS } from './ast.js';
import { compileExpression } from './compiler.js';
import { ExpressionCompileError, ExpressionEvaluationError } from './errors.js';
import { FUNCTIONS } from './function-registry.js';
import { contextOf } from './test-helpers.js';

/** Random calls of real functions on random data: only the module's typed errors may come out. */
describe('compile and evaluate robustness', () => {
  const attributeValues = fc.oneof(
    fc.string(),
    fc.string({ unit: 'binary', maxLength: 30 }),
    fc.constantFrom('2020-03-16-07:00', '8/25/2021 5:41:18 PM', 'True', 'false', '0', '-5', '129699324000000000', 'SGVsbG8=', 'cn=a,dc=b', '(?<x>a)', '[', 'yyyy-MM-dd'),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
    fc.uint8Array({ maxLength: 28 }),
  );
  const leaf: fc.Arbitrary<Expression> = fc.oneof(
    fc.constantFrom('a', 'b', 'c').map((name) => ({ kind: 'attribute' as const, name })),
    fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('d', 'yyyy', 'o', '-', '(x)', '${x}', 'vbTextCompare', 'UTF8', '2021-01-01')).map((value) => ({ kind: 'string' as const, value })),
    fc.integer({ min: -5, max: 300 }).map((value) => ({ kind: 'number' as const, value, hex: false })),
    fc.constantFrom<Keyword>(...KEYWORDS).map((name) => ({ kind: 'keyword' as const, name })),
  );
  const names = FUNCTIONS.map((f) => f.name);
  const expression = fc.letrec<{ node: Expression }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.record({ kind: fc.constant('call' as const), name: fc.constantFrom(...names), args: fc.array(fc.option(tie('node'), { nil: null, freq: 5 }), { maxLength: 5 }) }),
      fc.record({ kind: fc.constant('comparison' as const), operator: fc.constantFrom('=', '<>', '<', '>=' as const), left: leaf, right: leaf }) as fc.Arbitrary<Expression>,
    ),
  })).node;

  it('never leaks untyped errors', async () => {
    await fc.assert(
      fc.asyncProperty(expression, fc.constantFrom('appProvisioning' as const, 'cloudSync' as const), attributeValues, attributeValues, async (ast, dialect, a, b) => {
        let compiled;
        try {
          compiled = compileExpression(ast, { dialect });
        } catch (error) {
          expect(error).toBeInstanceOf(ExpressionCompileError);
          return;
        }
        try {
          await compiled.evaluateAsync(contextOf({ a, b, c: [a, b] }, { isUnique: () => true, defaultDomain: 'contoso.com' }));
        } catch (error) {
          expect(error).toBeInstanceOf(ExpressionEvaluationError);
          expect((error as ExpressionEvaluationError).code).not.toBe('InternalError');
          expect((error as ExpressionEvaluationError).code).not.toBe('ContextError');
        }
      }),
      { numRuns: 2000 },
    );
  });
});
