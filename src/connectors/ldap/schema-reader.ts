import { DirectorySchema } from './directory-schema.js';
import type { LdapConnection } from './ldap-connection.js';
import { LdapOperationError } from './ldap-errors.js';
import { SchemaDescriptionError } from './schema-description.js';

/**
 * The live schema of the connected directory, from the subschema entry the root DSE names
 * (`CN=Aggregate,CN=Schema,CN=Configuration,…` on Active Directory, `cn=Subschema` on OpenLDAP). On AD it
 * reflects schema extensions once the DC has reloaded its schema (at once after `schemaUpdateNow`).
 */
export async function readDirectorySchema(connection: LdapConnection): Promise<DirectorySchema> {
  const dse = await connection.searchOnce({ base: '', scope: 'base', filter: '(objectClass=*)', attributes: ['subschemaSubentry'] });
  const dn = dse[0]?.text('subschemaSubentry');
  if (dn === undefined) throw new LdapOperationError('The directory does not publish its schema: the root DSE has no subschemaSubentry', { server: connection.server });
  // OpenLDAP returns these operational attributes only when named.
  const entries = await connection.searchOnce({
    base: dn,
    scope: 'base',
    filter: '(objectClass=subschema)',
    attributes: ['attributeTypes', 'objectClasses', 'dITContentRules'],
  });
  const entry = entries[0];
  if (entry === undefined) throw new LdapOperationError(`The subschema entry ${dn} could not be read`, { server: connection.server, dn });
  try {
    return DirectorySchema.parse({
      attributeTypes: entry.strings('attributeTypes'),
      objectClasses: entry.strings('objectClasses'),
      contentRules: entry.strings('dITContentRules'),
    });
  } catch (error) {
    if (error instanceof SchemaDescriptionError) throw new LdapOperationError(error.message, { server: connection.server, dn, cause: error });
    throw error;
  }
}
