import {
  adAnchor,
  createDeltaReader,
  decodeWatermark,
  escapeFilterValue,
  firstRdn,
  isGuid,
  LdapConnection,
  LdapNoSuchObjectError,
  LdapWatermarkError,
  openLdapAnchor,
  parseGuid,
  type DeltaReaderOptions,
  type DirectoryChange,
  type LdapConnectionOptions,
  type LdapConnectionSettings,
  type LdapEntry,
} from '../../connectors/ldap/index.js';
import type { SynchronizationError } from '../../sync/jobs/synchronization-job.js';
import { goneObject, type IncrementalImport, type MembershipChange, type SourceConnector, type SourceObject } from '../connectors/source-connector.js';
import { entryAttributes, ldapAttributeNames, referencedDns, type SourceAttribute } from './ldap-attributes.js';
import { DnIndex, type KnownObject } from './ldap-dn-index.js';
import { sourceFailure } from './ldap-failures.js';
import { isLdapObjectType, objectTypeFilter, objectTypeOf, objectTypesFilter, type LdapObjectType } from './ldap-object-types.js';
import { containersNotFoundError, LdapScope, type DirectoryFlavor } from './ldap-scope.js';
import type { LdapSourceSchema } from './ldap-source-schema.js';

/** The objects a job has provisioned, from its connector data store. */
export interface ProvisionedObjects {
  /** Every linked anchor with its source type, in pages. */
  all(): AsyncIterable<readonly (readonly [anchor: string, type: string])[]>;
  /** The source types of these anchors, for those linked (a deleted object is known by its anchor alone). */
  typesOf(anchors: readonly string[]): Promise<ReadonlyMap<string, string>>;
}

export interface LdapSourceOptions {
  readonly settings: LdapConnectionSettings;
  /** Types, attributes and scope from the job's schema. */
  readonly schema: LdapSourceSchema;
  readonly provisioned: ProvisionedObjects;
  readonly connection?: LdapConnectionOptions;
  /** OpenLDAP: how often the entryUUIDs in scope are compared with the provisioned ones to find deletions. */
  readonly deletionCheckIntervalMs?: number;
  readonly now?: () => Date;
}

/** Objects per search when reading by anchor or DN (one OR filter each). */
const batchSize = 100;

/** The connection and what depends on the kind of directory behind it, settled on first use. */
interface Session {
  readonly connection: LdapConnection;
  readonly flavor: DirectoryFlavor;
  readonly scope: LdapScope;
  /** Attributes every read asks for. */
  readonly attributes: readonly string[];
}

/**
 * An Active Directory domain (or an OpenLDAP tree) as a job's source: cloud sync's `ldap->directory` flow
 * (engine-behavior §5). Ids are anchors — objectGUID as GUID text, entryUUID on OpenLDAP — which survive
 * renames and moves and are what deletions are reported by; references (`manager`, `member`) are turned
 * from DNs into those ids, members out of scope dropped. Every live object is `enabled` (cloud sync creates
 * disabled accounts too: userAccountControl flows through the mapping) and `entitled` when in scope
 * (`LdapScope`); an object that leaves scope is read as not entitled, one deleted in the directory as gone.
 * Full imports are paged searches per OU, incremental imports the connector's delta readers (DirSync,
 * uSNChanged, entryCSN) from the job's watermark. One connection per cycle, opened on first use and closed
 * by `close`; every LDAP failure stops the cycle (`sourceFailure`).
 */
export class LdapSource implements SourceConnector {
  readonly #options: LdapSourceOptions;
  readonly #index = new DnIndex();
  /** Objects an incremental import read, served to readObjects without reading them again. */
  readonly #read = new Map<string, SourceObject>();
  #session: Promise<Session> | undefined;

  constructor(options: LdapSourceOptions) {
    this.#options = options;
  }

  async currentWatermark(): Promise<string> {
    return this.#guard(async () => {
      const session = await this.#open();
      return (await createDeltaReader(session.connection, this.#deltaOptions(session))).position();
    });
  }

  /**
   * containerFilter entries within the domain that do not exist (an OU typed wrongly, or deleted): their
   * searches find nothing, and incremental cycles never search them, so only this check tells. A failure of the
   * check itself is no finding: the cycle's own reads report an unreachable directory.
   */
  async configurationError(): Promise<SynchronizationError | null> {
    if (this.#options.schema.containers.length === 0) return null;
    try {
      const session = await this.#open();
      const missing: string[] = [];
      for (const base of session.scope.bases) {
        try {
          await session.connection.searchOnce({ base, scope: 'base', filter: '(objectClass=*)', attributes: ['1.1'] });
        } catch (error) {
          if (!(error instanceof LdapNoSuchObjectError) || error.dn !== base) throw error;
          missing.push(base);
        }
      }
      return containersNotFoundError(missing);
    } catch {
      return null;
    }
  }

  async *fullImport(objectType: string, pageSize: number): AsyncGenerator<readonly SourceObject[]> {
    if (!isLdapObjectType(objectType) || !this.#options.schema.types.has(objectType)) return;
    try {
      const session = await this.#open();
      for (const base of session.scope.bases) {
        const request = { base, filter: session.scope.filter(objectTypeFilter(objectType)), attributes: session.attributes, pageSize };
        for await (const page of this.#pagesUnder(session, request)) {
          const objects = (await this.#objects(session, page)).filter((object) => object.objectType === objectType && object.entitled);
          if (objects.length > 0) yield objects;
        }
      }
    } catch (error) {
      throw sourceFailure(error);
    }
  }

  async countInScope(objectType: string): Promise<number> {
    if (!isLdapObjectType(objectType) || !this.#options.schema.types.has(objectType)) return 0;
    return this.#guard(async () => {
      const session = await this.#open();
      let count = 0;
      for (const base of session.scope.bases) {
        const request = { base, filter: session.scope.filter(objectTypeFilter(objectType)), attributes: ['1.1'] };
        for await (const page of this.#pagesUnder(session, request)) count += page.length;
      }
      return count;
    });
  }

  async incrementalImport(watermark: string, limit: number): Promise<IncrementalImport> {
    return this.#guard(async () => {
      const session = await this.#open();
      const method = decodeWatermark(watermark)?.method;
      if (method !== undefined && (method === 'entryCsn') !== (session.flavor === 'openLdap')) {
        throw new LdapWatermarkError(`The watermark was written by the ${method} method, which this directory does not offer; a full import is needed`);
      }
      const reader = await createDeltaReader(session.connection, this.#deltaOptions(session), watermark);
      const objects = new Map<string, string>();
      const memberships: MembershipChange[] = [];
      const reconcileGroups = new Set<string>();
      const deleted: string[] = [];
      let deltas = 0;
      let referenceDeltas = 0;
      let widen = false;
      let next = watermark;
      let hasMore = false;
      for await (const batch of reader.readChanges(watermark)) {
        deltas += batch.changes.length;
        const upserts = batch.changes.filter((change): change is Extract<DirectoryChange, { kind: 'upsert' }> => change.kind === 'upsert');
        for (const object of await this.#objects(session, upserts.map((change) => change.entry))) {
          objects.set(object.id, object.objectType);
          this.#read.set(object.id, object);
        }
        for (const change of upserts) {
          const group = this.#index.get(change.entry.dn);
          if (!group || group.type !== 'group') continue;
          const scoping = session.scope.isScopingGroup(change.entry.dn);
          const deltasOfMembers = (change.valueDeltas ?? []).filter((delta) => /^(member|uniqueMember)$/i.test(delta.attribute));
          if (deltasOfMembers.length === 0) {
            // DirSync names the members that came and went; the other methods only that the group changed.
            if (reader.method === 'dirSync') continue;
            reconcileGroups.add(group.anchor);
            if (!scoping) continue;
            // A scoping group's current members may have come into scope; those that left are among the provisioned.
            widen = true;
            const current = referencedDns(change.entry, 'member', session.flavor);
            await this.#lookup(session, this.#index.unknown(current));
            for (const dn of current) {
              const member = this.#index.get(dn);
              if (member) objects.set(member.anchor, member.type);
            }
            continue;
          }
          const dns = deltasOfMembers.flatMap((delta) => [...delta.added, ...delta.removed]);
          await this.#lookup(session, this.#index.unknown(dns));
          for (const dn of dns) {
            const member = this.#index.get(dn);
            if (!member) continue;
            referenceDeltas += 1;
            memberships.push({ groupId: group.anchor, memberId: member.anchor });
            // Members of a scoping group come into or leave scope with their membership.
            if (scoping) objects.set(member.anchor, member.type);
          }
        }
        for (const change of batch.changes) {
          if (change.kind !== 'delete') continue;
          deleted.push(change.anchor);
          this.#read.delete(change.anchor);
        }
        next = batch.watermark;
        // Only a watermark that moved can be continued from (readers keep the old one within a long read).
        if (batch.more && objects.size + deleted.length >= limit && batch.watermark !== watermark) {
          hasMore = true;
          break;
        }
      }
      for (const [anchor, type] of await this.#options.provisioned.typesOf(deleted)) objects.set(anchor, type);
      if (widen) for await (const page of this.#options.provisioned.all()) for (const [anchor, type] of page) if (!objects.has(anchor)) objects.set(anchor, type);
      return {
        changes: { objects, memberships, reconcileGroups: [...reconcileGroups], deltas, referenceDeltas },
        watermark: next,
        hasMore,
      };
    });
  }

  async readObjects(objectType: string, ids: readonly string[]): Promise<SourceObject[]> {
    return this.#guard(async () => {
      const found = new Map<string, SourceObject>();
      const missing: string[] = [];
      for (const id of ids) {
        const cached = this.#read.get(id);
        if (cached) found.set(id, cached);
        else missing.push(id);
      }
      if (missing.length > 0) {
        const session = await this.#open();
        for (const object of await this.#objects(session, await this.#byAnchor(session, missing))) found.set(object.id, object);
      }
      return ids.map((id) => found.get(id) ?? goneObject(id, objectType));
    });
  }

  async groupsContaining(memberIds: readonly string[]): Promise<Map<string, string[]>> {
    return this.#guard(async () => {
      const result = new Map<string, string[]>();
      if (!this.#options.schema.types.has('group')) return result;
      const session = await this.#open();
      // The members were read in this cycle (they were just provisioned): their DNs are known.
      const members = new DnIndex();
      const dns: string[] = [];
      for (const id of memberIds) {
        const dn = this.#index.dnOf(id);
        const known = dn === undefined ? undefined : this.#index.get(dn);
        if (dn === undefined || !known) continue;
        members.remember(dn, known);
        dns.push(dn);
      }
      const names = session.flavor === 'openLdap' ? ['member', 'uniqueMember'] : ['member'];
      const attributes = ['objectClass', anchorAttribute(session.flavor), ...names];
      for (let start = 0; start < dns.length; start += batchSize) {
        const terms = dns.slice(start, start + batchSize).flatMap((dn) => names.map((name) => `(${name}=${escapeFilterValue(dn)})`));
        const filter = `(&${objectTypeFilter('group')}(|${terms.join('')}))`;
        for await (const group of session.connection.search({ base: this.#options.settings.baseDn, filter, attributes })) {
          const groupId = anchorFor(group, session.flavor);
          for (const dn of referencedDns(group, 'member', session.flavor)) {
            const member = members.get(dn);
            if (!member) continue;
            const groups = result.get(member.anchor) ?? [];
            if (!groups.includes(groupId)) result.set(member.anchor, [...groups, groupId]);
          }
        }
      }
      return result;
    });
  }

  /** provisionOnDemand names AD objects by distinguished name; an anchor works too. */
  async readSubjects(objectType: string, names: readonly string[]): Promise<SourceObject[]> {
    return this.#guard(async () => {
      const session = await this.#open();
      const anchors = names.filter((name) => !name.includes('='));
      const entries: LdapEntry[] = [];
      for (const dn of names.filter((name) => name.includes('='))) {
        const entry = await session.connection.read(dn, session.attributes);
        if (entry) entries.push(entry);
      }
      const objects = await this.#objects(session, entries);
      const byAnchor = anchors.length === 0 ? [] : (await this.readObjects(objectType, anchors)).filter((object) => object.state !== 'gone');
      return [...objects, ...byAnchor];
    });
  }

  /** Closes the connection (the cycle is over). */
  async close(): Promise<void> {
    const session = this.#session;
    this.#session = undefined;
    if (session) await (await session.catch(() => undefined))?.connection.close();
  }

  #open(): Promise<Session> {
    this.#session ??= this.#connect();
    return this.#session;
  }

  async #connect(): Promise<Session> {
    const connection = await LdapConnection.open(this.#options.settings, this.#options.connection);
    try {
      const flavor: DirectoryFlavor = (await connection.rootDse()).kind === 'activeDirectory' ? 'activeDirectory' : 'openLdap';
      const scope = new LdapScope({ baseDn: this.#options.settings.baseDn, containers: this.#options.schema.containers, groups: this.#options.schema.groups }, flavor);
      return { connection, flavor, scope, attributes: searchAttributes(this.#options.schema, scope, flavor) };
    } catch (error) {
      await connection.close();
      throw error;
    }
  }

  #deltaOptions(session: Session): DeltaReaderOptions {
    const types = [...this.#options.schema.types.keys()];
    const provisioned = this.#options.provisioned;
    return {
      filter: objectTypesFilter(types),
      attributes: session.attributes,
      ...(session.flavor === 'openLdap' ? { knownAnchors: () => anchorsOf(provisioned) } : {}),
      ...(this.#options.deletionCheckIntervalMs === undefined ? {} : { fullComparisonIntervalMs: this.#options.deletionCheckIntervalMs }),
      ...(this.#options.now ? { now: this.#options.now } : {}),
    };
  }

  /** A paged search; an OU of the containerFilter that no longer exists holds nothing (cloud sync carries on). */
  async *#pagesUnder(session: Session, request: Parameters<LdapConnection['searchPages']>[0]): AsyncGenerator<readonly LdapEntry[]> {
    try {
      yield* session.connection.searchPages(request);
    } catch (error) {
      if (error instanceof LdapNoSuchObjectError && error.dn === request.base) return;
      throw error;
    }
  }

  /** Entries by anchor, searched from the domain's root (so objects moved out of the OUs are found). */
  async #byAnchor(session: Session, ids: readonly string[]): Promise<LdapEntry[]> {
    const attribute = anchorAttribute(session.flavor);
    const values = ids.flatMap((id) => (!isGuid(id) ? [] : [session.flavor === 'activeDirectory' ? escapeFilterValue(parseGuid(id)) : escapeFilterValue(id)]));
    const entries: LdapEntry[] = [];
    for (let start = 0; start < values.length; start += batchSize) {
      const terms = values.slice(start, start + batchSize).map((value) => `(${attribute}=${value})`);
      const filter = terms.length === 1 ? (terms[0] as string) : `(|${terms.join('')})`;
      for await (const entry of session.connection.search({ base: this.#options.settings.baseDn, filter, attributes: session.attributes })) entries.push(entry);
    }
    return entries;
  }

  /** Looks up DNs met in references: their anchors, types and scope (null: no provisioned kind of object). */
  async #lookup(session: Session, dns: readonly string[]): Promise<void> {
    const attribute = session.flavor === 'activeDirectory' ? 'distinguishedName' : 'entryDN';
    const attributes = unique(['objectClass', anchorAttribute(session.flavor), ...session.scope.attributes]);
    for (let start = 0; start < dns.length; start += batchSize) {
      const slice = dns.slice(start, start + batchSize);
      const terms = slice.map((dn) => `(${attribute}=${escapeFilterValue(dn)})`);
      const filter = terms.length === 1 ? (terms[0] as string) : `(|${terms.join('')})`;
      for (const dn of slice) this.#index.remember(dn, null);
      for await (const entry of session.connection.search({ base: this.#options.settings.baseDn, filter, attributes })) this.#describe(session, entry);
    }
  }

  /** Indexes an entry by its DN; undefined for entries of a type the job does not map. */
  #describe(session: Session, entry: LdapEntry): KnownObject | undefined {
    const type = objectTypeOf(entry);
    const known = type !== undefined && this.#options.schema.types.has(type) ? { anchor: anchorFor(entry, session.flavor), type, inScope: session.scope.includes(entry) } : null;
    this.#index.remember(entry.dn, known);
    return known ?? undefined;
  }

  /** Entries as source objects, references resolved (one lookup for the DNs not met yet). */
  async #objects(session: Session, entries: readonly LdapEntry[]): Promise<SourceObject[]> {
    const described: { entry: LdapEntry; known: KnownObject }[] = [];
    for (const entry of entries) {
      const known = this.#describe(session, entry);
      if (known) described.push({ entry, known });
    }
    const references = described.flatMap(({ entry, known }) =>
      this.#attributesOf(known.type)
        .filter((attribute) => attribute.type === 'Reference')
        .flatMap((attribute) => referencedDns(entry, attribute.name, session.flavor)),
    );
    await this.#lookup(session, this.#index.unknown(references));
    const resolve = (dn: string): string | undefined => {
      const target = this.#index.get(dn);
      return target?.inScope ? target.anchor : undefined;
    };
    return described.map(({ entry, known }) =>
      Object.freeze({
        id: known.anchor,
        objectType: known.type,
        state: 'live' as const,
        displayName: entry.text('displayName') ?? entry.text('cn') ?? firstRdn(entry.dn)?.[0]?.value ?? null,
        entitled: known.inScope,
        enabled: true,
        attributes: Object.freeze(entryAttributes(entry, this.#attributesOf(known.type), session.flavor, resolve)),
        appRoleAssignments: Object.freeze([]),
      }),
    );
  }

  #attributesOf(type: LdapObjectType): readonly SourceAttribute[] {
    return this.#options.schema.types.get(type) ?? [];
  }

  async #guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      throw sourceFailure(error);
    }
  }
}

/** The attributes every read of the source asks for: type, anchor, scope and the schema's attributes. */
export function searchAttributes(schema: LdapSourceSchema, scope: LdapScope, flavor: DirectoryFlavor): string[] {
  const schemaAttributes = [...schema.types.values()].flat();
  return unique(['objectClass', anchorAttribute(flavor), ...scope.attributes, ...ldapAttributeNames(schemaAttributes, flavor)]);
}

function anchorAttribute(flavor: DirectoryFlavor): string {
  return flavor === 'activeDirectory' ? 'objectGUID' : 'entryUUID';
}

function anchorFor(entry: LdapEntry, flavor: DirectoryFlavor): string {
  return flavor === 'activeDirectory' ? adAnchor(entry) : openLdapAnchor(entry);
}

async function* anchorsOf(provisioned: ProvisionedObjects): AsyncGenerator<string> {
  for await (const page of provisioned.all()) for (const [anchor] of page) yield anchor;
}

function unique(names: readonly string[]): string[] {
  return [...new Map(names.map((name) => [name.toLowerCase(), name])).values()];
}
