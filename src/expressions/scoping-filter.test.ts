import { describe, expect, it } from 'vitest';
import { FILTER_OPERATOR_CATALOG } from './filter-operators.js';
import { compileScopingFilter, ScopingFilterError } from './scoping-filter.js';
import type { GraphFilter, GraphFilterClause } from './scoping-filter.js';

const clause = (sourceOperandName: string, operatorName: string, ...values: string[]): GraphFilterClause => ({
  sourceOperandName,
  operatorName,
  targetOperand: { values },
});

function inScope(clauses: GraphFilterClause[], attributes: Record<string, unknown>): boolean {
  return compileScopingFilter({ groups: [{ name: 'g', clauses }] }, { dialect: 'appProvisioning' })((name) => attributes[name]);
}

describe('compileScopingFilter', () => {
  it('documented examples', () => {
    expect(inScope([clause('userPrincipalName', 'REGEX MATCH', String.raw`.*\@domain.com`)], { userPrincipalName: 'a@domain.com' })).toBe(true);
    expect(inScope([clause('userPrincipalName', 'NOT REGEX MATCH', String.raw`.*\@domain.com`)], { userPrincipalName: 'a@domain.com' })).toBe(false);
    expect(inScope([clause('userPrincipalName', 'NOT REGEX MATCH', String.raw`.*\@domain.com`)], { userPrincipalName: 'a@other.com' })).toBe(true);
    expect(inScope([clause('department', 'EQUALS', 'sales')], { department: 'sales' })).toBe(true);
    expect(inScope([clause('department', 'EQUALS', 'sales')], { department: 'Sales' })).toBe(false);
    expect(inScope([clause('workerID', 'REGEX MATCH', '(1[0-9][0-9][0-9][0-9][0-9][0-9])')], { workerID: '1500000' })).toBe(true);
    expect(inScope([clause('workerID', 'REGEX MATCH', '(1[0-9][0-9][0-9][0-9][0-9][0-9])')], { workerID: '999999' })).toBe(false);
    expect(inScope([clause('dirSyncEnabled', 'EQUALS', 'True')], { dirSyncEnabled: true })).toBe(true);
  });

  it.each<[string, string[], unknown, boolean]>([
    ['NOT EQUALS', ['a'], 'b', true],
    ['NOT EQUALS', ['a'], 'a', false],
    ['IS TRUE', [], true, true],
    ['IS TRUE', [], 'TRUE', true],
    ['IS TRUE', [], 'false', false],
    ['IS FALSE', [], false, true],
    ['IS FALSE', [], 'False', true],
    ['IS FALSE', [], undefined, false],
    ['IS NULL', [], undefined, true],
    ['IS NULL', [], '', true],
    ['IS NULL', [], 'x', false],
    ['IS NOT NULL', [], 'x', true],
    ['IS NOT NULL', [], '', false],
    ['Greater_Than', ['10'], '11', true],
    ['Greater_Than', ['10'], '10', false],
    ['Greater_Than', ['10'], 'abc', false],
    ['Greater_Than', ['10'], 20, true],
    ['Greater_Than_OR_EQUALS', ['10'], '10', true],
    ['Includes', ['ale'], 'Sales', true],
    ['Includes', ['ALE'], 'Sales', false],
    ['ENDS_WITH', ['.com'], 'a@b.com', true],
    ['ENDS_WITH', ['.COM'], 'a@b.com', false],
    ['&', ['Sales,Marketing'], 'Sales', true],
    ['&', ['Sales,Marketing'], 'HR', false],
    ['!&', ['Sales,Marketing'], 'HR', true],
    ['!&', ['Sales,Marketing'], 'Sales', false],
  ])('%s %j on %j is %s', (operator, values, value, expected) => {
    expect(inScope([clause('a', operator, ...values)], { a: value })).toBe(expected);
  });

  it('makes every binary clause false on null or empty values, negations included', () => {
    for (const operator of ['EQUALS', 'NOT EQUALS', 'REGEX MATCH', 'NOT REGEX MATCH', 'Greater_Than', 'Includes', 'ENDS_WITH', '&', '!&']) {
      expect(inScope([clause('a', operator, '1')], {})).toBe(false);
      expect(inScope([clause('a', operator, '1')], { a: '' })).toBe(false);
    }
  });

  it('accepts operator spellings in any case with _ or spaces', () => {
    expect(inScope([clause('a', 'greater than', '1')], { a: '2' })).toBe(true);
    expect(inScope([clause('a', 'NOT_REGEX_MATCH', 'x')], { a: 'y' })).toBe(true);
    expect(inScope([clause('a', 'ends with', 'y')], { a: 'xy' })).toBe(true);
    expect(inScope([clause('a', 'Is_Not_Null')], { a: 'x' })).toBe(true);
  });

  it('ANDs clauses and ORs groups; no groups means everything is in scope', () => {
    const filter: GraphFilter = {
      groups: [
        { name: 'NY engineers', clauses: [clause('state', 'EQUALS', 'New York'), clause('department', 'EQUALS', 'Engineering'), clause('jobTitle', 'IS NOT NULL')] },
        { name: 'contractors', clauses: [clause('employeeType', 'EQUALS', 'Contractor')] },
      ],
    };
    const predicate = compileScopingFilter(filter, { dialect: 'appProvisioning' });
    expect(predicate((n) => ({ state: 'New York', department: 'Engineering', jobTitle: 'Dev' })[n])).toBe(true);
    expect(predicate((n) => ({ state: 'New York', department: 'Engineering' })[n as 'state'])).toBe(false);
    expect(predicate((n) => ({ employeeType: 'Contractor' })[n as 'employeeType'])).toBe(true);
    expect(predicate.referencedAttributes).toEqual(['state', 'department', 'jobTitle', 'employeeType']);
    expect(compileScopingFilter({ groups: [] }, { dialect: 'cloudSync' })(() => undefined)).toBe(true);
    expect(compileScopingFilter(null, { dialect: 'cloudSync' })(() => undefined)).toBe(true);
  });

  it('with several values: positive operators match any, negations need all', () => {
    expect(inScope([clause('a', 'EQUALS', 'x', 'y')], { a: 'y' })).toBe(true);
    expect(inScope([clause('a', 'NOT EQUALS', 'x', 'y')], { a: 'y' })).toBe(false);
    expect(inScope([clause('a', 'NOT EQUALS', 'x', 'y')], { a: 'z' })).toBe(true);
  });

  it('requires every value of a multi-valued attribute to satisfy the clause', () => {
    expect(inScope([clause('a', 'ENDS_WITH', '.com')], { a: ['x.com', 'y.com'] })).toBe(true);
    expect(inScope([clause('a', 'ENDS_WITH', '.com')], { a: ['x.com', 'y.org'] })).toBe(false);
    expect(inScope([clause('a', 'IS NULL')], { a: [] })).toBe(true);
  });

  it('compiles the experimental lists separately', () => {
    const predicate = compileScopingFilter(
      { groups: [], inputFilterGroups: [{ name: 'i', clauses: [clause('a', 'EQUALS', '1')] }], categoryFilterGroups: [{ name: 'c', clauses: [clause('b', 'EQUALS', '2')] }] },
      { dialect: 'appProvisioning' },
    );
    expect(predicate.inputFilter((n) => (n === 'a' ? '1' : undefined))).toBe(true);
    expect(predicate.inputFilter(() => undefined)).toBe(false);
    expect(predicate.categoryFilter((n) => (n === 'b' ? '2' : undefined))).toBe(true);
  });

  it('reports bad filters with typed errors and a path', () => {
    const error = (filter: GraphFilter) => {
      try {
        compileScopingFilter(filter, { dialect: 'appProvisioning' });
      } catch (e) {
        expect(e).toBeInstanceOf(ScopingFilterError);
        return e as ScopingFilterError;
      }
      throw new Error('expected an error');
    };
    expect(error({ groups: [{ name: 'g', clauses: [clause('a', 'LIKE', 'x')] }] })).toMatchObject({ code: 'UnknownOperator', path: 'groups[0].clauses[0]' });
    expect(error({ groups: [{ name: 'g', clauses: [clause('a', 'EQUALS', 'x'), clause('a', 'EQUALS')] }] })).toMatchObject({ code: 'MissingOperandValue', path: 'groups[0].clauses[1]' });
    expect(error({ groups: [{ name: 'g', clauses: [clause('a', 'Greater_Than', 'ten')] }] })).toMatchObject({ code: 'InvalidOperandValue' });
    expect(error({ groups: [{ name: 'g', clauses: [clause('a', 'REGEX MATCH', '(')] }] })).toMatchObject({ code: 'InvalidRegex' });
    expect(error({ inputFilterGroups: [{ name: 'g', clauses: [clause('a', 'NOPE', 'x')] }] })).toMatchObject({ path: 'inputFilterGroups[0].clauses[0]' });
    expect(error({ groups: [{ name: 'g', clauses: [clause('', 'IS NULL')] }] })).toMatchObject({ code: 'MissingAttribute' });
  });

  it('the operator catalog lists every operator the compiler accepts', () => {
    expect(FILTER_OPERATOR_CATALOG).toHaveLength(14);
    for (const operator of FILTER_OPERATOR_CATALOG) {
      const values = operator.arity === 'Binary' ? ['1'] : [];
      expect(() => compileScopingFilter({ groups: [{ name: 'g', clauses: [clause('a', operator.name, ...values)] }] }, { dialect: 'appProvisioning' })).not.toThrow();
    }
    expect(FILTER_OPERATOR_CATALOG[0]).toEqual({ name: 'EQUALS', arity: 'Binary', multivaluedComparisonType: 'All', supportedAttributeTypes: ['Integer', 'String'] });
  });
});
