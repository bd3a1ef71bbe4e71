#!/usr/bin/python3
"""Reads NT password hashes from an Active Directory domain controller by directory replication.

MS-DRSR GetNCChanges over a sealed ncacn_ip_tcp connection, on Samba's Python bindings (Debian's
python3-samba), as a client: nothing runs on the DC. LDAP never returns password hashes from any AD,
replication does (docs/password-hash-sync.md).

Protocol (version 2). One request on stdin, one JSON object on one line, so the password never
appears in the process arguments:
  {"protocol": 1, "operation": "changes" | "object", "servers": [host, ...], "account": "user@domain"
   or "DOMAIN\\user", "password": ..., "namingContext": "DC=...", "scope": DN, "watermark": str | null,
   "object": GUID or DN (operation "object"), "chunkSize": int, "timeoutSeconds": int}
Answers on stdout, one JSON object per line:
  {"type": "connected", "server": host}
  {"ntHash": "<32 hex>" | null, "type": "object", "guid", "sid", "dn", "samAccountName"[, "pwdLastSet": "<FILETIME>"]}
      ntHash is always the first member, spelled exactly like this, so that the reading side can take
      the hash out of the raw bytes without ever holding it in an immutable string.
  {"type": "deleted", "guid"}   an object deleted since the watermark (a tombstone of an incremental
      read, whatever it was: a deleted object carries too little to tell); never on a full read.
  {"type": "batch", "objects": n, "watermark": str | null}   after each reply chunk; the watermark is
      set on the last chunk only: DRS positions inside a cycle are only valid on the connection that
      produced them.
  {"type": "end"}
  {"type": "error", "code": ..., "message": ..., "status": ...}   then exit status 1.
Nothing secret is ever written to stderr; hashes are decrypted only for normal user accounts inside
the scope, never for krbtgt, computers, domain controllers or trust accounts.
"""

import base64
import json
import sys

PROTOCOL = 2
SAM_NORMAL_USER_ACCOUNT = 0x30000000
KRBTGT_RID = 502
DEFAULT_CHUNK = 1000
MAX_NDR_SIZE = 1336811


class HelperError(Exception):
    def __init__(self, code, message, status=None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status


def emit_line(text):
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def emit(record):
    emit_line(json.dumps(record, separators=(",", ":")))


def read_request():
    line = sys.stdin.readline()
    try:
        request = json.loads(line)
    except ValueError:
        raise HelperError("ProtocolError", "the request is not one line of JSON")
    if not isinstance(request, dict) or request.get("protocol") != PROTOCOL:
        raise HelperError("ProtocolError", "unsupported request or protocol version")
    for key in ("operation", "servers", "account", "password", "namingContext", "scope"):
        if key not in request:
            raise HelperError("ProtocolError", "the request has no %s" % key)
    if request["operation"] not in ("changes", "object") or not request["servers"]:
        raise HelperError("ProtocolError", "bad operation or empty server list")
    return request


def load_samba():
    try:
        import ldb
        from samba import NTSTATUSError, WERRORError, ntstatus, werror
        from samba.credentials import Credentials, DONT_USE_KERBEROS
        from samba.dcerpc import drsuapi, misc
        from samba.net import Net
        from samba.param import LoadParm
    except ImportError as error:
        raise HelperError("HelperUnavailable", "Samba's Python bindings are missing (%s): install python3-samba" % error)
    return {
        "ldb": ldb, "NTSTATUSError": NTSTATUSError, "WERRORError": WERRORError, "ntstatus": ntstatus,
        "werror": werror, "Credentials": Credentials, "DONT_USE_KERBEROS": DONT_USE_KERBEROS,
        "drsuapi": drsuapi, "misc": misc, "Net": Net, "LoadParm": LoadParm,
    }


UNREACHABLE = {
    "NT_STATUS_CONNECTION_REFUSED", "NT_STATUS_CONNECTION_DISCONNECTED", "NT_STATUS_CONNECTION_RESET",
    "NT_STATUS_CONNECTION_ABORTED", "NT_STATUS_HOST_UNREACHABLE", "NT_STATUS_NETWORK_UNREACHABLE",
    "NT_STATUS_PORT_UNREACHABLE", "NT_STATUS_PROTOCOL_UNREACHABLE", "NT_STATUS_IO_TIMEOUT",
    "NT_STATUS_TIMEOUT", "NT_STATUS_OBJECT_NAME_NOT_FOUND", "NT_STATUS_BAD_NETWORK_NAME",
    "NT_STATUS_PIPE_DISCONNECTED", "NT_STATUS_END_OF_FILE", "NT_STATUS_LOCAL_DISCONNECT",
    "NT_STATUS_REMOTE_DISCONNECT", "NT_STATUS_INVALID_NETWORK_RESPONSE", "NT_STATUS_RPC_PROTOCOL_ERROR",
    "NT_STATUS_ADDRESS_NOT_ASSOCIATED", "NT_STATUS_NO_LOGON_SERVERS",
}
BAD_LOGON = {
    "NT_STATUS_LOGON_FAILURE", "NT_STATUS_WRONG_PASSWORD", "NT_STATUS_NO_SUCH_USER",
    "NT_STATUS_ACCOUNT_DISABLED", "NT_STATUS_ACCOUNT_LOCKED_OUT", "NT_STATUS_ACCOUNT_EXPIRED",
    "NT_STATUS_PASSWORD_EXPIRED", "NT_STATUS_PASSWORD_MUST_CHANGE", "NT_STATUS_ACCOUNT_RESTRICTION",
    "NT_STATUS_INVALID_LOGON_HOURS", "NT_STATUS_INVALID_WORKSTATION", "NT_STATUS_LOGON_TYPE_NOT_GRANTED",
    "NT_STATUS_ACCESS_DENIED", "NT_STATUS_TRUSTED_RELATIONSHIP_FAILURE",
}
NO_RIGHTS = {"WERR_DS_DRA_ACCESS_DENIED", "WERR_ACCESS_DENIED", "WERR_DS_INSUFF_ACCESS_RIGHTS"}
NOT_FOUND = {"WERR_DS_DRA_BAD_DN", "WERR_DS_OBJ_NOT_FOUND", "WERR_DS_DRA_OBJ_NOT_FOUND", "WERR_DS_CANT_FIND_EXPECTED_NC"}
EPT_S_NOT_REGISTERED = 0x16C9A0D6


def status_name(module, code):
    for name in dir(module):
        if (name.startswith("NT_STATUS_") or name.startswith("WERR_")) and getattr(module, name) == code:
            return name
    return "0x%08X" % (code & 0xFFFFFFFF)


def classify(s, error, server):
    """Turns a Samba exception into a HelperError with one of the stable codes."""
    cause = error
    while not isinstance(cause, (s["NTSTATUSError"], s["WERRORError"])) and cause.__cause__ is not None:
        cause = cause.__cause__
    if isinstance(cause, s["NTSTATUSError"]):
        code = cause.args[0]
        if code & 0xFFFFFFFF == EPT_S_NOT_REGISTERED:
            return HelperError("DomainControllerUnreachable", "%s offers no directory replication (DRSUAPI) endpoint" % server, "EPT_S_NOT_REGISTERED")
        name = status_name(s["ntstatus"], code)
        if name in UNREACHABLE:
            return HelperError("DomainControllerUnreachable", "cannot reach the domain controller %s: %s" % (server, cause.args[1]), name)
        if name in BAD_LOGON:
            return HelperError("InvalidCredentials", "the domain controller %s refused the account: %s" % (server, cause.args[1]), name)
        return HelperError("ProtocolError", "directory replication with %s failed: %s" % (server, cause.args[1]), name)
    if isinstance(cause, s["WERRORError"]):
        name = status_name(s["werror"], cause.args[0])
        if name in NO_RIGHTS:
            return HelperError(
                "MissingReplicationRights",
                "the account may not replicate secrets from %s: it needs 'Replicating Directory Changes' and "
                "'Replicating Directory Changes All' on the domain root" % server, name)
        return HelperError("ProtocolError", "GetNCChanges on %s failed: %s" % (server, cause.args[1]), name)
    return HelperError("ProtocolError", "directory replication with %s failed: %s" % (server, type(error).__name__))


def credentials(s, request):
    lp = s["LoadParm"]()
    lp.load("/dev/null")  # a client needs no smb.conf; never read the host's /etc/samba one
    creds = s["Credentials"]()
    creds.guess(lp)
    creds.parse_string(request["account"])
    creds.set_password(request["password"])
    # NTLM: the DC's Kerberos realm usually does not resolve from where the engine runs.
    creds.set_kerberos_state(s["DONT_USE_KERBEROS"])
    return lp, creds


def bind(s, server, lp, creds, timeout):
    """A sealed DRSUAPI connection and a DsBind handle; compressed replies are not offered."""
    drsuapi, misc = s["drsuapi"], s["misc"]
    pipe = drsuapi.drsuapi("ncacn_ip_tcp:%s[seal]" % server, lp, creds)
    pipe.request_timeout = timeout
    info = drsuapi.DsBindInfoCtr()
    info.length = 28
    info.info = drsuapi.DsBindInfo28()
    for extension in (
        "BASE", "ASYNC_REPLICATION", "REMOVEAPI", "MOVEREQ_V2", "DCINFO_V1", "RESTORE_USN_OPTIMIZATION",
        "KCC_EXECUTE", "ADDENTRY_V2", "LINKED_VALUE_REPLICATION", "DCINFO_V2", "INSTANCE_TYPE_NOT_REQ_ON_MOD",
        "CRYPTO_BIND", "GET_REPL_INFO", "STRONG_ENCRYPTION", "DCINFO_V01", "TRANSITIVE_MEMBERSHIP",
        "ADD_SID_HISTORY", "POST_BETA3", "GET_MEMBERSHIPS2", "GETCHGREQ_V6", "NONDOMAIN_NCS", "GETCHGREQ_V8",
        "GETCHGREPLY_V5", "GETCHGREPLY_V6", "ADDENTRYREPLY_V3", "GETCHGREPLY_V7", "VERIFY_OBJECT",
    ):
        info.info.supported_extensions |= getattr(drsuapi, "DRSUAPI_SUPPORTED_EXTENSION_" + extension)
    _, handle = pipe.DsBind(misc.GUID(drsuapi.DRSUAPI_DS_BIND_GUID), info)
    return pipe, handle


class Connection:
    def __init__(self, s, request):
        self.s = s
        self.request = request
        self.lp, self.creds = credentials(s, request)
        self.timeout = int(request.get("timeoutSeconds") or 60)
        self.pipe = None
        self.handle = None
        self.server = None

    def open(self):
        """Tries the servers in order; only an unreachable one moves on to the next."""
        failure = None
        for server in self.request["servers"]:
            try:
                self.pipe, self.handle = bind(self.s, server, self.lp, self.creds, self.timeout)
                self.server = server
                self.net = self.s["Net"](self.creds)
                return
            except Exception as error:  # Samba raises several exception types here
                failure = classify(self.s, error, server)
                if failure.code != "DomainControllerUnreachable":
                    raise failure
        raise failure

    def call(self, what, *args):
        try:
            return getattr(self.pipe, what)(self.handle, *args)
        except (self.s["NTSTATUSError"], self.s["WERRORError"]) as error:
            raise classify(self.s, error, self.server)


def encode_watermark(nc, invocation_id, hwm, cursors):
    body = {"v": 1, "nc": nc, "dsa": invocation_id, "hwm": [hwm.tmp_highest_usn, hwm.reserved_usn, hwm.highest_usn],
            "utd": [[str(c.source_dsa_invocation_id), c.highest_usn] for c in cursors]}
    return "drs1." + base64.urlsafe_b64encode(json.dumps(body, separators=(",", ":")).encode()).decode().rstrip("=")


def decode_watermark(s, text, nc):
    try:
        if not text.startswith("drs1."):
            raise ValueError("prefix")
        payload = text[5:]
        body = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        hwm = [int(v) for v in body["hwm"]]
        cursors = [(str(s["misc"].GUID(inv)), int(usn)) for inv, usn in body["utd"]]
        if body["v"] != 1 or len(hwm) != 3 or not isinstance(body["nc"], str):
            raise ValueError("shape")
    except (ValueError, KeyError, TypeError, IndexError):
        raise HelperError("InvalidWatermark", "the replication watermark is not one this helper wrote")
    ldb = s["ldb"]
    context = ldb.Ldb()
    if ldb.Dn(context, body["nc"]) != ldb.Dn(context, nc):
        raise HelperError("InvalidWatermark", "the replication watermark belongs to another naming context")
    return {"dsa": str(body["dsa"]), "hwm": hwm, "utd": cursors}


def new_request(s, nc_dn, nc_guid, exop, watermark, chunk):
    drsuapi, misc = s["drsuapi"], s["misc"]
    r = drsuapi.DsGetNCChangesRequest8()
    # Null GUIDs: we are not a DC and have no NTDS Settings object.
    r.destination_dsa_guid = misc.GUID()
    r.source_dsa_invocation_id = misc.GUID()
    r.naming_context = drsuapi.DsReplicaObjectIdentifier()
    r.naming_context.dn = nc_dn
    if nc_guid is not None:
        r.naming_context.guid = misc.GUID(nc_guid)
    r.highwatermark = drsuapi.DsReplicaHighWaterMark()
    r.highwatermark.tmp_highest_usn, r.highwatermark.reserved_usn, r.highwatermark.highest_usn = (
        watermark["hwm"] if watermark else (0, 0, 0))
    r.uptodateness_vector = None
    if watermark and watermark["utd"]:
        vector = drsuapi.DsReplicaCursorCtrEx()
        cursors = []
        for invocation_id, usn in watermark["utd"]:
            cursor = drsuapi.DsReplicaCursor()
            cursor.source_dsa_invocation_id = misc.GUID(invocation_id)
            cursor.highest_usn = usn
            cursors.append(cursor)
        vector.version = 1
        vector.count = len(cursors)
        vector.cursors = cursors
        r.uptodateness_vector = vector
    # No DRS_SPECIAL_SECRET_PROCESSING (it would blank the secrets); INIT_SYNC only for a first read.
    r.replica_flags = drsuapi.DRSUAPI_DRS_WRIT_REP | (0 if watermark else drsuapi.DRSUAPI_DRS_INIT_SYNC)
    r.max_object_count = chunk
    r.max_ndr_size = MAX_NDR_SIZE
    r.fsmo_info = 0
    r.extended_op = exop
    # No partial attribute set: Samba refuses client prefix tables, and "everything" includes the secrets.
    r.partial_attribute_set = None
    r.partial_attribute_set_ex = None
    r.mapping_ctr.num_mappings = 0
    r.mapping_ctr.mappings = None
    return r


def copy_hwm(target, source):
    # By value: keeping the reply's struct would keep every earlier reply alive (talloc references).
    target.tmp_highest_usn = source.tmp_highest_usn
    target.reserved_usn = source.reserved_usn
    target.highest_usn = source.highest_usn


class Reader:
    def __init__(self, s, connection, request):
        self.s = s
        self.connection = connection
        self.scope = request["scope"]
        self.ldb = s["ldb"]
        self.context = self.ldb.Ldb()
        self.scope_dn = self.ldb.Dn(self.context, self.scope)

    def in_scope(self, dn):
        try:
            return self.ldb.Dn(self.context, dn).is_child_of(self.scope_dn)
        except ValueError:
            return False

    def crack_names(self, guids):
        """objectGUID -> sAMAccountName for the objects a delta sent without it (one call per chunk)."""
        if not guids:
            return {}
        drsuapi = self.s["drsuapi"]
        req = drsuapi.DsNameRequest1()
        req.codepage = 1252
        req.language = 0x409
        req.format_flags = 0
        req.format_offered = drsuapi.DRSUAPI_DS_NAME_FORMAT_GUID
        req.format_desired = drsuapi.DRSUAPI_DS_NAME_FORMAT_NT4_ACCOUNT
        names = []
        for guid in guids:
            name = drsuapi.DsNameString()
            name.str = "{%s}" % guid
            names.append(name)
        req.count = len(names)
        req.names = names
        _, ctr = self.connection.call("DsCrackNames", 1, req)
        result = {}
        for guid, item in zip(guids, ctr.array):
            if item.status == drsuapi.DRSUAPI_DS_NAME_STATUS_OK and item.result_name:
                result[guid] = item.result_name.split("\\", 1)[-1]
        return result

    def emit_chunk(self, ctr, full):
        """Writes the password records and, on an incremental read, the deletions of one reply chunk;
        returns how many password records."""
        drsuapi = self.s["drsuapi"]
        candidates = []
        node = ctr.first_object
        while node:
            obj = node.object
            node = node.next_object
            attrs = {a.attid: a for a in obj.attribute_ctr.attributes}
            deleted = attrs.get(drsuapi.DRSUAPI_ATTID_isDeleted)
            if deleted is not None and deleted.value_ctr.num_values and int.from_bytes(deleted.value_ctr.values[0].blob, "little"):
                # Tombstones take no hash (the provisioning job deletes the user); an incremental read
                # reports them so that an account waiting for its user is forgotten.
                if not full:
                    emit({"type": "deleted", "guid": str(obj.identifier.guid)})
                continue
            password = attrs.get(drsuapi.DRSUAPI_ATTID_unicodePwd)
            if password is None and not full:
                continue  # a delta with no password change for this object
            account_type = attrs.get(drsuapi.DRSUAPI_ATTID_sAMAccountType)
            if account_type is not None and account_type.value_ctr.num_values:
                if int.from_bytes(account_type.value_ctr.values[0].blob, "little") != SAM_NORMAL_USER_ACCOUNT:
                    continue
            elif full:
                continue  # not a security principal
            dn = obj.identifier.dn
            if not self.in_scope(dn):
                continue
            candidates.append((obj, attrs, password))
        missing = [str(obj.identifier.guid) for obj, attrs, _ in candidates if drsuapi.DRSUAPI_ATTID_sAMAccountName not in attrs]
        cracked = self.crack_names(missing)
        count = 0
        for obj, attrs, password in candidates:
            guid = str(obj.identifier.guid)
            name_attr = attrs.get(drsuapi.DRSUAPI_ATTID_sAMAccountName)
            if name_attr is not None and name_attr.value_ctr.num_values:
                sam = name_attr.value_ctr.values[0].blob.decode("utf-16-le")
            else:
                sam = cracked.get(guid)
            sid = str(obj.identifier.sid)
            rid = int(sid.rsplit("-", 1)[-1]) if sid.startswith("S-") else None
            # Only people: not computers, DCs, trusts or managed service accounts (names ending in $), never krbtgt.
            if sam is None or rid is None or sam.endswith("$") or rid == KRBTGT_RID or sam.lower().startswith("krbtgt"):
                continue
            nt_hash = "null"
            if password is not None and password.value_ctr.num_values:
                self.connection.net.replicate_decrypt(self.connection.pipe, password, rid)
                blob = password.value_ctr.values[0].blob
                if len(blob) != 16:
                    raise HelperError("ProtocolError", "a decrypted NT hash is not 16 bytes")
                nt_hash = '"%s"' % blob.hex()
            record = {"type": "object", "guid": guid, "sid": sid, "dn": obj.identifier.dn, "samAccountName": sam}
            last_set = attrs.get(drsuapi.DRSUAPI_ATTID_pwdLastSet)
            if last_set is not None and last_set.value_ctr.num_values:
                record["pwdLastSet"] = str(int.from_bytes(last_set.value_ctr.values[0].blob, "little", signed=True))
            emit_line('{"ntHash":%s,%s' % (nt_hash, json.dumps(record, separators=(",", ":"))[1:]))
            count += 1
        return count

    def changes(self, nc, watermark, chunk, same_dc=True):
        drsuapi = self.s["drsuapi"]
        request = new_request(self.s, nc, None, drsuapi.DRSUAPI_EXOP_NONE, watermark, chunk)
        first = True
        while True:
            level, ctr = self.connection.call("DsGetNCChanges", 8, request)
            if level != 6:
                raise HelperError("ProtocolError", "unexpected GetNCChanges reply level %d" % level)
            if first and same_dc and watermark and str(ctr.source_dsa_invocation_id) != watermark["dsa"]:
                # Another DC (failover): its USNs mean nothing here. Start from zero and let the
                # up-to-dateness vector filter out what was already seen.
                return False
            first = False
            count = self.emit_chunk(ctr, watermark is None)
            copy_hwm(request.highwatermark, ctr.new_highwatermark)
            if ctr.more_data:
                emit({"type": "batch", "objects": count, "watermark": None})
                continue
            cursors = ctr.uptodateness_vector.cursors if ctr.uptodateness_vector is not None else []
            emit({"type": "batch", "objects": count,
                  "watermark": encode_watermark(nc, str(ctr.source_dsa_invocation_id), ctr.new_highwatermark, cursors)})
            return True

    def single(self, target):
        drsuapi, misc = self.s["drsuapi"], self.s["misc"]
        try:
            guid = str(misc.GUID(target))
            dn = ""
        except Exception:
            guid, dn = None, target
        request = new_request(self.s, dn, guid, drsuapi.DRSUAPI_EXOP_REPL_OBJ, None, 1)
        try:
            level, ctr = self.connection.call("DsGetNCChanges", 8, request)
        except HelperError as error:
            if error.status in NOT_FOUND:
                emit({"type": "batch", "objects": 0, "watermark": None})
                return
            raise
        if level != 6:
            raise HelperError("ProtocolError", "unexpected GetNCChanges reply level %d" % level)
        emit({"type": "batch", "objects": self.emit_chunk(ctr, True), "watermark": None})


def run(request):
    s = load_samba()
    nc = request["namingContext"]
    watermark = decode_watermark(s, request["watermark"], nc) if request.get("watermark") else None
    chunk = max(1, min(int(request.get("chunkSize") or DEFAULT_CHUNK), 10000))
    connection = Connection(s, request)
    connection.open()
    emit({"type": "connected", "server": connection.server})
    reader = Reader(s, connection, request)
    if request["operation"] == "object":
        reader.single(str(request["object"]))
    else:
        if not reader.changes(nc, watermark, chunk):
            connection.open()  # a fresh DsBind: the DC keeps per-handle state for an unfinished cycle
            reader.changes(nc, dict(watermark, hwm=(0, 0, 0)), chunk, same_dc=False)
    emit({"type": "end"})


def main():
    try:
        request = read_request()
        run(request)
    except HelperError as error:
        emit({"type": "error", "code": error.code, "message": error.message, "status": error.status})
        return 1
    except Exception as error:  # never a traceback: it could show request values
        emit({"type": "error", "code": "ProtocolError", "message": "helper failure: %s" % type(error).__name__, "status": None})
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
