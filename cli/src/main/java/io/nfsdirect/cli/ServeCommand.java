package io.nfsdirect.cli;

import io.nfsdirect.server.NfsServer;
import io.nfsdirect.server.ServerLimits;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Runs the embedded NFSv3 server in the foreground until the process is told to stop (Ctrl-C,
 * SIGTERM): a shutdown hook closes the server, releasing its port and open files.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Export a local directory read-write over NFSv3 and MOUNTv3 on one TCP port, "
                + "in the foreground; Ctrl-C stops it.",
                "The export is named by the directory's absolute path unless --name gives another.",
                "As knfsd's exports(5) default root_squash, a caller claiming uid or gid 0 is mapped to the "
                        + "anonymous user 65534 and may not set the set-user-ID or set-group-ID bits; "
                        + "--no-root-squash turns that off."})
final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--export", required = true, paramLabel = "DIR", description = "the directory to export")
    Path export;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
            description = "address to listen on; 0.0.0.0 for every interface (default: ${DEFAULT-VALUE})")
    String bind;

    @Option(names = "--port", paramLabel = "N", defaultValue = "2049",
            description = "TCP port for NFS and MOUNT; 0 picks a free one (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--name", paramLabel = "NAME", description = "the export's name in URLs and MOUNT, e.g. /data")
    String name;

    @Option(names = "--rtmax", paramLabel = "SIZE", converter = Sizes.IntConverter.class,
            description = "largest READ the server answers in full (default: 1m)")
    Integer rtmax;

    @Option(names = "--wtmax", paramLabel = "SIZE", converter = Sizes.IntConverter.class,
            description = "largest WRITE the server accepts (default: 1m)")
    Integer wtmax;

    @Option(names = "--no-root-squash",
            description = "let a caller claiming uid 0 act as root on the export (exports(5) no_root_squash); "
                    + "AUTH_SYS proves nothing, so anyone who can reach the port then can")
    boolean noRootSquash;

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "1024",
            description = "open connections at most; the next one closes the one idle longest (default: ${DEFAULT-VALUE})")
    int maxConnections;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS", defaultValue = "360",
            description = "close a connection with no call and no reply for this long (default: ${DEFAULT-VALUE}, as knfsd)")
    int idleTimeoutSeconds;

    @Option(names = "--reply-memory", paramLabel = "SIZE", converter = Sizes.Converter.class, defaultValue = "256m",
            description = "unsent reply bytes held for all clients together; past it, reading their calls "
                    + "pauses and READs get NFS3ERR_JUKEBOX (default: 256m; 64m per connection at most)")
    long replyMemory;

    @Option(names = "--insecure-ports",
            description = "accept calls from any source port (exports(5) insecure); by default, as knfsd, only ports "
                    + "below 1024, which only root on the client host can use")
    boolean insecurePorts;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "where the file handle key and table are kept, so that clients' handles survive a restart "
                    + "(default: $XDG_STATE_HOME/nfsdirect/serve/<export>, or ~/.local/state/...)")
    Path stateDir;

    @Option(names = "--ephemeral-handles",
            description = "keep no state: after a restart every client handle reads as NFS3ERR_STALE")
    boolean ephemeralHandles;

    @Option(names = {"-q", "--quiet"}, description = "print only the export's two URLs on stdout, nfs-direct's "
            + "then libnfs's, one a line, and nothing when stopping; warnings still go to stderr")
    boolean quiet;

    @Option(names = "--debug", description = "log at DEBUG on stderr")
    void setDebug(boolean debug) {
        Logging.configure(debug);
    }

    /**
     * One directory per export under the XDG state home: handles name files of one export, and
     * the same export served again finds its own.
     */
    static Path defaultStateDir(Path export) {
        String xdg = System.getenv("XDG_STATE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "state");
        Path real;
        try {
            real = export.toRealPath();
        } catch (IOException e) {
            real = export.toAbsolutePath().normalize();
        }
        byte[] sha;
        try {
            sha = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(real.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
        String name = real.getFileName() == null ? "root" : real.getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
        return base.resolve("nfsdirect").resolve("serve").resolve(name + "-"
                + java.util.HexFormat.of().formatHex(sha, 0, 8));
    }

    @Override
    public Integer call() throws InterruptedException {
        LocalFiles.directory("serve: export", export);
        NfsServer server;
        try {
            NfsServer.Builder builder = NfsServer.builder().export(export).bind(bind).port(port)
                    .rootSquash(!noRootSquash)
                    .securePorts(!insecurePorts)
                    .limits(ServerLimits.DEFAULT.withMaxConnections(maxConnections)
                            .withIdleTimeout(Duration.ofSeconds(idleTimeoutSeconds))
                            .withReplies(ServerLimits.DEFAULT.repliesPerConnection(), replyMemory));
            if (name != null) {
                builder.name(name);
            }
            if (rtmax != null) {
                builder.rtmax(rtmax);
            }
            if (wtmax != null) {
                builder.wtmax(wtmax);
            }
            if (ephemeralHandles && stateDir != null) {
                throw new IllegalArgumentException("--state-dir and --ephemeral-handles exclude each other");
            }
            if (!ephemeralHandles) {
                stateDir = stateDir != null ? stateDir : defaultStateDir(export);
                builder.stateDirectory(stateDir);
            }
            server = builder.build();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CountDownLatch stopped = new CountDownLatch(1);
        // The hook is in place before the URLs go out: whoever reads them may stop us at once.
        Thread stop = new Thread(() -> {
            server.close();
            if (!quiet) {
                err.println("nfsdirect: stopped serving " + server.exportDirectory());
                err.flush();
            }
            stopped.countDown();
        }, "nfsdirect-serve-shutdown");
        try {
            Runtime.getRuntime().addShutdownHook(stop);
        } catch (IllegalStateException alreadyStopping) {
            return Errors.OK; // a signal came before we served anything; nothing to undo
        }
        try {
            server.start();
        } catch (IOException e) {
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
            } catch (IllegalStateException stopping) {
                // the hook runs anyway; closing a server that never started is harmless
            }
            throw CliException.io("serve " + export + " on " + bind + ":" + port + ": "
                    + BindFailure.describe(bind, port, e), e);
        }
        if (quiet) {
            out.println(server.url(""));
            out.println(server.libnfsUrl(""));
        } else {
            out.println("Serving " + server.exportDirectory() + " as " + server.exportName() + " over NFSv3 on "
                    + bind + ":" + server.port() + " (NFS and MOUNT on this one TCP port)");
            out.println("  nfs-direct URL: " + server.url(""));
            out.println("  libnfs URL:     " + server.libnfsUrl(""));
            out.println(ephemeralHandles ? "  file handles:   for this run only (--ephemeral-handles)"
                    : "  file handles:   kept in " + stateDir + ", so they survive a restart");
            out.println("Press Ctrl-C to stop.");
        }
        if (noRootSquash) {
            err.println("nfsdirect: warning: --no-root-squash: anyone who can reach " + bind + ":" + server.port()
                    + " and claims uid 0 is root on " + server.exportDirectory());
            err.flush();
        }
        out.flush();
        // Serves until a signal runs the hook; the JVM then exits with the signal's status.
        stopped.await();
        return Errors.OK;
    }
}
