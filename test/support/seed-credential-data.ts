/**
 * Seed 001, "Enable Sync password hashes on configuration blade": the CredentialData ← [PasswordHash] attribute
 * mapping users paste into the provisioning job's schema, and the object mappings it goes into.
 */
export const credentialDataMappingText =
  '{"defaultValue":null,"exportMissingReferences":false,"flowBehavior":"FlowWhenChanged","flowType":"Always","matchingPriority":0,"targetAttributeName":"CredentialData","source":{"expression":"[PasswordHash]","name":"PasswordHash","type":"Attribute","parameters":[]}}';

export const credentialDataObjectMappings = ['Provision Active Directory users', 'Provision Active Directory inetOrgPersons'] as const;

export interface SeedAttributeMapping {
  defaultValue: null;
  exportMissingReferences: boolean;
  flowBehavior: string;
  flowType: string;
  matchingPriority: number;
  targetAttributeName: string;
  source: { expression: string; name: string; type: string; parameters: unknown[] };
}

/** A fresh copy of the seed's mapping; another attribute reference as its source to test what the engine makes of it. */
export function credentialDataMapping(expression = '[PasswordHash]'): SeedAttributeMapping {
  const mapping = JSON.parse(credentialDataMappingText) as SeedAttributeMapping;
  mapping.source.expression = expression;
  mapping.source.name = expression.slice(1, -1);
  return mapping;
}
