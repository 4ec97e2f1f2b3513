package io.nfsdirect.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The command's Logback configuration, set up in code, found by Logback through the service
 * loader: parsing an XML configuration loads an XML parser and Logback's configuration model, some
 * hundreds of classes, which a short command would pay for at every start. What it sets:
 * <ul>
 *   <li>every log line goes to stderr (stdout may carry data, {@code read -o -});</li>
 *   <li>root at WARN ({@link Logging} lowers it for --debug);</li>
 *   <li>a cluster node that stops breaks Artery's TCP streams to it, and every peer logs each of
 *       its three streams as a WARN: the cluster itself reports what matters (unreachable,
 *       downed, removed), so the Materializer logs only errors;</li>
 *   <li>a port already taken: the command says so in its own one-line error, so the TcpListener
 *       is silent.</li>
 * </ul>
 * A configuration file named by {@code -Dlogback.configurationFile} still wins.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class LogSetup extends ContextAwareBase implements Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
        context.getLogger("org.apache.pekko.stream.Materializer").setLevel(Level.ERROR);
        context.getLogger("org.apache.pekko.io.TcpListener").setLevel(Level.OFF);
        // A late heartbeat is logged from two thirds of the acceptable pause on, which the short
        // pause of nfs-direct-cluster.conf reaches on any loaded host, in every command's output;
        // what matters, a node marked unreachable, the cluster logs itself.
        context.getLogger("org.apache.pekko.remote.PhiAccrualFailureDetector").setLevel(Level.ERROR);
        // oncrpc4j logs an ERROR for every reply lost with a closed connection, thousands for one
        // client that hung up; the server says it once per connection, and the client reports its
        // own failed calls in their completions
        context.getLogger("org.dcache.oncrpc4j.rpc.RpcCall").setLevel(Level.OFF);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
