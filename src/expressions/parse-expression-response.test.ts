import { describe, expect, it } from 'vitest';
import { parseExpressionResponse } from './parse-expression-response.js';

describe('parseExpressionResponse', () => {
  it('answers the Graph sample', async () => {
    const response = await parseExpressionResponse(
      { expression: 'Replace([preferredLanguage], "-", , , "_", ,  )', testInputObject: { properties: [{ key: 'preferredLanguage', value: 'EN-US' }] } },
      { dialect: 'appProvisioning' },
    );
    expect(response).toMatchObject({ parsingSucceeded: true, evaluationSucceeded: true, evaluationResult: ['EN_US'], error: null });
    expect(response.parsedExpression?.parameters.map((p) => p.key)).toEqual(['source', 'Find', 'Replacement']);
  });

  it('returns multi-valued results as a string collection and parses without a test object', async () => {
    await expect(
      parseExpressionResponse({ expression: 'Split([x], ",")', testInputObject: { properties: [{ key: 'x', value: 'a,b' }] } }, { dialect: 'appProvisioning' }),
    ).resolves.toMatchObject({ evaluationResult: ['a', 'b'] });
    await expect(parseExpressionResponse({ expression: '[mail]' }, { dialect: 'appProvisioning' })).resolves.toMatchObject({
      parsingSucceeded: true,
      evaluationSucceeded: false,
      parsedExpression: { type: 'Attribute', name: 'mail' },
    });
  });

  it('reports syntax, compile and evaluation errors', async () => {
    await expect(parseExpressionResponse({ expression: 'Join(" ", [a]' }, { dialect: 'appProvisioning' })).resolves.toMatchObject({
      parsingSucceeded: false,
      error: { code: 'UnexpectedToken', message: "expected ',' or ')' but found end of input at 1:14" },
    });
    await expect(parseExpressionResponse({ expression: 'Trim([a])' }, { dialect: 'appProvisioning' })).resolves.toMatchObject({
      parsingSucceeded: false,
      error: { code: 'FunctionNotInDialect' },
    });
    await expect(parseExpressionResponse({ expression: 'CDate([a])', testInputObject: { properties: [{ key: 'a', value: 'nope' }] } }, { dialect: 'appProvisioning' })).resolves.toMatchObject({
      parsingSucceeded: true,
      evaluationSucceeded: false,
      error: { code: 'InvalidDate' },
    });
  });

  it('evaluates SelectUniqueValue with its first candidate', async () => {
    await expect(
      parseExpressionResponse({ expression: 'SelectUniqueValue([a], "b")', testInputObject: { properties: [{ key: 'a', value: 'x' }] } }, { dialect: 'appProvisioning' }),
    ).resolves.toMatchObject({ evaluationResult: ['x'] });
  });
});
