import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../../store/dialect.js';
import type { ResourceCatalog } from './catalog.js';

/**
 * Test fixture shared by this folder's suites: a small resource whose properties cover every storage
 * shape the catalog supports (plain, pre-folded, JSON path, JSON arrays of primitives and of objects),
 * the in-memory shape of its entities, and the table that stores them.
 */

export interface TestEntity {
  id: string;
  displayName: string | null;
  mail: string | null;
  code: string | null;
  age: number | null;
  enabled: boolean | null;
  created: string | null;
  appId: string | null;
  city: string | null;
  score: number | null;
  active: boolean | null;
  manager: { name: string | null } | null;
  tags: string[] | null;
  nums: number[] | null;
  identities: { issuer: string | null; value: string | null }[] | null;
}

const STRING_OPS = ['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'in', 'startswith', 'endswith', 'contains'] as const;
const ORDER_OPS = ['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'in'] as const;

export const testCatalog: ResourceCatalog = {
  resource: 'Item',
  entityType: 'microsoft.graph.item',
  properties: {
    id: { type: 'string', caseSensitive: true, filter: ['eq', 'ne', 'in', 'startswith'], sort: 'default', sql: { column: 'id' } },
    displayName: {
      type: 'string',
      filter: STRING_OPS,
      sort: 'default',
      search: true,
      sql: { column: 'display_name', lowered: 'display_name_lower' },
    },
    mail: { type: 'string', filter: STRING_OPS, advanced: ['endswith'], sort: 'advanced', search: true, sql: { column: 'mail' } },
    code: { type: 'string', caseSensitive: true, filter: STRING_OPS, sort: 'default', sql: { column: 'code' } },
    age: { type: 'number', filter: ORDER_OPS, sort: 'default', sql: { column: 'age' } },
    enabled: { type: 'boolean', filter: ['eq', 'ne', 'in'], sort: 'default', sql: { column: 'enabled' } },
    created: { type: 'datetime', filter: ORDER_OPS, sort: 'default', sql: { column: 'created' } },
    appId: { type: 'guid', filter: ['eq', 'ne', 'in'], sql: { column: 'app_id' } },
    city: { type: 'string', filter: STRING_OPS, sort: 'default', sql: { column: 'data', json: ['city'] } },
    score: { type: 'number', filter: ORDER_OPS, sort: 'default', sql: { column: 'data', json: ['score'] } },
    active: { type: 'boolean', filter: ['eq', 'ne'], sort: 'default', sql: { column: 'data', json: ['active'] } },
    'manager/name': { type: 'string', filter: ['eq', 'ne', 'startswith'], sql: { column: 'data', json: ['manager', 'name'] } },
    tags: {
      collection: { type: 'string', filter: ['eq', 'ne', 'startswith', 'endswith', 'contains'] },
      lambdas: ['any', 'all'],
      sql: { column: 'data', json: ['tags'] },
    },
    nums: {
      collection: { type: 'number', filter: ['eq', 'gt', 'lt'] },
      lambdas: ['any', 'all'],
      sql: { column: 'data', json: ['nums'] },
    },
    identities: {
      collection: {
        members: {
          issuer: { type: 'string', filter: ['eq', 'startswith'] },
          value: { type: 'string', caseSensitive: true, filter: ['eq'] },
        },
      },
      lambdas: ['any', 'all'],
      sql: { column: 'identities' },
    },
  },
  selectable: ['id', 'displayName', 'mail', 'code', 'age', 'enabled', 'created', 'appId', 'city', 'score', 'active',
    'manager', 'tags', 'nums', 'identities', 'secret'],
  expandable: ['owners', 'memberOf'],
};

export const TEST_TABLE = 'odata_items';

/**
 * On PostgreSQL the text columns get a linguistic collation when the server has ICU, so the suites prove the
 * back end's byte-order comparisons do not depend on the database default (`'a' < 'B'` linguistically).
 */
export async function createTestTable(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const icu =
    dialect === 'postgres' &&
    (await sql<{ found: number }>`select 1 as found from pg_collation where collname = 'und-x-icu'`.execute(db)).rows.length > 0;
  const text = sql.raw(icu ? 'text collate "und-x-icu"' : 'text');
  await sql`create table ${sql.table(TEST_TABLE)} (
    id ${text} primary key,
    display_name ${text},
    display_name_lower ${text},
    mail ${text},
    code ${text},
    age double precision,
    enabled integer,
    created ${text},
    app_id ${text},
    data text not null,
    identities text
  )`.execute(db);
}

export async function insertEntities(db: Kysely<unknown>, entities: readonly TestEntity[]): Promise<void> {
  for (const entity of entities) {
    const row = toRow(entity);
    await sql`insert into ${sql.table(TEST_TABLE)}
      (id, display_name, display_name_lower, mail, code, age, enabled, created, app_id, data, identities)
      values (${row.id}, ${row.display_name}, ${row.display_name_lower}, ${row.mail}, ${row.code}, ${row.age},
              ${row.enabled}, ${row.created}, ${row.app_id}, ${row.data}, ${row.identities})`.execute(db);
  }
}

function toRow(entity: TestEntity) {
  return {
    id: entity.id,
    display_name: entity.displayName,
    display_name_lower: entity.displayName?.toLowerCase() ?? null,
    mail: entity.mail,
    code: entity.code,
    age: entity.age,
    enabled: entity.enabled === null ? null : entity.enabled ? 1 : 0,
    created: entity.created,
    app_id: entity.appId,
    data: JSON.stringify({
      city: entity.city,
      score: entity.score,
      active: entity.active,
      manager: entity.manager,
      tags: entity.tags,
      nums: entity.nums,
    }),
    identities: entity.identities === null ? null : JSON.stringify(entity.identities),
  };
}

export function entity(overrides: Partial<TestEntity> & { id: string }): TestEntity {
  return {
    displayName: null,
    mail: null,
    code: null,
    age: null,
    enabled: null,
    created: null,
    appId: null,
    city: null,
    score: null,
    active: null,
    manager: null,
    tags: null,
    nums: null,
    identities: null,
    ...overrides,
  };
}
