import type { EvaluationContext } from './context.js';
import type { BuildSite, Thunk } from './function-definition.js';
import type { ExpressionValue, ScalarValue } from './values.js';

/*
 * Builders for the common shapes of functions: evaluate supplied arguments left to right, pass flow sentinels
 * straight through (an ignored attribute stays ignored whatever wraps it), then call the implementation.
 * An argument slot left empty arrives as `undefined`.
 */

type Arg = ExpressionValue | undefined;

function run(thunk: Thunk | undefined, context: EvaluationContext): Arg {
  return thunk === undefined ? undefined : thunk(context);
}

export function eager1(site: BuildSite, impl: (a: ExpressionValue, context: EvaluationContext) => ExpressionValue): Thunk {
  const a = site.args[0]!;
  return (context) => {
    const va = a(context);
    return typeof va === 'symbol' ? va : impl(va, context);
  };
}

export function eager2(site: BuildSite, impl: (a: ExpressionValue, b: Arg, context: EvaluationContext) => ExpressionValue): Thunk {
  const [a, b] = site.args;
  return (context) => {
    const va = a!(context);
    if (typeof va === 'symbol') return va;
    const vb = run(b, context);
    return typeof vb === 'symbol' ? vb : impl(va, vb, context);
  };
}

export function eager3(site: BuildSite, impl: (a: ExpressionValue, b: Arg, c: Arg, context: EvaluationContext) => ExpressionValue): Thunk {
  const [a, b, c] = site.args;
  return (context) => {
    const va = a!(context);
    if (typeof va === 'symbol') return va;
    const vb = run(b, context);
    if (typeof vb === 'symbol') return vb;
    const vc = run(c, context);
    return typeof vc === 'symbol' ? vc : impl(va, vb, vc, context);
  };
}

export function eagerN(site: BuildSite, impl: (values: readonly Arg[], context: EvaluationContext) => ExpressionValue): Thunk {
  const args = site.args;
  return (context) => {
    const values: Arg[] = new Array<Arg>(args.length);
    for (let i = 0; i < args.length; i++) {
      const value = run(args[i], context);
      if (typeof value === 'symbol') return value;
      values[i] = value;
    }
    return impl(values, context);
  };
}

/**
 * Applies a single-value string operation to each value of a multi-valued source (Trim is documented this way;
 * the other string functions follow suit). Values that map to null are dropped.
 */
export function eachValue(source: ExpressionValue, map: (value: ScalarValue | null) => ExpressionValue): ExpressionValue {
  if (!Array.isArray(source)) return map(source as ScalarValue | null);
  const out: ScalarValue[] = [];
  for (const item of source as readonly ScalarValue[]) {
    const mapped = map(item);
    if (mapped !== null && typeof mapped !== 'symbol') {
      if (Array.isArray(mapped)) out.push(...(mapped as readonly ScalarValue[]));
      else out.push(mapped as ScalarValue);
    }
  }
  return Object.freeze(out);
}
