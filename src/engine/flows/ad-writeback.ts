import { WritebackSource } from '../../connectors/directory/writeback-source.js';
import { readLdapSettings } from '../../connectors/ldap/index.js';
import { directoryAttributesWritten, schemaExtensionHint } from '../../sync/directory-target-schema.js';
import { LdapTarget } from '../targets/ldap-target.js';
import { fromConnectionSecrets } from './connection-settings.js';
import type { Flow } from './flow.js';

/**
 * Writeback from the directory to Active Directory (Exchange hybrid writeback, group provisioning to AD): the
 * directory objects whose origin puts them in scope (WritebackSource) to the domain the `Domain`, `Server`,
 * `UserName` and `Password` secrets connect. Before the first write of a cycle the target checks that the
 * live schema allows every attribute the mappings write; if not, the cycle stops with TargetSchemaIncomplete.
 * Objects it creates (groups) go to `parentDistinguishedName` when mapped, else to the `SyncAgentADContainer`
 * secret's container, else to the domain's CN=Users.
 */
export const adWritebackFlow: Flow = ({ db, secrets, servicePrincipal, schema }) => {
  const settings = fromConnectionSecrets(() => readLdapSettings(secrets));
  const written = directoryAttributesWritten(
    [...schema.objectMappings.values()].map((mapping) => ({
      targetObjectName: mapping.targetObjectName,
      targetAttributes: [...mapping.attributes, ...mapping.references].map((attribute) => attribute.targetPath),
    })),
  );
  const container = secrets.get('SyncAgentADContainer')?.trim();
  const target = new LdapTarget(settings, {
    attributes: written,
    required: written,
    schemaHint: schemaExtensionHint,
    ...(container ? { defaultContainer: container } : {}),
  });
  return { source: new WritebackSource(db, servicePrincipal), target, close: () => target.close() };
};
