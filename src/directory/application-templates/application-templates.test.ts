import { describe, expect, it } from 'vitest';
import {
  applicationTemplateEntries,
  applicationTemplates,
  awsApplicationTemplateId,
  cloudSyncApplicationTemplateId,
  cloudSyncPpeApplicationTemplateId,
  findApplicationTemplate,
  nonGalleryApplicationTemplateId,
  synchronizationTemplateIdsFor,
} from './index.js';

describe('application template catalog', () => {
  it('has unique lower-case GUID ids and Graph-shaped entries', () => {
    const ids = applicationTemplates.map((template) => template.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const template of applicationTemplates) {
      expect(template.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(Object.keys(template)).toEqual([
        'id',
        'displayName',
        'homePageUrl',
        'supportedSingleSignOnModes',
        'supportedProvisioningTypes',
        'logoUrl',
        'categories',
        'publisher',
        'description',
      ]);
      expect(template.supportedProvisioningTypes).toEqual(['sync']);
    }
  });

  it('lists AWS exactly as seed 003 shows it', () => {
    expect(findApplicationTemplate(awsApplicationTemplateId)).toEqual({
      id: '8b1025e4-1dd2-430b-a150-2ef79cd700f5',
      displayName: 'Amazon Web Services (AWS)',
      homePageUrl: 'http://aws.amazon.com/',
      supportedSingleSignOnModes: ['password', 'saml', 'external'],
      supportedProvisioningTypes: ['sync'],
      logoUrl: 'https://az495088.vo.msecnd.net/app-logo/aws_215.png',
      categories: ['developerServices'],
      publisher: 'Amazon',
      description: null,
    });
  });

  it('finds templates case-insensitively and knows which synchronization templates they yield', () => {
    expect(findApplicationTemplate(cloudSyncApplicationTemplateId.toUpperCase())?.id).toBe('1a4721b3-e57f-4451-ae87-ef078703ec94');
    expect(synchronizationTemplateIdsFor(cloudSyncApplicationTemplateId)).toEqual(['AD2AADProvisioning', 'AD2AADPasswordHash', 'AAD2ADExchangeHybridWriteback', 'AAD2ADGroupProvisioning']);
    expect(synchronizationTemplateIdsFor(cloudSyncPpeApplicationTemplateId)).toEqual(synchronizationTemplateIdsFor(cloudSyncApplicationTemplateId));
    expect(synchronizationTemplateIdsFor(nonGalleryApplicationTemplateId)).toEqual(['scim']);
    expect(findApplicationTemplate('8adf8e6e-67b2-4cf2-a259-e3dc5476c621')?.displayName).toBe('Non-Gallery application');
    expect(findApplicationTemplate('not-an-id')).toBeUndefined();
    expect(synchronizationTemplateIdsFor('not-an-id')).toEqual([]);
  });

  it('offers the gallery apps the seeds use', () => {
    const byName = (name: string) => applicationTemplateEntries.find((entry) => entry.applicationTemplate.displayName === name)?.synchronizationTemplateIds;
    expect(byName('Box')).toEqual(['BoxOutDelta']);
    expect(byName('Salesforce Sandbox')).toEqual(['SfSandboxOutDelta']);
    expect(byName('API-driven provisioning to Microsoft Entra ID')).toEqual(['API2AAD']);
    expect(byName('API-driven provisioning to on-premises Active Directory')).toEqual(['API2AD']);
  });

  it('cannot be changed in place', () => {
    const template = applicationTemplates[0];
    expect(Object.isFrozen(template)).toBe(true);
    expect(Object.isFrozen(template?.categories)).toBe(true);
    expect(Object.isFrozen(applicationTemplateEntries[0]?.synchronizationTemplateIds)).toBe(true);
  });
});
