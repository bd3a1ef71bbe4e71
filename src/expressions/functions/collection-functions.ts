import { scalarToText, toInteger, toSafeInteger, toText } from '../coerce.js';
import { DateTimeValue } from '../date-time-value.js';
import { ExpressionEvaluationError } from '../errors.js';
import { eager1, eager2 } from '../function-helpers.js';
import { parameter } from '../function-definition.js';
import type { FunctionDefinition } from '../function-definition.js';
import type { ExpressionValue, ScalarValue } from '../values.js';
import { BOTH, CLOUD_SYNC } from './dialects.js';

function asList(value: ExpressionValue): readonly ScalarValue[] {
  if (value === null) return [];
  return Array.isArray(value) ? (value as readonly ScalarValue[]) : [value as ScalarValue];
}

export const CStr: FunctionDefinition = {
  name: 'CStr',
  dialects: BOTH,
  signatures: [{ parameters: [parameter('value')] }],
  build: (site) => eager1(site, (value) => toText(value, 'CStr')),
};

export const BitAnd: FunctionDefinition = {
  name: 'BitAnd',
  dialects: BOTH,
  signatures: [{ parameters: [parameter('value1', 'Integer'), parameter('value2', 'Integer')] }],
  build: (site) =>
    eager2(site, (a, b) => {
      const x = toInteger(a, 'BitAnd', 'value1');
      const y = toInteger(b ?? null, 'BitAnd', 'value2');
      if (x === null || y === null) return null;
      const result = BigInt(x) & BigInt(y);
      return result >= BigInt(Number.MIN_SAFE_INTEGER) && result <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(result) : result;
    }),
};

export const Count: FunctionDefinition = {
  name: 'Count',
  dialects: BOTH,
  signatures: [{ parameters: [parameter('attribute')] }],
  // Null counts 0 and a single value 1 (§4.3 DECISION).
  build: (site) => eager1(site, (value) => asList(value).length),
};

export const Item: FunctionDefinition = {
  name: 'Item',
  dialects: BOTH,
  signatures: [{ parameters: [parameter('attribute'), parameter('index', 'Integer')] }],
  build: (site) =>
    eager2(site, (source, indexArg) => {
      const index = toSafeInteger(indexArg ?? null, 'Item', 'index');
      if (source === null || index === null) return null;
      const list = asList(source);
      const item = list[index - 1];
      if (index < 1 || item === undefined) {
        throw new ExpressionEvaluationError('IndexOutOfRange', `index ${index} is outside 1..${list.length}`, { functionName: 'Item' });
      }
      return item;
    }),
};

/** Cloud Sync's companion of Item: the 1-based index of the first value containing the text, 0 when none does. */
export const Contains: FunctionDefinition = {
  name: 'Contains',
  dialects: CLOUD_SYNC,
  undocumented: true,
  signatures: [{ parameters: [parameter('attribute'), parameter('search')] }],
  build: (site) =>
    eager2(site, (source, searchArg) => {
      const search = toText(searchArg ?? null, 'Contains');
      if (search === null) return null;
      const list = asList(source);
      for (let i = 0; i < list.length; i++) {
        if (scalarToText(list[i]!, 'Contains').includes(search)) return i + 1;
      }
      return 0;
    }),
};

function identity(value: ScalarValue): string {
  if (value instanceof DateTimeValue) return `d:${value.epochMs}:${value.subMsTicks}`;
  if (value instanceof Uint8Array) return `b:${Buffer.from(value).toString('base64')}`;
  return `${typeof value}:${typeof value === 'object' ? JSON.stringify(value) : String(value)}`;
}

export const RemoveDuplicates: FunctionDefinition = {
  name: 'RemoveDuplicates',
  dialects: BOTH,
  signatures: [{ parameters: [parameter('attribute')] }],
  // Order-preserving, case-sensitive (§4.3 DECISION).
  build: (site) =>
    eager1(site, (value) => {
      if (value === null) return null;
      const seen = new Set<string>();
      const out: ScalarValue[] = [];
      for (const item of asList(value)) {
        const key = identity(item);
        if (!seen.has(key)) {
          seen.add(key);
          out.push(item);
        }
      }
      return Object.freeze(out);
    }),
};
