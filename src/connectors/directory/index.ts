/** Provisio's built-in directory as the source of provisioning jobs (the engine's SourceConnector). */
export { DirectorySource } from './directory-source.js';
export type { DirectorySourceOptions } from './directory-source.js';
export { userAttributes, groupAttributes } from './directory-attributes.js';
export { reduceChanges } from './directory-changes.js';
export type { ReducedChanges } from './directory-changes.js';
export { readEntitlements, roleAssignments } from './directory-entitlements.js';
export type { Entitlements } from './directory-entitlements.js';
