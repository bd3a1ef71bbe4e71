import { CompiledQuery, type Kysely, type QueryResult, type RawBuilder } from 'kysely';

/** Shapes seen, by key; `null` marks a shape whose parameters did not line up (compiled every time). */
const compiledSql = new Map<string, string | null>();

/**
 * Runs a listing page's statement, compiling it once per shape. Without `$filter`, `$search` or `$orderby` a
 * page's SQL depends only on the collection, its columns and whether a page token is given; requests differ
 * in the parameters alone. Building and compiling with Kysely was about a twentieth of the CPU of
 * `GET /servicePrincipals?$top=1` (docs/benchmarks.md). `parameters` are what the caller expects the compiled
 * statement's to be; the first request of a shape checks them against Kysely's, and a shape where they differ
 * is never reused, so a mistake costs speed, not a wrong page.
 */
export async function executePage<Database, Row>(
  db: Kysely<Database>,
  shape: string,
  parameters: readonly unknown[],
  build: () => RawBuilder<Row>,
): Promise<QueryResult<Row>> {
  const known = compiledSql.get(shape);
  if (typeof known === 'string') return db.executeQuery<Row>(CompiledQuery.raw(known, [...parameters]));
  const compiled = build().compile(db);
  if (known === undefined) compiledSql.set(shape, sameValues(compiled.parameters, parameters) ? compiled.sql : null);
  return db.executeQuery<Row>(compiled);
}

function sameValues(left: readonly unknown[], right: readonly unknown[]): boolean {
  return left.length === right.length && left.every((value, index) => Object.is(value, right[index]));
}
