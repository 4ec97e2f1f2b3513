package io.nfsdirect.worker;

import com.typesafe.config.Config;
import io.nfsdirect.protocol.NfsException;
import io.nfsdirect.protocol.NfsUrl;
import io.nfsdirect.protocol.chunk.FileRef;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * One node's NFS clients: one {@link Nfs3Client} (with its nconnect connections) per server,
 * ports and AUTH_SYS identity, shared by every chunk that node runs, like a kernel mount shared
 * by every process. A client is opened on first use; one that failed to open is forgotten, so
 * the next chunk tries again instead of inheriting a stale failure. The pool owns its clients
 * and closes them, failing whatever they still have pending, when the node stops.
 *
 * <p>A node has one pool, {@link #get(ActorSystem)}: its WorkerNode, its DirectIo (resolving
 * files) and whatever else in the process asks the server directly (the CLI's metadata calls)
 * share it, so a server sees one transport, one MOUNT and one set of client threads per node,
 * not one per user. The node's pool closes once its actor system has stopped every actor.
 */
public final class ClientPool implements AutoCloseable, Extension {

    /** The per-server mount options every client of this node uses ({@code nfs-direct.client}). */
    public record Settings(int connections, Duration timeout, int retrans) {
        public static Settings from(Config config) {
            Config c = config.getConfig("nfs-direct.client");
            return new Settings(c.getInt("connections"), c.getDuration("timeout"), c.getInt("retrans"));
        }
    }

    private static final class Id extends ExtensionId<ClientPool> {
        @Override
        public ClientPool createExtension(ActorSystem<?> system) {
            ClientPool pool = new ClientPool(Settings.from(system.settings().config()), NodeCounters.get(system));
            // After every actor stopped, so no chunk worker is left holding a closed client.
            system.classicSystem().registerOnTermination(pool::close);
            return pool;
        }
    }

    private static final Id ID = new Id();

    /** The node's pool, made on first use from {@code nfs-direct.client}, feeding the node's counters. */
    public static ClientPool get(ActorSystem<?> system) {
        return system.registerExtension(ID);
    }

    private final Settings settings;
    private final Nfs3CallListener listener;
    private final ConcurrentHashMap<String, CompletableFuture<Nfs3Client>> clients = new ConcurrentHashMap<>();
    /**
     * Each open client under what it turned out to be: discovered ports, and the uid and gid it
     * sends. A file resolved through a URL ("port from the portmapper, this process's uid") comes
     * back to the worker as a FileRef with those actual values, and must find the same client.
     */
    private final ConcurrentHashMap<String, Nfs3Client> byIdentity = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** A pool of its own, which the caller closes; {@code listener} may be null. */
    public ClientPool(Settings settings, Nfs3CallListener listener) {
        this.settings = settings;
        this.listener = Phases.ENABLED ? withMountPhase(listener) : listener;
    }

    /** Marks the "mount" phase when the first MNT answers. */
    private static Nfs3CallListener withMountPhase(Nfs3CallListener listener) {
        return (procedure, latencyNanos, transmissions, failure) -> {
            if (procedure.equals("MNT")) {
                Phases.mark("mount");
            }
            if (listener != null) {
                listener.onCallFinished(procedure, latencyNanos, transmissions, failure);
            }
        };
    }

    /** The client for a file another node resolved: its ports and identity are already known. */
    public CompletionStage<Nfs3Client> get(FileRef file) {
        return get(file.host(), file.nfsPort(), file.mountPort(), file.uid(), file.gid());
    }

    /** The client for a URL; ports the URL leaves out are discovered through the portmapper. */
    public CompletionStage<Nfs3Client> get(NfsUrl url, int uid, int gid) {
        return get(url.host(), url.nfsPort(), url.mountPort(), uid >= 0 ? uid : url.uid(), gid >= 0 ? gid : url.gid());
    }

    /**
     * {@link #get(NfsUrl, int, int)}, waiting for the client: for callers outside actors that make
     * single metadata calls. Throws the NfsException opening it failed with.
     */
    public Nfs3Client open(NfsUrl url, int uid, int gid) throws NfsException {
        try {
            return get(url, uid, gid).toCompletableFuture().join();
        } catch (RuntimeException e) {
            throw RpcFailures.wrap("open NFS client for " + url.host(), e);
        }
    }

    /** @param uid AUTH_SYS uid, -1 for this process's; likewise {@code gid} */
    public CompletionStage<Nfs3Client> get(String host, int nfsPort, int mountPort, int uid, int gid) {
        if (closed) {
            return CompletableFuture.failedStage(new IllegalStateException("the node's NFS clients are closed"));
        }
        String key = key(host, nfsPort, mountPort, uid, gid);
        Nfs3Client known = byIdentity.get(key);
        if (known != null && !clients.containsKey(key)) {
            return CompletableFuture.completedFuture(known);
        }
        CompletableFuture<Nfs3Client> client = clients.computeIfAbsent(key, k -> open(host, nfsPort, mountPort, uid, gid));
        client.whenComplete((c, e) -> {
            if (e != null) {
                clients.remove(key, client);
            }
        });
        return client;
    }

    private CompletableFuture<Nfs3Client> open(String host, int nfsPort, int mountPort, int uid, int gid) {
        Nfs3ClientConfig config = Nfs3ClientConfig.builder(host).nfsPort(nfsPort).mountPort(mountPort)
                .connections(settings.connections()).timeout(settings.timeout()).retrans(settings.retrans())
                .uid(uid).gid(gid).callListener(listener).build();
        return Nfs3Client.connect(config).toCompletableFuture().thenApply(c -> {
            byIdentity.putIfAbsent(key(host, c.nfsPort(), c.mountPort(), c.uid(), c.gid()), c);
            return c;
        });
    }

    private static String key(String host, int nfsPort, int mountPort, int uid, int gid) {
        return host + ":" + nfsPort + ":" + mountPort + "/" + uid + ":" + gid;
    }

    @Override
    public void close() {
        closed = true;
        clients.values().forEach(f -> f.thenAccept(Nfs3Client::close));
        clients.clear();
        byIdentity.clear();
    }
}
