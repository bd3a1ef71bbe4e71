import { z } from 'zod';
import { parseWriteBody } from '../../api/graph/write-body.js';
import { InvalidPropertyValueError, RequiredPropertyError, UnverifiedDomainError } from '../directory-errors.js';
import { normalizeExtensionValue } from '../extension-properties/extension-values.js';
import type { ExtensionProperty } from '../extension-properties/extension-property.js';
import { isValidMailNickname } from '../directory-objects/mail-nickname.js';
import { emptyOnPremisesExtensionAttributes, onPremisesExtensionAttributeNames, type User } from './user.js';

const text = (max: number) => z.string().max(max).nullable();
const dateTime = z
  .string()
  .refine((value) => !Number.isNaN(Date.parse(value)), 'not a date-time')
  .nullable();

/**
 * What POST and PATCH /users accept. Besides Graph's writable properties this takes the on-premises
 * attributes Graph reserves to directory synchronization: in Provisio the provisioning engine and its tests
 * write them through the same API.
 */
const writable = {
  accountEnabled: z.boolean(),
  businessPhones: z.array(z.string().max(64)).max(1),
  city: text(128),
  companyName: text(64),
  country: text(128),
  department: text(64),
  displayName: z.string().min(1).max(256),
  employeeHireDate: dateTime,
  employeeId: text(16),
  employeeLeaveDateTime: dateTime,
  employeeOrgData: z.object({ division: text(256).optional(), costCenter: text(256).optional() }).strict().nullable(),
  employeeType: text(64),
  faxNumber: text(64),
  givenName: text(64),
  imAddresses: z.array(z.string()),
  jobTitle: text(128),
  mail: text(256),
  mailNickname: z.string().min(1).max(64),
  mobilePhone: text(64),
  officeLocation: text(128),
  onPremisesDistinguishedName: text(1024),
  onPremisesDomainName: text(256),
  onPremisesExtensionAttributes: z
    .object(Object.fromEntries(onPremisesExtensionAttributeNames.map((name) => [name, text(1024).optional()])))
    .strict()
    .nullable(),
  onPremisesImmutableId: text(256),
  onPremisesLastSyncDateTime: dateTime,
  onPremisesSamAccountName: text(256),
  onPremisesSecurityIdentifier: text(256),
  onPremisesSyncEnabled: z.boolean().nullable(),
  onPremisesUserPrincipalName: text(256),
  otherMails: z.array(z.string().max(256)),
  passwordPolicies: text(256),
  passwordProfile: z
    .object({
      password: z.string().optional(),
      forceChangePasswordNextSignIn: z.boolean().optional(),
      forceChangePasswordNextSignInWithMfa: z.boolean().optional(),
    })
    .strict(),
  postalCode: text(40),
  preferredLanguage: text(16),
  proxyAddresses: z.array(z.string().max(256)),
  state: text(128),
  streetAddress: text(1024),
  surname: text(64),
  usageLocation: z.string().regex(/^[A-Za-z]{2}$/).nullable(),
  userPrincipalName: z.string().min(1).max(113),
  userType: z.enum(['Member', 'Guest']),
};

/** A parsed user write: the property changes, a new password if one was given, and the manager bind. */
export interface UserWrite {
  readonly changes: Readonly<Partial<Record<string, unknown>>>;
  readonly password: string | undefined;
  /** `manager@odata.bind` on create: the reference URL as given. */
  readonly managerBind: string | undefined;
}

const requiredOnCreate = ['accountEnabled', 'displayName', 'mailNickname', 'passwordProfile', 'userPrincipalName'] as const;
const dateProperties = ['employeeHireDate', 'employeeLeaveDateTime', 'onPremisesLastSyncDateTime'] as const;

/**
 * Validates a POST (`create`) or PATCH body: unknown properties and wrong types are refused as Graph refuses
 * them, extension attributes must be declared for users, and directory rules (UPN shape and domain,
 * mailNickname characters) apply. Returns normalized changes ready to merge onto a user.
 */
export function parseUserWrite(body: unknown, options: { create: boolean; extensions: readonly ExtensionProperty[]; tenantDomain: string }): UserWrite {
  const extensionsByName = new Map(options.extensions.map((extension) => [extension.name.toLowerCase(), extension]));
  const record = (body !== null && typeof body === 'object' && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
  // Extension names are matched case-insensitively and validated against their declaration, not zod.
  const extensionEntries = Object.entries(record).filter(([key]) => extensionsByName.has(key.toLowerCase()));
  const shape = { ...writable, ...Object.fromEntries(extensionEntries.map(([key]) => [key, z.unknown()])) };
  const parsed = parseWriteBody(shape, body, { partial: true }) as Partial<Record<string, unknown>>;

  if (options.create) {
    for (const property of requiredOnCreate) {
      if (parsed[property] === undefined) throw new RequiredPropertyError(property);
    }
  }
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (key === 'passwordProfile') continue;
    const extension = extensionsByName.get(key.toLowerCase());
    if (extension !== undefined) changes[extension.name] = normalizeExtensionValue(extension, value);
    else changes[key] = value;
  }
  for (const property of dateProperties) {
    const value = changes[property];
    if (typeof value === 'string') changes[property] = normalizeDateTime(value);
  }
  if (typeof changes.usageLocation === 'string') changes.usageLocation = changes.usageLocation.toUpperCase();
  if (typeof changes.userPrincipalName === 'string') checkUserPrincipalName(changes.userPrincipalName, options.tenantDomain);
  if (typeof changes.mailNickname === 'string' && !isValidMailNickname(changes.mailNickname)) {
    throw new InvalidPropertyValueError('mailNickname', 'User');
  }

  const profile = parsed.passwordProfile as { password?: string } | undefined;
  if (profile !== undefined && (profile.password === undefined || profile.password === '')) throw new RequiredPropertyError('passwordProfile.password');
  return Object.freeze({ changes: Object.freeze(changes), password: profile?.password, managerBind: bindOf(record, 'manager@odata.bind') });
}

/** Graph's UPN shape: `alias@domain`, the alias of letters, digits and `' . - _ ! # ^ ~`, the domain one of the tenant's. */
export function checkUserPrincipalName(upn: string, tenantDomain: string): void {
  const at = upn.lastIndexOf('@');
  const alias = upn.slice(0, at);
  if (at <= 0 || alias.length > 64 || !/^[A-Za-z0-9'._!#^~-]+$/.test(alias) || alias.startsWith('.') || alias.endsWith('.')) {
    throw new InvalidPropertyValueError('userPrincipalName', 'User');
  }
  if (upn.slice(at + 1).toLowerCase() !== tenantDomain.toLowerCase()) throw new UnverifiedDomainError();
}

/** Merges parsed changes onto a user: complex values merge key by key, as Graph's PATCH does. */
export function applyUserChanges(user: User, changes: Readonly<Partial<Record<string, unknown>>>): User {
  const merged: Record<string, unknown> = { ...user };
  for (const [key, value] of Object.entries(changes)) {
    if (key === 'onPremisesExtensionAttributes') {
      merged[key] = { ...(value === null ? {} : user.onPremisesExtensionAttributes), ...emptyWhereNull(value) };
    } else if (key === 'employeeOrgData') {
      merged[key] = value === null ? null : { division: null, costCenter: null, ...user.employeeOrgData, ...(value as object) };
    } else {
      merged[key] = value;
    }
  }
  return merged as unknown as User;
}

/** `onPremisesExtensionAttributes: null` clears all fifteen; an object sets the attributes it names. */
function emptyWhereNull(value: unknown): object {
  return value === null ? emptyOnPremisesExtensionAttributes() : (value as object);
}

function normalizeDateTime(value: string): string {
  return new Date(Date.parse(value)).toISOString().replace('.000Z', 'Z');
}

function bindOf(record: Record<string, unknown>, key: string): string | undefined {
  const entry = Object.entries(record).find(([name]) => name.toLowerCase() === key.toLowerCase());
  if (entry === undefined) return undefined;
  if (typeof entry[1] !== 'string') throw new InvalidPropertyValueError(key, 'User', `The value of '${key}' must be a URL string.`);
  return entry[1];
}
