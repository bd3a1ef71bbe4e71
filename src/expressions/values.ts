import { DateTimeValue } from './date-time-value.js';

/**
 * Flow sentinels. A mapping that yields `IgnoreAttributeFlow` drops the attribute from the payload (what
 * IgnoreFlowIfNullOrEmpty produces on null/empty); `IgnoreObjectFlow` skips the whole object (Workday's
 * `objectFilter` pseudo attribute). Both differ from `null`, which means "no value".
 */
export const IgnoreAttributeFlow: unique symbol = Symbol.for('provisio.expressions.IgnoreAttributeFlow');
export const IgnoreObjectFlow: unique symbol = Symbol.for('provisio.expressions.IgnoreObjectFlow');
export type FlowSentinel = typeof IgnoreAttributeFlow | typeof IgnoreObjectFlow;

/** A structured value such as an app role from AppRoleAssignmentsComplex. Stringifies as JSON. */
export interface ComplexValue {
  readonly [key: string]: string | number | boolean | null;
}

export type ScalarValue = string | number | bigint | boolean | DateTimeValue | Uint8Array | ComplexValue;
/** An ordered list of values from a multi-valued attribute, Split, RemoveDuplicates, ... */
export type MultiValue = readonly ScalarValue[];
export type ExpressionValue = null | ScalarValue | MultiValue | FlowSentinel;

export function isFlowSentinel(value: unknown): value is FlowSentinel {
  return value === IgnoreAttributeFlow || value === IgnoreObjectFlow;
}

export { DateTimeValue };
