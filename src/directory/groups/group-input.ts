import { z } from 'zod';
import { parseWriteBody } from '../../api/graph/write-body.js';
import { BadRequestError } from '../../errors/graph-error.js';
import { InvalidPropertyValueError, RequiredPropertyError } from '../directory-errors.js';
import { isValidMailNickname } from '../directory-objects/mail-nickname.js';
import { normalizeExtensionValue } from '../extension-properties/extension-values.js';
import type { ExtensionProperty } from '../extension-properties/extension-property.js';
import { isUnified, type Group } from './group.js';

const text = (max: number) => z.string().max(max).nullable();

/** What POST and PATCH /groups accept (on-premises attributes included, for the provisioning engine). */
const writable = {
  classification: text(256),
  description: text(1024),
  displayName: z.string().min(1).max(256),
  groupTypes: z.array(z.string()),
  isAssignableToRole: z.boolean().nullable(),
  mailEnabled: z.boolean(),
  mailNickname: z.string().min(1).max(64),
  onPremisesDomainName: text(256),
  onPremisesLastSyncDateTime: z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'not a date-time').nullable(),
  onPremisesNetBiosName: text(256),
  onPremisesSamAccountName: text(256),
  onPremisesSecurityIdentifier: text(256),
  onPremisesSyncEnabled: z.boolean().nullable(),
  preferredDataLocation: text(64),
  preferredLanguage: text(16),
  securityEnabled: z.boolean(),
  theme: text(64),
  visibility: z.enum(['Public', 'Private', 'HiddenMembership']).nullable(),
};

export interface GroupWrite {
  readonly changes: Readonly<Partial<Record<string, unknown>>>;
}

const requiredOnCreate = ['displayName', 'mailEnabled', 'mailNickname', 'securityEnabled'] as const;

/**
 * Validates a POST (`create`) or PATCH body of a group against Graph's rules: security groups and
 * Microsoft 365 groups only (mail-enabled security groups and dynamic membership are not writable through
 * Graph), declared extension attributes only. `current` is the group a PATCH changes.
 */
export function parseGroupWrite(body: unknown, options: { current?: Group; extensions: readonly ExtensionProperty[] }): GroupWrite {
  const extensionsByName = new Map(options.extensions.map((extension) => [extension.name.toLowerCase(), extension]));
  const record = (body !== null && typeof body === 'object' && !Array.isArray(body) ? body : {}) as Record<string, unknown>;
  const extensionKeys = Object.keys(record).filter((key) => extensionsByName.has(key.toLowerCase()));
  const shape = { ...writable, ...Object.fromEntries(extensionKeys.map((key) => [key, z.unknown()])) };
  const parsed = parseWriteBody(shape, body, { partial: true }) as Partial<Record<string, unknown>>;
  const current = options.current;

  if (current === undefined) {
    for (const property of requiredOnCreate) {
      if (parsed[property] === undefined) throw new RequiredPropertyError(property);
    }
  }
  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(parsed)) {
    const extension = extensionsByName.get(key.toLowerCase());
    changes[extension?.name ?? key] = extension === undefined ? value : normalizeExtensionValue(extension, value);
  }
  if (typeof changes.onPremisesLastSyncDateTime === 'string') {
    changes.onPremisesLastSyncDateTime = new Date(Date.parse(changes.onPremisesLastSyncDateTime)).toISOString().replace('.000Z', 'Z');
  }
  if (typeof changes.mailNickname === 'string' && !isValidMailNickname(changes.mailNickname)) {
    throw new InvalidPropertyValueError('mailNickname', 'Group');
  }
  const groupTypes = (changes.groupTypes as string[] | undefined) ?? current?.groupTypes ?? [];
  if (groupTypes.some((type) => type.toLowerCase() !== 'unified') || new Set(groupTypes.map((type) => type.toLowerCase())).size !== groupTypes.length) {
    throw new InvalidPropertyValueError('groupTypes', 'Group', "Only the group type 'Unified' is supported; dynamic membership is not available in this directory.");
  }
  if (changes.groupTypes !== undefined) changes.groupTypes = groupTypes.map(() => 'Unified');
  if (current !== undefined) {
    if (changes.groupTypes !== undefined && isUnified({ groupTypes }) !== isUnified(current)) {
      throw new InvalidPropertyValueError('groupTypes', 'Group', 'The group type of an existing group cannot be changed.');
    }
    if (changes.mailEnabled !== undefined && changes.mailEnabled !== current.mailEnabled) {
      throw new InvalidPropertyValueError('mailEnabled', 'Group', 'The mail-enablement of an existing group cannot be changed.');
    }
  }
  const mailEnabled = (changes.mailEnabled as boolean | undefined) ?? current?.mailEnabled ?? false;
  if (mailEnabled && !isUnified({ groupTypes })) {
    throw new BadRequestError(
      'The service does not currently support writes of mail-enabled groups. Please ensure that the mail-enablement property is unset or is set to false.',
      { code: 'Request_BadRequest' },
    );
  }
  if (isUnified({ groupTypes }) && !mailEnabled) {
    throw new InvalidPropertyValueError('mailEnabled', 'Group', 'A Microsoft 365 group must be mail-enabled.');
  }
  if (changes.visibility === 'HiddenMembership' && (current !== undefined || !isUnified({ groupTypes }))) {
    throw new InvalidPropertyValueError('visibility', 'Group', 'HiddenMembership can only be set when a Microsoft 365 group is created.');
  }
  return Object.freeze({ changes: Object.freeze(changes) });
}

/** Merges parsed changes onto a group; a Microsoft 365 group's address follows its nickname. */
export function applyGroupChanges(group: Group, changes: Readonly<Partial<Record<string, unknown>>>, domain: string): Group {
  const merged = { ...group, ...changes } as Group;
  if (isUnified(merged) && typeof changes.mailNickname === 'string' && changes.mailNickname !== group.mailNickname) {
    const mail = `${changes.mailNickname}@${domain}`;
    const others = merged.proxyAddresses.filter((address) => !address.startsWith('SMTP:')).concat(group.mail === null ? [] : [`smtp:${group.mail}`]);
    return { ...merged, mail, proxyAddresses: [`SMTP:${mail}`, ...others] };
  }
  return merged;
}
