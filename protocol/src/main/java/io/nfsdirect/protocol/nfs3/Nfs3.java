package io.nfsdirect.protocol.nfs3;

/** Program, procedure and protocol constants of NFS version 3 (RFC 1813). */
public final class Nfs3 {

    private Nfs3() {
    }

    public static final int PROGRAM = 100003;
    public static final int VERSION = 3;

    public static final int PROC_NULL = 0;
    public static final int PROC_GETATTR = 1;
    public static final int PROC_SETATTR = 2;
    public static final int PROC_LOOKUP = 3;
    public static final int PROC_ACCESS = 4;
    public static final int PROC_READLINK = 5;
    public static final int PROC_READ = 6;
    public static final int PROC_WRITE = 7;
    public static final int PROC_CREATE = 8;
    public static final int PROC_MKDIR = 9;
    public static final int PROC_SYMLINK = 10;
    public static final int PROC_MKNOD = 11;
    public static final int PROC_REMOVE = 12;
    public static final int PROC_RMDIR = 13;
    public static final int PROC_RENAME = 14;
    public static final int PROC_LINK = 15;
    public static final int PROC_READDIR = 16;
    public static final int PROC_READDIRPLUS = 17;
    public static final int PROC_FSSTAT = 18;
    public static final int PROC_FSINFO = 19;
    public static final int PROC_PATHCONF = 20;
    public static final int PROC_COMMIT = 21;

    /** nfsstat3 success; the full list with errno mapping is {@link io.nfsdirect.protocol.NfsStatus}. */
    public static final int NFS3_OK = 0;

    public static final int FHSIZE3 = 64;
    public static final int WRITEVERFSIZE = 8;
    public static final int COOKIEVERFSIZE = 8;
    public static final int CREATEVERFSIZE = 8;

    // stable_how
    public static final int UNSTABLE = 0;
    public static final int DATA_SYNC = 1;
    public static final int FILE_SYNC = 2;

    // createmode3
    public static final int UNCHECKED = 0;
    public static final int GUARDED = 1;
    public static final int EXCLUSIVE = 2;

    // ftype3
    public static final int NF3REG = 1;
    public static final int NF3DIR = 2;
    public static final int NF3BLK = 3;
    public static final int NF3CHR = 4;
    public static final int NF3LNK = 5;
    public static final int NF3SOCK = 6;
    public static final int NF3FIFO = 7;

    // ACCESS3 bits
    public static final int ACCESS3_READ = 0x0001;
    public static final int ACCESS3_LOOKUP = 0x0002;
    public static final int ACCESS3_MODIFY = 0x0004;
    public static final int ACCESS3_EXTEND = 0x0008;
    public static final int ACCESS3_DELETE = 0x0010;
    public static final int ACCESS3_EXECUTE = 0x0020;

    // FSINFO3 properties
    public static final int FSF3_LINK = 0x0001;
    public static final int FSF3_SYMLINK = 0x0002;
    public static final int FSF3_HOMOGENEOUS = 0x0008;
    public static final int FSF3_CANSETTIME = 0x0010;

    // time_how
    public static final int DONT_CHANGE = 0;
    public static final int SET_TO_SERVER_TIME = 1;
    public static final int SET_TO_CLIENT_TIME = 2;

    /** Longest filename3 we send or accept, in UTF-8 bytes (NAME_MAX on Linux). */
    public static final int MAX_NAME = 255;
    /** Longest path we send or accept, in UTF-8 bytes. */
    public static final int MAX_PATH = 1024;

    /**
     * Upper bound for a READ or WRITE payload when nothing tighter is known. Real servers cap
     * rtmax/wtmax at 1 MiB or a few; this only stops a corrupt length from sizing an allocation.
     */
    public static final int MAX_DATA = 64 * 1024 * 1024;

    /** Upper bound on entries decoded from one READDIR or READDIRPLUS reply. */
    public static final int MAX_DIR_ENTRIES = 65536;
}
