/** Whether a database error is a unique-index violation: SQLite's SQLITE_CONSTRAINT_UNIQUE or PostgreSQL's 23505. */
export function isUniqueViolation(error: unknown): boolean {
  if (error === null || typeof error !== 'object') return false;
  const code = (error as { code?: unknown }).code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}

/**
 * What a unique violation names: PostgreSQL's constraint (index) name, or SQLite's message
 * ("UNIQUE constraint failed: users.on_premises_immutable_id"). Empty for other errors.
 */
export function uniqueViolationTarget(error: unknown): string {
  if (!isUniqueViolation(error)) return '';
  const { constraint, message } = error as { constraint?: unknown; message?: unknown };
  return typeof constraint === 'string' ? constraint : typeof message === 'string' ? message : '';
}
