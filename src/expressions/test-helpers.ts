import { compileExpression } from './compiler.js';
import type { CompileOptions } from './compiler.js';
import type { EvaluationContext } from './context.js';
import type { Dialect } from './dialect.js';
import { parseExpression } from './parser.js';
import { evaluationResultStrings } from './results.js';
import type { ExpressionValue } from './values.js';

/** Shared by the tests: evaluate expression text against a plain attribute record. */
export const FIXED_NOW = new Date('2025-07-30T12:00:00Z');

export function contextOf(attributes: Record<string, unknown> = {}, extra: Partial<EvaluationContext> = {}): EvaluationContext {
  return { attribute: (name) => attributes[name], now: () => FIXED_NOW, ...extra };
}

export function evaluate(
  text: string,
  attributes: Record<string, unknown> = {},
  options: { dialect?: Dialect; compat?: CompileOptions['compat']; context?: Partial<EvaluationContext> } = {},
): ExpressionValue {
  const compiled = compileExpression(parseExpression(text), { dialect: options.dialect ?? 'appProvisioning', compat: options.compat });
  return compiled.evaluate(contextOf(attributes, options.context));
}

/** The result as parseExpression reports it: a list of strings. */
export function results(text: string, attributes: Record<string, unknown> = {}, options: Parameters<typeof evaluate>[2] = {}): string[] {
  return evaluationResultStrings(evaluate(text, attributes, options));
}

/** The single string result (undefined when there is none). */
export function result(text: string, attributes: Record<string, unknown> = {}, options: Parameters<typeof evaluate>[2] = {}): string | undefined {
  const all = results(text, attributes, options);
  return all.length === 1 ? all[0] : all.length === 0 ? undefined : all.join('|');
}
