/** The SQL engines the store runs on. */
export type Dialect = 'sqlite' | 'postgres';
