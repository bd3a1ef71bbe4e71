import type { DetailsInfo, ModifiedProperty } from './provisioning-object-summary.js';

/** What the hosted service shows in place of a value that must not be logged. */
export const redactedValue = '[Redact]';

/**
 * Which attribute names carry secrets, matched case-insensitively against the whole name and against each
 * segment of a path (`passwordProfile.password`, `urn:…:User:password`). A value of such an attribute never
 * reaches the store.
 */
export interface RedactionRules {
  /** Names that are secret as a whole: `CredentialData` (password hash sync), `unicodePwd`, … */
  readonly names: readonly string[];
  /** Fragments that make any name secret: `password`, `secret`, … */
  readonly fragments: readonly string[];
}

export const defaultRedactionRules: RedactionRules = Object.freeze({
  names: Object.freeze(['CredentialData', 'unicodePwd', 'dBCSPwd', 'ntPwdHistory', 'lmPwdHistory', 'supplementalCredentials']),
  fragments: Object.freeze(['password', 'secret', 'credential', 'passphrase']),
});

/** True when values of the attribute `name` must be redacted under `rules`. */
export function isSecretName(name: string, rules: RedactionRules = defaultRedactionRules): boolean {
  // The engine logs the same few attribute names over and over: decide each once per rule set.
  const matcher = matchers.get(rules) ?? compileMatcher(rules);
  let secret = matcher.decided.get(name);
  if (secret === undefined) {
    secret = matcher.test(name);
    if (matcher.decided.size < 10_000) matcher.decided.set(name, secret);
  }
  return secret;
}

interface Matcher {
  readonly test: (name: string) => boolean;
  readonly decided: Map<string, boolean>;
}

const matchers = new WeakMap<RedactionRules, Matcher>();

function compileMatcher(rules: RedactionRules): Matcher {
  const names = new Set(rules.names.map((secret) => secret.toLowerCase()));
  const fragments = rules.fragments.map((fragment) => fragment.toLowerCase());
  const test = (name: string) => {
    const lower = name.toLowerCase();
    if (names.has(lower) || lower.split(/[.:/[\]]/).some((segment) => names.has(segment))) return true;
    return fragments.some((fragment) => lower.includes(fragment));
  };
  const matcher = { test, decided: new Map<string, boolean>() };
  matchers.set(rules, matcher);
  return matcher;
}

/**
 * The property as it may be logged: both values replaced by `[Redact]` when the mapping that produced them
 * uses `Redact(…)` (`expressionRedacts`, from CompiledExpression.redactsOutput) or when the attribute name
 * is secret under `rules`. A null value stays null: that a value was cleared or absent discloses nothing.
 */
export function redactModifiedProperty(
  property: ModifiedProperty,
  options: { readonly expressionRedacts?: boolean; readonly rules?: RedactionRules } = {},
): ModifiedProperty {
  if (options.expressionRedacts !== true && !isSecretName(property.displayName, options.rules)) return property;
  return Object.freeze({
    displayName: property.displayName,
    oldValue: property.oldValue === null ? null : redactedValue,
    newValue: property.newValue === null ? null : redactedValue,
  });
}

/** Step, system and identity details with the values of secret-named keys redacted. */
export function redactDetails(details: DetailsInfo, rules: RedactionRules = defaultRedactionRules): DetailsInfo {
  const secretKeys = Object.keys(details).filter((key) => isSecretName(key, rules));
  if (secretKeys.length === 0) return details;
  return Object.freeze(Object.fromEntries(Object.entries(details).map(([key, value]) => [key, secretKeys.includes(key) ? redactedValue : value])));
}
