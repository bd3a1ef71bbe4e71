/**
 * A whole number from the environment variable `name`, `fallback` when it is unset. A bad value stops the benchmark
 * before its setup starts a server or a DC, rather than sizing it to nothing (Number('') is 0, Number('2k') NaN).
 */
export function envCount(name: string, fallback: number, min = 1): number {
  const text = process.env[name];
  if (text === undefined) return fallback;
  const value = Number(text);
  if (text.trim() === '' || !Number.isInteger(value) || value < min) throw new Error(`${name} must be a whole number of at least ${min}, not "${text}"`);
  return value;
}
