import { isNullOrEmpty, toText } from '../coerce.js';
import { ExpressionEvaluationError } from '../errors.js';
import { parameter } from '../function-definition.js';
import type { FunctionDefinition } from '../function-definition.js';
import { BOTH } from './dialects.js';

/**
 * SelectUniqueValue(rule1, rule2, ...): the first generated value the target does not hold yet, according to the
 * engine's `isUnique` oracle. Rules are evaluated one at a time (so Guid()-based rules are only drawn when
 * needed); a null or empty candidate is skipped. No unique candidate escrows the object: NoUniqueValue.
 */
export const SelectUniqueValue: FunctionDefinition = {
  name: 'SelectUniqueValue',
  dialects: BOTH,
  signatures: [{ parameters: [parameter('uniqueValueRule', 'String', true, { repeating: true })], minArgs: 2 }],
  buildAsync: (site) => {
    const rules = site.args;
    return async (context) => {
      const isUnique = context.isUnique;
      if (!isUnique) {
        throw new ExpressionEvaluationError('MissingContext', 'no uniqueness check was supplied', { functionName: 'SelectUniqueValue' });
      }
      const tried: string[] = [];
      for (const rule of rules) {
        const value = rule ? rule(context) : null;
        if (typeof value === 'symbol') return value;
        if (isNullOrEmpty(value)) continue;
        const candidate = toText(value, 'SelectUniqueValue');
        if (candidate === null) continue;
        tried.push(candidate);
        if (await isUnique(candidate)) return candidate;
      }
      throw new ExpressionEvaluationError('NoUniqueValue', `every candidate already exists: ${tried.map((t) => JSON.stringify(t)).join(', ')}`, {
        functionName: 'SelectUniqueValue',
      });
    };
  },
};
