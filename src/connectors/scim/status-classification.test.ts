import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from './retry-after.js';
import {
  ScimBadRequestError,
  ScimConflictError,
  ScimForbiddenError,
  ScimInvalidResponseError,
  ScimNotFoundError,
  ScimProtocolError,
  ScimRateLimitedError,
  ScimServerError,
  ScimUnauthorizedError,
} from './scim-errors.js';
import { classifyFailure, type RequestShape } from './status-classification.js';

const failure = (status: number, shape: RequestShape = 'resource', body = '', retryAfter: string | null = null) =>
  classifyFailure({ method: 'PATCH', url: 'https://scim.example/scim/Users/1?x=y', status, retryAfter, body, shape, now: 0 });

describe('classifyFailure (engine-behavior §2.7)', () => {
  it.each([
    [400, ScimBadRequestError, 'BadRequest', false, 'object'],
    [401, ScimUnauthorizedError, 'InvalidCredentials', false, 'job'],
    [403, ScimForbiddenError, 'InsufficientRights', true, 'object'],
    [405, ScimForbiddenError, 'MethodNotAllowed', true, 'object'],
    [404, ScimNotFoundError, 'InvalidAnchor', false, 'object'],
    [409, ScimConflictError, 'Conflict', true, 'object'],
    [422, ScimProtocolError, 'UnprocessableEntity', false, 'object'],
    [429, ScimRateLimitedError, 'TooManyRequests', true, 'object'],
    [500, ScimServerError, 'InternalServerError', true, 'object'],
    [502, ScimServerError, 'InternalServerError', true, 'object'],
    [503, ScimServerError, 'InternalServerError', true, 'object'],
    [504, ScimServerError, 'InternalServerError', true, 'object'],
    [501, ScimProtocolError, 'NotImplemented', false, 'object'],
    [302, ScimProtocolError, 'WebExceptionProtocolError', false, 'object'],
    [418, ScimProtocolError, 'WebExceptionProtocolError', false, 'object'],
  ])('%i → %o with code %s, retryable %s, scope %s', (status, type, code, retryable, scope) => {
    const error = failure(status);
    expect(error).toBeInstanceOf(type);
    expect(error).toMatchObject({ code, retryable, scope, status, method: 'PATCH' });
  });

  it('treats a 404 to a filter query as a non-compliant endpoint, not a missing object', () => {
    const error = failure(404, 'query');
    expect(error).toBeInstanceOf(ScimInvalidResponseError);
    expect(error).toMatchObject({ code: 'SystemForCrossDomainIdentityManagementServiceIncompatible', scope: 'job', retryable: false });
  });

  it('carries the SCIM error body: scimType, detail, raw body', () => {
    const body = JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '409', scimType: 'uniqueness', detail: 'userName taken' });
    const error = failure(409, 'resource', body);
    expect(error).toMatchObject({ scimType: 'uniqueness', detail: 'userName taken', responseBody: body });
    expect(error.message).toBe('PATCH /scim/Users/1?x=y → 409: userName taken');
  });

  it('reads Retry-After into the rate-limit error', () => {
    expect((failure(429, 'resource', '', '7') as ScimRateLimitedError).retryAfterMs).toBe(7000);
    expect((failure(429) as ScimRateLimitedError).retryAfterMs).toBeUndefined();
  });
});

describe('parseRetryAfter', () => {
  it('reads delay-seconds and HTTP-dates', () => {
    expect(parseRetryAfter('0')).toBe(0);
    expect(parseRetryAfter(' 120 ')).toBe(120_000);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter('-5')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});
