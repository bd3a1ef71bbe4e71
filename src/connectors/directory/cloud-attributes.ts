/**
 * The cloud-side attributes that writeback to Active Directory reads (engine-behavior §5.5, §5.7), computed
 * from what Provisio's directory holds. Provisio has no Exchange Online: nothing stamps mailboxes, so
 * `cloudLegacyExchangeDN` is derived the way Exchange Online forms it for a mail-enabled recipient, and the
 * `cloudMSExch*` settings and hashes have no source at all — they are never invented.
 */

/** `msDS-ExternalDirectoryObjectId` of a cloud object: `User_<objectId>`, `Group_<objectId>`. */
export function cloudAnchor(kind: 'User' | 'Group', objectId: string): string {
  return `${kind}_${objectId}`;
}

/** The Exchange Online organization's legacy DN prefix for recipients. */
const recipientsContainer = '/o=ExchangeLabs/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients';

/**
 * Exchange Online's legacyExchangeDN of a mail-enabled user: the recipients container and a common name of a
 * 32-hex identifier and the alias. The identifier is the object id, so the value is stable for the user.
 * Null when the user has no mail address or no alias (not mail-enabled).
 */
export function cloudLegacyExchangeDn(objectId: string, mail: string | null, mailNickname: string | null): string | null {
  if (!mail || !mailNickname) return null;
  return `${recipientsContainer}/cn=${objectId.replace(/-/g, '').toLowerCase()}-${mailNickname}`;
}

/**
 * `sourceAnchorBinary`: the bytes of the on-premises anchor (objectGUID or ms-DS-ConsistencyGuid) that
 * `onPremisesImmutableId` holds in base64. Null when the immutable id is not base64 (set by another tool).
 */
export function sourceAnchorBytes(onPremisesImmutableId: string | null): Uint8Array | null {
  if (!onPremisesImmutableId) return null;
  const bytes = Buffer.from(onPremisesImmutableId, 'base64');
  return bytes.length > 0 && bytes.toString('base64') === onPremisesImmutableId ? new Uint8Array(bytes) : null;
}
