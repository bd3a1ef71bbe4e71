import { randomBytes } from 'node:crypto';
import {
  anyOfFilter,
  dnEquals,
  describeShortfalls,
  escapeDnValue,
  escapeFilterValue,
  firstRdn,
  formatGuid,
  formatRdn,
  isGuid,
  LdapConnection,
  LdapNoSuchObjectError,
  parentDn,
  parseGuid,
  readDirectorySchema,
  schemaShortfalls,
  type DirectorySchema,
  type LdapConnectionOptions,
  type LdapConnectionSettings,
  type LdapEntry,
  type LdapModification,
  type LdapValueInput,
  type SchemaShortfall,
} from '../../connectors/ldap/index.js';
import type { AttributeUpdate, TargetConnector, TargetObject } from '../connectors/target-connector.js';
import { EngineError, JobLevelFailure, ObjectFailure } from '../engine-errors.js';
import { fromLdapError, invalidAnchor, ldapJobFailure, ldapUnreachableAction } from './ldap-failures.js';
import { fromLdapValues, toLdapValues, valuesMissingFrom } from './ldap-values.js';

export interface LdapTargetOptions {
  /** The attributes the job maps, per target object class: what `find` reads for the first comparison. */
  readonly attributes: ReadonlyMap<string, readonly string[]>;
  /**
   * Attributes the directory schema must allow per object class before anything is written; when it does not,
   * every operation fails with the job-level `TargetSchemaIncomplete` (`schemaHint` says what to do).
   */
  readonly required?: ReadonlyMap<string, readonly string[]>;
  readonly schemaHint?: (shortfalls: readonly SchemaShortfall[]) => string | undefined;
  /** Where new objects go when no `parentDistinguishedName` is mapped (default: the domain's CN=Users). */
  readonly defaultContainer?: string;
  readonly connection?: LdapConnectionOptions;
}

/** Mapped attributes that are not LDAP attributes: the new object's container. */
const containerAttribute = 'parentdistinguishedname';
/** Attributes read with every object: the anchors of AD and OpenLDAP. */
const anchorAttributes = ['objectGUID', 'entryUUID'];
/** GUIDs per search when resolving member ids to DNs. */
const lookupChunk = 50;

interface Session {
  readonly connection: LdapConnection;
  readonly schema: DirectorySchema;
}

/**
 * An LDAP directory (Active Directory, Samba AD) as a job's target. Objects are identified by their anchor —
 * objectGUID in its text form (entryUUID on OpenLDAP) — and found by it; DNs are looked up when needed and
 * remembered for the cycle, so renames and moves in the directory do not lose the link. Values are converted
 * by the live schema's syntaxes; updates write only the changed attributes, multi-valued ones value by value
 * (adds and removes, never a replace that would drop values written by others), with the permissive-modify
 * control so that a value already there or already gone is no failure.
 */
export class LdapTarget implements TargetConnector {
  readonly displayName: string;
  readonly unreachableAction = ldapUnreachableAction;
  #session: Promise<Session> | undefined;
  readonly #dns = new Map<string, string>();

  constructor(
    private readonly settings: LdapConnectionSettings,
    private readonly options: LdapTargetOptions,
  ) {
    this.displayName = settings.domain ?? settings.baseDn;
  }

  async probe(objectType: string, matchingAttribute: string): Promise<void> {
    try {
      const found = await this.find(objectType, matchingAttribute, formatGuid(randomBytes(16)));
      if (found.length > 0) throw ldapJobFailure('InvalidMatchingAttribute', `A search on a random ${matchingAttribute} found ${found.length} object(s).`);
    } catch (error) {
      if (error instanceof ObjectFailure) {
        const code = error.connectionFailure ? 'TargetUnreachable' : error.code;
        throw ldapJobFailure(code, `Test connection failed: ${error.message}`, error);
      }
      if (error instanceof JobLevelFailure) {
        throw new JobLevelFailure(error.code, `Test connection failed: ${error.message}`, { recommendedAction: error.recommendedAction, cause: error });
      }
      throw error;
    }
  }

  find(objectType: string, attribute: string, value: string): Promise<readonly TargetObject[]> {
    return this.#call(async ({ connection, schema }) => {
      const type = schema.attribute(attribute);
      let filterValue: string | Uint8Array = value;
      if (type?.valueSyntax === 'binary') filterValue = isGuid(value) ? parseGuid(value) : Buffer.from(value, 'base64');
      if (filterValue.length === 0) return [];
      const filter = `(&(objectClass=${escapeFilterValue(objectType)})(${attribute}=${escapeFilterValue(filterValue)}))`;
      const found: TargetObject[] = [];
      for await (const entry of connection.search({ base: this.settings.baseDn, filter, attributes: this.#readAttributes(objectType) })) {
        found.push(this.#targetObject(entry, schema));
      }
      return found;
    });
  }

  create(objectType: string, attributes: ReadonlyMap<string, unknown>): Promise<TargetObject> {
    return this.#call(async ({ connection, schema }) => {
      const values: Record<string, LdapValueInput[]> = { objectClass: [objectType] };
      let container = this.options.defaultContainer ?? `CN=Users,${this.settings.baseDn}`;
      for (const [path, value] of attributes) {
        if (path.toLowerCase() === containerAttribute) {
          if (typeof value === 'string' && value !== '') container = value;
          continue;
        }
        const converted = toLdapValues(value, schema.attribute(path));
        if (converted.length > 0) values[path] = converted;
      }
      const cn = Object.entries(values).find(([name]) => name.toLowerCase() === 'cn')?.[1][0];
      if (typeof cn !== 'string') {
        throw new ObjectFailure('MissingObjectName', 'A new directory object needs a cn: map one to the target attribute cn.', { retryable: false });
      }
      const dn = `CN=${escapeDnValue(cn)},${container}`;
      await connection.add(dn, values);
      const entry = await connection.read(dn, this.#readAttributes(objectType));
      if (entry === undefined) throw new ObjectFailure('InternalError', `${dn} was created but cannot be read back.`, { retryable: true });
      return this.#targetObject(entry, schema);
    });
  }

  update(objectType: string, id: string, changes: readonly AttributeUpdate[]): Promise<void> {
    return this.#call(async ({ connection, schema }) => {
      const dn = await this.#dnOf(connection, id);
      const modifications: LdapModification[] = [];
      let newRdn: string | undefined;
      let newParent: string | undefined;
      for (const change of changes) {
        const name = change.path.toLowerCase();
        if (name === containerAttribute) {
          if (typeof change.newValue === 'string' && change.newValue !== '') newParent = change.newValue;
        } else if (name === 'cn') {
          // The RDN cannot be modified, only renamed.
          if (typeof change.newValue === 'string' && change.newValue !== '') newRdn = `CN=${escapeDnValue(change.newValue)}`;
        } else {
          modifications.push(...modificationsFor(change, schema));
        }
      }
      await this.#withDn(connection, id, dn, (current) => connection.modify(current, modifications, { permissive: true }));
      // A rename or move, like any write, looks the DN up once more when the object moved in the meantime.
      await this.#withDn(connection, id, this.#dns.get(id) ?? dn, async (current) => {
        const moves = newParent !== undefined && !dnEquals(newParent, parentDn(current));
        if (newRdn === undefined && !moves) return;
        const rdn = newRdn ?? formatRdn(firstRdn(current) ?? []);
        this.#dns.set(id, await connection.modifyDn(current, rdn, moves ? newParent : undefined));
      });
    });
  }

  delete(_objectType: string, id: string): Promise<void> {
    return this.#call(async ({ connection }) => {
      let dn: string;
      try {
        dn = await this.#dnOf(connection, id);
      } catch (error) {
        // Already gone is what a delete wants (a replayed cycle may delete twice).
        if (error instanceof ObjectFailure && error.code === 'InvalidAnchor') return;
        throw error;
      }
      try {
        await connection.delete(dn);
      } catch (error) {
        if (!(error instanceof LdapNoSuchObjectError)) throw error;
      }
      this.#dns.delete(id);
    });
  }

  updateMembers(_objectType: string, groupId: string, add: readonly string[], remove: readonly string[]): Promise<void> {
    if (add.length === 0 && remove.length === 0) return Promise.resolve();
    return this.#call(async ({ connection }) => {
      const dns = await this.#dnsOf(connection, [...add, ...remove]);
      const missing = add.filter((id) => !dns.has(id));
      if (missing.length > 0) {
        throw invalidAnchor(`Members to add no longer exist in the directory: ${missing.join(', ')}.`);
      }
      const modifications: LdapModification[] = [];
      if (add.length > 0) modifications.push({ operation: 'add', attribute: 'member', values: add.map((id) => dns.get(id) as string) });
      // A member that is gone from the directory is gone from the group too.
      const removed = remove.flatMap((id) => dns.get(id) ?? []);
      if (removed.length > 0) modifications.push({ operation: 'delete', attribute: 'member', values: removed });
      const groupDn = await this.#dnOf(connection, groupId);
      await this.#withDn(connection, groupId, groupDn, (current) => connection.modify(current, modifications, { permissive: true }));
    });
  }

  /** Unbinds; a later operation connects again. */
  async close(): Promise<void> {
    const session = this.#session;
    this.#session = undefined;
    await session?.then((s) => s.connection.close()).catch(() => undefined);
  }

  #readAttributes(objectType: string): string[] {
    const mapped = this.options.attributes.get(objectType) ?? [];
    return [...new Set([...anchorAttributes, ...mapped.filter((name) => name.toLowerCase() !== containerAttribute)])];
  }

  #targetObject(entry: LdapEntry, schema: DirectorySchema): TargetObject {
    const id = anchorOf(entry);
    this.#dns.set(id, entry.dn);
    return Object.freeze({
      id,
      valueOf: (path: string) => (path.toLowerCase() === containerAttribute ? parentDn(entry.dn) : fromLdapValues(entry, path, schema.attribute(path))),
    });
  }

  /** Runs a write against the DN known for `id`; if the object moved since, looks it up again once. */
  async #withDn(connection: LdapConnection, id: string, dn: string, write: (dn: string) => Promise<void>): Promise<void> {
    try {
      await write(dn);
    } catch (error) {
      if (!(error instanceof LdapNoSuchObjectError)) throw error;
      this.#dns.delete(id);
      await write(await this.#dnOf(connection, id));
    }
  }

  async #dnOf(connection: LdapConnection, id: string): Promise<string> {
    const dn = this.#dns.get(id) ?? (await this.#dnsOf(connection, [id])).get(id);
    if (dn === undefined) throw invalidAnchor(`The object ${id} no longer exists in the directory.`);
    return dn;
  }

  /** DNs of objects by anchor, from the cycle's memory or one search per chunk. */
  async #dnsOf(connection: LdapConnection, ids: readonly string[]): Promise<Map<string, string>> {
    const result = new Map<string, string>();
    const unknown: string[] = [];
    for (const id of new Set(ids)) {
      const dn = this.#dns.get(id);
      if (dn === undefined) unknown.push(id);
      else result.set(id, dn);
    }
    // entryUUIDs are written like GUIDs, so the directory, not the id's shape, says which attribute holds them.
    const openLdap = unknown.length > 0 && (await connection.rootDse()).kind === 'openLdap';
    const candidates = openLdap ? unknown : unknown.filter(isGuid);
    for (let start = 0; start < candidates.length; start += lookupChunk) {
      const chunk = candidates.slice(start, start + lookupChunk);
      const filter = openLdap ? anyOfFilter('entryUUID', chunk) : anyOfFilter('objectGUID', chunk.map(parseGuid));
      for await (const entry of connection.search({ base: this.settings.baseDn, filter, attributes: anchorAttributes })) {
        const id = anchorOf(entry);
        this.#dns.set(id, entry.dn);
        result.set(id, entry.dn);
      }
    }
    return result;
  }

  async #open(): Promise<Session> {
    this.#session ??= (async () => {
      const connection = await LdapConnection.open(this.settings, this.options.connection);
      try {
        const schema = await readDirectorySchema(connection);
        const shortfalls = schemaShortfalls(schema, this.options.required ?? new Map());
        if (shortfalls.length > 0) {
          const hint = this.options.schemaHint?.(shortfalls);
          throw ldapJobFailure('TargetSchemaIncomplete', `The directory schema does not allow what the job writes: ${describeShortfalls(shortfalls)}.${hint === undefined ? '' : ` ${hint}`}`);
        }
        return { connection, schema };
      } catch (error) {
        await connection.close();
        throw error;
      }
    })();
    try {
      return await this.#session;
    } catch (error) {
      this.#session = undefined;
      throw error;
    }
  }

  async #call<T>(operation: (session: Session) => Promise<T>): Promise<T> {
    try {
      return await operation(await this.#open());
    } catch (error) {
      if (error instanceof EngineError) throw error;
      throw fromLdapError(error);
    }
  }
}

/** The modifications of one changed attribute: multi-valued ones value by value, single-valued ones replaced. */
function modificationsFor(change: AttributeUpdate, schema: DirectorySchema): LdapModification[] {
  const type = schema.attribute(change.path);
  const attribute = type?.name ?? change.path;
  const wanted = toLdapValues(change.newValue, type);
  if (wanted.length === 0) return [{ operation: 'replace', attribute, values: [] }];
  const multiValued = type === undefined ? Array.isArray(change.newValue) : !type.singleValued;
  if (!multiValued) return [{ operation: 'replace', attribute, values: wanted }];
  const previous = toLdapValues(change.oldValue, type);
  const modifications: LdapModification[] = [];
  const added = valuesMissingFrom(wanted, previous);
  const removed = valuesMissingFrom(previous, wanted);
  if (added.length > 0) modifications.push({ operation: 'add', attribute, values: added });
  if (removed.length > 0) modifications.push({ operation: 'delete', attribute, values: removed });
  return modifications;
}

function anchorOf(entry: LdapEntry): string {
  const guid = entry.buffer('objectGUID');
  if (guid !== undefined && guid.length === 16) return formatGuid(guid);
  return entry.text('entryUUID') ?? entry.dn;
}
