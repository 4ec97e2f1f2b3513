package io.nfsdirect.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nfsdirect.protocol.Errno;
import java.net.ConnectException;
import java.net.SocketException;
import org.junit.jupiter.api.Test;

/** What a failed connect is called: the engine keeps trying a restarting server on the first two. */
class RpcFailuresTest {

    @Test
    void aRefusedOrResetConnectIsNamedSoAndAnythingElseIsEio() {
        assertEquals(Errno.ECONNREFUSED, RpcFailures.connectFailed("h:1", new ConnectException("refused")).errno());
        assertEquals(Errno.ECONNRESET, RpcFailures.connectFailed("h:1",
                new SocketException("Connection reset by peer")).errno());
        assertEquals(Errno.EIO, RpcFailures.connectFailed("h:1", new SocketException("Network is unreachable"))
                .errno());
    }
}
