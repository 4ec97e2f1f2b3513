package io.nfsdirect.worker;

import java.util.List;

/**
 * An ONC RPC program and version this client speaks, with its procedure names for messages and
 * statistics ("READ to 127.0.0.1:2049 timed out ...").
 */
record RpcProgram(int number, int version, String name, List<String> procedures) {

    static final RpcProgram NFS3 = new RpcProgram(100003, 3, "NFS", List.of(
            "NULL", "GETATTR", "SETATTR", "LOOKUP", "ACCESS", "READLINK", "READ", "WRITE",
            "CREATE", "MKDIR", "SYMLINK", "MKNOD", "REMOVE", "RMDIR", "RENAME", "LINK", "READDIR",
            "READDIRPLUS", "FSSTAT", "FSINFO", "PATHCONF", "COMMIT"));

    static final RpcProgram MOUNT3 = new RpcProgram(100005, 3, "MOUNT", List.of(
            "MOUNT_NULL", "MNT", "DUMP", "UMNT", "UMNTALL", "EXPORT"));

    static final RpcProgram PORTMAP2 = new RpcProgram(100000, 2, "PORTMAP", List.of(
            "PMAP_NULL", "PMAP_SET", "PMAP_UNSET", "GETPORT", "PMAP_DUMP", "PMAP_CALLIT"));

    /**
     * Whether a call may be sent again on a new connection after the old one died with the call
     * in flight: it may have run already, so only calls whose second run does what the first did.
     * NFSv3's namespace changes are not (a second CREATE GUARDED or REMOVE fails where the first
     * succeeded, and a new connection misses the server's duplicate request cache), and neither
     * is the portmapper's SET and UNSET.
     */
    boolean idempotent(int procedure) {
        if (number == NFS3.number) {
            return procedure < 8 || procedure > 15;   // CREATE .. LINK are not
        }
        if (number == PORTMAP2.number) {
            return procedure != 1 && procedure != 2;
        }
        return true;
    }

    String procedureName(int procedure) {
        return procedure >= 0 && procedure < procedures.size()
                ? procedures.get(procedure) : name + "_PROC_" + procedure;
    }
}
