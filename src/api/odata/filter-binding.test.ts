import { describe, expect, it } from 'vitest';
import { InvalidFilterError, ODataQueryError, UnsupportedFilterError } from './errors.js';
import { bindFilter } from './filter-binding.js';
import { parseFilter } from './filter-parser.js';
import { testCatalog } from './test-catalog.js';

function bind(text: string) {
  return bindFilter(parseFilter(text), testCatalog);
}

function failure(text: string): ODataQueryError {
  try {
    bind(text);
  } catch (error) {
    if (error instanceof ODataQueryError) return error;
    throw error;
  }
  throw new Error(`expected '${text}' to fail`);
}

describe('bindFilter', () => {
  it('matches property names case-insensitively and uses the catalog spelling', () => {
    const { expression } = bind("DISPLAYNAME eq 'x'");
    expect(expression).toMatchObject({ kind: 'compare', target: { name: 'displayName', fold: true } });
  });

  it('normalizes `literal op property` to `property mirrored-op literal`', () => {
    expect(bind('42 lt age').expression).toMatchObject({ kind: 'compare', operator: 'gt', value: 42 });
    expect(bind('42 ge age').expression).toMatchObject({ kind: 'compare', operator: 'le', value: 42 });
  });

  it('turns dates into midnight UTC for date-time properties', () => {
    expect(bind('created ge 2021-11-01').expression).toMatchObject({ value: '2021-11-01T00:00:00.000Z' });
  });

  it('folds strings unless the property is case-sensitive, and always folds GUIDs', () => {
    expect(bind("code eq 'x'").expression).toMatchObject({ target: { fold: false } });
    expect(bind('appId eq 219561ee-1480-4c67-9aa6-63d861fae3ef').expression).toMatchObject({ target: { fold: true } });
    expect(bind('age eq 1').expression).toMatchObject({ target: { fold: false } });
  });

  it('binds lambda variables to the element and outer names to the entity', () => {
    const { expression } = bind("identities/any(i: i/Issuer eq 'x' and displayName eq 'y')");
    expect(expression).toMatchObject({
      kind: 'lambda',
      collection: { name: 'identities', elements: 'object' },
      body: {
        kind: 'and',
        left: { target: { source: 'element', name: 'identities/issuer', path: ['issuer'] } },
        right: { target: { source: 'entity', name: 'displayName' } },
      },
    });
  });

  it('records the operators Graph serves only as advanced queries', () => {
    expect(bind("displayName eq 'x'").advanced).toEqual([]);
    expect(bind("displayName ne 'x'").advanced).toEqual([{ kind: 'operator', operator: 'ne', property: 'displayName' }]);
    expect(bind("not (displayName eq 'x')").advanced).toEqual([{ kind: 'operator', operator: 'not', property: undefined }]);
    expect(bind("endswith(displayName, 'x')").advanced).toEqual([{ kind: 'operator', operator: 'endswith', property: 'displayName' }]);
    expect(bind("startswith(mail, 'x') or endswith(mail, 'y')").advanced).toEqual([
      { kind: 'operator', operator: 'endswith', property: 'mail' },
    ]);
    expect(bind("tags/any(t: endswith(t, 'x'))").advanced).toEqual([{ kind: 'operator', operator: 'endswith', property: 'tags' }]);
  });

  it('freezes the bound tree', () => {
    const bound = bind('nums/any(x: x eq 1)');
    expect(Object.isFrozen(bound)).toBe(true);
    expect(Object.isFrozen(bound.expression)).toBe(true);
  });
});

describe('bindFilter errors', () => {
  it.each([
    ["secret eq 'x'", "Unsupported or invalid query filter clause specified for property 'secret' of resource 'Item'."],
    ["manager eq 'x'", "Unsupported or invalid query filter clause specified for property 'manager' of resource 'Item'."],
    ["manager/title eq 'x'", "Unsupported or invalid query filter clause specified for property 'manager/title' of resource 'Item'."],
    ["startswith(appId, 'x')", "Invalid filter clause: No function signature for the function with name 'startswith' matches the specified arguments. The function signatures considered are: startswith(Edm.String Nullable=true, Edm.String Nullable=true)."],
    ["contains(age, '1')", "Invalid filter clause: No function signature for the function with name 'contains' matches the specified arguments. The function signatures considered are: contains(Edm.String Nullable=true, Edm.String Nullable=true)."],
    ['startswith(displayName, 1)', "Invalid filter clause: No function signature for the function with name 'startswith' matches the specified arguments. The function signatures considered are: startswith(Edm.String Nullable=true, Edm.String Nullable=true)."],
    ['tolower(age) eq 1', "Invalid filter clause: No function signature for the function with name 'tolower' matches the specified arguments. The function signatures considered are: tolower(Edm.String Nullable=true)."],
    ["appId eq '219561ee-1480-4c67-9aa6-63d861fae3ef'", "Invalid filter clause: A binary operator with incompatible types was detected. Found operand types 'Edm.Guid' and 'Edm.String' for operator kind 'Equal'."],
    ['id eq 219561ee-1480-4c67-9aa6-63d861fae3ef', "Invalid filter clause: A binary operator with incompatible types was detected. Found operand types 'Edm.String' and 'Edm.Guid' for operator kind 'Equal'."],
    ["age gt '5'", "Invalid filter clause: A binary operator with incompatible types was detected. Found operand types 'Edm.Double' and 'Edm.String' for operator kind 'GreaterThan'."],
    ["enabled in ('true')", "Invalid filter clause: A binary operator with incompatible types was detected. Found operand types 'Edm.Boolean' and 'Edm.String' for operator kind 'In'."],
    ["created eq '2021-01-01'", "Invalid filter clause: A binary operator with incompatible types was detected. Found operand types 'Edm.DateTimeOffset' and 'Edm.String' for operator kind 'Equal'."],
    ["displayName eq mail", "Invalid filter clause: The comparison at position 12 in 'displayName eq mail' must compare a property with a literal value."],
    ["'a' eq 'b'", "Invalid filter clause: The comparison at position 4 in ''a' eq 'b'' must compare a property with a literal value."],
    ['age gt null', "Unsupported or invalid query filter clause specified for property 'age' of resource 'Item'."],
    ['age in (1, null)', "Unsupported or invalid query filter clause specified for property 'age' of resource 'Item'."],
    ["appId gt 219561ee-1480-4c67-9aa6-63d861fae3ef", "Unsupported or invalid query filter clause specified for property 'appId' of resource 'Item'."],
    ["contains(id, 'x')", "Unsupported or invalid query filter clause specified for property 'id' of resource 'Item'."],
    ["tags eq 'x'", "Unsupported or invalid query filter clause specified for property 'tags' of resource 'Item'."],
    ["displayName/any(d: d eq 'x')", "Unsupported or invalid query filter clause specified for property 'displayName' of resource 'Item'."],
    ["tags/any(t: contains(t, 'x') and t gt 'a')", "Unsupported or invalid query filter clause specified for property 'tags' of resource 'Item'."],
    ["identities/any(i: i eq 'x')", "Unsupported or invalid query filter clause specified for property 'identities' of resource 'Item'."],
    ["identities/any(i: i/other eq 'x')", "Unsupported or invalid query filter clause specified for property 'identities' of resource 'Item'."],
    ["identities/any(i: contains(i/value, 'x'))", "Unsupported or invalid query filter clause specified for property 'identities/value' of resource 'Item'."],
    ["tags/any(t: nums/any(n: n eq 1))", "Unsupported or invalid query filter clause specified for property 'tags' of resource 'Item'."],
    ["assignedLicenses/$count eq 0", "Invalid filter clause: Could not find a property named 'assignedLicenses' on type 'microsoft.graph.item'."],
    ["foo eq 'x'", "Invalid filter clause: Could not find a property named 'foo' on type 'microsoft.graph.item'."],
    ["tags/$count eq 0", "Unsupported or invalid query filter clause specified for property 'tags/$count' of resource 'Item'."],
    ["'x' in ('a', 'b')", "Invalid filter clause: The operand at position 0 of 'in' in ''x' in ('a', 'b')' must be a property."],
    ["contains('abc', displayName)", "Invalid filter clause: The operand at position 9 of 'contains' in 'contains('abc', displayName)' must be a property."],
    ["tolower('A') eq 'a'", "Invalid filter clause: No function signature for the function with name 'tolower' matches the specified arguments. The function signatures considered are: tolower(Edm.String Nullable=true)."],
  ])('%s', (text, message) => {
    expect(failure(text).message).toBe(message);
  });

  it('uses Graph wire codes: BadRequest for malformed filters, Request_UnsupportedQuery for unsupported ones', () => {
    const unsupported = failure("secret eq 'x'");
    expect(unsupported).toBeInstanceOf(UnsupportedFilterError);
    expect(unsupported.code).toBe('Request_UnsupportedQuery');
    expect(unsupported.reason).toBe('UnsupportedFilter');
    const type = failure("age gt '5'");
    expect(type).toBeInstanceOf(InvalidFilterError);
    expect(type.code).toBe('BadRequest');
    expect(type.reason).toBe('FilterType');
    expect(failure("foo eq 'x'").reason).toBe('UnknownProperty');
  });

  it('reports unknown properties as unsupported when the catalog does not list selectable names', () => {
    const catalog = { ...testCatalog, selectable: undefined };
    expect(() => bindFilter(parseFilter("foo eq 'x'"), catalog)).toThrow(UnsupportedFilterError);
  });
});
