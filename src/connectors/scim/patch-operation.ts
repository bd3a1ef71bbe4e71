import type { ScimPatchDialect } from './patch-dialect.js';
import { ScimSchemas } from './scim-schemas.js';

/** One RFC 7644 §3.5.2 PATCH operation as sent; `op` casing depends on the dialect. */
export interface ScimPatchOperation {
  readonly op: 'Add' | 'Replace' | 'Remove' | 'add' | 'replace' | 'remove';
  readonly path?: string;
  readonly value?: unknown;
}

export type PatchVerb = 'add' | 'replace' | 'remove';

/** The default dialect capitalizes ops (`Add`/`Replace`/`Remove`); the compliant one sends them lowercase. */
export function patchOp(verb: PatchVerb, dialect: ScimPatchDialect): ScimPatchOperation['op'] {
  if (dialect === 'aadOptscim062020') return verb;
  return verb === 'add' ? 'Add' : verb === 'replace' ? 'Replace' : 'Remove';
}

/** The PatchOp message wrapping a list of operations. */
export function patchRequestBody(operations: readonly ScimPatchOperation[]): {
  readonly schemas: readonly string[];
  readonly Operations: readonly ScimPatchOperation[];
} {
  return { schemas: [ScimSchemas.patchOp], Operations: operations };
}
