/** The Graph `appRoleAssignment`: a principal (user, group or service principal) granted an app role of a resource. */
export interface AppRoleAssignment {
  id: string;
  appRoleId: string;
  createdDateTime: string;
  deletedDateTime: string | null;
  principalDisplayName: string | null;
  principalId: string;
  principalType: 'User' | 'Group' | 'ServicePrincipal';
  resourceDisplayName: string | null;
  resourceId: string;
}
