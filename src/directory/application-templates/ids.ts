/**
 * Application template ids that other modules refer to. Ids marked "Provisio-assigned" are stable
 * ids of this implementation: the gallery's own ids for those apps were not available to copy.
 */
/** Non-gallery ("custom") application, global cloud (Graph applicationTemplate: instantiate). */
export const nonGalleryApplicationTemplateId = '8adf8e6e-67b2-4cf2-a259-e3dc5476c621';
/** Active Directory to Azure Active Directory provisioning (Microsoft Entra Cloud Sync), seeds 000/001. */
export const cloudSyncApplicationTemplateId = '1a4721b3-e57f-4451-ae87-ef078703ec94';
/** The same in Microsoft's pre-production environment (seed 000). */
export const cloudSyncPpeApplicationTemplateId = '77bba2fe-c22b-44d3-ac50-3b6912035327';
/** Amazon Web Services (AWS), seed 003. */
export const awsApplicationTemplateId = '8b1025e4-1dd2-430b-a150-2ef79cd700f5';
/** Salesforce (Graph applicationTemplate list example). */
export const salesforceApplicationTemplateId = 'cd3ed3de-93ee-400b-8b19-b61ef44a0f29';
/** Provisio-assigned. */
export const apiDrivenToEntraApplicationTemplateId = '483da1ea-696c-40c0-8ad9-c9d6ed7c935b';
/** Provisio-assigned. */
export const apiDrivenToActiveDirectoryApplicationTemplateId = 'ef87c04f-3e0b-4ac2-83a2-de3e5abe7ba4';
/** Provisio-assigned. */
export const boxApplicationTemplateId = '9d50bec0-0aa2-4b0f-b5f8-98d16d42b124';
/** Provisio-assigned. */
export const salesforceSandboxApplicationTemplateId = 'e249357c-ad57-4954-9eb7-291bede722a9';
/** Provisio-assigned. */
export const serviceNowApplicationTemplateId = '3f2ff2c3-9995-41fb-92fa-dbf41cd00188';
/** Provisio-assigned. */
export const slackApplicationTemplateId = 'b15e4ac0-dd19-4df2-8c59-c42087101894';
/** Provisio-assigned. */
export const dropboxApplicationTemplateId = '887635b2-febb-4089-8dc5-976c048b6344';
/** Provisio-assigned. */
export const googleWorkspaceApplicationTemplateId = '2d3ece4b-96d0-4805-b91f-052772945d81';
/** Provisio-assigned. */
export const awsIamIdentityCenterApplicationTemplateId = '21ed01d2-ec13-4e9e-86c1-cd546719ebc4';
/** Provisio-assigned. */
export const githubEnterpriseApplicationTemplateId = '5a9a6f8e-3c1b-4f62-9d0e-7b2c4e8f1a36';
/** Provisio-assigned. */
export const zoomApplicationTemplateId = '0c4e2b7a-91d5-4a38-8f6e-2d1b9c7e5f40';
