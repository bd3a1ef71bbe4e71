import {
  DnSyntaxError,
  escapeFilterValue,
  firstRdn,
  isDnWithin,
  LdapConfigurationError,
  normalizeDn,
  type LdapEntry,
} from '../../connectors/ldap/index.js';
import type { SynchronizationError } from '../../sync/jobs/synchronization-job.js';

/** Which kind of directory: AD marks its system objects, OpenLDAP has no such attribute. */
export type DirectoryFlavor = 'activeDirectory' | 'openLdap';

export interface LdapScopeDefinition {
  /** The domain's naming context (the Domain secret, or BaseDN). */
  readonly baseDn: string;
  /** The rule's `containerFilter.includedContainers`: OUs whose subtrees are in scope (none: the whole domain). */
  readonly containers: readonly string[];
  /** The rule's `groupFilter.includedGroups`: groups whose direct members are in scope (none: no group scoping). */
  readonly groups: readonly string[];
}

/**
 * Which directory objects a cloud sync job provisions (engine-behavior §5.2): the domain, or the subtrees of
 * the listed OUs; only direct members of the listed groups when group scoping is on (no nesting); never AD's
 * critical system objects (Administrator, krbtgt, the built-in groups) nor replication conflict objects
 * (`CNF:` names). Full imports search each OU's subtree with the exclusions in the filter; objects read by
 * anchor (moved, changed) are checked with `includes`.
 */
export class LdapScope {
  /** Search bases of a full import: the OUs within the domain, none inside another; or the domain. */
  readonly bases: readonly string[];
  readonly #flavor: DirectoryFlavor;
  readonly #groups: readonly string[];
  readonly #groupKeys: ReadonlySet<string>;

  constructor(definition: LdapScopeDefinition, flavor: DirectoryFlavor) {
    this.#flavor = flavor;
    const base = checked(definition.baseDn, 'base');
    const containers = definition.containers.map((dn) => checked(dn, 'containerFilter'));
    const outside = containersOutsideDomain(base, containers);
    const within = [...new Map(containers.filter((dn) => !outside.includes(dn)).map((dn) => [normalizeDn(dn), dn])).values()];
    const outermost = within.filter((dn) => !within.some((other) => other !== dn && isDnWithin(dn, other)));
    this.bases = Object.freeze(containers.length === 0 ? [base] : outermost);
    this.#groups = Object.freeze(definition.groups.map((dn) => checked(dn, 'groupFilter')));
    this.#groupKeys = new Set(this.#groups.map(normalizeDn));
  }

  /** The attributes `includes` reads, beyond the DN. */
  get attributes(): readonly string[] {
    return [...(this.#flavor === 'activeDirectory' ? ['isCriticalSystemObject'] : []), ...(this.#groups.length > 0 ? ['memberOf'] : [])];
  }

  /** Whether group scoping is on (the groups' membership changes move their members in or out of scope). */
  isScopingGroup(dn: string): boolean {
    return this.#groupKeys.has(normalizeDn(dn));
  }

  /** The full-import filter for a type's filter: system objects excluded, group scoping by memberOf. */
  filter(typeFilter: string): string {
    const terms = [typeFilter];
    // OpenLDAP does not know isCriticalSystemObject: a NOT of an unknown attribute matches nothing there.
    if (this.#flavor === 'activeDirectory') terms.push('(!(isCriticalSystemObject=TRUE))');
    if (this.#groups.length > 0) terms.push(anyOf(this.#groups.map((dn) => `(memberOf=${escapeFilterValue(dn)})`)));
    return terms.length === 1 ? typeFilter : `(&${terms.join('')})`;
  }

  includes(entry: LdapEntry): boolean {
    if (entry.text('isCriticalSystemObject')?.toUpperCase() === 'TRUE') return false;
    if (isConflictObject(entry.dn)) return false;
    if (!this.bases.some((base) => isDnWithin(entry.dn, base))) return false;
    if (this.#groupKeys.size > 0 && !entry.strings('memberOf').some((group) => this.#groupKeys.has(normalizeDn(group)))) return false;
    return true;
  }
}

/**
 * The containerFilter entries outside the domain's naming context: no search of the domain reaches them, so the
 * scope ignores them. Entries that are no distinguished names are not among them (the scope refuses those).
 */
export function containersOutsideDomain(baseDn: string, containers: readonly string[]): string[] {
  return containers.filter((dn) => {
    try {
      return !isDnWithin(dn, baseDn);
    } catch (error) {
      if (error instanceof DnSyntaxError) return false;
      throw error;
    }
  });
}

/**
 * What a cycle reports about containerFilter entries outside the domain (an OU typed wrongly, another domain's):
 * they are ignored, and without this the job would synchronize nothing from them and say nothing. Null: none.
 */
export function containersOutsideDomainError(baseDn: string, containers: readonly string[]): SynchronizationError | null {
  const outside = containersOutsideDomain(baseDn, containers);
  if (outside.length === 0) return null;
  const one = outside.length === 1;
  return {
    code: 'ContainerOutsideDomain',
    message:
      `The containerFilter ${one ? 'entry' : 'entries'} ${outside.map((dn) => `'${dn}'`).join(', ')} ${one ? 'is' : 'are'} outside the domain's ` +
      `naming context '${baseDn}' and ${one ? 'was' : 'were'} ignored: only objects under '${baseDn}' are read. ` +
      `Correct the synchronization rule's containerFilter in the job's schema (PUT …/schema), or the Domain or BaseDN secret.`,
    tenantActionable: true,
  };
}

/** What a cycle reports about containerFilter entries within the domain that do not exist. Null: none. */
export function containersNotFoundError(missing: readonly string[]): SynchronizationError | null {
  if (missing.length === 0) return null;
  const one = missing.length === 1;
  return {
    code: 'ContainerNotFound',
    message:
      `The containerFilter ${one ? 'entry' : 'entries'} ${missing.map((dn) => `'${dn}'`).join(', ')} ${one ? 'does' : 'do'} not exist in the directory: ` +
      `nothing is read from ${one ? 'it' : 'them'}. Correct the synchronization rule's containerFilter in the job's schema (PUT …/schema).`,
    tenantActionable: true,
  };
}

/** AD renames the loser of a replication naming conflict `CN=name\0ACNF:<guid>`; cloud sync skips those. */
function isConflictObject(dn: string): boolean {
  try {
    return firstRdn(dn)?.some((part) => part.value.includes('\nCNF:')) ?? false;
  } catch {
    return false;
  }
}

function anyOf(terms: readonly string[]): string {
  return terms.length === 1 ? (terms[0] as string) : `(|${terms.join('')})`;
}

function checked(dn: string, what: string): string {
  try {
    normalizeDn(dn);
    return dn;
  } catch (error) {
    if (error instanceof DnSyntaxError) throw new LdapConfigurationError(`The ${what} entry '${dn}' is not a distinguished name`);
    throw error;
  }
}
