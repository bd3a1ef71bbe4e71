import type { SchemaShortfall } from '../connectors/ldap/index.js';
import type { SynchronizationSchema } from './schema/index.js';
import { activeDirectoryComputedAttributes } from './templates/directories/active-directory.js';

/** One object mapping's writes: the target object class and the attributes mapped to it. */
export interface DirectoryWrites {
  readonly targetObjectName: string;
  readonly targetAttributes: Iterable<string>;
}

const computed = new Set(activeDirectoryComputedAttributes.map((name) => name.toLowerCase()));

/**
 * What a job writing to a directory needs its schema to allow: per target object class, the attributes its
 * mappings write, without the definition's computed attributes (the new object's container and the like).
 */
export function directoryAttributesWritten(writes: Iterable<DirectoryWrites>): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const { targetObjectName, targetAttributes } of writes) {
    const attributes = result.get(targetObjectName) ?? [];
    for (const name of targetAttributes) if (!computed.has(name.toLowerCase()) && !attributes.includes(name)) attributes.push(name);
    result.set(targetObjectName, attributes);
  }
  return result;
}

/** The enabled object mappings of a stored schema, as the writes they make. */
export function writesOf(schema: SynchronizationSchema): DirectoryWrites[] {
  return schema.synchronizationRules.flatMap((rule) =>
    rule.objectMappings
      .filter((mapping) => mapping.enabled)
      .map((mapping) => ({ targetObjectName: mapping.targetObjectName, targetAttributes: mapping.attributeMappings.map((m) => m.targetAttributeName) })),
  );
}

/**
 * What an administrator can do about missing attributes: for Exchange's, extend the schema for Exchange; for
 * msDS-ExternalDirectoryObjectId, raise it to the Windows Server 2016 schema.
 */
export function schemaExtensionHint(shortfalls: readonly SchemaShortfall[]): string | undefined {
  const missing = (pattern: RegExp) => shortfalls.some((s) => s.attributes.some((name) => pattern.test(name)));
  const hints: string[] = [];
  if (missing(/^msExch|^mailNickname$/i)) {
    hints.push(
      'Exchange hybrid writeback needs the Active Directory schema extended for Exchange (Exchange Server setup /PrepareSchema); POST …/schema/directories/{id}/discover shows mailNickname once it is.',
    );
  }
  if (missing(/^msDS-ExternalDirectoryObjectId$/i)) {
    hints.push('msDS-ExternalDirectoryObjectId comes with the Windows Server 2016 schema (adprep /forestprep; Samba: samba-tool domain schemaupgrade).');
  }
  return hints.length === 0 ? undefined : hints.join(' ');
}
