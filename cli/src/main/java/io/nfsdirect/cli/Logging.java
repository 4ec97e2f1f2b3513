package io.nfsdirect.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The command's logging: everything (Pekko through pekko-slf4j, Grizzly through
 * java.util.logging, our own classes through SLF4J) ends in Logback on stderr, at WARN unless
 * {@code --debug}. Set once per command run, before anything logs, and only for a command that
 * runs: {@code --help} and {@code --version} never load Logback.
 */
final class Logging {

    private static final String QUIET_STREAMS = "org.apache.pekko.stream.Materializer";
    private static final String QUIET_BIND = "org.apache.pekko.io.TcpListener";

    /**
     * What Pekko logs while a client node joins: each retry of the seed nodes, and Artery's
     * failed handshakes with them. A join that fails is the command's own one line.
     */
    private static final String[] JOINING = {"org.apache.pekko.cluster.Cluster",
        "org.apache.pekko.remote.artery.Association"};

    private static volatile boolean debug;

    private Logging() {
    }

    static boolean debug() {
        return debug;
    }

    /** Forgets a previous command's --debug, without touching Logback yet. */
    static void reset() {
        debug = false;
    }

    static void configure(boolean debugEnabled) {
        debug = debugEnabled;
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
        java.util.logging.Logger.getLogger("").setLevel(debugEnabled ? java.util.logging.Level.FINE
                : java.util.logging.Level.WARNING);
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
            root.setLevel(debugEnabled ? Level.DEBUG : Level.WARN);
        }
        // Quiet by default (see logback.xml): broken Artery streams to a stopped node, and a bind
        // failure the command reports itself. Debug shows it all.
        if (LoggerFactory.getLogger(QUIET_STREAMS) instanceof Logger streams) {
            streams.setLevel(debugEnabled ? null : Level.ERROR);
        }
        if (LoggerFactory.getLogger(QUIET_BIND) instanceof Logger bind) {
            bind.setLevel(debugEnabled ? null : Level.OFF);
        }
    }

    /** Loggers raised to ERROR until closed, then back to their own levels. */
    interface Quiet extends AutoCloseable {
        @Override
        void close();
    }

    /** Quiets the {@link #JOINING} loggers until closed; with --debug, nothing changes. */
    static Quiet quietWhileJoining() {
        if (debug) {
            return () -> { };
        }
        List<Logger> loggers = new ArrayList<>();
        List<Level> levels = new ArrayList<>();
        for (String name : JOINING) {
            if (LoggerFactory.getLogger(name) instanceof Logger logger) {
                loggers.add(logger);
                levels.add(logger.getLevel());
                logger.setLevel(Level.ERROR);
            }
        }
        return () -> {
            for (int i = 0; i < loggers.size(); i++) {
                loggers.get(i).setLevel(levels.get(i));
            }
        };
    }
}
