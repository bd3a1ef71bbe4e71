/**
 * Microsoft Graph application permissions Provisio enforces. Each is an app role of the built-in
 * "Microsoft Graph" service principal, with the same id as on Microsoft's platform, so a grant made by a
 * script written for Entra (an app role assignment with this appRoleId) means the same thing here.
 */
export const graphPermissions = {
  'Application.Read.All': '9a5d68dd-52b0-4cc2-bd40-abcf44ac3a30',
  'Application.ReadWrite.All': '1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9',
  'Application.ReadWrite.OwnedBy': '18a4783c-866b-4cc7-a460-3d5e5662c884',
  'AppRoleAssignment.ReadWrite.All': '06b708a9-e830-4db3-a914-8e69da51d44f',
  'AuditLog.Read.All': 'b0afded3-3588-46d8-8b3d-9842eff778da',
  'Directory.Read.All': '7ab1d382-f21e-4acd-a863-ba3e13f7da61',
  'Directory.ReadWrite.All': '19dbc75e-c2e2-444c-a770-ec69d8559fc7',
  'Group.Read.All': '5b567255-7703-4780-807c-7be8301ae99b',
  'Group.ReadWrite.All': '62a82d76-70ea-41e2-9197-370581804d09',
  'Synchronization.Read.All': '5ba43d2f-fa88-4db2-bd1c-a67c5f0fb1ce',
  'Synchronization.ReadWrite.All': '9b50c33d-700f-43b1-b2eb-87e89b703581',
  'SynchronizationData-User.Upload': 'db31e92a-b9ea-4d87-bf6a-75a37a9ca35a',
  'User.Read.All': 'df021288-bdef-4463-88db-98f22de89214',
  'User.ReadWrite.All': '741f803b-c850-494e-b5df-cde7c675a1ca',
} as const;

export type Permission = keyof typeof graphPermissions;

export const allPermissions = Object.keys(graphPermissions) as Permission[];

/** appId of the Microsoft Graph resource service principal, fixed across all tenants. */
export const microsoftGraphAppId = '00000003-0000-0000-c000-000000000000';

const byId = new Map<string, Permission>(Object.entries(graphPermissions).map(([name, id]) => [id, name as Permission]));

export function permissionForAppRoleId(appRoleId: string): Permission | undefined {
  return byId.get(appRoleId.toLowerCase());
}

export function isPermission(name: string): name is Permission {
  return Object.hasOwn(graphPermissions, name);
}

/** Human descriptions for the built-in Microsoft Graph service principal's appRoles. */
export function describePermission(permission: Permission): string {
  const [resource, access] = permission.split('.') as [string, string];
  const verb = access === 'Read' ? 'Read' : access === 'ReadWrite' ? 'Read and write' : access;
  return `${verb} ${resource.toLowerCase()} data (${permission})`;
}

/**
 * Common permission sets for route declarations: a route accepts a token holding ANY of the listed
 * permissions, as Graph documents "least privileged" and "higher privileged" permissions per operation.
 */
export const requires = {
  applicationsRead: ['Application.Read.All', 'Application.ReadWrite.All', 'Application.ReadWrite.OwnedBy', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  applicationsWrite: ['Application.ReadWrite.All', 'Application.ReadWrite.OwnedBy', 'Directory.ReadWrite.All'],
  usersRead: ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  usersWrite: ['User.ReadWrite.All', 'Directory.ReadWrite.All'],
  groupsRead: ['Group.Read.All', 'Group.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  groupsWrite: ['Group.ReadWrite.All', 'Directory.ReadWrite.All'],
  contactsRead: ['Directory.Read.All', 'Directory.ReadWrite.All'],
  contactsWrite: ['Directory.ReadWrite.All'],
  appRoleAssignmentsWrite: ['AppRoleAssignment.ReadWrite.All', 'Application.ReadWrite.All', 'Directory.ReadWrite.All'],
  synchronizationRead: ['Synchronization.Read.All', 'Synchronization.ReadWrite.All', 'Application.ReadWrite.OwnedBy', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  synchronizationWrite: ['Synchronization.ReadWrite.All', 'Application.ReadWrite.OwnedBy', 'Directory.ReadWrite.All'],
  auditLogsRead: ['AuditLog.Read.All'],
  bulkUpload: ['SynchronizationData-User.Upload'],
} as const satisfies Record<string, readonly Permission[]>;
