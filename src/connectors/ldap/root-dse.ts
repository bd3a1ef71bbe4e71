import type { LdapEntry } from './ldap-entry.js';

/** Which delta mechanisms apply: AD (DirSync, uSNChanged), OpenLDAP (entryCSN), or neither. */
export type DirectoryKind = 'activeDirectory' | 'openLdap' | 'other';

/** LDAP_CAP_ACTIVE_DIRECTORY_OID: present on AD DCs and Samba AD DCs. */
const activeDirectoryCapability = '1.2.840.113556.1.4.800';

export interface RootDse {
  readonly kind: DirectoryKind;
  readonly namingContexts: readonly string[];
  readonly defaultNamingContext: string | undefined;
  readonly supportedControls: ReadonlySet<string>;
  /** AD: the DC's current highest update sequence number. */
  readonly highestCommittedUsn: bigint | undefined;
  /** AD: DN of the DC's NTDS Settings object (carries the invocationId that scopes USNs). */
  readonly dsServiceName: string | undefined;
  readonly vendorName: string | undefined;
}

/** Attributes asked of the root DSE; OpenLDAP returns its operational ones only when named or with `+`. */
export const rootDseAttributes: readonly string[] = Object.freeze([
  '*',
  '+',
  'namingContexts',
  'defaultNamingContext',
  'supportedControl',
  'supportedCapabilities',
  'highestCommittedUSN',
  'dsServiceName',
  'vendorName',
  'structuralObjectClass',
  'objectClass',
]);

export function rootDseFromEntry(entry: LdapEntry): RootDse {
  const capabilities = entry.strings('supportedCapabilities');
  const classes = [...entry.strings('structuralObjectClass'), ...entry.strings('objectClass')].map((c) => c.toLowerCase());
  const kind: DirectoryKind = capabilities.includes(activeDirectoryCapability)
    ? 'activeDirectory'
    : classes.includes('openldaprootdse')
      ? 'openLdap'
      : 'other';
  const usn = entry.text('highestCommittedUSN');
  return Object.freeze({
    kind,
    namingContexts: Object.freeze(entry.strings('namingContexts')),
    defaultNamingContext: entry.text('defaultNamingContext'),
    supportedControls: new Set(entry.strings('supportedControl')),
    highestCommittedUsn: usn === undefined ? undefined : BigInt(usn),
    dsServiceName: entry.text('dsServiceName'),
    vendorName: entry.text('vendorName'),
  });
}
