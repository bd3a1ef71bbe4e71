import { adAnchor } from './anchors.js';
import { withAttributes } from './attribute-list.js';
import type { ChangeBatch, DeltaReader, DeltaScope, DirectoryChange } from './change-batch.js';
import { dnBeforeDeletion } from './dn.js';
import { parenthesized } from './filter-values.js';
import { formatGuid } from './guid.js';
import type { LdapConnection } from './ldap-connection.js';
import { LdapInsufficientRightsError, LdapOperationError, LdapWatermarkError } from './ldap-errors.js';
import { finishBatches, pagedUpserts } from './paged-read.js';
import { ShowDeletedControl } from './simple-controls.js';
import { encodeWatermark, expectWatermark } from './watermark.js';

/** Well-known GUID of the Deleted Objects container (GUID_DELETED_OBJECTS_CONTAINER_W). */
const deletedObjectsWkGuid = '18e2ea80684f11d2b9aa00c04f79f805';

/**
 * Checks that the bind account can see CN=Deleted Objects (AD hides it from accounts without list/read
 * rights, without an error); returns the container's DN.
 */
export async function assertDeletedObjectsReadable(connection: LdapConnection, base: string): Promise<string> {
  const container = `<WKGUID=${deletedObjectsWkGuid},${base}>`;
  if ((await connection.read(container, ['objectGUID'], [new ShowDeletedControl()])) === undefined) {
    throw new LdapInsufficientRightsError(
      `The bind account can neither use DirSync (Replicating Directory Changes) nor list and read CN=Deleted Objects,${base}; ` +
        'grant one of them so that deletions can be detected',
      { server: connection.server, scope: 'job' },
    );
  }
  return container;
}

/**
 * AD delta import for a bind account without the replication right DirSync needs: the DC's
 * highestCommittedUSN is the watermark; a delta is every object with a higher uSNChanged (read in full,
 * paged) plus the tombstones with a higher uSNChanged in CN=Deleted Objects (show-deleted control), which
 * the account must be allowed to list and read. USNs are local to one DC, so the watermark records the
 * DC's invocationId and a different DC (failover) means a full import (LdapWatermarkError).
 */
export class AdUsnReader implements DeltaReader {
  readonly method = 'usnChanged' as const;
  readonly #connection: LdapConnection;
  readonly #scope: DeltaScope;
  readonly #base: string;
  readonly #attributes: readonly string[];

  constructor(connection: LdapConnection, scope: DeltaScope) {
    this.#connection = connection;
    this.#scope = scope;
    this.#base = scope.base ?? connection.settings.baseDn;
    this.#attributes = Object.freeze(withAttributes(scope.attributes, ['objectGUID']));
  }

  async *readChanges(watermark?: string): AsyncGenerator<ChangeBatch> {
    const previous = expectWatermark(watermark, 'usnChanged');
    // Read the high-water mark before searching: anything changed meanwhile is read again next time.
    const { invocationId, usn } = await this.#position();
    const final = (): string => encodeWatermark({ method: 'usnChanged', invocationId, usn });
    if (previous === undefined) {
      yield* finishBatches(this.#upserts(this.#scope.filter, ''), final);
      return;
    }
    if (previous.invocationId !== invocationId) {
      throw new LdapWatermarkError(
        `The watermark is from another domain controller (invocationId ${previous.invocationId}, now ${invocationId}); a full import is needed`,
      );
    }
    const since = (previous.usn + 1n).toString();
    const changed = `(&${parenthesized(this.#scope.filter)}(uSNChanged>=${since}))`;
    yield* finishBatches(this.#delta(changed, since, watermark as string), final);
  }

  /** The DC's highestCommittedUSN now, with its invocationId. */
  async position(): Promise<string> {
    const { invocationId, usn } = await this.#position();
    return encodeWatermark({ method: 'usnChanged', invocationId, usn });
  }

  async *#delta(changedFilter: string, sinceUsn: string, interimWatermark: string): AsyncGenerator<ChangeBatch> {
    yield* this.#upserts(changedFilter, interimWatermark);
    yield* this.#deletions(sinceUsn, interimWatermark);
  }

  #upserts(filter: string, interimWatermark: string): AsyncGenerator<ChangeBatch> {
    return pagedUpserts(
      this.#connection,
      { base: this.#base, filter, attributes: this.#attributes, pageSize: this.#scope.pageSize },
      { anchorOf: adAnchor, interimWatermark },
    );
  }

  async *#deletions(sinceUsn: string, interimWatermark: string): AsyncGenerator<ChangeBatch> {
    const container = await assertDeletedObjectsReadable(this.#connection, this.#base);
    const controls = [new ShowDeletedControl()];
    const request = {
      base: container,
      scope: 'one' as const,
      filter: `(&(isDeleted=TRUE)(uSNChanged>=${sinceUsn}))`,
      attributes: ['objectGUID', 'lastKnownParent', 'isDeleted'],
      pageSize: this.#scope.pageSize,
    };
    for await (const page of this.#connection.searchPages(request, controls)) {
      const changes: DirectoryChange[] = [];
      for (const entry of page) {
        const guid = entry.buffer('objectGUID');
        if (guid === undefined || guid.length !== 16) continue;
        const dn = dnBeforeDeletion(entry.dn, entry.text('lastKnownParent'));
        changes.push(Object.freeze({ kind: 'delete', anchor: formatGuid(guid), ...(dn === undefined ? {} : { dn }) }));
      }
      if (changes.length > 0) yield Object.freeze({ changes: Object.freeze(changes), watermark: interimWatermark, more: true });
    }
  }

  async #position(): Promise<{ invocationId: string; usn: bigint }> {
    const dse = await this.#connection.rootDse({ refresh: true });
    if (dse.highestCommittedUsn === undefined || dse.dsServiceName === undefined) {
      throw new LdapOperationError('The root DSE has no highestCommittedUSN / dsServiceName: not an Active Directory DC', {
        server: this.#connection.server,
      });
    }
    const settings = await this.#connection.read(dse.dsServiceName, ['invocationId']);
    const id = settings?.buffer('invocationId');
    if (id === undefined || id.length !== 16) {
      throw new LdapOperationError(`Cannot read the invocationId of ${dse.dsServiceName}`, { server: this.#connection.server });
    }
    return { invocationId: formatGuid(id), usn: dse.highestCommittedUsn };
  }
}
