import { parseAttributePath } from './attribute-path.js';

/**
 * `attr eq "value"`, the only filter the hosted service sends for matching (engine-behavior §2.2). The
 * value is always quoted and written as a JSON string (RFC 7644 §3.4.2.2: compValue is a JSON literal), so
 * quotes, backslashes and control characters are escaped rather than breaking the filter.
 */
export function equalsFilter(attribute: string, value: string | number | boolean): string {
  parseAttributePath(attribute);
  return `${attribute} eq ${JSON.stringify(typeof value === 'string' ? value : String(value))}`;
}

/** Query string with `%20` for spaces, as URL paths expect (not form encoding's `+`). */
export function queryString(parameters: readonly (readonly [string, string])[]): string {
  return parameters.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&');
}
