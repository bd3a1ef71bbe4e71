import type { ColumnDefinitionBuilder, CreateTableBuilder } from 'kysely';
import type { Dialect } from '../dialect.js';

/**
 * Adds an auto-incrementing 64-bit primary key: SQLite's INTEGER PRIMARY KEY AUTOINCREMENT, PostgreSQL's
 * BIGSERIAL. The one place the two engines need different DDL.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are written against Kysely<any> by design
export function addSequenceColumn<T extends string>(dialect: Dialect, table: CreateTableBuilder<T, any>, name: string) {
  return dialect === 'postgres'
    ? table.addColumn(name, 'bigserial', (col: ColumnDefinitionBuilder) => col.primaryKey())
    : table.addColumn(name, 'integer', (col: ColumnDefinitionBuilder) => col.primaryKey().autoIncrement());
}
