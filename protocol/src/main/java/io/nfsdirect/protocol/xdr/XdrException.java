package io.nfsdirect.protocol.xdr;

import java.io.IOException;

/**
 * A message that does not follow its XDR definition, or a value that cannot be encoded.
 *
 * <p>It names the XDR field (RFC 1813 spelling, e.g. {@code READ3resok.data}) so that a garbled
 * reply from a real server can be diagnosed from the log line alone. It is an {@link IOException}
 * because oncrpc4j's own {@code BadXdrOncRpcException} cannot be constructed outside its package,
 * and both end up failing the call in the same way.
 */
public final class XdrException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public XdrException(String field, String problem) {
        super("XDR field " + field + ": " + problem);
        this.field = field;
    }

    public XdrException(String field, String problem, Throwable cause) {
        super("XDR field " + field + ": " + problem, cause);
        this.field = field;
    }

    /** The XDR field that was being decoded or encoded, e.g. {@code nfs_fh3.data}. */
    public String field() {
        return field;
    }
}
