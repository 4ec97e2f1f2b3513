package io.nfsdirect.cli;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Why a port could not be listened on, in the system's words. Grizzly reports every failure to
 * bind one port as "Couldn't bind to any port in the range", so the bind is tried once more with
 * a plain socket, whose error says which it was: the port taken (EADDRINUSE), or an address that
 * is not this host's (EADDRNOTAVAIL).
 */
final class BindFailure {

    private BindFailure() {
    }

    static String describe(String host, int port, IOException failure) {
        if (!(failure instanceof BindException) || port == 0) {
            return Errors.message(failure);
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(host, port));
        } catch (BindException e) {
            String reason = e.getMessage() == null ? "" : e.getMessage();
            if (reason.contains("in use")) {
                return "port " + port + " is in use (EADDRINUSE)";
            }
            if (reason.contains("assign requested address")) {
                return host + " is not an address of this host (EADDRNOTAVAIL)";
            }
            return reason;
        } catch (IOException | RuntimeException e) {
            return Errors.message(e);
        }
        // Free again a moment later: whatever held it has let go.
        return Errors.message(failure);
    }
}
