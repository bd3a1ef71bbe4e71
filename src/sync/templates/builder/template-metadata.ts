import type { SynchronizationMetadataEntry, SynchronizationMetadataKey } from '../../schema/index.js';
import { synchronizationMetadataKeys } from '../../schema/index.js';

export interface ConfigurationField {
  readonly name: string;
  readonly secret?: boolean;
}

export type TemplateMetadataValues = Partial<Record<Exclude<SynchronizationMetadataKey, 'configurationFields'>, string>> & {
  /** The credential fields the portal shows, serialized the way the service does (`[{"name":"baseaddress"},…]`). */
  readonly configurationFields?: readonly ConfigurationField[];
};

/** Template metadata entries in the enum's declaration order, values as the strings Graph returns. */
export function templateMetadata(values: TemplateMetadataValues): SynchronizationMetadataEntry[] {
  return synchronizationMetadataKeys.flatMap((key): SynchronizationMetadataEntry[] => {
    if (key === 'configurationFields') {
      return values.configurationFields === undefined ? [] : [{ key, value: JSON.stringify(values.configurationFields) }];
    }
    const value = values[key];
    return value === undefined ? [] : [{ key, value }];
  });
}
