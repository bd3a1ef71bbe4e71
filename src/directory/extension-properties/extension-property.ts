/** Graph's `extensionProperty`: a directory extension an application declares for users, groups or other objects. */
export const extensionDataTypes = ['Binary', 'Boolean', 'DateTime', 'Integer', 'LargeInteger', 'String'] as const;
export type ExtensionDataType = (typeof extensionDataTypes)[number];

export const extensionTargetObjects = ['User', 'Group', 'AdministrativeUnit', 'Application', 'Device', 'Organization'] as const;
export type ExtensionTargetObject = (typeof extensionTargetObjects)[number];

export interface ExtensionProperty {
  readonly id: string;
  readonly deletedDateTime: string | null;
  readonly appDisplayName: string | null;
  readonly dataType: ExtensionDataType;
  readonly isMultiValued: boolean;
  readonly isSyncedFromOnPremises: boolean;
  /** The full name, `extension_{appIdWithoutDashes}_{name}`, as it appears on users and groups. */
  readonly name: string;
  readonly targetObjects: readonly ExtensionTargetObject[];
}

/** Graph names an extension after the declaring application's appId (without dashes) and the given name. */
export function extensionPropertyName(appId: string, name: string): string {
  return `extension_${appId.replace(/-/g, '').toLowerCase()}_${name}`;
}

/** Whether a property name has the shape of a directory extension attribute. */
export function isExtensionAttributeName(name: string): boolean {
  return /^extension_[0-9a-f]{32}_[A-Za-z0-9_]+$/i.test(name);
}
