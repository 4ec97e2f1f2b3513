package io.nfsdirect.worker;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

import org.dcache.oncrpc4j.xdr.XdrAble;

/**
 * One RPC from the moment it is issued until its stage completes. Its XID stays the same across
 * retransmissions on one connection, so a server's duplicate request cache recognizes a resent
 * non-idempotent call (CREATE, REMOVE) instead of executing it twice. A call sent again after its
 * connection died gets a new XID from the new connection; only idempotent calls are.
 *
 * <p>Ownership rule: whoever removes the call from its connection's {@link PendingCalls} (a reply,
 * the retransmit timer giving up, a disconnect, or close) is the only one that may touch
 * {@link #result} and complete the call. That is what keeps a late reply from writing into a READ
 * destination after the caller has been told the read failed.
 */
final class PendingCall<R extends XdrAble> {

    final RpcProgram program;
    final int procedure;
    final XdrAble args;
    /** Decoded into on the selector thread by the owner; for READ it copies into the destination. */
    final R result;
    final CompletableFuture<R> future = new CompletableFuture<>();
    final long startNanos = System.nanoTime();
    /** Told of this call alone when it finishes, after the client's own listener; may be null. */
    final Nfs3CallListener observer;

    /** Where the call goes and how it is retried: set when it is first dispatched. */
    private volatile ConnectionPool pool;
    private volatile RetransmitPolicy policy;
    private volatile int reconnects;
    private volatile RpcConnection connection;
    private volatile int xid;
    private volatile int transmissions;
    private volatile ScheduledFuture<?> timer;
    private volatile boolean sending;

    PendingCall(RpcProgram program, int procedure, XdrAble args, R result, Nfs3CallListener observer) {
        this.program = program;
        this.procedure = procedure;
        this.args = args;
        this.result = result;
        this.observer = observer;
    }

    String procedureName() {
        return program.procedureName(procedure);
    }

    /** "READ to 127.0.0.1:2049", the subject of every message about this call. */
    String describe() {
        RpcConnection c = connection;
        return procedureName() + " to " + (c == null ? "?" : c.server());
    }

    void bind(RpcConnection connection, int xid) {
        this.connection = connection;
        this.xid = xid;
    }

    RpcConnection connection() {
        return connection;
    }

    void route(ConnectionPool pool, RetransmitPolicy policy) {
        this.pool = pool;
        this.policy = policy;
    }

    ConnectionPool pool() {
        return pool;
    }

    RetransmitPolicy policy() {
        return policy;
    }

    /** The call has gone out again after a lost connection; returns how many times so far. */
    int countReconnect() {
        return ++reconnects;
    }

    int reconnects() {
        return reconnects;
    }

    /** May go out on a new connection after its old one died with it in flight. */
    boolean resendable() {
        return program.idempotent(procedure);
    }

    int xid() {
        return xid;
    }

    int transmissions() {
        return transmissions;
    }

    /** Only the thread sending the call (caller, then the timer) counts transmissions. */
    int countTransmission() {
        return ++transmissions;
    }

    /** True while the last transmission still waits in the connection's send queue. */
    boolean sending() {
        return sending;
    }

    void sending(boolean sending) {
        this.sending = sending;
    }

    void timer(ScheduledFuture<?> timer) {
        this.timer = timer;
    }

    void cancelTimer() {
        ScheduledFuture<?> t = timer;
        if (t != null) {
            t.cancel(false);
        }
    }
}
