import { isDeepStrictEqual } from 'node:util';
import { phoneTypes, type Phone } from '../../directory/contacts/org-contact.js';
import { InvalidPropertyValueError } from '../../directory/directory-errors.js';
import { ObjectFailure } from '../engine-errors.js';
import { attributeRule, type AttributeLocation, type DirectoryObjectType } from './directory-attributes.js';
import { ValueConversionError, type ValueConversion } from './directory-values.js';

/** One directory object as the target reads and writes it: its Graph document and the links kept beside it. */
export interface DirectoryState {
  readonly id: string;
  readonly document: Readonly<Record<string, unknown>>;
  /** The on-premises anchor (a user's onPremisesImmutableId, a column for groups and contacts). */
  readonly anchor: string | null;
  /** A user's manager id; null for others. */
  readonly managerId: string | null;
}

/** A state after attribute values were applied. */
export interface AppliedAttributes {
  readonly document: Record<string, unknown>;
  readonly anchor: string | null;
  /** The manager to link (null: none); undefined when no value named it. */
  readonly managerId: string | null | undefined;
  /** Graph properties whose value changed, for the change feed. */
  readonly changed: readonly string[];
}

/** Graph's resource names in its error messages. */
const graphResource = { User: 'User', Group: 'Group', Contact: 'OrgContact' } as const;

/**
 * The rule for an attribute the target is asked to write: an attribute the directory does not take for the
 * object type, or one synchronization never writes, fails the object with a message saying so.
 */
export function writableRule(objectType: DirectoryObjectType, path: string): { readonly value: ValueConversion; readonly location: AttributeLocation } {
  const rule = attributeRule(objectType, path);
  if (rule === undefined) {
    throw new ObjectFailure('SchemaAttributeNotFound', `The directory has no attribute '${path}' for ${objectType} objects.`, {
      retryable: false,
      recommendedAction: `Remove the mapping to '${path}', or map the value to an attribute the directory takes for ${objectType} objects.`,
    });
  }
  if (rule.location.kind === 'refused') {
    throw new ObjectFailure('SchemaAttributeNotFound', `The attribute '${path}' cannot be provisioned: ${rule.location.reason}.`, {
      retryable: false,
      recommendedAction: `Remove the mapping to '${path}'.`,
    });
  }
  return rule;
}

function convert(objectType: DirectoryObjectType, path: string, location: AttributeLocation, value: ValueConversion, raw: unknown): unknown {
  try {
    return value.write(raw);
  } catch (error) {
    if (!(error instanceof ValueConversionError)) throw error;
    if (error.multipleValues) {
      throw new ObjectFailure('SchemaPropertyCanOnlyAcceptValue', `The attribute '${path}' takes one value: ${error.message}.`, {
        retryable: false,
        recommendedAction: `Map a single value to '${path}' (for example with SingleAppRoleAssignment or Item).`,
      });
    }
    throw new InvalidPropertyValueError(location.kind === 'property' || location.kind === 'first' ? location.name : path, graphResource[objectType]);
  }
}

/**
 * Writes attribute values (schema names → export values) into a copy of a state through the attribute table.
 * A null value clears a property; required flags (accountEnabled, mailEnabled, securityEnabled) keep theirs.
 */
export function applyAttributes(objectType: DirectoryObjectType, state: DirectoryState, values: Iterable<readonly [string, unknown]>): AppliedAttributes {
  const document: Record<string, unknown> = { ...state.document };
  let anchor = state.anchor;
  let anchorPath: string | undefined;
  let managerId: string | null | undefined;
  for (const [path, raw] of values) {
    const { value, location } = writableRule(objectType, path);
    if (location.kind === 'ignored') continue;
    const converted = convert(objectType, path, location, value, raw);
    switch (location.kind) {
      case 'property':
        if (converted === null && typeof document[location.name] === 'boolean') break;
        document[location.name] = converted;
        break;
      case 'entry':
        document[location.name] = { ...(document[location.name] as object | null), [location.key]: converted };
        break;
      case 'first':
        document[location.name] = converted === null ? [] : [converted];
        break;
      case 'phone': {
        const others = ((document.phones ?? []) as readonly Phone[]).filter((phone) => phone.type !== location.type);
        const phones = converted === null ? others : [...others, { type: location.type, number: converted as string }];
        document.phones = phones.sort((a, b) => phoneTypes.indexOf(a.type) - phoneTypes.indexOf(b.type));
        break;
      }
      case 'anchor':
        // sourceAnchorBinary and onPremisesImmutableId both name a user's anchor; they must agree.
        if (anchorPath !== undefined && converted !== anchor) {
          throw new ObjectFailure('BadRequest', `The attributes '${anchorPath}' and '${path}' carry different source anchors.`, {
            retryable: false,
            recommendedAction: 'Map the same source attribute (objectGUID) to both.',
          });
        }
        anchorPath = path;
        anchor = converted as string | null;
        if (objectType === 'User') document.onPremisesImmutableId = anchor;
        break;
      case 'manager':
        managerId = converted as string | null;
        break;
    }
  }
  return { document, anchor, managerId, changed: changedProperties(state.document, document) };
}

export function changedProperties(before: Readonly<Record<string, unknown>>, after: Readonly<Record<string, unknown>>): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((key) => !isDeepStrictEqual(before[key] ?? null, after[key] ?? null));
}

/** The value an object holds for a target attribute, in the form the mapping yields; undefined when not held. */
export function readAttribute(objectType: DirectoryObjectType, state: DirectoryState, path: string): unknown {
  const rule = attributeRule(objectType, path);
  if (rule === undefined) return undefined;
  const { location, value } = rule;
  const document = state.document;
  switch (location.kind) {
    case 'property':
      return value.read(document[location.name] ?? null);
    case 'entry':
      return value.read((document[location.name] as Record<string, unknown> | null)?.[location.key] ?? null);
    case 'first':
      return value.read((document[location.name] as readonly unknown[] | undefined)?.[0] ?? null);
    case 'phone':
      return value.read(((document.phones ?? []) as readonly Phone[]).find((phone) => phone.type === location.type)?.number ?? null);
    case 'anchor':
      return value.read(state.anchor);
    case 'manager':
      return state.managerId;
    default:
      return undefined;
  }
}
