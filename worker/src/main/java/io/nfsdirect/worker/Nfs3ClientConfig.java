package io.nfsdirect.worker;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

import io.nfsdirect.protocol.NfsUrl;

/**
 * How an {@link Nfs3Client} reaches one server. Mount-option names follow Linux nfs(5) where one
 * exists ({@code timeo}, {@code retrans}, {@code nconnect}).
 *
 * @param host              server host name or address
 * @param nfsPort           NFS port; 0 = ask the portmapper at host:111, else 2049
 * @param mountPort         MOUNT port; 0 = ask the portmapper, else the NFS port. When only the
 *                          NFS port is given, the portmapper's MOUNT port is used only if it
 *                          lists that same NFS port (else it describes another server)
 * @param connections       TCP connections to the NFS port, used round-robin (nconnect), 1..16
 * @param timeout           how long one transmission waits for its reply (timeo)
 * @param retrans           retransmissions after the first try before ETIMEDOUT
 * @param uid               AUTH_SYS uid; -1 = this process's
 * @param gid               AUTH_SYS gid; -1 = this process's
 * @param gids              AUTH_SYS supplementary groups (at most 16); null = this process's
 *                          groups if neither uid nor gid is overridden, else none
 * @param machineName       AUTH_SYS machine name; null = the local host name
 * @param callbackExecutor  runs every completion of a returned stage; null = a small daemon pool
 *                          owned by the client. Never the network selector thread.
 * @param connectTimeout    how long a TCP connect may take
 * @param portmapTimeout    how long to wait for the portmapper before falling back to defaults
 * @param maxRecordSize     largest RPC reply record accepted, in bytes; a bigger one drops the
 *                          connection with EPROTO. Bounds what one connection may buffer.
 * @param maxSendQueueBytes bytes that may wait in one connection's send queue before a call fails
 *                          with EAGAIN; bounds memory when the server stops reading (WRITE data is
 *                          not copied, so this bounds how long callers' buffers stay pinned)
 * @param callListener      told of every finished call (for latency histograms); null = none
 * @param reservedPort      connect from a source port below 1024, as Linux's {@code resvport} and
 *                          libnfs do when they can, so that servers with exports(5) {@code secure}
 *                          (knfsd's default) accept the calls; default: when running as root. A
 *                          connection falls back to any port when every reserved one is taken.
 */
public record Nfs3ClientConfig(String host, int nfsPort, int mountPort, int connections,
                               Duration timeout, int retrans, int uid, int gid, List<Integer> gids,
                               String machineName, Executor callbackExecutor,
                               Duration connectTimeout, Duration portmapTimeout,
                               int maxRecordSize, int maxSendQueueBytes,
                               Nfs3CallListener callListener, boolean reservedPort) {

    public static final int DEFAULT_NFS_PORT = 2049;
    public static final int MAX_CONNECTIONS = 16;
    /** AUTH_SYS carries at most 16 supplementary groups (RFC 5531 authsys_parms). */
    public static final int MAX_GIDS = 16;
    /** Room for RPC header, verifier and attributes around the data of a READ reply. */
    public static final int RECORD_OVERHEAD = 64 * 1024;

    public Nfs3ClientConfig {
        Objects.requireNonNull(host, "host");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("host is empty");
        }
        checkPort("nfsPort", nfsPort);
        checkPort("mountPort", mountPort);
        if (connections < 1 || connections > MAX_CONNECTIONS) {
            throw new IllegalArgumentException("connections must be 1.." + MAX_CONNECTIONS + ": " + connections);
        }
        checkPositive("timeout", timeout);
        checkPositive("connectTimeout", connectTimeout);
        checkPositive("portmapTimeout", portmapTimeout);
        if (retrans < 0) {
            throw new IllegalArgumentException("retrans must be >= 0: " + retrans);
        }
        if (uid < -1 || gid < -1) {
            throw new IllegalArgumentException("uid/gid must be >= 0 or -1 (this process's): " + uid + "/" + gid);
        }
        if (gids != null) {
            gids = List.copyOf(gids);
            if (gids.size() > MAX_GIDS) {
                throw new IllegalArgumentException("AUTH_SYS allows at most " + MAX_GIDS + " gids: " + gids.size());
            }
        }
        if (machineName != null && machineName.length() > 255) {
            throw new IllegalArgumentException("AUTH_SYS machine name longer than 255 bytes");
        }
        if (maxRecordSize <= RECORD_OVERHEAD) {
            throw new IllegalArgumentException("maxRecordSize must exceed " + RECORD_OVERHEAD + ": " + maxRecordSize);
        }
        if (maxSendQueueBytes <= 0) {
            throw new IllegalArgumentException("maxSendQueueBytes must be > 0: " + maxSendQueueBytes);
        }
    }

    /** Defaults for a server: portmapper ports, 1 connection, timeo 10 s, retrans 3, this user. */
    public static Builder builder(String host) {
        return new Builder(host);
    }

    /** The server, ports and credentials an {@code nfs://} URL names; everything else default. */
    public static Nfs3ClientConfig from(NfsUrl url) {
        return builder(url.host()).nfsPort(url.nfsPort()).mountPort(url.mountPort())
                .uid(url.uid()).gid(url.gid()).build();
    }

    public Builder toBuilder() {
        Builder b = new Builder(host);
        b.nfsPort = nfsPort;
        b.mountPort = mountPort;
        b.connections = connections;
        b.timeout = timeout;
        b.retrans = retrans;
        b.uid = uid;
        b.gid = gid;
        b.gids = gids;
        b.machineName = machineName;
        b.callbackExecutor = callbackExecutor;
        b.connectTimeout = connectTimeout;
        b.portmapTimeout = portmapTimeout;
        b.maxRecordSize = maxRecordSize;
        b.maxSendQueueBytes = maxSendQueueBytes;
        b.callListener = callListener;
        b.reservedPort = reservedPort;
        return b;
    }

    /** Largest READ or WRITE count whose reply or call fits {@link #maxRecordSize()}. */
    public int maxIoSize() {
        return maxRecordSize - RECORD_OVERHEAD;
    }

    private static void checkPort(String name, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(name + " out of range: " + port);
        }
    }

    private static void checkPositive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }

    public static final class Builder {
        private final String host;
        private int nfsPort;
        private int mountPort;
        private int connections = 1;
        private Duration timeout = Duration.ofSeconds(10);
        private int retrans = 3;
        private int uid = -1;
        private int gid = -1;
        private List<Integer> gids;
        private String machineName;
        private Executor callbackExecutor;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration portmapTimeout = Duration.ofSeconds(3);
        // 8 MiB of data: above every real server's rtmax/wtmax (Linux and Ganesha cap at 1 MiB).
        private int maxRecordSize = 8 * 1024 * 1024 + RECORD_OVERHEAD;
        private int maxSendQueueBytes = 256 * 1024 * 1024;
        private Nfs3CallListener callListener;
        private boolean reservedPort = ReservedPorts.mayBind();

        private Builder(String host) {
            this.host = host;
        }

        public Builder nfsPort(int port) { this.nfsPort = port; return this; }
        public Builder mountPort(int port) { this.mountPort = port; return this; }
        public Builder connections(int n) { this.connections = n; return this; }
        public Builder timeout(Duration timeo) { this.timeout = timeo; return this; }
        public Builder retrans(int n) { this.retrans = n; return this; }
        public Builder uid(int uid) { this.uid = uid; return this; }
        public Builder gid(int gid) { this.gid = gid; return this; }
        public Builder gids(List<Integer> gids) { this.gids = gids; return this; }
        public Builder machineName(String name) { this.machineName = name; return this; }
        public Builder callbackExecutor(Executor executor) { this.callbackExecutor = executor; return this; }
        public Builder connectTimeout(Duration d) { this.connectTimeout = d; return this; }
        public Builder portmapTimeout(Duration d) { this.portmapTimeout = d; return this; }
        public Builder maxRecordSize(int bytes) { this.maxRecordSize = bytes; return this; }
        public Builder maxSendQueueBytes(int bytes) { this.maxSendQueueBytes = bytes; return this; }
        public Builder callListener(Nfs3CallListener listener) { this.callListener = listener; return this; }
        public Builder reservedPort(boolean reserved) { this.reservedPort = reserved; return this; }

        public Nfs3ClientConfig build() {
            return new Nfs3ClientConfig(host, nfsPort, mountPort, connections, timeout, retrans,
                    uid, gid, gids, machineName, callbackExecutor, connectTimeout, portmapTimeout,
                    maxRecordSize, maxSendQueueBytes, callListener, reservedPort);
        }
    }
}
