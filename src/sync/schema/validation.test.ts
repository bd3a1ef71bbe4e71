import { describe, expect, it } from 'vitest';
import { credentialDataMapping as seedCredentialDataMapping } from '../../../test/support/seed-credential-data.js';
import { BadRequestError } from '../../errors/graph-error.js';
import { attributeMappingSchema } from './attribute-mapping.js';
import { attributeDefinitionSchema } from './attribute-definition.js';
import { InvalidSynchronizationInputError } from './errors.js';
import { synchronizationMetadataKeyForVersion } from './enums.js';
import { parseSynchronizationInput } from './parse-input.js';
import { synchronizationSecretKeyStringValuePairSchema } from './synchronization-secret.js';
import { synchronizationSchemaSchema } from './synchronization-schema.js';
import { synchronizationTemplateSchema } from './synchronization-template.js';

/** The CredentialData mapping exactly as seed 001 tells users to paste it. */
const credentialDataMapping = seedCredentialDataMapping();

describe('attribute mapping input', () => {
  it('keeps the seed 001 mapping exactly as sent', () => {
    expect(attributeMappingSchema.parse(credentialDataMapping)).toEqual(credentialDataMapping);
  });

  it('fills Graph defaults and drops unknown properties', () => {
    const parsed = attributeMappingSchema.parse({ targetAttributeName: 'mail', source: { name: 'mail' }, bogus: 1 });
    expect(parsed).toEqual({
      defaultValue: null,
      exportMissingReferences: false,
      flowBehavior: 'FlowWhenChanged',
      flowType: 'Always',
      matchingPriority: 0,
      targetAttributeName: 'mail',
      source: { expression: null, name: 'mail', type: 'Attribute', parameters: [] },
    });
  });

  it('normalizes enum spelling and rejects non-members', () => {
    expect(attributeMappingSchema.parse({ targetAttributeName: 'x', flowType: ' objectaddonly ' }).flowType).toBe('ObjectAddOnly');
    const result = attributeMappingSchema.safeParse({ targetAttributeName: 'x', flowType: 'Sometimes' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['flowType']);
  });

  it('rejects wrong types', () => {
    expect(attributeMappingSchema.safeParse({ targetAttributeName: 'x', matchingPriority: '1' }).success).toBe(false);
    expect(attributeMappingSchema.safeParse({ targetAttributeName: 'x', matchingPriority: 1.5 }).success).toBe(false);
    expect(attributeMappingSchema.safeParse({ source: null }).success).toBe(false);
  });

  it('validates nested function parameters recursively', () => {
    const nested = {
      targetAttributeName: 'x',
      source: {
        type: 'Function',
        name: 'Not',
        parameters: [{ key: 'source', value: { type: 'Function', name: 'IsPresent', parameters: [{ key: 'source', value: { type: 'Nope' } }] } }],
      },
    };
    const result = attributeMappingSchema.safeParse(nested);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['source', 'parameters', 0, 'value', 'parameters', 0, 'value', 'type']);
  });

  it('keeps @odata.type that SDKs send', () => {
    const parsed = attributeMappingSchema.parse({ '@odata.type': '#microsoft.graph.attributeMapping', targetAttributeName: 'x' });
    expect(parsed['@odata.type']).toBe('#microsoft.graph.attributeMapping');
  });
});

describe('attribute definition input', () => {
  it('defaults everything but the name', () => {
    expect(attributeDefinitionSchema.parse({ name: 'userPrincipalName', type: 'string' })).toEqual({
      anchor: false,
      caseExact: false,
      defaultValue: null,
      flowNullValues: false,
      multivalued: false,
      mutability: 'ReadWrite',
      name: 'userPrincipalName',
      required: false,
      type: 'String',
      apiExpressions: [],
      metadata: [],
      referencedObjects: [],
    });
  });

  it('rejects an unknown metadata key', () => {
    expect(attributeDefinitionSchema.safeParse({ name: 'a', metadata: [{ key: 'Nope', value: 'x' }] }).success).toBe(false);
  });
});

describe('synchronization schema input', () => {
  it('accepts the documented minimal PUT body and marks omitted ids as empty', () => {
    const parsed = synchronizationSchemaSchema.parse({
      directories: [{ name: 'Azure Active Directory', objects: [{ name: 'User', attributes: [{ name: 'userPrincipalName', type: 'string' }] }] }],
      synchronizationRules: [
        {
          name: 'USER_TO_USER',
          sourceDirectoryName: 'Azure Active Directory',
          targetDirectoryName: 'Salesforce',
          objectMappings: [{ sourceObjectName: 'User', targetObjectName: 'User', attributeMappings: [{ source: {}, targetAttributeName: 'userName' }] }],
        },
      ],
    });
    expect(parsed.id).toBe('');
    expect(parsed.directories[0]?.id).toBe('');
    expect(parsed.directories[0]?.discoverabilities).toBe('None');
    const rule = parsed.synchronizationRules[0];
    expect(rule?.id).toBe('');
    expect(rule?.editable).toBe(true);
    expect(rule?.objectMappings[0]?.flowTypes).toBe('Add,Update,Delete');
    expect(rule?.objectMappings[0]?.enabled).toBe(true);
    expect(rule?.objectMappings[0]?.scope).toBeNull();
  });

  it('outputs object mappings in the order scripts search for', () => {
    const parsed = synchronizationSchemaSchema.parse({
      synchronizationRules: [
        {
          id: 'r',
          sourceDirectoryName: 'Active Directory',
          targetDirectoryName: 'Azure Active Directory',
          objectMappings: [
            { attributeMappings: [], targetObjectName: 'User', sourceObjectName: 'user', name: 'Provision Active Directory users', flowTypes: 'Add, Update, Delete', enabled: true },
          ],
        },
      ],
    });
    expect(JSON.stringify(parsed)).toContain(
      '"enabled":true,"flowTypes":"Add,Update,Delete","name":"Provision Active Directory users","sourceObjectName":"user","targetObjectName":"User","attributeMappings":[',
    );
  });

  it('treats null collections as empty and rejects a bad discoveryDateTime', () => {
    expect(synchronizationSchemaSchema.parse({ directories: null, synchronizationRules: null })).toMatchObject({ directories: [], synchronizationRules: [] });
    expect(synchronizationSchemaSchema.safeParse({ directories: [{ name: 'x', discoveryDateTime: 'yesterday' }] }).success).toBe(false);
  });
});

describe('synchronization template input', () => {
  it('requires a GUID applicationId and accepts both metadata key casings', () => {
    const parsed = synchronizationTemplateSchema.parse({
      id: 'SCIM-Test1',
      applicationId: '00000000-0000-0000-0000-000000000001',
      factoryTag: 'CustomSCIM',
      metadata: [{ key: 'GalleryApplicationIdentifier', value: 'x' }, { key: 'isOAuthEnabled', value: 'true' }],
    });
    expect(parsed.metadata.map((entry) => entry.key)).toEqual(['galleryApplicationIdentifier', 'isOAuthEnabled']);
    expect(parsed.schema).toBeNull();
    expect(synchronizationTemplateSchema.safeParse({ id: 'x', applicationId: 'not-a-guid' }).success).toBe(false);
  });

  it('spells metadata keys per API version', () => {
    expect(synchronizationMetadataKeyForVersion('galleryApplicationIdentifier', 'v1.0')).toBe('GalleryApplicationIdentifier');
    expect(synchronizationMetadataKeyForVersion('oAuthSettings', 'v1.0')).toBe('OAuthSettings');
    expect(synchronizationMetadataKeyForVersion('isOAuthEnabled', 'beta')).toBe('isOAuthEnabled');
  });
});

describe('secrets input', () => {
  it('knows the keys the seeds use', () => {
    for (const key of ['BaseAddress', 'SecretToken', 'Domain', 'AppKey', 'SyncNotificationSettings', 'ClientSecret', 'Oauth2TokenExchangeUri']) {
      expect(synchronizationSecretKeyStringValuePairSchema.parse({ key, value: 'v' }).key).toBe(key);
    }
    expect(synchronizationSecretKeyStringValuePairSchema.parse({ key: 'domain', value: '{}' }).key).toBe('Domain');
    expect(synchronizationSecretKeyStringValuePairSchema.safeParse({ key: 'Token', value: 'v' }).success).toBe(false);
  });
});

describe('parseSynchronizationInput', () => {
  it('returns the normalized value', () => {
    expect(parseSynchronizationInput(attributeMappingSchema, credentialDataMapping, 'attributeMapping')).toEqual(credentialDataMapping);
  });

  it('throws a 400 naming every offending path', () => {
    const body = { synchronizationRules: [{ sourceDirectoryName: 'a', targetDirectoryName: 'b', objectMappings: [{ sourceObjectName: 'u', targetObjectName: 'U', flowTypes: 'Sometimes', enabled: 'yes' }] }] };
    let error: unknown;
    try {
      parseSynchronizationInput(synchronizationSchemaSchema, body, 'synchronizationSchema');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidSynchronizationInputError);
    expect(error).toBeInstanceOf(BadRequestError);
    const invalid = error as InvalidSynchronizationInputError;
    expect(invalid.status).toBe(400);
    expect(invalid.details?.map((detail) => detail.target).sort()).toEqual([
      'synchronizationRules[0].objectMappings[0].enabled',
      'synchronizationRules[0].objectMappings[0].flowTypes',
    ]);
    expect(invalid.message).toContain('synchronizationSchema');
    expect(invalid.message).toContain('(and 1 more)');
  });
});
