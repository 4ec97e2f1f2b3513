package io.nfsdirect.examples;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.LoggerFactory;

/**
 * A service that uses nfs-direct the way any other service in the cluster would: through the
 * actor message API alone. It depends on the {@code protocol} module (the messages and their
 * serializer binding) and on Pekko; nothing of nfs-direct's coordinator or worker code.
 *
 * <p>It starts its own actor system as a cluster member with the role {@code client}, joins the
 * given seed nodes, and runs {@link ChecksumClient}: a SHA-256 of a file through a Stream sink, an
 * inline write and a server-side copy. Results go to stdout (see {@link Output}); logs to stderr.
 *
 * <p>Exit status: 0 when every request completed without error, 1 otherwise, 2 on bad usage.
 */
public final class ChecksumService {

    /** This service's cluster settings, below application.conf; see the file for why each is there. */
    static final String CONFIG_RESOURCE = "checksum-service.conf";
    /** How long the actor system may take to stop once its shutdown has begun. */
    static final Duration TERMINATION_GRACE = Duration.ofSeconds(20);

    private ChecksumService() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        Options options;
        byte[] inline;
        try {
            options = Options.parse(args);
            inline = inlineBytes(options);
        } catch (Options.HelpRequested e) {
            System.out.print(Options.USAGE);
            return 0;
        } catch (Options.UsageException e) {
            System.err.println("checksum-service: " + e.getMessage());
            System.err.println("try --help");
            return 2;
        }
        Output out = new Output(options.output(), System.out);
        // Logback starts here, on one thread, before Pekko's threads log concurrently: otherwise
        // SLF4J buffers their first events during its start-up and warns on stderr that it did.
        LoggerFactory.getILoggerFactory();

        ActorSystem<ChecksumClient.Command> system;
        try {
            system = ActorSystem.create(ChecksumClient.create(options, inline, out), options.systemName(),
                    requireKeys(config(options)));
        } catch (RuntimeException e) {
            // Typically Artery failing to bind: the port is taken or --bind is not this machine's.
            out.failure("cannot start the actor system on " + options.bindHost() + ":" + options.port() + ": " + e);
            out.exit(1);
            return 1;
        }
        try {
            awaitTermination(system);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (ExecutionException e) {
            return 1;
        }
        // The reason the shutdown was first run with: ours carries the status. Anything else (the
        // cluster downed this member, a JVM signal) is a failure.
        return CoordinatedShutdown.get(system).getShutdownReason()
                .map(r -> r instanceof ChecksumClient.Exit exit ? exit.code() : 1)
                .orElse(1);
    }

    /**
     * Waits for the system to terminate. No bound until the shutdown begins: every step has its
     * own timeout, and each ends in CoordinatedShutdown. Once it has begun, the work and its
     * status are settled, and the system gets {@link #TERMINATION_GRACE} to stop: on a loaded
     * machine Artery's last flush can outlast its own timeouts, and a service must still exit.
     */
    private static void awaitTermination(ActorSystem<?> system) throws InterruptedException, ExecutionException {
        CompletableFuture<?> terminated = system.getWhenTerminated().toCompletableFuture();
        CoordinatedShutdown shutdown = CoordinatedShutdown.get(system);
        while (shutdown.getShutdownReason().isEmpty()) {
            try {
                terminated.get(200, TimeUnit.MILLISECONDS);
                return;
            } catch (TimeoutException stillRunning) {
                // the work goes on
            }
        }
        try {
            terminated.get(TERMINATION_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            System.err.println("checksum-service: the actor system did not stop within " + TERMINATION_GRACE.toSeconds()
                    + " s of its shutdown; exiting anyway");
        }
    }

    /**
     * The member's configuration, highest precedence first: -D system properties, the command
     * line (host, port, role, seeds), application.conf, {@value #CONFIG_RESOURCE}, and every
     * reference.conf (Pekko's, and the protocol module's with the CBOR binding).
     */
    static Config config(Options options) {
        Map<String, Object> node = new HashMap<>();
        node.put("pekko.remote.artery.canonical.hostname", options.bindHost());
        node.put("pekko.remote.artery.canonical.port", options.port());
        // A client member runs neither requests nor chunks: nfs-direct places nothing on it.
        node.put("pekko.cluster.roles", List.of("client"));
        node.put("pekko.cluster.seed-nodes", options.seedAddresses());
        node.putAll(tls(System.getenv("NFSDIRECT_TLS_DIR")));
        ClassLoader loader = ChecksumService.class.getClassLoader();
        Config config = ConfigFactory.defaultOverrides(loader)
                .withFallback(ConfigFactory.parseMap(node, "command line"))
                .withFallback(ConfigFactory.defaultApplication(loader))
                .withFallback(ConfigFactory.parseResources(loader, CONFIG_RESOURCE,
                        ConfigParseOptions.defaults().setAllowMissing(false)))
                .withFallback(ConfigFactory.defaultReference(loader))
                .resolve();
        return config;
    }

    /** Fails before the actor system starts when TLS is on and its key store is not there. */
    static Config requireKeys(Config config) {
        if (config.getString("pekko.remote.artery.transport").equals("tls-tcp")
                && !Files.isReadable(Path.of(config.getString("pekko.remote.artery.ssl.config-ssl-engine.key-store")))) {
            throw new IllegalStateException("the cluster talks TLS: set NFSDIRECT_TLS_DIR to its key directory "
                    + "(nfsdirect keys DIR), or -Dpekko.remote.artery.transport=tcp for a cluster run with --insecure");
        }
        return config;
    }

    /**
     * The cluster's nodes talk TLS with mutual authentication, so a member must hold the
     * cluster's key directory (made by {@code nfsdirect keys DIR}): Pekko's own TLS settings,
     * pointed at its key store, trust store and password. Without the directory, the member
     * starts with {@value #CONFIG_RESOURCE}'s settings, and reaches only a cluster run with
     * {@code --insecure} if those say {@code transport = tcp} (a -D system property may).
     */
    static Map<String, Object> tls(String keyDirectory) {
        if (keyDirectory == null || keyDirectory.isBlank()) {
            return Map.of();
        }
        Path dir = Path.of(keyDirectory);
        String password;
        try {
            password = Files.readString(dir.resolve("password")).strip();
        } catch (IOException e) {
            throw new IllegalStateException("NFSDIRECT_TLS_DIR=" + dir + ": cannot read its password file: " + e, e);
        }
        String engine = "pekko.remote.artery.ssl.config-ssl-engine.";
        Map<String, Object> s = new HashMap<>();
        s.put("pekko.remote.artery.transport", "tls-tcp");
        s.put(engine + "key-store", dir.resolve("node.p12").toString());
        s.put(engine + "trust-store", dir.resolve("trust.p12").toString());
        s.put(engine + "key-store-password", password);
        s.put(engine + "key-password", password);
        s.put(engine + "trust-store-password", password);
        s.put(engine + "require-mutual-authentication", true);
        return s;
    }

    /** The inline write's bytes: --write-from's file, or --write-bytes of pseudo-random data. */
    static byte[] inlineBytes(Options options) throws Options.UsageException {
        if (options.writeTo() == null) {
            return new byte[0];
        }
        if (options.writeFrom() == null) {
            byte[] b = new byte[options.writeBytes()];
            new Random().nextBytes(b);
            return b;
        }
        try {
            long size = Files.size(options.writeFrom());
            if (size > Options.INLINE_LIMIT) {
                throw new Options.UsageException("--write-from: " + options.writeFrom() + " has " + size
                        + " bytes; an inline write carries at most " + Options.INLINE_LIMIT
                        + " (it must fit one ordinary Artery frame)");
            }
            return Files.readAllBytes(options.writeFrom());
        } catch (IOException e) {
            throw new Options.UsageException("--write-from: cannot read " + options.writeFrom() + ": " + e);
        }
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
