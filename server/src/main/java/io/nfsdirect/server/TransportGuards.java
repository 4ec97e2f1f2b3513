package io.nfsdirect.server;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;

import org.dcache.oncrpc4j.rpc.OncRpcSvc;
import org.dcache.oncrpc4j.rpc.RpcMessageParserTCP;
import org.dcache.oncrpc4j.rpc.RpcProtocolFilter;
import org.glassfish.grizzly.Transport;
import org.glassfish.grizzly.filterchain.FilterChain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fits {@link RecordSizeGuard}, the {@link ConnectionLedger} and {@link CallHeaderGuard} into a
 * started oncrpc4j service: the first in front of the TCP record parser, the other two, in that
 * order, between the parser and the RPC header decoder.
 *
 * <p>The service builds its Grizzly filter chain inside start() and exposes neither the chain
 * nor its transports, so the transports are read reflectively. The chain object is shared by
 * the listening connection and every connection it accepts, so it is changed in place; this
 * runs right after start, before the port has been handed to any client. If the oncrpc4j
 * internals ever differ, the server still runs, without the guards, and says so once.
 */
final class TransportGuards {

    private static final Logger LOG = LoggerFactory.getLogger(TransportGuards.class);

    private TransportGuards() {
    }

    /** @param offered program number to the lowest and highest version the service serves */
    static boolean install(OncRpcSvc svc, long maxRecordBytes, ConnectionLedger ledger,
                           Map<Integer, int[]> offered) {
        try {
            Field field = OncRpcSvc.class.getDeclaredField("_transports");
            field.setAccessible(true);
            boolean installed = false;
            for (Object t : (List<?>) field.get(svc)) {
                if (((Transport) t).getProcessor() instanceof FilterChain chain) {
                    int parser = chain.indexOfType(RpcMessageParserTCP.class);
                    int decoder = chain.indexOfType(RpcProtocolFilter.class);
                    if (parser >= 0 && decoder == parser + 1) {
                        chain.add(decoder, new CallHeaderGuard(offered));
                        chain.add(decoder, ledger);
                        chain.add(parser, new RecordSizeGuard(maxRecordBytes));
                        installed = true;
                    }
                }
            }
            if (!installed) {
                LOG.warn("oncrpc4j's filter chain has an unexpected shape; inbound RPC records are not guarded"
                        + " and connections are neither capped nor reaped");
            }
            return installed;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("cannot guard inbound RPC records with this oncrpc4j: {}", e.toString());
            return false;
        }
    }
}
