package io.nfsdirect.server;

import java.net.InetSocketAddress;
import java.nio.channels.CompletionHandler;

import org.dcache.oncrpc4j.rpc.RpcCall;
import org.dcache.oncrpc4j.rpc.RpcDispatchable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps a program so that every call it serves is charged to the {@link ReplyBudget} until its
 * reply has left, and so that every call ends in a reply or a closed connection.
 *
 * <p>Each call is charged {@link #SMALL_REPLY} bytes, what a queued small reply costs the server;
 * READ data is charged on top by the procedure that allocates it. The charge is given back when
 * oncrpc4j reports the reply sent or failed, and the ledger counts the failures, so that a
 * connection that closes with thousands of replies queued is logged once.
 *
 * <p>A program answers its own failures in the procedure's result shape. If anything still
 * escapes it, even an Error, the reply may be half encoded, so the connection is closed: the
 * client sees a reset and resends, where a silently dropped call would leave it waiting forever.
 * A reply that fails to leave on a connection still open closes it for the same reason.
 */
final class AccountedProgram implements RpcDispatchable {

    /** What one queued small reply costs: its encoded header and body, and Grizzly's write record. */
    static final long SMALL_REPLY = 512;
    /** Small replies a connection may have in flight beside its largest READs, as its floor. */
    static final int FLOOR_SMALL_REPLIES = 16;
    /**
     * Largest READ replies a connection may always have in flight: one still leaving while the
     * next is served. A client that reads one block at a time sends its next READ as soon as the
     * last reply has arrived, often before the server has heard that the reply left; with a floor
     * of one reply that READ was refused whenever a flood held the total, and libnfs gives up on
     * NFS3ERR_JUKEBOX instead of retrying it.
     */
    static final int FLOOR_READS = 2;

    /** What any connection may always hold, whatever the others hold: see {@link ReplyBudget}. */
    static long floor(int rtmax) {
        return (long) FLOOR_READS * rtmax + FLOOR_SMALL_REPLIES * SMALL_REPLY;
    }

    private static final Logger LOG = LoggerFactory.getLogger(AccountedProgram.class);
    private static final LogOnce ESCAPED = new LogOnce(LOG);
    private static final LogOnce UNSENT = new LogOnce(LOG);

    private final RpcDispatchable program;
    private final ReplyBudget budget;
    private final ConnectionLedger ledger;

    AccountedProgram(RpcDispatchable program, ReplyBudget budget, ConnectionLedger ledger) {
        this.program = program;
        this.budget = budget;
        this.ledger = ledger;
    }

    @Override
    public void dispatchOncRpcCall(RpcCall call) {
        InetSocketAddress peer = call.getTransport().getRemoteSocketAddress();
        ConnectionLedger.Entry connection = ledger.entry(peer);
        budget.charge(peer, SMALL_REPLY);
        call.registerSendOnceListener(new CompletionHandler<Integer, InetSocketAddress>() {
            @Override
            public void completed(Integer result, InetSocketAddress attachment) {
                budget.release(peer, SMALL_REPLY);
                ledger.replied(connection, true);
            }

            @Override
            public void failed(Throwable exc, InetSocketAddress attachment) {
                budget.release(peer, SMALL_REPLY);
                ledger.replied(connection, false);
                if (ledger.isOpen(connection)) {
                    // The reply is gone but the connection is not (Grizzly's write ran out of
                    // direct memory, say): a client would wait for it forever, so close, and it resends.
                    UNSENT.warn("a reply to {} could not be sent ({}); closing the connection", peer,
                            exc.toString());
                    ledger.close(peer);
                }
            }
        });
        try {
            program.dispatchOncRpcCall(call);
        } catch (Throwable t) {
            ESCAPED.warn("program {} procedure {} from {} ended without a reply ({}); closing the connection",
                    call.getProgram(), call.getProcedure(), peer, t.toString(), t);
            ledger.close(peer);
        }
    }
}
