import { readLdapSettings } from '../../connectors/ldap/index.js';
import { ensureTenant } from '../../directory/tenant.js';
import { containersOutsideDomainError } from '../sources/ldap-scope.js';
import { LdapSource, type ProvisionedObjects } from '../sources/ldap-source.js';
import { ldapSourceSchema } from '../sources/ldap-source-schema.js';
import { ConnectorDataStore } from '../state/connector-data-store.js';
import { DirectoryTarget } from '../targets/directory-target.js';
import { fromConnectionSecrets } from './connection-settings.js';
import type { Flow } from './flow.js';

/**
 * Cloud sync (engine-behavior §5): the users, inetOrgPersons, groups and contacts of an Active Directory domain
 * (or an OpenLDAP tree) into the directory, connected by the `Domain`, `Server`, `UserName` and `Password`
 * secrets and scoped by the rule's containerFilter and groupFilter (docs/connect-active-directory.md). A job
 * with only the `Domain` secret, as the seeds create it, fails its cycles saying which secrets are missing; a
 * containerFilter entry outside the domain is ignored and each cycle's status names it.
 */
export const cloudSyncInboundFlow: Flow = async ({ db, job, secrets, schema, schemaDocument, options }) => {
  const settings = fromConnectionSecrets(() => readLdapSettings(secrets));
  const sourceSchema = ldapSourceSchema(schemaDocument, schema.ruleId);
  const source = new LdapSource({
    settings,
    schema: sourceSchema,
    provisioned: linkedObjects(new ConnectorDataStore(db, job.id), [...schema.objectMappings.keys()], options.pageSize),
    deletionCheckIntervalMs: options.ldapDeletionCheckIntervalMs,
    now: options.now,
  });
  const tenant = await ensureTenant(db, undefined);
  const target = new DirectoryTarget(db, {
    tenantDomain: tenant.defaultDomain,
    ...(settings.domain === undefined ? {} : { onPremisesDomainName: settings.domain }),
    now: options.now,
  });
  const configurationError = containersOutsideDomainError(settings.baseDn, sourceSchema.containers);
  return { source, target, close: () => source.close(), ...(configurationError ? { configurationError } : {}) };
};

/** The job's links as the LDAP source needs them: to find OpenLDAP deletions and the types of deleted objects. */
function linkedObjects(store: ConnectorDataStore, types: readonly string[], pageSize: number): ProvisionedObjects {
  return {
    async *all() {
      for (const type of types) for await (const ids of store.sourceIds(type, pageSize)) yield ids.map((id) => [id, type] as const);
    },
    async typesOf(anchors) {
      const linked = await store.getMany(anchors);
      return new Map([...linked].map(([id, object]) => [id, object.objectType]));
    },
  };
}
