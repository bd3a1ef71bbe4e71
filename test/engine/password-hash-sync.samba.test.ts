import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SambaDc } from '../support/samba-ad.js';
import { credentialDataMapping, credentialDataObjectMappings } from '../support/seed-credential-data.js';
import { storeKinds } from '../support/stores.js';
import { createCloudSyncApp, type CloudSyncApp } from './support/cloud-sync-job.js';
import { job as jobOf, logs, password as cloudPassword, pauseAndSettle, runCycle, startEngineService, type EngineTestService, type JobRef } from './support/engine-fixture.js';
import {
  cloudSyncSecrets,
  hasPasswordHashSync,
  immutableIdOf,
  passwordHashAppKey,
  signIn,
  startReplicationDc,
} from './support/password-hash-fixture.js';

/**
 * The AD2AADPasswordHash job end to end: Samba AD DC → directory replication → CredentialData → the token
 * endpoint's password grant. The directory users stand in for what the provisioning job creates from the same
 * AD accounts (onPremisesImmutableId = base64 of the objectGUID bytes, onPremisesSyncEnabled).
 */
describe.skipIf(!hasPasswordHashSync)('password hash sync job against Samba AD', () => {
  let dc: SambaDc;
  beforeAll(async () => {
    dc = await startReplicationDc();
    await dc.createUser({ name: 'svc-norights', password: 'Passw0rd!Plain1' });
    // Replicating Directory Changes alone: enough for the provisioning job's DirSync reads, not for secrets.
    const half = await dc.createUser({ name: 'svc-halfrights', password: 'Passw0rd!Half1' });
    await dc.tool('dsacl', 'set', '--car=get-changes', '--action=allow', `--objectdn=${dc.baseDn}`, `--trusteedn=${half.dn}`);
  }, 240_000);
  afterAll(async () => dc?.stop());

  describe.each(storeKinds)('(%s)', (kind) => {
    let t: EngineTestService;
    let app: CloudSyncApp;
    let job: JobRef;
    let clientId: string;
    let ou: string;
    const userIds = new Map<string, string>();
    const name = (alias: string) => `${kind.slice(0, 2)}-${alias}`;
    const upn = (alias: string) => `${alias}@${t.domain}`;
    const setPassword = (alias: string, password: string, ...flags: string[]) => dc.tool('user', 'setpassword', name(alias), `--newpassword=${password}`, ...flags);
    const pause = () => pauseAndSettle(t, job);
    /** Starts (or restarts) the paused job and waits for the cycle that runs. */
    const cycle = (restart?: string) => runCycle(t, job, restart ? { resetScope: restart } : 'start', 90_000);
    const cycleRecords = async () => logs(t.graph, job, `cycleId eq '${(await status()).lastExecution.activityIdentifier}'`);
    const status = async () => (await jobOf(t.graph, job)).status;
    const codeOf = (answer: { body: Record<string, unknown> }) => (answer.body.error_codes as number[] | undefined)?.[0];
    const putSecrets = async (secrets: { key: string; value: string }[]) =>
      expect((await t.graph('PUT', app.secrets, { value: secrets })).status).toBe(204);

    /** The directory user the provisioning job would have created for an AD account. */
    const provision = async (alias: string) => {
      const created = await t.graph('POST', '/users', {
        accountEnabled: true,
        displayName: alias,
        mailNickname: alias,
        userPrincipalName: upn(alias),
        passwordProfile: { password: cloudPassword, forceChangePasswordNextSignIn: false },
        onPremisesImmutableId: await immutableIdOf(dc, `CN=${name(alias)},${ou}`),
        onPremisesSyncEnabled: true,
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      userIds.set(alias, created.body.id as string);
    };

    beforeAll(async () => {
      t = await startEngineService(kind, { cycleIntervalMs: 1_000 });
      ou = await dc.createOu(kind);
      await dc.createUser({ name: name('alice'), parentDn: ou, password: 'Passw0rd!Alice1' });
      await dc.createUser({ name: name('bob'), parentDn: ou, password: 'Passw0rd!Bob1' });
      await dc.createUser({ name: name('dave'), parentDn: ou, password: 'Passw0rd!Dave1' });
      await provision('alice');
      await provision('bob');
      app = await createCloudSyncApp(t.graph, `contoso-${kind}`);
      const created = await t.graph('POST', app.jobs, { templateId: 'AD2AADPasswordHash' });
      expect(created.status).toBe(201);
      job = { jobId: created.body.id as string, jobPath: `${app.jobs}/${created.body.id}` };
      clientId = (await t.graph('POST', '/applications', { displayName: 'Sign-in app' })).body.appId as string;
    }, 120_000);
    afterAll(async () => t?.dispose());

    it('does nothing, and says why, while the AppKey secret does not enable password hash sync', async () => {
      await putSecrets(cloudSyncSecrets(dc, { BaseDN: ou }));
      expect(await cycle()).toMatchObject({ state: 'Failed' });
      const current = await status();
      expect(current).toMatchObject({ code: 'NotRun', quarantine: null });
      expect(current.lastExecution.error).toMatchObject({ code: 'PasswordHashSyncNotEnabled', tenantActionable: true });
      expect(current.lastExecution.error.message).toContain('{"appKeyScenario":"AD2AADPasswordHash"}');
      expect((await signIn(t, clientId, upn('alice'), 'Passw0rd!Alice1')).status).toBe(400);
    });

    it('signs a user in with the password set in AD after the next cycle; another password fails', async () => {
      await pause();
      await putSecrets([...cloudSyncSecrets(dc, { BaseDN: ou }), passwordHashAppKey]);
      expect(await cycle()).toMatchObject({ kind: 'full', state: 'EntryLevelErrors' });

      const ok = await signIn(t, clientId, upn('alice'), 'Passw0rd!Alice1');
      expect(ok.status, JSON.stringify(ok.body)).toBe(200);
      expect(ok.body.access_token).toEqual(expect.any(String));
      const wrong = await signIn(t, clientId, upn('alice'), 'Passw0rd!Bob1');
      expect(wrong).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
      expect(codeOf(wrong)).toBe(50126);
      // The cloud password the user was created with no longer works: the synchronized hash replaced it.
      expect((await signIn(t, clientId, upn('bob'), cloudPassword)).status).toBe(400);
      expect((await signIn(t, clientId, upn('bob'), 'Passw0rd!Bob1')).status).toBe(200);

      const current = await status();
      expect(current.code).toBe('Active');
      expect(current.lastExecution).toMatchObject({ state: 'EntryLevelErrors', countImported: 3, countExported: 2, countEscrowed: 1, countEscrowedRaw: 1, error: null });
      const byName = new Map((await cycleRecords()).map((record) => [record.sourceIdentity.displayName, record]));
      expect(byName.get(name('alice'))).toMatchObject({
        provisioningAction: 'update',
        provisioningStatusInfo: { status: 'success' },
        targetIdentity: { id: userIds.get('alice'), displayName: upn('alice') },
        modifiedProperties: [{ displayName: 'CredentialData', oldValue: '[Redact]', newValue: '[Redact]' }, expect.objectContaining({ displayName: 'passwordPolicies' })],
      });
      // The user the provisioning job has not created yet: expected on a first run, retried once it exists.
      expect(byName.get(name('dave'))).toMatchObject({
        provisioningAction: 'other',
        provisioningStatusInfo: { status: 'skipped', errorInformation: { errorCode: 'PasswordHashUserNotProvisioned' } },
      });
      const user = await t.graph('GET', `/users/${userIds.get('alice')}?$select=passwordPolicies`);
      expect(user.body.passwordPolicies).toBe('DisablePasswordExpiration');
    });

    it('applies a waiting hash once its user exists, reading that account alone', async () => {
      await pause();
      await provision('dave');
      expect((await signIn(t, clientId, upn('dave'), 'Passw0rd!Dave1')).status).toBe(400);
      expect(await cycle()).toMatchObject({ kind: 'incremental', state: 'Succeeded' });
      expect((await signIn(t, clientId, upn('dave'), 'Passw0rd!Dave1')).status).toBe(200);
      expect((await status()).lastExecution).toMatchObject({ countImported: 1, countExported: 1, countEscrowedRaw: 0 });
    });

    it('follows a password change: the old password stops working and the new one works', async () => {
      await pause();
      await setPassword('alice', 'Passw0rd!Alice2');
      expect(await cycle()).toMatchObject({ state: 'Succeeded' });
      expect((await signIn(t, clientId, upn('alice'), 'Passw0rd!Alice1')).status).toBe(400);
      expect((await signIn(t, clientId, upn('alice'), 'Passw0rd!Alice2')).status).toBe(200);
      expect((await status()).lastExecution).toMatchObject({ countImportedDeltas: 1, countExported: 1 });
    });

    it('withholds a password that must be changed at next logon', async () => {
      await pause();
      await setPassword('bob', 'Temporary!Pass1', '--must-change-at-next-login');
      await cycle();
      expect((await signIn(t, clientId, upn('bob'), 'Temporary!Pass1')).status).toBe(400);
      expect((await signIn(t, clientId, upn('bob'), 'Passw0rd!Bob1')).status).toBe(200);
      expect((await cycleRecords()).map((record) => record.provisioningStatusInfo.errorInformation?.errorCode)).toEqual(['PasswordHashWithheld']);
    });

    it('refuses a disabled user, while the pass keeps the credential current', async () => {
      expect((await t.graph('PATCH', `/users/${userIds.get('alice')}`, { accountEnabled: false })).status).toBe(204);
      expect(codeOf(await signIn(t, clientId, upn('alice'), 'Passw0rd!Alice2'))).toBe(50057);
      await pause();
      await setPassword('alice', 'Passw0rd!Alice3');
      await cycle();
      // The new password is the valid one: the account state is only revealed to the right password.
      expect(codeOf(await signIn(t, clientId, upn('alice'), 'Passw0rd!Alice3'))).toBe(50057);
      expect(codeOf(await signIn(t, clientId, upn('alice'), 'Passw0rd!Alice2'))).toBe(50126);
      expect((await t.graph('PATCH', `/users/${userIds.get('alice')}`, { accountEnabled: true })).status).toBe(204);
      expect((await signIn(t, clientId, upn('alice'), 'Passw0rd!Alice3')).status).toBe(200);
    });

    it('reads every account again after a restart with Watermark, rewriting nothing that is unchanged', async () => {
      await pause();
      expect(await cycle('Watermark')).toMatchObject({ kind: 'full' });
      expect((await status()).lastExecution).toMatchObject({ countImported: 3, countImportedDeltas: 0, countExported: 0 });
      expect((await cycleRecords()).map((record) => record.provisioningStatusInfo.errorInformation?.errorCode)).toEqual(['PasswordHashWithheld']);
      expect((await signIn(t, clientId, upn('alice'), 'Passw0rd!Alice3')).status).toBe(200);
    });

    it('fails the cycle without quarantine while the DC cannot be reached, and quarantines for a wrong password', async () => {
      await pause();
      await putSecrets([...cloudSyncSecrets(dc, { BaseDN: ou, Server: 'ldap://127.0.0.254:389' }), passwordHashAppKey]);
      expect(await cycle()).toMatchObject({ state: 'Failed' });
      let current = await status();
      expect(current).toMatchObject({ code: 'Active', quarantine: null });
      expect(current.lastExecution.error).toMatchObject({ code: 'DomainControllerUnreachable' });
      expect(current.lastExecution.error.message).toMatch(/127\.0\.0\.254.*TCP 135.*next cycle tries again/);

      await pause();
      await putSecrets([...cloudSyncSecrets(dc, { BaseDN: ou, Password: 'Wrong!Password9' }), passwordHashAppKey]);
      expect(await cycle()).toMatchObject({ state: 'Failed' });
      current = await status();
      expect(current).toMatchObject({ code: 'Quarantine', quarantine: { error: { code: 'InvalidCredentials' } } });
      expect(current.lastExecution.error.message).toMatch(/refused the account.*Check the UserName/);
      expect(JSON.stringify({ current, records: await cycleRecords() })).not.toContain('Wrong!Password9');
    });

    it('quarantines the job with a clear error when the account lacks the replication rights', async () => {
      await pause();
      await putSecrets([...cloudSyncSecrets(dc, { BaseDN: ou, UserName: `svc-norights@${dc.domain}`, Password: 'Passw0rd!Plain1' }), passwordHashAppKey]);
      expect(await cycle()).toMatchObject({ state: 'Failed' });
      const current = await status();
      expect(current.code).toBe('Quarantine');
      expect(current.quarantine).toMatchObject({ reason: 'EncounteredQuarantineException', error: { code: 'MissingReplicationRights' } });
      expect(current.lastExecution.error).toMatchObject({ code: 'MissingReplicationRights', tenantActionable: true });
      expect(current.lastExecution.error.message).toMatch(/Replicating Directory Changes All.*WERR_DS_DRA_ACCESS_DENIED/);
      const records = await cycleRecords();
      expect(records).toHaveLength(1);
      expect(records[0]).toMatchObject({
        provisioningStatusInfo: { status: 'failure', errorInformation: { errorCode: 'MissingReplicationRights' } },
        sourceIdentity: { id: dc.baseDn, identityType: 'domainDNS' },
      });
      expect(JSON.stringify(records)).not.toContain('Passw0rd!Plain1');
      // Sign-in with the synchronized credential is unaffected.
      expect((await signIn(t, clientId, upn('alice'), 'Passw0rd!Alice3')).status).toBe(200);
    });
  });

  /** Seeds 000 and 001 as written: the provisioning job, its schema with the CredentialData mapping, the AppKey. */
  describe.each(storeKinds)('seed 000/001 flow: the provisioning job with the CredentialData mapping (%s)', (kind) => {
    let t: EngineTestService;
    let app: CloudSyncApp;
    let job: JobRef;
    let clientId: string;
    let ou: string;
    const name = (alias: string) => `${kind.slice(0, 2)}-${alias}`;
    const upn = (alias: string) => `${name(alias)}@${t.domain}`;
    const status = async () => (await jobOf(t.graph, job)).status;
    const pause = () => pauseAndSettle(t, job);
    const cycle = () => runCycle(t, job, 'start', 90_000);
    const putSecrets = async (secrets: { key: string; value: string }[]) =>
      expect((await t.graph('PUT', app.secrets, { value: secrets })).status).toBe(204);

    beforeAll(async () => {
      t = await startEngineService(kind, { cycleIntervalMs: 1_000 });
      ou = await dc.createOu(`seed-${kind}`);
      await dc.createUser({ name: name('erin'), parentDn: ou, password: 'Passw0rd!Erin1' });
      await dc.createUser({ name: name('frank'), parentDn: ou, password: 'Passw0rd!Frank1' });
      app = await createCloudSyncApp(t.graph, `seeds-${kind}`);
      const provisioning = await t.graph('POST', app.jobs, { templateId: 'AD2AADProvisioning' });
      expect(provisioning.status).toBe(201);
      expect((await t.graph('POST', app.jobs, { templateId: 'AD2AADPasswordHash' })).status).toBe(201);
      job = { jobId: provisioning.body.id as string, jobPath: `${app.jobs}/${provisioning.body.id}` };
      await putSecrets([...cloudSyncSecrets(dc), passwordHashAppKey]);
      // Seed 001, "Enable Sync password hashes on configuration blade": the mapping goes into both object mappings.
      const { '@odata.context': _context, ...schema } = (await t.graph('GET', `${job.jobPath}/schema`)).body;
      for (const objectMapping of schema.synchronizationRules[0].objectMappings) {
        if ((credentialDataObjectMappings as readonly string[]).includes(objectMapping.name)) objectMapping.attributeMappings.push(credentialDataMapping());
      }
      schema.synchronizationRules[0].containerFilter = { includedContainers: [ou] };
      const saved = await t.graph('PUT', `${job.jobPath}/schema`, schema);
      expect(saved.status, JSON.stringify(saved.body)).toBe(204);
      clientId = (await t.graph('POST', '/applications', { displayName: 'Sign-in app' })).body.appId as string;
    }, 120_000);
    afterAll(async () => t?.dispose());

    it('creates the users and, in the same cycle, lets them sign in with their AD passwords', async () => {
      expect(await cycle()).toMatchObject({ kind: 'full', state: 'Succeeded' });
      const ok = await signIn(t, clientId, upn('erin'), 'Passw0rd!Erin1');
      expect(ok.status, JSON.stringify(ok.body)).toBe(200);
      expect((await signIn(t, clientId, upn('erin'), 'Passw0rd!Frank1')).body.error).toBe('invalid_grant');
      expect((await signIn(t, clientId, upn('frank'), 'Passw0rd!Frank1')).status).toBe(200);
      const execution = (await status()).lastExecution;
      expect(execution).toMatchObject({ state: 'Succeeded', error: null });
      const records = await logs(t.graph, job, `cycleId eq '${execution.activityIdentifier}'`);
      const erin = records.filter((record) => record.sourceIdentity.displayName === name('erin'));
      expect(erin.map((record) => record.provisioningAction)).toEqual(['create', 'update']);
      expect(erin[1]!.modifiedProperties[0]).toEqual({ displayName: 'CredentialData', oldValue: null, newValue: '[Redact]' });
    });

    it('follows a password change, and refuses a user disabled in AD', async () => {
      await pause();
      await dc.tool('user', 'setpassword', name('erin'), '--newpassword=Passw0rd!Erin2');
      await dc.tool('user', 'disable', name('frank'));
      expect(await cycle()).toMatchObject({ kind: 'incremental', state: 'Succeeded' });
      expect((await signIn(t, clientId, upn('erin'), 'Passw0rd!Erin1')).status).toBe(400);
      expect((await signIn(t, clientId, upn('erin'), 'Passw0rd!Erin2')).status).toBe(200);
      const frank = await signIn(t, clientId, upn('frank'), 'Passw0rd!Frank1');
      expect(frank).toMatchObject({ status: 400, body: { error: 'invalid_grant', error_codes: [50057] } });
    });

    it('keeps provisioning when the hashes cannot be read, reporting why without quarantine', async () => {
      await pause();
      await dc.createUser({ name: name('gina'), parentDn: ou, password: 'Passw0rd!Gina1' });
      await putSecrets([...cloudSyncSecrets(dc, { UserName: `svc-halfrights@${dc.domain}`, Password: 'Passw0rd!Half1' }), passwordHashAppKey]);
      const ended = await cycle();
      expect(ended.state, JSON.stringify((await status()).lastExecution)).toBe('EntryLevelErrors');
      const current = await status();
      expect(current).toMatchObject({ code: 'Active', quarantine: null });
      expect(current.lastExecution.error).toMatchObject({ code: 'MissingReplicationRights' });
      const gina = await t.graph('GET', `/users/${upn('gina')}`);
      expect(gina.status).toBe(200);
      expect((await signIn(t, clientId, upn('gina'), 'Passw0rd!Gina1')).status).toBe(400);

      await pause();
      await putSecrets([...cloudSyncSecrets(dc), passwordHashAppKey]);
      expect(await cycle()).toMatchObject({ state: 'Succeeded' });
      expect((await signIn(t, clientId, upn('gina'), 'Passw0rd!Gina1')).status).toBe(200);
    });
  });
});
