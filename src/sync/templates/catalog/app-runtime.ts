import type { SynchronizationSecretKey } from '../../schema/index.js';
import { defaultJobSettings, type ConnectorKind, type TemplateRuntime } from '../template-definition.js';

/** App provisioning jobs: every 40 minutes, app provisioning dialect, the directory on one side. */
export function appRuntime(options: {
  readonly requiredSecrets: readonly (readonly SynchronizationSecretKey[])[];
  readonly target?: ConnectorKind;
  readonly source?: ConnectorKind;
  readonly scheduleInterval?: string;
}): TemplateRuntime {
  return {
    scheduleInterval: options.scheduleInterval ?? 'PT40M',
    expressionDialect: 'appProvisioning',
    requiredSecrets: options.requiredSecrets,
    source: options.source ?? 'directory',
    target: options.target ?? 'vendorApi',
    jobSettings: defaultJobSettings,
  };
}
