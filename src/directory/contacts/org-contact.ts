/** One of an organizational contact's postal addresses (Graph's physicalOfficeAddress). */
export interface PhysicalOfficeAddress {
  readonly city: string | null;
  readonly countryOrRegion: string | null;
  readonly officeLocation: string | null;
  readonly postalCode: string | null;
  readonly state: string | null;
  readonly street: string | null;
}

/** Graph's phone kinds, in the order a contact lists them; synchronization writes `business` (telephoneNumber) and `mobile`. */
export const phoneTypes = ['home', 'business', 'mobile', 'other', 'assistant', 'homeFax', 'businessFax', 'otherFax', 'pager', 'radio'] as const;

export type PhoneType = (typeof phoneTypes)[number];

export interface Phone {
  readonly number: string | null;
  readonly type: PhoneType;
}

/**
 * The Graph `orgContact` as Provisio stores and returns it: a mail-enabled contact outside the organization,
 * synchronized from on-premises Active Directory. Graph offers no way to create or change one; synchronization
 * writes them (src/engine/targets/directory-target.ts).
 */
export interface OrgContact {
  readonly id: string;
  readonly deletedDateTime: string | null;
  readonly addresses: readonly PhysicalOfficeAddress[];
  readonly companyName: string | null;
  readonly department: string | null;
  readonly displayName: string | null;
  readonly givenName: string | null;
  readonly jobTitle: string | null;
  readonly mail: string | null;
  readonly mailNickname: string | null;
  readonly onPremisesLastSyncDateTime: string | null;
  readonly onPremisesSyncEnabled: boolean | null;
  readonly phones: readonly Phone[];
  readonly proxyAddresses: readonly string[];
  readonly surname: string | null;
}

/** A new contact with Graph's defaults for every property the caller did not give. */
export function newOrgContact(fields: Pick<OrgContact, 'id'> & Partial<OrgContact>): OrgContact {
  return {
    deletedDateTime: null,
    addresses: [],
    companyName: null,
    department: null,
    displayName: null,
    givenName: null,
    jobTitle: null,
    mail: null,
    mailNickname: null,
    onPremisesLastSyncDateTime: null,
    onPremisesSyncEnabled: null,
    phones: [],
    proxyAddresses: [],
    surname: null,
    ...fields,
  };
}
