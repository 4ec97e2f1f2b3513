package io.nfsdirect.server;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.dcache.oncrpc4j.xdr.Xdr;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the RPC call header of each complete record before oncrpc4j decodes it.
 *
 * <p>oncrpc4j decodes the credential and verifier with its own XDR primitives, which allocate an
 * array of whatever length the peer announces (checking only that it is not negative) before
 * finding out that the bytes are not there: an AUTH_SYS machine name "of 2 GiB" costs a 2 GiB
 * array, a gid list of 2^31 entries an 8 GiB one. This filter walks the same header with
 * absolute reads, without allocating, and lets a record through only if every length in it
 * fits both RFC 5531's limits (400-byte opaque_auth bodies, 255-byte machine names, 16 gids) and
 * the record. It also refuses anything but a CALL with AUTH_NONE or AUTH_SYS: the server never
 * sends calls, so it expects no replies, and it offers no other flavor. A refused record closes
 * the connection; a peer that sends such a header is not speaking RPC.
 */
final class CallHeaderGuard extends BaseFilter {

    private static final Logger LOG = LoggerFactory.getLogger(CallHeaderGuard.class);

    private static final int CALL = 0;
    private static final int AUTH_NONE = 0;
    private static final int AUTH_SYS = 1;
    private static final int MAX_AUTH_BYTES = 400;
    private static final int MAX_MACHINE_NAME = 255;
    private static final int MAX_GIDS = 16;

    private final AtomicBoolean warned = new AtomicBoolean();

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
        if (ctx.getMessage() instanceof Xdr xdr) {
            String problem = check(xdr.asBuffer());
            if (problem != null) {
                Connection<?> connection = ctx.getConnection();
                if (warned.compareAndSet(false, true)) {
                    LOG.warn("closing connection from {}: {} (logged once)", connection.getPeerAddress(), problem);
                } else {
                    LOG.debug("closing connection from {}: {}", connection.getPeerAddress(), problem);
                }
                connection.closeSilently();
                return ctx.getStopAction();
            }
        }
        return ctx.getInvokeAction();
    }

    /** Why the record's header is unacceptable, or null if it may be decoded. */
    static String check(Buffer record) {
        Reader r = new Reader(record);
        if (!r.has(6 * 4)) {
            return "RPC message shorter than a call header";
        }
        r.skip(4);                                  // xid
        if (r.next() != CALL) {
            return "RPC message is not a call";
        }
        r.skip(4 * 4);                              // rpcvers, prog, vers, proc
        String credential = opaqueAuth(r, "credential", true);
        if (credential != null) {
            return credential;
        }
        return opaqueAuth(r, "verifier", false);
    }

    private static String opaqueAuth(Reader r, String what, boolean credential) {
        if (!r.has(8)) {
            return "RPC " + what + " truncated";
        }
        int flavor = r.next();
        int length = r.next();
        if (length < 0 || length > MAX_AUTH_BYTES || !r.has(padded(length))) {
            return "RPC " + what + " body of " + Integer.toUnsignedString(length) + " bytes";
        }
        if (flavor != AUTH_NONE && flavor != AUTH_SYS) {
            return "RPC " + what + " flavor " + flavor + " is not offered";
        }
        int end = r.pos + padded(length);
        if (credential && flavor == AUTH_SYS) {
            String problem = authSys(r, end);
            if (problem != null) {
                return problem;
            }
        }
        r.pos = end;
        return null;
    }

    /** authsys_parms: stamp, machinename<255>, uid, gid, gids<16>, all inside the body. */
    private static String authSys(Reader r, int end) {
        if (r.pos + 8 > end) {
            return "AUTH_SYS credential truncated";
        }
        r.skip(4);                                  // stamp
        int nameLength = r.next();
        if (nameLength < 0 || nameLength > MAX_MACHINE_NAME || r.pos + padded(nameLength) + 12 > end) {
            return "AUTH_SYS machine name of " + Integer.toUnsignedString(nameLength) + " bytes";
        }
        r.skip(padded(nameLength) + 8);             // name, uid, gid
        int gids = r.next();
        if (gids < 0 || gids > MAX_GIDS || r.pos + 4 * gids > end) {
            return "AUTH_SYS credential with " + Integer.toUnsignedString(gids) + " gids";
        }
        return null;
    }

    private static int padded(int length) {
        return (length + 3) & ~3;
    }

    /** Absolute big-endian reads over the record, leaving the buffer's own position alone. */
    private static final class Reader {
        private final Buffer buffer;
        private final int limit;
        int pos;

        Reader(Buffer buffer) {
            this.buffer = buffer;
            this.pos = 0;
            this.limit = buffer.limit();
        }

        boolean has(long bytes) {
            return pos + bytes <= limit;
        }

        void skip(int bytes) {
            pos += bytes;
        }

        int next() {
            int value = ((buffer.get(pos) & 0xff) << 24) | ((buffer.get(pos + 1) & 0xff) << 16)
                    | ((buffer.get(pos + 2) & 0xff) << 8) | (buffer.get(pos + 3) & 0xff);
            pos += 4;
            return value;
        }
    }
}
