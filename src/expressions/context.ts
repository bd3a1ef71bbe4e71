/** One app role assigned to the user for this application (SingleAppRoleAssignment & co. read these). */
export interface AppRoleAssignment {
  readonly appRoleId: string;
  /** The role's `value` claim, e.g. "Admin". */
  readonly value?: string | null;
  readonly displayName?: string | null;
}

/** What an expression can see while it is evaluated for one source object. */
export interface EvaluationContext {
  /** The source object's attribute value (string, number, boolean, Date, bigint, bytes, arrays, plain objects). */
  attribute(name: string): unknown;
  /** The clock (UTC); defaults to the system clock. */
  now?: () => Date;
  /** SelectUniqueValue's oracle: true when no target object already holds `value`. */
  isUnique?: (value: string) => boolean | Promise<boolean>;
  /** The user's app role assignments to this application. */
  appRoleAssignments?: readonly AppRoleAssignment[];
  /** Guid()'s generator; defaults to crypto.randomUUID (tests stub it). */
  newGuid?: () => string;
  /** DefaultDomain()'s answer: the tenant's default verified domain. */
  defaultDomain?: string;
}
