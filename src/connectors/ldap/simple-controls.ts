import { Control } from 'ldapts';

/** LDAP_SERVER_SHOW_DELETED_OID: tombstones (isDeleted=TRUE) become visible to searches. */
export class ShowDeletedControl extends Control {
  static readonly oid = '1.2.840.113556.1.4.417';

  constructor() {
    super(ShowDeletedControl.oid, { critical: true });
  }
}

/**
 * LDAP_SERVER_PERMISSIVE_MODIFY_OID: adding a value that is already there or deleting one that is not
 * succeeds instead of failing, which makes repeated writebacks idempotent. Sent only to servers that
 * advertise it (AD, Samba).
 */
export class PermissiveModifyControl extends Control {
  static readonly oid = '1.2.840.113556.1.4.1413';

  constructor() {
    super(PermissiveModifyControl.oid, { critical: false });
  }
}
