import { describe, expect, it } from 'vitest';
import { credentialDataMapping, credentialDataObjectMappings } from '../../../test/support/seed-credential-data.js';
import { MissingReplicationRightsError, DomainControllerUnreachableError } from '../../connectors/ad-password-hashes/index.js';
import { findSynchronizationTemplate } from '../../sync/templates/index.js';
import type { SynchronizationSchema } from '../../sync/schema/index.js';
import { EngineError, JobLevelFailure } from '../engine-errors.js';
import { compileSchema } from '../mapping/compiled-mapping.js';
import { failureReport, passwordHashFailure } from './password-hash-failures.js';
import { mapsCredentialData, openPasswordHashSource, passwordHashSyncEnabled } from './password-hash-settings.js';

/** The AD2AADProvisioning schema, with seed 001's CredentialData mapping added to the named object mappings. */
function provisioningSchema(withMappingIn: readonly string[], expression = '[PasswordHash]'): SynchronizationSchema {
  const schema = structuredClone(findSynchronizationTemplate('AD2AADProvisioning')?.schema) as SynchronizationSchema;
  for (const objectMapping of schema.synchronizationRules[0]!.objectMappings) {
    if (withMappingIn.includes(objectMapping.name)) (objectMapping.attributeMappings as unknown[]).push(credentialDataMapping(expression));
  }
  return { ...schema, version: `${withMappingIn.join('+')}${expression}` };
}

describe('password hash sync settings', () => {
  it('runs only with the AD2AADPasswordHash AppKey scenario', () => {
    expect(passwordHashSyncEnabled(new Map([['AppKey', '{"appKeyScenario":"AD2AADPasswordHash"}']]))).toBe(true);
    expect(passwordHashSyncEnabled(new Map([['AppKey', '{"appKeyScenario":"AD2AADProvisioning"}']]))).toBe(false);
    expect(passwordHashSyncEnabled(new Map([['AppKey', 'not json']]))).toBe(false);
    expect(passwordHashSyncEnabled(new Map([['AppKey', 'null']]))).toBe(false);
    expect(passwordHashSyncEnabled(new Map())).toBe(false);
  });

  it("sees seed 001's CredentialData ← [PasswordHash] mapping in a provisioning job's schema", () => {
    const compile = (schema: SynchronizationSchema) => compileSchema('job', schema, 'cloudSync');
    expect(mapsCredentialData(compile(provisioningSchema([])))).toBe(false);
    expect(mapsCredentialData(compile(provisioningSchema(credentialDataObjectMappings)))).toBe(true);
    expect(mapsCredentialData(compile(provisioningSchema(['Provision Active Directory inetOrgPersons'])))).toBe(true);
    expect(mapsCredentialData(compile(provisioningSchema(['Provision Active Directory users'], '[objectGUID]')))).toBe(false);
  });

  it('opens the source from the LDAP secrets; incomplete ones are a job-level failure naming them', () => {
    const secrets = new Map([
      ['Domain', '{"domain":"example.test"}'],
      ['Server', 'ldap://dc1.example.test'],
      ['UserName', 'svc-phs@example.test'],
      ['Password', 'x'],
    ]);
    expect(openPasswordHashSource(secrets).namingContext).toBe('DC=example,DC=test');
    const failure = (() => {
      try {
        openPasswordHashSource(new Map([['Domain', '{"domain":"example.test"}']]));
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(failure).toBeInstanceOf(JobLevelFailure);
    expect(failure).toMatchObject({ code: 'InvalidConfiguration', message: expect.stringMatching(/UserName/) });
  });

  it('quarantines for what needs the configuration changed, and only fails the cycle for an unreachable DC', () => {
    const rights = passwordHashFailure(new MissingReplicationRightsError('the account may not replicate secrets', { status: 'WERR_DS_DRA_ACCESS_DENIED' }));
    expect(rights).toBeInstanceOf(JobLevelFailure);
    expect(rights.message).toMatch(/may not replicate secrets \(WERR_DS_DRA_ACCESS_DENIED\)\. Grant .*Replicating Directory Changes All/);
    // The remedy is the failure's recommended action too, said once where one text holds both.
    expect((rights as JobLevelFailure).recommendedAction).toMatch(/^Grant the account in the UserName secret 'Replicating Directory Changes'/);
    expect((rights as JobLevelFailure).advisedMessage).toBe(rights.message);
    const down = passwordHashFailure(new DomainControllerUnreachableError('cannot reach the domain controller dc1'));
    expect(down).toBeInstanceOf(EngineError);
    expect(down).not.toBeInstanceOf(JobLevelFailure);
    expect(down).toMatchObject({ code: 'DomainControllerUnreachable', message: expect.stringMatching(/next cycle tries again/) });
  });

  it('logs a failed read against the domain, with the DC, the status and the remedy of a reader failure only', () => {
    const context = { sourceSystem: 'Active Directory', targetSystem: 'contoso', now: () => new Date() };
    const rights = passwordHashFailure(new MissingReplicationRightsError('denied', { status: 'WERR_DS_DRA_ACCESS_DENIED', server: 'dc1' }));
    const report = failureReport(context, rights, 'DC=example,DC=test', 'The job is quarantined until it is restarted.');
    expect(report).toMatchObject({ status: 'failure', source: { id: 'DC=example,DC=test', objectType: 'domainDNS' } });
    expect(report.steps[0]!.details).toEqual({ DomainController: 'dc1', Status: 'WERR_DS_DRA_ACCESS_DENIED' });
    expect(report.error).toMatchObject({ errorCode: 'MissingReplicationRights', errorCategory: 'failure', recommendedAction: expect.stringMatching(/^Grant the account/) });
    const other = failureReport(context, new EngineError('InternalError', 'no reader involved', { cause: new Error('x') }), 'DC=example,DC=test', 'The next cycle tries again.');
    expect(other.steps[0]!.details).toEqual({});
    expect(other.error).toMatchObject({ errorCode: 'InternalError', errorCategory: 'nonServiceFailure', recommendedAction: null });
  });
});
