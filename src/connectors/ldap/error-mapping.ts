import { ResultCodeError } from 'ldapts';
import {
  LdapAlreadyExistsError,
  LdapBusyError,
  LdapConstraintViolationError,
  LdapError,
  LdapInsufficientRightsError,
  LdapInvalidCredentialsError,
  LdapNoSuchObjectError,
  LdapOperationError,
  LdapStrongAuthRequiredError,
  LdapTimeoutError,
  LdapTlsError,
  LdapUnreachableError,
  LdapUnsupportedControlError,
} from './ldap-errors.js';

export interface ErrorContext {
  /** What was being done, for the message: `bind`, `search`, `modify`... */
  readonly operation: string;
  readonly server?: string;
  readonly dn?: string;
}

/**
 * The `data` part of AD's bind diagnostic (`80090308: LdapErr: DSID-..., comment: AcceptSecurityContext
 * error, data 52e, v4563`), as documented for Active Directory's ERROR_* logon codes.
 */
const adBindReasons: Readonly<Record<string, string>> = {
  '525': 'user not found',
  '52e': 'invalid password',
  '530': 'logon not permitted at this time',
  '531': 'logon not permitted from this workstation',
  '532': 'password expired',
  '533': 'account disabled',
  '568': 'too many security identifiers in the token',
  '701': 'account expired',
  '773': 'password must be reset',
  '775': 'account locked out',
};

export function adBindReason(diagnostic: string | undefined): string | undefined {
  const data = /\bdata ([0-9a-f]{3,8})\b/i.exec(diagnostic ?? '')?.[1]?.toLowerCase();
  return data === undefined ? undefined : adBindReasons[data];
}

const unreachableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'EADDRNOTAVAIL',
]);

/**
 * Turns whatever ldapts or the socket threw into a typed LdapError. ldapts' result-code errors are told
 * apart by their numeric `code` (one class per code there, but several codes mean the same thing here).
 */
export function toLdapError(error: unknown, context: ErrorContext): LdapError {
  if (error instanceof LdapError) return error;
  const where = context.server ? ` (${context.server})` : '';
  const base = { server: context.server, dn: context.dn, cause: error };
  const text = error instanceof Error ? error.message : String(error);

  if (error instanceof ResultCodeError) {
    const code = error.code;
    const diagnostic = text.replace(/\s*Code: 0x[0-9a-f]+$/i, '').trim() || undefined;
    const options = { ...base, resultCode: code, diagnostic };
    const detail = diagnostic ? `: ${diagnostic}` : '';
    switch (code) {
      case 49: {
        const adReason = adBindReason(diagnostic);
        const reason = adReason ? ` (${adReason})` : '';
        return new LdapInvalidCredentialsError(`The server rejected the user name or password${reason}${where}`, { ...options, adReason });
      }
      case 50:
        return new LdapInsufficientRightsError(`Insufficient access rights for ${context.operation}${entryText(context)}${where}${detail}`, options);
      case 32:
        return new LdapNoSuchObjectError(`No such object${entryText(context)}${where}${detail}`, options);
      case 68:
        return new LdapAlreadyExistsError(`An entry already exists${entryText(context)}${where}${detail}`, options);
      case 8:
      case 13:
        return new LdapStrongAuthRequiredError(
          `The server requires an encrypted connection (use ldaps:// or StartTLS)${where}${detail}`,
          options,
        );
      case 12:
        return new LdapUnsupportedControlError(`The server does not support a control required for ${context.operation}${where}${detail}`, options);
      case 3:
      case 11:
      case 51:
      case 52:
        return new LdapBusyError(`The server is busy or unavailable during ${context.operation}${where}${detail}`, options);
      default:
        if (LdapConstraintViolationError.handles(code)) {
          return new LdapConstraintViolationError(`The server rejected ${context.operation}${entryText(context)}${where}${detail}`, options);
        }
        return new LdapOperationError(`${context.operation} failed with LDAP result ${code}${entryText(context)}${where}${detail}`, options);
    }
  }

  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string') {
    if (unreachableCodes.has(code)) return new LdapUnreachableError(`Cannot reach the LDAP server${where}: ${code}`, base);
    if (code === 'ETIMEDOUT') return new LdapTimeoutError(`Connecting to the LDAP server timed out${where}`, base);
    if (/CERT|SSL|TLS|HOSTNAME|ALTNAME|EPROTO/.test(code)) return new LdapTlsError(`TLS with the LDAP server failed${where}: ${text}`, base);
  }
  if (/^Connection timeout$|Operation timed out/.test(text)) {
    return new LdapTimeoutError(`The LDAP server did not answer ${context.operation} in time${where}`, base);
  }
  if (/Socket error|Connection closed|Socket connection not established|socket hang up/i.test(text)) {
    return new LdapUnreachableError(`The connection to the LDAP server was lost during ${context.operation}${where}`, base);
  }
  return new LdapOperationError(`${context.operation} failed${where}: ${text}`, base);
}

function entryText(context: ErrorContext): string {
  return context.dn === undefined ? '' : ` on ${context.dn}`;
}
