import { scalarToText } from './coerce.js';
import type { ExpressionValue, ScalarValue } from './values.js';

/**
 * A value as the strings parseExpression's `evaluationResult` holds: one per value of a multi-valued result,
 * none for null or a flow sentinel. Binary values are base64.
 */
export function evaluationResultStrings(value: ExpressionValue): string[] {
  if (value === null || typeof value === 'symbol') return [];
  const values = Array.isArray(value) ? (value as readonly ScalarValue[]) : [value as ScalarValue];
  return values.map((v) => (v instanceof Uint8Array ? Buffer.from(v).toString('base64') : scalarToText(v, 'result')));
}
