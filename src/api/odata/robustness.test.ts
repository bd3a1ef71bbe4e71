import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ODataQueryError } from './errors.js';
import { bindFilter } from './filter-binding.js';
import { parseFilter } from './filter-parser.js';
import { compileFilterPredicate } from './filter-predicate.js';
import { compileFilterSql } from './filter-sql.js';
import { parseQueryOptions } from './query-options.js';
import { entity, testCatalog } from './test-catalog.js';

/**
 * Whatever a client sends, the module answers with a typed 400 or a result — never another exception,
 * which the API layer would turn into a 500.
 */

const FRAGMENTS = [
  ' ', '(', ')', ',', '/', ':', "'", "''", 'eq', 'ne', 'gt', 'and', 'or', 'not', 'in', 'any', 'all', 'null', 'true',
  'displayName', 'age', 'tags', 'identities', 'x', 'x/issuer', 'startswith', 'tolower', 'contains', "'a'", '1', '-2.5',
  '2021-01-01', '2021-01-01T00:00:00Z', '219561ee-1480-4c67-9aa6-63d861fae3ef', '$count', '%', 'é', '"',
  // Well-formed pieces, so that random joins often reach binding and compilation.
  "displayName eq 'a'", 'age gt 1', "'a' in ('b')", "contains('a', displayName)", "tags/any(x: x eq 'a')",
  "identities/all(x: x/issuer eq 'a')", 'not (', ' and ', ' or ', 'tolower(displayName)', "startswith(x, 'a')",
];

const filterText = fc.oneof(
  fc.string(),
  fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 14 }).map((parts) => parts.join('')),
  fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 14 }).map((parts) => parts.join(' ')),
);

function typedOrValue(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ODataQueryError);
  }
}

describe('robustness', () => {
  it('parses, binds and compiles any $filter text or fails with a typed 400', () => {
    fc.assert(
      fc.property(filterText, (text) => {
        typedOrValue(() => {
          const filter = parseFilter(text);
          bindFilter(filter, testCatalog);
          compileFilterPredicate(filter, testCatalog)(entity({ id: '1', tags: ['a'], identities: [{ issuer: 'a', value: null }] }));
          compileFilterSql(filter, testCatalog, 'sqlite');
          compileFilterSql(filter, testCatalog, 'postgres');
        });
      }),
      { numRuns: 2000 },
    );
  });

  it('parses any query string or fails with a typed 400', () => {
    const name = fc.constantFrom('$select', '$filter', '$orderby', '$top', '$skip', '$skiptoken', '$count', '$search', '$expand', '$format', '$x', 'top', 'other');
    const value = fc.oneof(fc.string(), filterText, fc.array(fc.string(), { maxLength: 2 }));
    fc.assert(
      fc.property(fc.dictionary(name, value, { maxKeys: 4 }), fc.boolean(), (query, dollarOptional) => {
        typedOrValue(() =>
          parseQueryOptions(query, {
            allowed: ['select', 'filter', 'orderby', 'top', 'skip', 'skiptoken', 'count', 'search', 'expand'],
            catalog: testCatalog,
            dollarOptional,
          }),
        );
      }),
      { numRuns: 2000 },
    );
  });
});
