/**
 * What to do when a job's directory connection cannot be used, whichever end of the job the directory is (cloud
 * sync reads it, writeback writes to it): the remedies are the same LDAP secrets (docs/connectors-ldap.md).
 */
export const ldapConnectionActions = {
  InvalidConfiguration:
    'Save the Domain (or BaseDN), Server, UserName and Password secrets of the directory connection (docs/connect-active-directory.md), then restart the job.',
  InvalidCredentials:
    'The directory refused the bind account. Check the UserName (user@domain, DOMAIN\\user or a DN) and Password secrets and that the account is enabled, not locked out and its password not expired, then restart the job.',
  TlsFailure:
    "TLS with the server failed. Trust the certificate's issuer with the TlsCaCertificate secret, or set TlsServerName to the name the certificate carries, then restart the job.",
  StrongAuthenticationRequired:
    'The server refuses a password over an unencrypted connection. Use ldaps:// in the Server secret, or remove StartTls=false so that ldap:// servers upgrade with StartTLS, then restart the job.',
  UnsupportedControl:
    'The server does not support an LDAP control the job needs. Point the Server secret at an Active Directory domain controller or an OpenLDAP server, then restart the job.',
} as const satisfies Readonly<Record<string, string>>;
