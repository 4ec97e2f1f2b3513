package io.nfsdirect.protocol;

/**
 * The Linux errno values an NFS client surfaces, with glibc's strerror text, so that our errors
 * read exactly like those of {@code cp} or {@code dd} on a kernel NFS mount.
 *
 * <p>521..528 are kernel-internal NFS codes that glibc has no text for; their messages are the
 * comments from the kernel's {@code include/linux/errno.h}.
 */
public enum Errno {
    EPERM(1, "Operation not permitted"),
    ENOENT(2, "No such file or directory"),
    EIO(5, "Input/output error"),
    ENXIO(6, "No such device or address"),
    EBADF(9, "Bad file descriptor"),
    EAGAIN(11, "Resource temporarily unavailable"),
    EACCES(13, "Permission denied"),
    EFAULT(14, "Bad address"),
    EEXIST(17, "File exists"),
    EXDEV(18, "Invalid cross-device link"),
    ENODEV(19, "No such device"),
    ENOTDIR(20, "Not a directory"),
    EISDIR(21, "Is a directory"),
    EINVAL(22, "Invalid argument"),
    EFBIG(27, "File too large"),
    ENOSPC(28, "No space left on device"),
    EROFS(30, "Read-only file system"),
    EMLINK(31, "Too many links"),
    ENAMETOOLONG(36, "File name too long"),
    ENOTEMPTY(39, "Directory not empty"),
    EREMOTE(66, "Object is remote"),
    EPROTO(71, "Protocol error"),
    ECONNRESET(104, "Connection reset by peer"),
    ETIMEDOUT(110, "Connection timed out"),
    ECONNREFUSED(111, "Connection refused"),
    ESTALE(116, "Stale file handle"),
    EREMOTEIO(121, "Remote I/O error"),
    EDQUOT(122, "Disk quota exceeded"),
    ECANCELED(125, "Operation canceled"),
    EBADHANDLE(521, "Illegal NFS file handle"),
    ENOTSYNC(522, "Update synchronization mismatch"),
    EBADCOOKIE(523, "Cookie is stale"),
    ENOTSUPP(524, "Operation is not supported"),
    ETOOSMALL(525, "Buffer or request is too small"),
    ESERVERFAULT(526, "An untranslatable error occurred"),
    EBADTYPE(527, "Type not supported by server"),
    EJUKEBOX(528, "Request initiated, but will not complete before timeout");

    private final int number;
    private final String message;

    Errno(int number, String message) {
        this.number = number;
        this.message = message;
    }

    /** The Linux errno number, e.g. 2 for ENOENT. */
    public int number() {
        return number;
    }

    /** The strerror text, e.g. "No such file or directory". */
    public String message() {
        return message;
    }

    /** The errno with this Linux number, or null if it is not one we model. */
    public static Errno ofNumber(int number) {
        for (Errno errno : values()) {
            if (errno.number == number) {
                return errno;
            }
        }
        return null;
    }
}
