package io.nfsdirect.server;

import io.nfsdirect.protocol.NfsStatus;

/**
 * A request that fails with a definite nfsstat3. Handlers throw it from deep inside helpers
 * (handle decoding, path checks, permission checks) and the procedure's dispatcher turns it into
 * that procedure's failure reply. It never leaves the server, so it carries no stack trace.
 */
final class NfsFault extends Exception {

    private final NfsStatus status;

    NfsFault(NfsStatus status, String detail) {
        super(detail, null, false, false);
        this.status = status;
    }

    NfsStatus status() {
        return status;
    }

    int code() {
        return status.code();
    }
}
