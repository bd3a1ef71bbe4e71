import { InsufficientAccessError, InvalidCredentialsError, NoSuchObjectError, UnknownStatusCodeError } from 'ldapts';
import { describe, expect, it } from 'vitest';
import { adBindReason, toLdapError } from './error-mapping.js';
import {
  LdapBusyError,
  LdapConstraintViolationError,
  LdapInsufficientRightsError,
  LdapInvalidCredentialsError,
  LdapNoSuchObjectError,
  LdapOperationError,
  LdapTimeoutError,
  LdapTlsError,
  LdapUnreachableError,
} from './ldap-errors.js';

const context = { operation: 'bind', server: 'ldap://dc1:389' };

describe('toLdapError', () => {
  it('decodes AD bind failures', () => {
    const diagnostic = '80090308: LdapErr: DSID-0C09041C, comment: AcceptSecurityContext error, data 775, v4563';
    const error = toLdapError(new InvalidCredentialsError(diagnostic), context);
    expect(error).toBeInstanceOf(LdapInvalidCredentialsError);
    expect(error.code).toBe('InvalidCredentials');
    expect(error.resultCode).toBe(49);
    expect((error as LdapInvalidCredentialsError).adReason).toBe('account locked out');
    expect(error.message).toContain('account locked out');
    expect(error.diagnostic).toBe(diagnostic);
    expect(adBindReason('... data 52e, v893')).toBe('invalid password');
    expect(adBindReason('Simple Bind Failed')).toBeUndefined();
  });

  it('maps result codes to typed errors with stable codes', () => {
    expect(toLdapError(new InsufficientAccessError('no'), context)).toBeInstanceOf(LdapInsufficientRightsError);
    expect(toLdapError(new NoSuchObjectError('gone'), { operation: 'modify', dn: 'cn=a' }).message).toContain('cn=a');
    const busy = toLdapError(new UnknownStatusCodeError(51, 'busy'), context);
    expect(busy).toBeInstanceOf(LdapBusyError);
    expect(busy.retryable).toBe(true);
    const constraint = toLdapError(new UnknownStatusCodeError(65, 'objectClass violation'), context);
    expect(constraint).toBeInstanceOf(LdapConstraintViolationError);
    expect(constraint.code).toBe('ObjectClassViolation');
    expect(toLdapError(new UnknownStatusCodeError(80, 'other'), context)).toBeInstanceOf(LdapOperationError);
  });

  it('maps socket, timeout and TLS failures', () => {
    const refused = toLdapError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), context);
    expect(refused).toBeInstanceOf(LdapUnreachableError);
    expect(refused.scope).toBe('job');
    expect(toLdapError(new Error('Connection timeout'), context)).toBeInstanceOf(LdapTimeoutError);
    expect(toLdapError(new Error('SearchRequest: Operation timed out'), context)).toBeInstanceOf(LdapTimeoutError);
    expect(toLdapError(new Error('Connection closed before message response was received.'), context)).toBeInstanceOf(LdapUnreachableError);
    const tls = toLdapError(Object.assign(new Error('self-signed'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }), context);
    expect(tls).toBeInstanceOf(LdapTlsError);
    expect(tls.retryable).toBe(false);
  });

  it('passes LdapErrors through unchanged', () => {
    const original = new LdapNoSuchObjectError('x');
    expect(toLdapError(original, context)).toBe(original);
  });
});
