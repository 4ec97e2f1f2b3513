package io.nfsdirect.server;

import java.io.IOException;

import org.dcache.oncrpc4j.rpc.RpcCall;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrEncodingStream;
import org.dcache.oncrpc4j.xdr.XdrDecodingStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decoding of call arguments, shared by both programs.
 *
 * <p>oncrpc4j's own dispatcher would answer an argument that fails to decode with GARBAGE_ARGS as
 * well, but it logs a warning for every one; catching it here keeps a flood of garbage from a
 * single client to one warning.
 */
final class RpcCalls {

    private static final Logger LOG = LoggerFactory.getLogger(RpcCalls.class);
    private static final LogOnce GARBAGE = new LogOnce(LOG);

    private RpcCalls() {
    }

    /** Decodes the call's arguments into {@code args}; on failure replies GARBAGE_ARGS and returns false. */
    static boolean decode(RpcCall call, XdrAble args) {
        try {
            call.retrieveCall(args);
            return true;
        } catch (IOException | RuntimeException e) {
            GARBAGE.warn("GARBAGE_ARGS for program {} procedure {} from {}: {}", call.getProgram(),
                    call.getProcedure(), call.getTransport().getRemoteSocketAddress(), e.getMessage());
            call.failRpcGarbage();
            return false;
        }
    }

    /**
     * A result that carries only a status word followed by {@code absentWords} zero words: the
     * encoding of any result whose remaining parts are all absent optionals or empty lists.
     */
    static XdrAble statusOnly(int status, int absentWords) {
        return new XdrAble() {
            @Override
            public void xdrDecode(XdrDecodingStream in) {
                throw new UnsupportedOperationException("reply only");
            }

            @Override
            public void xdrEncode(XdrEncodingStream out) {
                out.xdrEncodeInt(status);
                for (int i = 0; i < absentWords; i++) {
                    out.xdrEncodeInt(0);
                }
            }
        };
    }
}
