/**
 * The two documented flavours of the language: app provisioning (functions-for-customizing-application-data) and
 * Cloud Sync (reference-expressions). Jobs from the AD2AAD* / AAD2AD* templates use 'cloudSync'.
 */
export type Dialect = 'appProvisioning' | 'cloudSync';

export const DIALECTS: readonly Dialect[] = ['appProvisioning', 'cloudSync'];
