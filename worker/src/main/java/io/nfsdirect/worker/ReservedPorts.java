package io.nfsdirect.worker;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Source ports below 1024 for connections to servers that require them (exports(5)
 * {@code secure}), taken from Linux's own range for the purpose, {@code xprt_min_resvport} 665 to
 * {@code xprt_max_resvport} 1023, from a random start so that clients on one host spread out.
 */
final class ReservedPorts {

    static final int LOWEST = 665;
    static final int HIGHEST = 1023;

    private ReservedPorts() {
    }

    /** Whether this process may bind reserved ports: its effective uid is 0 (Linux, from /proc). */
    static boolean mayBind() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    String[] ids = line.substring(4).trim().split("\\s+");
                    return ids.length > 1 && ids[1].equals("0");
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or no /proc: take no reserved ports
        }
        return false;
    }

    /**
     * Binds {@code channel} to a free reserved port; false, leaving it unbound (any port at
     * connect), when every one is taken or binding is not allowed.
     */
    static boolean bind(SocketChannel channel) {
        int span = HIGHEST - LOWEST + 1;
        int start = ThreadLocalRandom.current().nextInt(span);
        for (int i = 0; i < span; i++) {
            int port = HIGHEST - (start + i) % span;
            try {
                channel.bind(new InetSocketAddress(port));
                return true;
            } catch (BindException taken) {
                // next one
            } catch (IOException | SecurityException e) {
                return false;
            }
        }
        return false;
    }
}
