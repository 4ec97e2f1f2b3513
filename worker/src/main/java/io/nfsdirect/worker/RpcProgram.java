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

    String procedureName(int procedure) {
        return procedure >= 0 && procedure < procedures.size()
                ? procedures.get(procedure) : name + "_PROC_" + procedure;
    }
}
