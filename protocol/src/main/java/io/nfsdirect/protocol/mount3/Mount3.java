package io.nfsdirect.protocol.mount3;

import io.nfsdirect.protocol.Errno;

/** Program, procedure and status constants of the MOUNT protocol version 3 (RFC 1813, appendix I). */
public final class Mount3 {

    private Mount3() {
    }

    public static final int PROGRAM = 100005;
    public static final int VERSION = 3;

    public static final int PROC_NULL = 0;
    public static final int PROC_MNT = 1;
    public static final int PROC_DUMP = 2;
    public static final int PROC_UMNT = 3;
    public static final int PROC_UMNTALL = 4;
    public static final int PROC_EXPORT = 5;

    public static final int MNTPATHLEN = 1024;
    public static final int MNTNAMLEN = 255;
    public static final int FHSIZE3 = 64;

    // mountstat3
    public static final int MNT3_OK = 0;
    public static final int MNT3ERR_PERM = 1;
    public static final int MNT3ERR_NOENT = 2;
    public static final int MNT3ERR_IO = 5;
    public static final int MNT3ERR_ACCES = 13;
    public static final int MNT3ERR_NOTDIR = 20;
    public static final int MNT3ERR_INVAL = 22;
    public static final int MNT3ERR_NAMETOOLONG = 63;
    public static final int MNT3ERR_NOTSUPP = 10004;
    public static final int MNT3ERR_SERVERFAULT = 10006;

    /** Upper bound on security flavors decoded from one MNT reply. */
    public static final int MAX_AUTH_FLAVORS = 64;
    /** Upper bound on exports decoded from one EXPORT reply. */
    public static final int MAX_EXPORTS = 16384;
    /** Upper bound on client groups decoded for one export. */
    public static final int MAX_GROUPS = 4096;

    /**
     * The errno a Linux client reports for a mountstat3, as the kernel's mount client maps it
     * (SERVERFAULT becomes EREMOTEIO, unknown codes EIO); null for MNT3_OK.
     */
    public static Errno errno(int status) {
        return switch (status) {
            case MNT3_OK -> null;
            case MNT3ERR_PERM -> Errno.EPERM;
            case MNT3ERR_NOENT -> Errno.ENOENT;
            case MNT3ERR_IO -> Errno.EIO;
            case MNT3ERR_ACCES -> Errno.EACCES;
            case MNT3ERR_NOTDIR -> Errno.ENOTDIR;
            case MNT3ERR_INVAL -> Errno.EINVAL;
            case MNT3ERR_NAMETOOLONG -> Errno.ENAMETOOLONG;
            case MNT3ERR_NOTSUPP -> Errno.ENOTSUPP;
            case MNT3ERR_SERVERFAULT -> Errno.EREMOTEIO;
            default -> Errno.EIO;
        };
    }

    /** The RFC name of a mountstat3, e.g. "MNT3ERR_NOENT", for messages. */
    public static String statusName(int status) {
        return switch (status) {
            case MNT3_OK -> "MNT3_OK";
            case MNT3ERR_PERM -> "MNT3ERR_PERM";
            case MNT3ERR_NOENT -> "MNT3ERR_NOENT";
            case MNT3ERR_IO -> "MNT3ERR_IO";
            case MNT3ERR_ACCES -> "MNT3ERR_ACCES";
            case MNT3ERR_NOTDIR -> "MNT3ERR_NOTDIR";
            case MNT3ERR_INVAL -> "MNT3ERR_INVAL";
            case MNT3ERR_NAMETOOLONG -> "MNT3ERR_NAMETOOLONG";
            case MNT3ERR_NOTSUPP -> "MNT3ERR_NOTSUPP";
            case MNT3ERR_SERVERFAULT -> "MNT3ERR_SERVERFAULT";
            default -> "mountstat3 " + Integer.toUnsignedString(status);
        };
    }
}
