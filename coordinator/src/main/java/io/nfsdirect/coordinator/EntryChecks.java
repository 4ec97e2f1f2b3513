package io.nfsdirect.coordinator;

import io.nfsdirect.protocol.Errno;
import io.nfsdirect.protocol.api.IoError;
import io.nfsdirect.protocol.api.IoOptions;
import io.nfsdirect.protocol.api.Sink;

/**
 * The checks a request passes before anything is sent to a server, as the seed's
 * {@code nfs_file_direct_read/write} make them. Each failure names the file, the offset and the
 * cause; null means the request may go on.
 */
public final class EntryChecks {

    private EntryChecks() {
    }

    /** Checks that need no server: the range, the append flag and the Reply sink's cap. */
    public static IoError beforeResolve(String op, String url, long offset, long length, IoOptions options, Sink sink,
                                        long replyLimit) {
        String what = op + " " + url;
        if (offset < 0) {
            return IoError.at(Errno.EINVAL, what, offset, "negative offset " + offset);
        }
        if (length < 0) {
            return IoError.at(Errno.EINVAL, what, offset, "negative length " + length);
        }
        if (length > Long.MAX_VALUE - offset) {
            return IoError.at(Errno.EFBIG, what, offset, "offset + length overflows");
        }
        if (options.append()) {
            return IoError.at(Errno.EINVAL, what, offset, "append is not supported, NFS has no atomic append");
        }
        if (options.window() < 0 || options.rsize() < 0 || options.wsize() < 0) {
            return IoError.at(Errno.EINVAL, what, offset, "window, rsize and wsize must be >= 0");
        }
        if (sink instanceof Sink.Reply && length > replyLimit) {
            return IoError.at(Errno.EFBIG, what, offset, length + " bytes exceed the Reply sink's limit of "
                    + replyLimit + " (nfs-direct.reply-limit); use the Stream, Digest or Copy sink for large reads");
        }
        return null;
    }

    /** The server's limit on file size, from FSINFO's maxfilesize. */
    public static IoError withinMaxFileSize(String op, String url, long offset, long length, long maxFileSize) {
        // maxfilesize is an unsigned 64-bit value on the wire; a negative long means "huge".
        if (maxFileSize >= 0 && offset + length > maxFileSize) {
            return IoError.at(Errno.EFBIG, op + " " + url, offset, "offset + length " + (offset + length)
                    + " exceeds the server's maxfilesize " + maxFileSize);
        }
        return null;
    }

    /**
     * A request plans its chunks by index, and an index is an int: a range of more than 2^31 − 1
     * chunks (a huge length at a small rsize) is refused before anything is sent.
     */
    public static IoError withinChunkCount(RequestSpec spec) {
        long chunks = spec.length() / spec.chunkSize() + (spec.length() % spec.chunkSize() == 0 ? 0 : 1);
        if (chunks > Integer.MAX_VALUE) {
            return IoError.at(Errno.EFBIG, spec.describe(), spec.offset(), spec.length() + " bytes are " + chunks
                    + " chunks of " + spec.chunkSize() + " bytes, more than the " + Integer.MAX_VALUE
                    + " a request can plan; ask for less, or a larger transfer size");
        }
        return null;
    }
}
