import { isIP } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import { Client, type Control, type SearchOptions } from 'ldapts';
import { binaryAttributeSet, defaultBinaryAttributes, isBinaryAttribute } from './binary-attributes.js';
import type { LdapConnectionSettings, LdapServer } from './connection-settings.js';
import { parentDn } from './dn.js';
import { toLdapError } from './error-mapping.js';
import { parseFilter } from './filter-parsing.js';
import { readAhead } from './read-ahead.js';
import { entryFromLdapts, uniformValues, type LdapEntry } from './ldap-entry.js';
import {
  LdapBusyError,
  type LdapError,
  LdapNoSuchObjectError,
  LdapOperationError,
  LdapTimeoutError,
  LdapTlsError,
  LdapUnreachableError,
} from './ldap-errors.js';
import { toLdaptsAttributes, toLdaptsChange, type LdapAttributesInput, type LdapModification } from './modification.js';
import { rootDseAttributes, rootDseFromEntry, type RootDse } from './root-dse.js';
import { PermissiveModifyControl } from './simple-controls.js';

export interface LdapConnectionOptions {
  /** TCP (and TLS) connect timeout per server; the next server is tried after it. Default 10 s. */
  readonly connectTimeoutMs?: number;
  /** Per LDAP operation (one page of a paged search). Default 120 s. */
  readonly operationTimeoutMs?: number;
  /** Default page size of paged searches. Default 500. */
  readonly pageSize?: number;
  /** Attributes to hand out as Buffers in addition to the defaults (objectGUID, objectSid, photos...). */
  readonly binaryAttributes?: readonly string[];
}

export interface LdapSearchRequest {
  readonly base: string;
  readonly scope?: 'base' | 'one' | 'sub';
  /** RFC 4515 filter; default `(objectClass=*)`. */
  readonly filter?: string;
  /** Default: all user attributes. */
  readonly attributes?: readonly string[];
  readonly pageSize?: number;
}

const defaults = { connectTimeoutMs: 10_000, operationTimeoutMs: 120_000, pageSize: 500 };

/** The failures that say "this server, not the configuration": worth trying the next one. */
function isServerProblem(error: LdapError): boolean {
  return error instanceof LdapUnreachableError || error instanceof LdapTimeoutError || error instanceof LdapTlsError || error instanceof LdapBusyError;
}

/**
 * A bound session with one directory server, over ldapts. Opening tries the configured servers in order
 * (failover) and binds with the job's account; when the connection drops, the next operation reconnects
 * the same way, so nothing ever runs unauthenticated. Searches are paged and streamed page by page;
 * referrals are ignored; every failure is a typed LdapError.
 */
export class LdapConnection {
  readonly settings: LdapConnectionSettings;
  readonly #options: Required<Omit<LdapConnectionOptions, 'binaryAttributes'>>;
  readonly #binary: ReadonlySet<string>;
  /** Binary attribute names in their usual spellings, for ldapts' case-sensitive explicitBufferAttributes. */
  readonly #binarySpellings: readonly string[];
  #client: Client | undefined;
  #server: LdapServer | undefined;
  #rootDse: RootDse | undefined;
  #closed = false;

  private constructor(settings: LdapConnectionSettings, options: LdapConnectionOptions) {
    this.settings = settings;
    this.#options = {
      connectTimeoutMs: options.connectTimeoutMs ?? defaults.connectTimeoutMs,
      operationTimeoutMs: options.operationTimeoutMs ?? defaults.operationTimeoutMs,
      pageSize: options.pageSize ?? defaults.pageSize,
    };
    this.#binary = binaryAttributeSet(options.binaryAttributes);
    const names = [...defaultBinaryAttributes, ...(options.binaryAttributes ?? [])];
    this.#binarySpellings = Object.freeze([...new Set([...names, ...names.map((n) => n.toLowerCase())])]);
  }

  /** Connects and binds (trying each server in turn). */
  static async open(settings: LdapConnectionSettings, options: LdapConnectionOptions = {}): Promise<LdapConnection> {
    const connection = new LdapConnection(settings, options);
    await connection.#bound();
    return connection;
  }

  /** URL of the server currently in use. */
  get server(): string | undefined {
    return this.#server?.url;
  }

  /** The root DSE of the server in use (read once per server; `refresh` reads it again, e.g. for the current USN). */
  async rootDse(options: { readonly refresh?: boolean } = {}): Promise<RootDse> {
    await this.#bound();
    if (this.#rootDse === undefined || options.refresh === true) {
      const entries = await this.searchOnce({ base: '', scope: 'base', filter: '(objectClass=*)', attributes: rootDseAttributes });
      const entry = entries[0];
      if (entry === undefined) throw new LdapOperationError('The server returned no root DSE', { server: this.server });
      this.#rootDse = rootDseFromEntry(entry);
    }
    return this.#rootDse;
  }

  /**
   * Paged search, one array per page, the next page requested while the caller works on this one;
   * `attr;range=` values (AD's large groups) are fetched completely.
   */
  async *searchPages(request: LdapSearchRequest, controls: readonly Control[] = []): AsyncGenerator<readonly LdapEntry[]> {
    const client = await this.#bound();
    const server = this.server;
    const options: SearchOptions = { ...this.#searchOptions(request), paged: { pageSize: request.pageSize ?? this.#options.pageSize } };
    try {
      for await (const page of readAhead(client.searchPaginated(request.base, options, [...controls]))) {
        const entries = page.searchEntries.map((raw) => entryFromLdapts(raw, this.#binary));
        yield await this.#completeRanges(entries);
      }
    } catch (error) {
      throw toLdapError(error, { operation: 'search', server, dn: request.base });
    }
  }

  /** Paged search streamed entry by entry. */
  async *search(request: LdapSearchRequest, controls: readonly Control[] = []): AsyncGenerator<LdapEntry> {
    for await (const page of this.searchPages(request, controls)) yield* page;
  }

  /**
   * One unpaged search operation with the given controls; for controls that cannot be combined with
   * paging (DirSync). Attribute values are returned as the server sent them (ranges untouched).
   */
  async searchOnce(request: LdapSearchRequest, controls: readonly Control[] = []): Promise<readonly LdapEntry[]> {
    const client = await this.#bound();
    try {
      const result = await client.search(request.base, this.#searchOptions(request), [...controls]);
      return result.searchEntries.map((raw) => entryFromLdapts(raw, this.#binary));
    } catch (error) {
      throw toLdapError(error, { operation: 'search', server: this.server, dn: request.base });
    }
  }

  /** The entry at `dn`, or undefined when there is none. */
  async read(dn: string, attributes?: readonly string[], controls: readonly Control[] = []): Promise<LdapEntry | undefined> {
    try {
      const entries = await this.searchOnce({ base: dn, scope: 'base', filter: '(objectClass=*)', attributes }, controls);
      return entries[0];
    } catch (error) {
      if (error instanceof LdapNoSuchObjectError) return undefined;
      throw error;
    }
  }

  async add(dn: string, attributes: LdapAttributesInput): Promise<void> {
    const client = await this.#bound();
    try {
      await client.add(dn, toLdaptsAttributes(attributes));
    } catch (error) {
      throw toLdapError(error, { operation: 'add', server: this.server, dn });
    }
  }

  /**
   * Applies the modifications in one request (atomic on the server). With `permissive`, servers that
   * support it (AD) treat adding a present value or deleting an absent one as success.
   */
  async modify(dn: string, modifications: readonly LdapModification[], options: { readonly permissive?: boolean } = {}): Promise<void> {
    if (modifications.length === 0) return;
    const controls = options.permissive && (await this.rootDse()).supportedControls.has(PermissiveModifyControl.oid) ? [new PermissiveModifyControl()] : [];
    const client = await this.#bound();
    try {
      await client.modify(dn, modifications.map(toLdaptsChange), controls);
    } catch (error) {
      throw toLdapError(error, { operation: 'modify', server: this.server, dn });
    }
  }

  async delete(dn: string): Promise<void> {
    const client = await this.#bound();
    try {
      await client.del(dn);
    } catch (error) {
      throw toLdapError(error, { operation: 'delete', server: this.server, dn });
    }
  }

  /**
   * Renames (`newRdn`) and/or moves (`newParent`) an entry; the old RDN value is removed. Returns the new DN.
   * AD keeps objectGUID and OpenLDAP keeps entryUUID, so the anchor survives.
   */
  async modifyDn(dn: string, newRdn: string, newParent?: string): Promise<string> {
    const client = await this.#bound();
    const target = newParent === undefined ? newRdn : `${newRdn},${newParent}`;
    try {
      await client.modifyDN(dn, target);
    } catch (error) {
      throw toLdapError(error, { operation: 'modifyDN', server: this.server, dn });
    }
    return newParent === undefined ? `${newRdn},${parentDn(dn)}` : target;
  }

  /** Unbinds; later calls fail. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#drop();
  }

  async #bound(): Promise<Client> {
    if (this.#closed) throw new LdapOperationError('The LDAP connection is closed');
    if (this.#client?.isBound) return this.#client;
    await this.#drop();
    const failures: LdapError[] = [];
    for (const server of this.settings.servers) {
      try {
        const client = await this.#connect(server);
        this.#client = client;
        this.#server = server;
        return client;
      } catch (error) {
        const failure = toLdapError(error, { operation: 'bind', server: server.url });
        if (!isServerProblem(failure)) throw failure;
        failures.push(failure);
      }
    }
    throw combineFailures(failures);
  }

  async #connect(server: LdapServer): Promise<Client> {
    const client = new Client({
      url: server.url,
      connectTimeout: this.#options.connectTimeoutMs,
      timeout: this.#options.operationTimeoutMs,
      // ldapts switches to TLS whenever tlsOptions is set, even for ldap:// (which StartTLS must upgrade instead).
      ...(server.transport === 'ldaps' ? { tlsOptions: this.#tlsOptions(server) } : {}),
    });
    try {
      if (server.transport === 'startTls') await client.startTLS(this.#tlsOptions(server));
      await client.bind(this.settings.bindName, this.settings.password);
      return client;
    } catch (error) {
      await client.unbind().catch(() => undefined);
      throw error;
    }
  }

  #tlsOptions(server: LdapServer): ConnectionOptions {
    const host = new URL(server.url).hostname.replace(/^\[|\]$/g, '');
    const serverName = this.settings.tls.serverName ?? (isIP(host) === 0 ? host : undefined);
    return {
      host,
      minVersion: 'TLSv1.2',
      ...(serverName === undefined ? {} : { servername: serverName }),
      ...(this.settings.tls.ca === undefined ? {} : { ca: this.settings.tls.ca }),
    };
  }

  #searchOptions(request: LdapSearchRequest): SearchOptions {
    const attributes = request.attributes === undefined ? undefined : [...request.attributes];
    return {
      scope: request.scope ?? 'sub',
      filter: parseFilter(request.filter ?? '(objectClass=*)'),
      ...(attributes === undefined ? {} : { attributes }),
      // ldapts matches these case-sensitively against the names the server returns; a binary value it
      // decoded as text anyway is turned back into bytes by entryFromLdapts, but its UTF-8 decoder drops a
      // leading byte-order mark, so the usual spellings and the requested ones are all listed.
      explicitBufferAttributes: [...new Set([...this.#binarySpellings, ...(attributes ?? []).filter((a) => isBinaryAttribute(a, this.#binary))])],
    };
  }

  async #completeRanges(entries: LdapEntry[]): Promise<LdapEntry[]> {
    const completed: LdapEntry[] = [];
    for (const entry of entries) completed.push(await this.#completeEntryRanges(entry));
    return completed;
  }

  /** AD returns at most MaxValRange values (`member;range=0-1499`); the rest is read range by range. */
  async #completeEntryRanges(entry: LdapEntry): Promise<LdapEntry> {
    let result = entry;
    for (const name of entry.attributeNames) {
      const match = /^(.+);range=\d+-(\d+|\*)$/i.exec(name);
      if (!match) continue;
      const attribute = match[1] as string;
      const values: (string | Buffer)[] = [...(entry.get(name) ?? [])];
      let end = match[2] as string;
      while (end !== '*') {
        const next = await this.read(entry.dn, [`${attribute};range=${Number(end) + 1}-*`]);
        const rangeName = next?.attributeNames.find((n) => n.toLowerCase().startsWith(`${attribute.toLowerCase()};range=`));
        if (next === undefined || rangeName === undefined) break;
        values.push(...(next.get(rangeName) ?? []));
        end = /-(\d+|\*)$/.exec(rangeName)?.[1] ?? '*';
      }
      result = result.without(name).with(attribute, uniformValues(values));
    }
    return result;
  }

  async #drop(): Promise<void> {
    const client = this.#client;
    this.#client = undefined;
    this.#server = undefined;
    this.#rootDse = undefined;
    await client?.unbind().catch(() => undefined);
  }
}

/** All servers failed: one error of the most telling kind, listing each server's failure. */
function combineFailures(failures: readonly LdapError[]): LdapError {
  if (failures.length === 1) return failures[0] as LdapError;
  if (failures.length === 0) return new LdapUnreachableError('No directory server is configured');
  const message = `No directory server could be used: ${failures.map((f) => f.message).join('; ')}`;
  const options = { cause: failures };
  const all = (kind: abstract new (...args: never[]) => LdapError): boolean => failures.every((f) => f instanceof kind);
  if (failures.some((f) => f instanceof LdapTlsError)) return new LdapTlsError(message, options);
  if (all(LdapTimeoutError)) return new LdapTimeoutError(message, options);
  if (all(LdapBusyError)) return new LdapBusyError(message, options);
  return new LdapUnreachableError(message, options);
}
