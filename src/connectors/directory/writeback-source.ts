import type { Kysely } from 'kysely';
import type { AppRole } from '../../directory/applications/application.js';
import { contactFromData } from '../../directory/contacts/contact-repository.js';
import { goneObject, type IncrementalImport, type SourceConnector, type SourceObject } from '../../engine/connectors/source-connector.js';
import type { Database } from '../../store/database.js';
import { cloudAnchor, cloudLegacyExchangeDn, sourceAnchorBytes } from './cloud-attributes.js';
import { contactAttributes } from './directory-attributes.js';
import { DirectorySource } from './directory-source.js';

type ContactRow = { id: string; data: string; source_anchor: string | null };

const chunk = 500;

/**
 * The directory as the source of writeback to Active Directory (Exchange hybrid writeback, group provisioning
 * to AD). What is in scope follows from where objects come from, not from app role assignments: users that
 * and contacts that directory synchronization brought from AD (`onPremisesSyncEnabled` with a source anchor:
 * `onPremisesImmutableId`, a contact's anchor column) — the AD objects to write back to — and security groups
 * created in the cloud. Every object is read (those out of scope come back not entitled, so progress counts
 * hold); users and contacts gain `sourceAnchorBinary` and `cloudLegacyExchangeDN`, users and groups
 * `cloudAnchor`.
 */
export class WritebackSource implements SourceConnector {
  readonly #directory: DirectorySource;

  constructor(
    private readonly db: Kysely<Database>,
    servicePrincipal: { readonly id: string; readonly appRoles: readonly AppRole[] },
  ) {
    this.#directory = new DirectorySource(db, { servicePrincipalId: servicePrincipal.id, appRoles: servicePrincipal.appRoles, syncAll: true });
  }

  currentWatermark(): Promise<string> {
    return this.#directory.currentWatermark();
  }

  async *fullImport(objectType: string, pageSize: number): AsyncGenerator<readonly SourceObject[]> {
    if (objectType === 'Contact') {
      for (let after = ''; ; ) {
        const rows = await this.db.selectFrom('contacts').select(['id', 'data', 'source_anchor']).where('id', '>', after).orderBy('id').limit(pageSize).execute();
        if (rows.length === 0) return;
        yield rows.map(contactObject);
        after = rows.at(-1)!.id;
        if (rows.length < pageSize) return;
      }
    }
    if (!isDirectoryType(objectType)) return;
    for await (const page of this.#directory.fullImport(objectType, pageSize)) yield page.map(withWritebackScope);
  }

  async countInScope(objectType: string): Promise<number> {
    if (objectType === 'Contact') {
      return Number((await this.db.selectFrom('contacts').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirst())?.count ?? 0);
    }
    return isDirectoryType(objectType) ? this.#directory.countInScope(objectType) : 0;
  }

  incrementalImport(watermark: string, limit: number): Promise<IncrementalImport> {
    return this.#directory.incrementalImport(watermark, limit);
  }

  async readObjects(objectType: string, ids: readonly string[]): Promise<SourceObject[]> {
    if (objectType === 'Contact') {
      const found = new Map<string, SourceObject>();
      for (let start = 0; start < ids.length; start += chunk) {
        const rows = await this.db.selectFrom('contacts').select(['id', 'data', 'source_anchor']).where('id', 'in', ids.slice(start, start + chunk)).execute();
        for (const row of rows) found.set(row.id, contactObject(row));
      }
      return ids.map((id) => found.get(id) ?? goneObject(id, objectType, { objectId: id }));
    }
    if (!isDirectoryType(objectType)) return ids.map((id) => goneObject(id, objectType, { objectId: id }));
    return (await this.#directory.readObjects(objectType, ids)).map(withWritebackScope);
  }

  groupsContaining(memberIds: readonly string[]): Promise<Map<string, string[]>> {
    return this.#directory.groupsContaining(memberIds);
  }
}

function isDirectoryType(objectType: string): objectType is 'User' | 'Group' {
  return objectType === 'User' || objectType === 'Group';
}

function withWritebackScope(object: SourceObject): SourceObject {
  if (object.state === 'gone') return object;
  const attributes = object.attributes;
  const syncedFromOnPremises = attributes.onPremisesSyncEnabled === true;
  if (object.objectType === 'Group') {
    return Object.freeze({
      ...object,
      entitled: attributes.securityEnabled === true && !syncedFromOnPremises,
      attributes: Object.freeze({ ...attributes, cloudAnchor: cloudAnchor('Group', object.id) }),
    });
  }
  const anchor = sourceAnchorBytes(typeof attributes.onPremisesImmutableId === 'string' ? attributes.onPremisesImmutableId : null);
  const text = (name: string) => (typeof attributes[name] === 'string' ? (attributes[name] as string) : null);
  return Object.freeze({
    ...object,
    entitled: syncedFromOnPremises && anchor !== null,
    attributes: Object.freeze({
      ...attributes,
      sourceAnchorBinary: anchor,
      cloudAnchor: cloudAnchor('User', object.id),
      cloudLegacyExchangeDN: cloudLegacyExchangeDn(object.id, text('mail'), text('mailNickname')),
    }),
  });
}

function contactObject(row: ContactRow): SourceObject {
  const contact = contactFromData(row.data);
  const anchor = sourceAnchorBytes(row.source_anchor);
  return Object.freeze({
    id: row.id,
    objectType: 'Contact',
    state: 'live',
    displayName: contact.displayName,
    entitled: contact.onPremisesSyncEnabled === true && anchor !== null,
    enabled: true,
    attributes: Object.freeze({
      ...contactAttributes(contact),
      sourceAnchorBinary: anchor,
      cloudLegacyExchangeDN: cloudLegacyExchangeDn(contact.id, contact.mail, contact.mailNickname),
    }),
    appRoleAssignments: Object.freeze([]),
  });
}
