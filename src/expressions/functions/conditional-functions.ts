import { collectAttributeNames } from '../ast-walk.js';
import { isNullOrEmpty, isTruthy, normalizeAttributeValue, scalar, toText } from '../coerce.js';
import { DateTimeValue } from '../date-time-value.js';
import { ExpressionEvaluationError } from '../errors.js';
import { eager1, eagerN } from '../function-helpers.js';
import { parameter } from '../function-definition.js';
import type { FunctionDefinition, Thunk } from '../function-definition.js';
import { IgnoreAttributeFlow } from '../values.js';
import type { ExpressionValue } from '../values.js';
import { APP_PROVISIONING, BOTH, CLOUD_SYNC } from './dialects.js';

export const IIF: FunctionDefinition = {
  name: 'IIF',
  dialects: BOTH,
  signatures: [{ parameters: [parameter('condition', 'Boolean'), parameter('valueIfTrue'), parameter('valueIfFalse')] }],
  // Only the selected branch runs: IIF(IsPresent(x), x, Error(...)) must not raise when x is present.
  build: (site) => {
    const [condition, whenTrue, whenFalse] = site.args as [Thunk, Thunk, Thunk];
    const guarded = site.compat.iifNullConditionFails === true ? collectAttributeNames(site.nodes[0] ?? null) : [];
    return (context) => {
      for (const name of guarded) {
        if (isNullOrEmpty(normalizeAttributeValue(context.attribute(name)))) return whenFalse(context);
      }
      const value = condition(context);
      if (typeof value === 'symbol') return value;
      return isTruthy(value) ? whenTrue(context) : whenFalse(context);
    };
  },
};

/** The string Switch compares: null and "" both match the key "" (the documented empty-value test). */
function switchKey(value: ExpressionValue): string {
  return toText(value, 'Switch') ?? '';
}

export const Switch: FunctionDefinition = {
  name: 'Switch',
  dialects: BOTH,
  signatures: [
    {
      parameters: [parameter('source'), parameter('defaultValue', 'String', false), parameter('switchValue', 'String', true, { repeating: true })],
      checkArity: (count) => ((count - 2) % 2 === 0 ? undefined : 'Switch needs key/value pairs after source and defaultValue'),
      minArgs: 4,
    },
  ],
  build: (site) => {
    const source = site.args[0]!;
    const fallback = site.args[1];
    const keys: Thunk[] = [];
    const values: Thunk[] = [];
    // All keys literal (the usual case): one map lookup instead of evaluating keys in turn.
    let index: Map<string, number> | undefined = new Map<string, number>();
    // Backwards, so that the first of two equal keys is the one left in the table.
    for (let i = site.args.length - 2; i >= 2; i -= 2) {
      const key = site.constantText(i);
      if (key === undefined) index = undefined;
      else index?.set(key, (i - 2) / 2);
    }
    for (let i = 2; i < site.args.length; i += 2) {
      keys.push(site.args[i]!);
      values.push(site.args[i + 1]!);
    }
    if (index) {
      const table = index;
      return (context) => {
        const value = source(context);
        if (typeof value === 'symbol') return value;
        const hit = table.get(typeof value === 'string' ? value : switchKey(value));
        if (hit !== undefined) return values[hit]!(context);
        return fallback ? fallback(context) : null;
      };
    }
    return (context) => {
      const value = source(context);
      if (typeof value === 'symbol') return value;
      const key = switchKey(value);
      for (let i = 0; i < keys.length; i++) {
        const candidate = keys[i]!(context);
        if (typeof candidate === 'symbol') return candidate;
        if (candidate !== null && toText(candidate, 'Switch') === key) return values[i]!(context);
      }
      // No match and no default: null, so the attribute is not flowed (§4.2 DECISION).
      return fallback ? fallback(context) : null;
    };
  },
};

export const Coalesce: FunctionDefinition = {
  name: 'Coalesce',
  dialects: APP_PROVISIONING,
  signatures: [{ parameters: [parameter('source', 'String', true, { repeating: true })] }],
  build: (site) => {
    const skipEmpty = site.compat.coalesceSkipsEmpty === true;
    return eagerN(site, (values) => {
      for (const value of values) {
        if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) continue;
        if (skipEmpty && value === '') continue;
        return value;
      }
      return null;
    });
  },
};

export const IsNull: FunctionDefinition = {
  name: 'IsNull',
  dialects: BOTH,
  signatures: [{ parameters: [parameter('Expression')] }],
  build: (site) => eager1(site, (value) => value === null || (Array.isArray(value) && value.length === 0)),
};

export const IsNothing: FunctionDefinition = {
  name: 'IsNothing',
  dialects: APP_PROVISIONING,
  undocumented: true,
  signatures: [{ parameters: [parameter('source', 'Boolean')] }],
  build: (site) => eager1(site, (value) => value === null || (Array.isArray(value) && value.length === 0)),
};

export const IsNullOrEmpty: FunctionDefinition = {
  name: 'IsNullOrEmpty',
  dialects: BOTH,
  signatures: [{ parameters: [parameter('Expression')] }],
  build: (site) => eager1(site, isNullOrEmpty),
};

export const IsPresent: FunctionDefinition = {
  name: 'IsPresent',
  dialects: BOTH,
  signatures: [{ parameters: [parameter('Expression')] }],
  build: (site) => eager1(site, (value) => !isNullOrEmpty(value)),
};

export const IsString: FunctionDefinition = {
  name: 'IsString',
  dialects: BOTH,
  signatures: [{ parameters: [parameter('Expression')] }],
  // "Could CStr convert it": strings, numbers, booleans and DateTimes yes; null, binary and lists no.
  build: (site) =>
    eager1(site, (value) => {
      if (value === null || Array.isArray(value) || value instanceof Uint8Array) return false;
      return ['string', 'number', 'bigint', 'boolean'].includes(typeof value) || value instanceof DateTimeValue;
    }),
};

export const Not: FunctionDefinition = {
  name: 'Not',
  dialects: BOTH,
  signatures: [{ parameters: [parameter('source', 'Boolean')] }],
  // "If source is True returns False, otherwise returns True": Not(null) is True.
  build: (site) => eager1(site, (value) => !isTruthy(scalar(value, 'Not'))),
};

export const CBool: FunctionDefinition = {
  name: 'CBool',
  dialects: BOTH,
  signatures: [{ parameters: [parameter('Expression')] }],
  build: (site) =>
    eager1(site, (raw) => {
      const value = scalar(raw, 'CBool');
      if (typeof value === 'boolean') return value;
      if (typeof value === 'number') return value !== 0;
      if (typeof value === 'bigint') return value !== 0n;
      if (typeof value === 'string') {
        if (/^\s*[+-]?\d+\s*$/.test(value)) return BigInt(value.trim()) !== 0n;
        return isTruthy(value.trim());
      }
      return false;
    }),
};

export const IgnoreFlowIfNullOrEmpty: FunctionDefinition = {
  name: 'IgnoreFlowIfNullOrEmpty',
  dialects: APP_PROVISIONING,
  signatures: [{ parameters: [parameter('expression')] }],
  build: (site) => eager1(site, (value) => (isNullOrEmpty(value) ? IgnoreAttributeFlow : value)),
};

export const ErrorFunction: FunctionDefinition = {
  name: 'Error',
  dialects: CLOUD_SYNC,
  signatures: [{ parameters: [parameter('ErrorMessage')] }],
  build: (site) =>
    eager1(site, (message) => {
      throw new ExpressionEvaluationError('CustomError', toText(message, 'Error') ?? 'Error() was called', { functionName: 'Error' });
    }),
};
