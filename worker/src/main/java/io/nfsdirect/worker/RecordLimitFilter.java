package io.nfsdirect.worker;

import java.io.IOException;

import io.nfsdirect.protocol.Errno;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;

/**
 * Sits between Grizzly's transport filter and oncrpc4j's record parser and drops a connection
 * whose server announces a reply record larger than {@code maxRecordSize}, failing its pending
 * calls with EPROTO. See {@link RecordScanner} for why the parser needs this.
 */
final class RecordLimitFilter extends BaseFilter {

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
        RpcConnection connection = RpcConnection.of(ctx.getConnection());
        if (connection == null) {
            // Data on a socket the client never attached: nobody can be waiting for it.
            ctx.getConnection().closeSilently();
            return ctx.getStopAction();
        }
        Buffer buffer = ctx.getMessage();
        long oversized = connection.scanner.scan(buffer);
        if (oversized >= 0) {
            connection.abort(Errno.EPROTO, "malformed reply: RPC record of " + oversized
                    + " bytes exceeds the client limit of " + connection.scanner.maxRecordSize()
                    + " bytes (maxRecordSize); connection dropped");
            return ctx.getStopAction();
        }
        return ctx.getInvokeAction();
    }
}
