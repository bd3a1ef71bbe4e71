import { Attribute, Change } from 'ldapts';
import type { SambaDc } from './samba-ad.js';

interface AttributeSchema {
  readonly cn: string;
  readonly attributeID: string;
  readonly lDAPDisplayName: string;
  /** 2.5.5.12 Unicode string (oMSyntax 64), 2.5.5.9 integer (2), 2.5.5.10 octet string (4). */
  readonly attributeSyntax: '2.5.5.12' | '2.5.5.9' | '2.5.5.10';
  readonly singleValued: boolean;
}

const oMSyntax = { '2.5.5.12': '64', '2.5.5.9': '2', '2.5.5.10': '4' } as const;

/**
 * The part of Exchange's schema extension that Exchange hybrid writeback and its schema check use:
 * mailNickname and the msExch attributes written back, plus msDS-ExternalDirectoryObjectId (in the Windows
 * Server 2016 schema; Samba provisions the 2012 R2 one). mailNickname and msDS-ExternalDirectoryObjectId
 * have their real OIDs; the msExch attributes take OIDs under Microsoft's arc for generated schema OIDs
 * (1.2.840.113556.1.8000.2554), since only their names and syntaxes matter here.
 */
const exchangeAttributes: readonly AttributeSchema[] = [
  { cn: 'ms-Exch-Mail-Nickname', attributeID: '1.2.840.113556.1.2.447', lDAPDisplayName: 'mailNickname', attributeSyntax: '2.5.5.12', singleValued: true },
  {
    cn: 'ms-DS-External-Directory-Object-Id',
    attributeID: '1.2.840.113556.1.4.2310',
    lDAPDisplayName: 'msDS-ExternalDirectoryObjectId',
    attributeSyntax: '2.5.5.12',
    singleValued: true,
  },
  { cn: 'ms-Exch-Archive-Status', attributeID: '1.2.840.113556.1.8000.2554.7000.1', lDAPDisplayName: 'msExchArchiveStatus', attributeSyntax: '2.5.5.9', singleValued: true },
  { cn: 'ms-Exch-Blocked-Senders-Hash', attributeID: '1.2.840.113556.1.8000.2554.7000.2', lDAPDisplayName: 'msExchBlockedSendersHash', attributeSyntax: '2.5.5.10', singleValued: true },
  { cn: 'ms-Exch-Safe-Recipients-Hash', attributeID: '1.2.840.113556.1.8000.2554.7000.3', lDAPDisplayName: 'msExchSafeRecipientsHash', attributeSyntax: '2.5.5.10', singleValued: true },
  { cn: 'ms-Exch-Safe-Senders-Hash', attributeID: '1.2.840.113556.1.8000.2554.7000.4', lDAPDisplayName: 'msExchSafeSendersHash', attributeSyntax: '2.5.5.10', singleValued: true },
  {
    cn: 'ms-Exch-UC-Voice-Mail-Settings',
    attributeID: '1.2.840.113556.1.8000.2554.7000.5',
    lDAPDisplayName: 'msExchUCVoiceMailSettings',
    attributeSyntax: '2.5.5.12',
    singleValued: false,
  },
  { cn: 'ms-Exch-User-Hold-Policies', attributeID: '1.2.840.113556.1.8000.2554.7000.6', lDAPDisplayName: 'msExchUserHoldPolicies', attributeSyntax: '2.5.5.12', singleValued: false },
];

/**
 * Extends a Samba DC's schema as Exchange setup (/PrepareSchema) would for these attributes: adds them as
 * attributeSchema objects, lets the mailRecipient auxiliary class (users, inetOrgPersons, contacts, groups)
 * hold them, and reloads the schema (schemaUpdateNow). The DC must run with
 * `globalParameters: { 'dsdb:schema update allowed': 'true' }`.
 */
export async function extendSchemaForExchange(dc: SambaDc): Promise<void> {
  const schema = `CN=Schema,CN=Configuration,${dc.baseDn}`;
  const client = await dc.adminClient();
  try {
    for (const attribute of exchangeAttributes) {
      await client.add(`CN=${attribute.cn},${schema}`, {
        objectClass: ['top', 'attributeSchema'],
        cn: attribute.cn,
        attributeID: attribute.attributeID,
        lDAPDisplayName: attribute.lDAPDisplayName,
        attributeSyntax: attribute.attributeSyntax,
        oMSyntax: oMSyntax[attribute.attributeSyntax],
        isSingleValued: attribute.singleValued ? 'TRUE' : 'FALSE',
      });
    }
    const mayContain = new Attribute({ type: 'mayContain', values: exchangeAttributes.map((a) => a.lDAPDisplayName) });
    await client.modify(`CN=Mail-Recipient,${schema}`, [new Change({ operation: 'add', modification: mayContain })]);
    await client.modify('', [new Change({ operation: 'add', modification: new Attribute({ type: 'schemaUpdateNow', values: ['1'] }) })]);
  } finally {
    await client.unbind();
  }
}
