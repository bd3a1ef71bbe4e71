/** Documented maximum length of one expression (known-issues page). */
export const MAX_EXPRESSION_LENGTH = 10_000;

/**
 * Deepest function nesting accepted. Documented expressions nest about ten levels; the cap keeps recursive
 * parsing, compiling and evaluation far away from the JavaScript stack limit for any input.
 */
export const MAX_NESTING_DEPTH = 100;
