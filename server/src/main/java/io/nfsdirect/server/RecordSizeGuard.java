package io.nfsdirect.server;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.utils.NullaryFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caps the size of one inbound RPC record.
 *
 * <p>oncrpc4j's TCP record parser buffers a record until its last fragment has arrived, whatever
 * size the record marker announces, so a peer that announces 2 GiB and keeps sending can make
 * the server hold 2 GiB (dCache/oncrpc4j#119). This filter sits just before that parser and
 * follows the record marks as bytes stream in, without buffering or copying anything: as soon as
 * a record's announced fragments add up to more than the limit, or it is split into absurdly many
 * fragments, the connection is closed. That is how knfsd treats an oversized record too; there
 * is no RPC reply for a record that was never read.
 *
 * <p>The filter only sees each chunk once: Grizzly keeps the parser's unfinished remainder at the
 * parser's position in the chain and appends new chunks there, after this filter has run.
 */
final class RecordSizeGuard extends BaseFilter {

    private static final Logger LOG = LoggerFactory.getLogger(RecordSizeGuard.class);
    private static final int MAX_FRAGMENTS = 1024;

    /** Where the stream of one connection stands between record marks. */
    static final class State {
        int markBytes;       // bytes of the current 4-byte mark seen so far
        int mark;            // the mark being assembled
        long fragmentLeft;   // body bytes of the current fragment not yet seen
        boolean lastFragment;
        long recordSize;     // announced size of the record so far
        int fragments;
    }

    private final long limit;
    private final Attribute<State> state =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(
                    RecordSizeGuard.class.getName() + ".state",
                    (NullaryFunction<State>) State::new);
    private final AtomicBoolean warned = new AtomicBoolean();

    RecordSizeGuard(long limit) {
        this.limit = limit;
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
        Object message = ctx.getMessage();
        if (message instanceof Buffer buffer) {
            String problem = scan(state.get(ctx.getConnection()), buffer);
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

    /** Advances the connection's record state over {@code buffer}; returns why to close, or null. */
    String scan(State st, Buffer buffer) {
        int pos = buffer.position();
        int end = buffer.limit();
        while (pos < end) {
            if (st.fragmentLeft > 0) {
                long take = Math.min(st.fragmentLeft, end - pos);
                pos += (int) take;
                st.fragmentLeft -= take;
            } else {
                st.mark = (st.mark << 8) | (buffer.get(pos++) & 0xff);
                if (++st.markBytes < 4) {
                    continue;
                }
                st.markBytes = 0;
                st.lastFragment = st.mark < 0;
                st.fragmentLeft = st.mark & 0x7fffffffL;
                st.recordSize += st.fragmentLeft;
                st.fragments++;
                if (st.recordSize > limit) {
                    return "RPC record of at least " + st.recordSize + " bytes exceeds the limit of " + limit;
                }
                if (st.fragments > MAX_FRAGMENTS) {
                    return "RPC record split into more than " + MAX_FRAGMENTS + " fragments";
                }
            }
            if (st.fragmentLeft == 0 && st.markBytes == 0 && st.lastFragment) {
                st.recordSize = 0;
                st.fragments = 0;
                st.lastFragment = false;
            }
        }
        return null;
    }
}
