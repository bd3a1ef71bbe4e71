/**
 * Where password hashes come from, kept behind one interface so the implementation (today a helper
 * process on Samba's MS-DRSR client, docs/password-hash-sync.md) can be replaced by another, e.g. a
 * native TypeScript DRSR client, without touching the engine.
 */
export interface PasswordHashChange {
  /** Text form, lower case (`9a5c40f3-725e-4067-8c5f-7973c4dcd3f4`): links the hash to the provisioned user. */
  readonly objectGuid: string;
  readonly objectSid: string;
  readonly distinguishedName: string;
  readonly samAccountName: string;
  /**
   * The 16-byte NT hash, or null when the account has no password. Valid only until the consumer asks
   * for the next batch: the reader then overwrites it with zeros.
   */
  readonly ntHash: Buffer | null;
  /**
   * When the password was set (ISO 8601); null when AD says "must change password at next logon"
   * (pwdLastSet = 0: the hosted service withholds such hashes); undefined when the DC did not send it.
   */
  readonly pwdLastSet?: string | null;
}

export interface HashBatch {
  readonly changes: readonly PasswordHashChange[];
  /**
   * Set on the last batch of a read: the opaque replication watermark to pass to the next
   * readChanges. Undefined on earlier batches (positions inside a replication cycle are only valid on
   * the connection that produced them) and for single-object reads.
   */
  readonly watermark: string | undefined;
  /**
   * objectGUIDs (text form, lower case) of objects deleted since the watermark, on incremental reads only:
   * accounts among them will never take a hash. Not only accounts: a deleted object carries too little to tell.
   */
  readonly deletedObjectGuids: readonly string[];
  /** The domain controller that answered. */
  readonly server: string;
}

export interface ReadOptions {
  /** Stops the read and the helper process. */
  readonly signal?: AbortSignal;
}

export interface PasswordHashSource {
  /**
   * Normal user accounts whose password changed since `watermark`, in batches; `undefined` reads every
   * user account in scope (a first run, or a restart with `Full` / `Watermark`). Computers, domain
   * controllers, trust and managed service accounts, krbtgt and deleted objects are never returned.
   */
  readChanges(watermark: string | undefined, options?: ReadOptions): AsyncIterable<HashBatch>;
  /** One account by objectGUID or DN (on-demand provisioning): one batch with zero or one change. */
  readObject(objectGuidOrDn: string, options?: ReadOptions): AsyncIterable<HashBatch>;
}
