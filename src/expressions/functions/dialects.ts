import type { Dialect } from '../dialect.js';

export const BOTH: readonly Dialect[] = Object.freeze(['appProvisioning', 'cloudSync']);
export const APP_PROVISIONING: readonly Dialect[] = Object.freeze(['appProvisioning']);
export const CLOUD_SYNC: readonly Dialect[] = Object.freeze(['cloudSync']);
