package io.nfsdirect.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The AUTH_SYS identity the NFS calls claim. */
final class Credentials {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--uid", paramLabel = "UID", description = "AUTH_SYS uid (default: this process's)")
    Integer uid;

    @Option(names = "--gid", paramLabel = "GID", description = "AUTH_SYS gid (default: this process's)")
    Integer gid;

    /** Rejects negative ids; a bad one is a usage error (exit 2). */
    void validate() {
        if (uid != null && uid < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--uid must be 0 or more, not " + uid);
        }
        if (gid != null && gid < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--gid must be 0 or more, not " + gid);
        }
    }

    /** The uid to claim; -1 for this process's. */
    int uid() {
        return uid == null ? -1 : uid;
    }

    /** The gid to claim; -1 for this process's. */
    int gid() {
        return gid == null ? -1 : gid;
    }
}
