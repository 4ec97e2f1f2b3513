package io.nfsdirect.server;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.dcache.oncrpc4j.xdr.Xdr;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.memory.MemoryManager;
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
 * the record. A record that breaks them, or is not a CALL at all (the server sends no calls, so
 * it expects no replies), closes the connection: its sender is not speaking RPC.
 *
 * <p>A well-formed call this server cannot serve gets RFC 5531's answer instead, and the
 * connection stays open: an RPC version other than 2 is MSG_DENIED / RPC_MISMATCH (2..2), a
 * credential or verifier flavor other than AUTH_NONE and AUTH_SYS is MSG_DENIED / AUTH_ERROR
 * (AUTH_BADCRED or AUTH_BADVERF, as Linux's sunrpc answers), and a version of a program served
 * here that is not offered is PROG_MISMATCH with the range that is. oncrpc4j answers an unknown
 * program itself (PROG_UNAVAIL).
 */
final class CallHeaderGuard extends BaseFilter {

    private static final Logger LOG = LoggerFactory.getLogger(CallHeaderGuard.class);

    private static final int CALL = 0;
    private static final int REPLY = 1;
    private static final int RPC_VERSION = 2;
    private static final int MSG_ACCEPTED = 0;
    private static final int MSG_DENIED = 1;
    private static final int RPC_MISMATCH = 0;
    private static final int AUTH_ERROR = 1;
    private static final int PROG_MISMATCH = 2;
    static final int AUTH_BADCRED = 1;
    static final int AUTH_BADVERF = 3;
    private static final int AUTH_NONE = 0;
    private static final int AUTH_SYS = 1;
    private static final int MAX_AUTH_BYTES = 400;
    private static final int MAX_MACHINE_NAME = 255;
    private static final int MAX_GIDS = 16;

    /**
     * What becomes of one record: passed on to oncrpc4j ({@code problem} null), answered here with
     * {@code reply} (the reply's XDR words, before record marking) while the connection stays
     * open, or, without a reply, the connection closed.
     */
    record Verdict(String problem, int[] reply) {
        static final Verdict PASS = new Verdict(null, null);

        static Verdict close(String problem) {
            return new Verdict(problem, null);
        }

        boolean passes() {
            return problem == null;
        }

        boolean closes() {
            return problem != null && reply == null;
        }
    }

    /** Program number to the lowest and highest version served, e.g. NFS to {3, 3}. */
    private final Map<Integer, int[]> offered;
    private final AtomicBoolean warned = new AtomicBoolean();

    CallHeaderGuard(Map<Integer, int[]> offered) {
        this.offered = Map.copyOf(offered);
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
        if (ctx.getMessage() instanceof Xdr xdr) {
            Verdict verdict = check(xdr.asBuffer(), offered);
            if (!verdict.passes()) {
                Connection<?> connection = ctx.getConnection();
                String action = verdict.closes() ? "closing connection from {}: {}" : "refusing a call from {}: {}";
                if (warned.compareAndSet(false, true)) {
                    LOG.warn(action + " (logged once)", connection.getPeerAddress(), verdict.problem());
                } else {
                    LOG.debug(action, connection.getPeerAddress(), verdict.problem());
                }
                if (verdict.closes()) {
                    connection.closeSilently();
                } else {
                    connection.write(record(connection.getMemoryManager(), verdict.reply()));
                }
                return ctx.getStopAction();
            }
        }
        return ctx.getInvokeAction();
    }

    /** {@code words} as one record-marked RPC record (a single, last fragment). */
    private static Buffer record(MemoryManager<?> memory, int[] words) {
        Buffer b = memory.allocate(4 + 4 * words.length);
        b.putInt(0x80000000 | (4 * words.length));
        for (int w : words) {
            b.putInt(w);
        }
        b.flip();
        return b;
    }

    /** What to do with the record, given the programs and versions served here. */
    static Verdict check(Buffer record, Map<Integer, int[]> offered) {
        Reader r = new Reader(record);
        if (!r.has(6 * 4)) {
            return Verdict.close("RPC message shorter than a call header");
        }
        int xid = r.next();
        if (r.next() != CALL) {
            return Verdict.close("RPC message is not a call");
        }
        int rpcVersion = r.next();
        int program = r.next();
        int version = r.next();
        r.skip(4);                                  // proc
        String credential = opaqueAuth(r, "credential", true);
        if (credential != null) {
            return Verdict.close(credential);
        }
        int credentialFlavor = r.lastFlavor;
        String verifier = opaqueAuth(r, "verifier", false);
        if (verifier != null) {
            return Verdict.close(verifier);
        }
        if (rpcVersion != RPC_VERSION) {
            return new Verdict("RPC version " + Integer.toUnsignedString(rpcVersion),
                    new int[] {xid, REPLY, MSG_DENIED, RPC_MISMATCH, RPC_VERSION, RPC_VERSION});
        }
        if (!offeredFlavor(credentialFlavor)) {
            return new Verdict("RPC credential flavor " + credentialFlavor + " is not offered",
                    new int[] {xid, REPLY, MSG_DENIED, AUTH_ERROR, AUTH_BADCRED});
        }
        if (!offeredFlavor(r.lastFlavor)) {
            return new Verdict("RPC verifier flavor " + r.lastFlavor + " is not offered",
                    new int[] {xid, REPLY, MSG_DENIED, AUTH_ERROR, AUTH_BADVERF});
        }
        int[] range = offered.get(program);
        if (range != null && (version < range[0] || version > range[1])) {
            return new Verdict("program " + program + " version " + Integer.toUnsignedString(version),
                    new int[] {xid, REPLY, MSG_ACCEPTED, AUTH_NONE, 0, PROG_MISMATCH, range[0], range[1]});
        }
        return Verdict.PASS;
    }

    private static boolean offeredFlavor(int flavor) {
        return flavor == AUTH_NONE || flavor == AUTH_SYS;
    }

    private static String opaqueAuth(Reader r, String what, boolean credential) {
        if (!r.has(8)) {
            return "RPC " + what + " truncated";
        }
        int flavor = r.next();
        r.lastFlavor = flavor;
        int length = r.next();
        if (length < 0 || length > MAX_AUTH_BYTES || !r.has(padded(length))) {
            return "RPC " + what + " body of " + Integer.toUnsignedString(length) + " bytes";
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
        /** The flavor of the opaque_auth read last. */
        int lastFlavor;

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
