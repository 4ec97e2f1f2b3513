package io.nfsdirect.protocol;

/**
 * Every nfsstat3 of RFC 1813, mapped to the errno a Linux NFSv3 client reports for it (the
 * kernel's {@code nfs_errtbl}, in fs/nfs/nfs3xdr.c and later fs/nfs_common/common.c): most map
 * to the errno of the same number, NFS3ERR_SERVERFAULT becomes EREMOTEIO, and anything the
 * table does not know becomes EIO.
 */
public enum NfsStatus {
    NFS3_OK(0, null),
    NFS3ERR_PERM(1, Errno.EPERM),
    NFS3ERR_NOENT(2, Errno.ENOENT),
    NFS3ERR_IO(5, Errno.EIO),
    NFS3ERR_NXIO(6, Errno.ENXIO),
    NFS3ERR_ACCES(13, Errno.EACCES),
    NFS3ERR_EXIST(17, Errno.EEXIST),
    NFS3ERR_XDEV(18, Errno.EXDEV),
    NFS3ERR_NODEV(19, Errno.ENODEV),
    NFS3ERR_NOTDIR(20, Errno.ENOTDIR),
    NFS3ERR_ISDIR(21, Errno.EISDIR),
    NFS3ERR_INVAL(22, Errno.EINVAL),
    NFS3ERR_FBIG(27, Errno.EFBIG),
    NFS3ERR_NOSPC(28, Errno.ENOSPC),
    NFS3ERR_ROFS(30, Errno.EROFS),
    NFS3ERR_MLINK(31, Errno.EMLINK),
    NFS3ERR_NAMETOOLONG(63, Errno.ENAMETOOLONG),
    NFS3ERR_NOTEMPTY(66, Errno.ENOTEMPTY),
    NFS3ERR_DQUOT(69, Errno.EDQUOT),
    NFS3ERR_STALE(70, Errno.ESTALE),
    NFS3ERR_REMOTE(71, Errno.EREMOTE),
    NFS3ERR_BADHANDLE(10001, Errno.EBADHANDLE),
    NFS3ERR_NOT_SYNC(10002, Errno.ENOTSYNC),
    NFS3ERR_BAD_COOKIE(10003, Errno.EBADCOOKIE),
    NFS3ERR_NOTSUPP(10004, Errno.ENOTSUPP),
    NFS3ERR_TOOSMALL(10005, Errno.ETOOSMALL),
    NFS3ERR_SERVERFAULT(10006, Errno.EREMOTEIO),
    NFS3ERR_BADTYPE(10007, Errno.EBADTYPE),
    NFS3ERR_JUKEBOX(10008, Errno.EJUKEBOX),
    /**
     * A code outside RFC 1813. A broken or newer server must not make the client throw while
     * decoding a status, so it becomes EIO like in the kernel; {@link #code()} is -1.
     */
    NFS3ERR_UNKNOWN(-1, Errno.EIO);

    private final int code;
    private final Errno errno;

    NfsStatus(int code, Errno errno) {
        this.code = code;
        this.errno = errno;
    }

    /** The nfsstat3 value on the wire (-1 for {@link #NFS3ERR_UNKNOWN}). */
    public int code() {
        return code;
    }

    /** The errno Linux reports for this status; null for {@link #NFS3_OK}. */
    public Errno errno() {
        return errno;
    }

    /** The strerror text of {@link #errno()}, or "OK". */
    public String message() {
        return errno == null ? "OK" : errno.message();
    }

    public boolean isOk() {
        return this == NFS3_OK;
    }

    /** The status for a wire code; never throws, unknown codes give {@link #NFS3ERR_UNKNOWN}. */
    public static NfsStatus of(int code) {
        for (NfsStatus status : values()) {
            if (status.code == code && status != NFS3ERR_UNKNOWN) {
                return status;
            }
        }
        return NFS3ERR_UNKNOWN;
    }
}
