package io.nfsdirect.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.nfsdirect.protocol.mount3.Mount3;
import io.nfsdirect.protocol.nfs3.Nfs3;
import org.dcache.oncrpc4j.rpc.OncRpcProgram;
import org.dcache.oncrpc4j.rpc.OncRpcSvc;
import org.dcache.oncrpc4j.rpc.OncRpcSvcBuilder;
import org.dcache.oncrpc4j.rpc.net.IpProtocolType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded NFSv3 server exporting one local directory: NFS (100003 v3) and MOUNT (100005 v3)
 * on a single TCP port, so a client needs nothing but that port, no portmapper and no root.
 *
 * <pre>{@code
 * try (NfsServer server = NfsServer.builder().export(dir).port(0).build()) {
 *     server.start();
 *     String url = server.url("data.bin");   // nfs://127.0.0.1:PORT/<dir>/data.bin
 * }
 * }</pre>
 *
 * <p>An instance serves once: {@link #start} binds the port and draws the per-start secrets
 * (handle MAC key, write verifier); {@link #close} stops serving, closes every cached file
 * channel and cannot be undone. A "restart" is a new instance, and clients see it as one: their
 * write verifier changes, and their handles read as stale unless the instances share a
 * {@link Builder#stateDirectory state directory}.
 */
public final class NfsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NfsServer.class);

    /** Bytes allowed in one RPC record beyond the largest WRITE payload, for its headers. */
    private static final int RECORD_HEADROOM = 64 * 1024;
    private static final int DEFAULT_IO_SIZE = 1024 * 1024;
    private static final int MAX_IO_SIZE = Nfs3.MAX_DATA;
    private static final int OPEN_CHANNELS = 256;
    private static final int QUEUED_PER_THREAD = 8;

    private final Path root;
    private final String exportName;
    private final String bind;
    private final int requestedPort;
    private final int rtmax;
    private final int wtmax;
    private final boolean portmap;
    private final int workerThreads;
    private final boolean rootSquash;
    private final ServerLimits limits;
    private final Path stateDirectory;
    private final boolean securePorts;

    private OncRpcSvc svc;
    private HandleState handleState;
    private ConnectionLedger ledger;
    private ThreadPoolExecutor workers;
    private ServerState state;
    private int port = -1;
    private boolean closed;

    private NfsServer(Builder b) {
        this.root = b.root;
        this.exportName = b.name;
        this.bind = b.bind;
        this.requestedPort = b.port;
        this.rtmax = b.rtmax;
        this.wtmax = b.wtmax;
        this.portmap = b.portmap;
        this.workerThreads = b.workerThreads;
        this.rootSquash = b.rootSquash;
        this.limits = b.limits;
        this.stateDirectory = b.stateDirectory;
        this.securePorts = b.securePorts;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds the port and starts serving. Returns this server, for chaining.
     *
     * @throws IOException if the port cannot be bound or the export cannot be read
     * @throws IllegalStateException if the server was already started or closed
     */
    public synchronized NfsServer start() throws IOException {
        if (closed || svc != null) {
            throw new IllegalStateException(closed ? "server is closed" : "server already started");
        }
        SecureRandom random = new SecureRandom();
        byte[] verifier = new byte[Nfs3.WRITEVERFSIZE];
        random.nextBytes(verifier);
        HandleCodec handles;
        FileTable files;
        if (stateDirectory != null) {
            handleState = HandleState.open(stateDirectory, root, random);
            handles = handleState.codec();
            files = handleState.table();
        } else {
            handles = new HandleCodec(random);
            files = new FileTable();
        }
        Export export = new Export(root, exportName, files);
        FileAttrs rootAttrs = FileAttrs.read(export.root());
        ServerLimits limits = this.limits.fittedTo(DirectMemory.max());
        if (limits.repliesTotal() < this.limits.repliesTotal()) {
            LOG.info("unsent replies are held to {} MiB in all, half of the JVM's {} MiB of direct memory",
                    limits.repliesTotal() >> 20, DirectMemory.max() >> 20);
        }
        ledger = new ConnectionLedger(limits.maxConnections(), limits.idleTimeout().toMillis());
        long floor = AccountedProgram.floor(rtmax);
        long perConnection = Math.max(floor, Math.min(limits.repliesPerConnection(), limits.repliesTotal()));
        ReplyBudget budget = new ReplyBudget(perConnection, Math.max(perConnection, limits.repliesTotal()),
                floor, ledger);
        ledger.budget(budget);
        state = new ServerState(export, handles,
                new ChannelCache(OPEN_CHANNELS, export::checkInside),
                new ReadBuffers(rtmax, workerThreads * 2),
                budget, new AttrMapper(rootAttrs.dev()),
                rtmax, wtmax, rootSquash ? RootSquash.DEFAULT : RootSquash.NONE,
                securePorts ? SecurePorts.SECURE : SecurePorts.INSECURE, verifier);

        workers = newWorkerPool(workerThreads);
        OncRpcSvcBuilder builder = new OncRpcSvcBuilder()
                .withTCP()
                .withPort(requestedPort)
                .withBindAddress(bind)
                .withWorkerThreadIoStrategy()
                .withWorkerThreadExecutionService(workers)
                .withServiceName("nfs-direct-server")
                .withRpcService(new OncRpcProgram(Nfs3.PROGRAM, Nfs3.VERSION),
                        new AccountedProgram(new NfsProgram(state), budget, ledger))
                .withRpcService(new OncRpcProgram(Mount3.PROGRAM, Mount3.VERSION),
                        new AccountedProgram(new MountProgram(state), budget, ledger));
        builder = portmap ? builder.withAutoPublish() : builder.withoutAutoPublish();
        svc = builder.build();
        try {
            svc.start();
        } catch (IOException | RuntimeException e) {
            closed = true;
            shutdown();
            throw e;
        }
        TransportGuards.install(svc, (long) wtmax + RECORD_HEADROOM, ledger, java.util.Map.of(
                Nfs3.PROGRAM, new int[] {Nfs3.VERSION, Nfs3.VERSION},
                Mount3.PROGRAM, new int[] {Mount3.VERSION, Mount3.VERSION}));
        port = svc.getInetSocketAddress(IpProtocolType.TCP).getPort();
        LOG.info("{}", describe());
        return this;
    }

    /**
     * Requests run here, off the selector threads, because they block on the disk. The queue is
     * bounded (each queued WRITE holds its payload), and when it is full the selector thread
     * waits for room: reading from the network stalls, which is the backpressure a flooded
     * server needs, while the file I/O itself still never runs on a selector thread.
     */
    private static ThreadPoolExecutor newWorkerPool(int threads) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "nfs-direct-server-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        RejectedExecutionHandler waitForRoom = (task, pool) -> {
            try {
                while (!pool.isShutdown()) {
                    if (pool.getQueue().offer(task, 100, TimeUnit.MILLISECONDS)) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new RejectedExecutionException("the server is shutting down");
        };
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(threads * QUEUED_PER_THREAD), factory, waitForRoom);
    }

    /** This start's shared state, for tests in this package; null before start. */
    synchronized ServerState state() {
        return state;
    }

    /** The bound TCP port (NFS and MOUNT). */
    public synchronized int port() {
        if (port < 0) {
            throw new IllegalStateException("server not started");
        }
        return port;
    }

    /** The path clients MNT and that URLs start with, e.g. "/srv/data"; always begins with '/'. */
    public String exportName() {
        return exportName;
    }

    /** The exported directory, as its real path. */
    public Path exportDirectory() {
        return root;
    }

    /** {@code nfs://HOST:PORT/<exportName>/<relativePath>}, the form nfs-direct's URLs take. */
    public String url(String relativePath) {
        return "nfs://" + urlHost() + ":" + port() + path(relativePath);
    }

    /** The same location in libnfs's form, for nfs-cp, nfs-cat and nfs-ls. */
    public String libnfsUrl(String relativePath) {
        int p = port();
        return "nfs://" + urlHost() + path(relativePath) + "?nfsport=" + p + "&mountport=" + p + "&version=3";
    }

    /** This start's write verifier (a copy); it differs on every start. */
    public synchronized byte[] verifier() {
        if (state == null) {
            throw new IllegalStateException("server not started");
        }
        return state.verifier();
    }

    /** What is served where, and the URLs to use; several lines. */
    public synchronized String describe() {
        if (port < 0) {
            return "NFSv3 server for " + root + " (not started)";
        }
        return "NFSv3 server exporting " + root + " as " + exportName + " on " + urlHost() + ":" + port
                + " (NFS and MOUNT on this one TCP port" + (portmap ? ", registered with the portmapper" : "")
                + (rootSquash ? ", root_squash" : ", no_root_squash: a caller claiming uid 0 is root on the export")
                + (securePorts ? ", secure" : ", insecure")
                + ")\n  nfs-direct URL: " + url("")
                + "\n  libnfs URL:     " + libnfsUrl("");
    }

    @Override
    public synchronized String toString() {
        return port < 0 ? "NfsServer[" + root + ", not started]" : "NfsServer[" + url("") + "]";
    }

    /** Stops serving and releases the port, the worker threads and every open file. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        shutdown();
    }

    private void shutdown() {
        if (svc != null) {
            try {
                svc.stop();
            } catch (IOException e) {
                LOG.warn("stopping the RPC service: {}", e.toString());
            }
        }
        if (workers != null) {
            workers.shutdownNow();
            try {
                workers.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (ledger != null) {
            ledger.close();
        }
        if (handleState != null) {
            try {
                handleState.close();
            } catch (IOException e) {
                LOG.warn("closing the handle journal: {}", e.toString());
            }
        }
        if (state != null) {
            state.channels.close();
        }
    }

    private String urlHost() {
        try {
            InetAddress address = InetAddress.getByName(bind);
            if (address.isAnyLocalAddress()) {
                return "127.0.0.1";
            }
            String host = address.getHostAddress();
            return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        } catch (UnknownHostException e) {
            return bind;
        }
    }

    /** The export path joined with a relative path, percent-encoded where a URL requires it. */
    private String path(String relativePath) {
        String rel = relativePath == null ? "" : relativePath.replaceFirst("^/+", "");
        String joined = exportName.equals("/") ? "/" + rel : rel.isEmpty() ? exportName : exportName + "/" + rel;
        StringBuilder out = new StringBuilder();
        for (byte b : joined.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "/-._~!$'()*+,;=:@".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return out.toString();
    }

    /** Configuration of an {@link NfsServer}; {@link #export} is the only required setting. */
    public static final class Builder {

        private Path root;
        private String name;
        private String bind = "127.0.0.1";
        private int port = 0;
        private int rtmax = DEFAULT_IO_SIZE;
        private int wtmax = DEFAULT_IO_SIZE;
        private boolean portmap;
        private int workerThreads = Math.max(4, 4 * Runtime.getRuntime().availableProcessors());
        private boolean rootSquash = true;
        private ServerLimits limits = ServerLimits.DEFAULT;
        private Path stateDirectory;
        private boolean securePorts;

        private Builder() {
        }

        /**
         * exports(5)'s {@code secure}: refuse calls whose source port is not below 1024 (NFS
         * answers NFS3ERR_PERM, MNT answers MNT3ERR_ACCES), so that only root on a client host
         * can choose the uid its calls claim. Default false, {@code insecure}: an embedded
         * server's clients are mostly the application's own unprivileged ones. {@code nfsdirect
         * serve} turns it on unless given {@code --insecure-ports}.
         */
        public Builder securePorts(boolean secure) {
            this.securePorts = secure;
            return this;
        }

        /**
         * Where the handle key and the file table are kept, so that clients' file handles survive a
         * restart of the server, as knfsd's do: a client with requests in flight reconnects and goes
         * on. Default: none, and every handle of an earlier start reads as NFS3ERR_STALE. The
         * directory is made 0700 and its key file 0600: whoever reads the key can forge handles.
         */
        public Builder stateDirectory(Path dir) {
            this.stateDirectory = dir;
            return this;
        }

        /** How many connections, how long idle, and how many unsent reply bytes; see {@link ServerLimits}. */
        public Builder limits(ServerLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * Whether a caller claiming uid or gid 0 is mapped to the anonymous user 65534 (knfsd's
         * {@code root_squash}, the default). {@code false} is {@code no_root_squash}: anyone who
         * can reach the port and claims uid 0 in AUTH_SYS is then root on the export.
         */
        public Builder rootSquash(boolean squash) {
            this.rootSquash = squash;
            return this;
        }

        /** The directory to export; it must exist. */
        public Builder export(Path dir) {
            this.root = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** The export's path for MNT and URLs (e.g. "/data"); default: the directory's real path. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** The address to listen on; default 127.0.0.1, "0.0.0.0" for every interface. */
        public Builder bind(String address) {
            this.bind = Objects.requireNonNull(address, "address");
            return this;
        }

        /** The TCP port; 0 (the default) picks a free one, see {@link NfsServer#port()}. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is not in 0..65535");
            }
            this.port = port;
            return this;
        }

        /** The largest READ the server answers in full (FSINFO rtmax); default 1 MiB. */
        public Builder rtmax(int bytes) {
            this.rtmax = ioSize("rtmax", bytes);
            return this;
        }

        /** The largest WRITE the server accepts (FSINFO wtmax); default 1 MiB. */
        public Builder wtmax(int bytes) {
            this.wtmax = ioSize("wtmax", bytes);
            return this;
        }

        /** Register NFS and MOUNT with the local portmapper (port 111); default false. */
        public Builder registerWithPortmap(boolean register) {
            this.portmap = register;
            return this;
        }

        /** Threads serving requests (they block on the disk); default 4 per CPU, at least 4. */
        public Builder workerThreads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("workerThreads must be at least 1");
            }
            this.workerThreads = threads;
            return this;
        }

        /**
         * @throws IllegalArgumentException if no export was given or it is not a readable directory
         */
        public NfsServer build() {
            if (root == null) {
                throw new IllegalArgumentException("no export directory given");
            }
            try {
                root = root.toRealPath();
            } catch (IOException e) {
                throw new IllegalArgumentException("export directory " + root + " cannot be used: " + e, e);
            }
            if (!Files.isDirectory(root)) {
                throw new IllegalArgumentException("export " + root + " is not a directory");
            }
            String base = name == null || name.isBlank() ? root.toString() : name.strip();
            String trimmed = base.replaceAll("/+", "/").replaceFirst("/$", "");
            name = trimmed.isEmpty() ? "/" : trimmed.startsWith("/") ? trimmed : "/" + trimmed;
            for (String component : name.split("/")) {
                if (component.equals(".") || component.equals("..")) {
                    throw new IllegalArgumentException("export name " + name + " contains " + component);
                }
            }
            if (name.getBytes(StandardCharsets.UTF_8).length > Mount3.MNTPATHLEN) {
                throw new IllegalArgumentException("export name longer than " + Mount3.MNTPATHLEN + " bytes");
            }
            return new NfsServer(this);
        }

        private static int ioSize(String what, int bytes) {
            if (bytes < 4096 || bytes > MAX_IO_SIZE) {
                throw new IllegalArgumentException(what + " " + bytes + " is not in 4096.." + MAX_IO_SIZE);
            }
            return bytes;
        }
    }
}
