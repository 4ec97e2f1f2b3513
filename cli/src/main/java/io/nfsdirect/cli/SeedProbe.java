package io.nfsdirect.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;

/**
 * Whether anything listens at a cluster's seed addresses, asked with a plain TCP connect before a
 * client node is started: a wrong --join address then fails in seconds, while a node that is there
 * gets the time a join needs on a loaded cluster.
 */
final class SeedProbe {

    private static final int CONNECT_TIMEOUT_MS = 1000;
    private static final long RETRY_MS = 250;

    private SeedProbe() {
    }

    /**
     * Tries each {@code host:port} in turn until one accepts a connection or {@code timeout} has
     * passed; seeds that are still starting get the whole time.
     *
     * @return why none could be reached (the last attempt's reason), or null once one accepted
     */
    static String awaitListening(List<String> seeds, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String why = "no seed node given";
        while (true) {
            for (String seed : seeds) {
                int colon = seed.lastIndexOf(':');
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(seed.substring(0, colon), Integer.parseInt(seed.substring(colon + 1))),
                            CONNECT_TIMEOUT_MS);
                    return null;
                } catch (IOException e) {
                    why = reason(e);
                }
            }
            if (System.nanoTime() + RETRY_MS * 1_000_000 > deadline) {
                return why;
            }
            Thread.sleep(RETRY_MS);
        }
    }

    private static String reason(IOException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (message.startsWith("Connection refused")) {
            return "nothing listens there (ECONNREFUSED)";
        }
        if (e instanceof java.net.SocketTimeoutException) {
            return "connecting timed out (ETIMEDOUT)";
        }
        return Errors.message(e);
    }
}
