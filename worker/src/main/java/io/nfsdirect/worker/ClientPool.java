package io.nfsdirect.worker;

import com.typesafe.config.Config;
import io.nfsdirect.protocol.NfsUrl;
import io.nfsdirect.protocol.chunk.FileRef;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One node's NFS clients: one {@link Nfs3Client} (with its nconnect connections) per server,
 * ports and AUTH_SYS identity, shared by every chunk that node runs, like a kernel mount shared
 * by every process. A client is opened on first use; one that failed to open is forgotten, so
 * the next chunk tries again instead of inheriting a stale failure. The pool owns its clients
 * and closes them, failing whatever they still have pending, when the node stops.
 */
public final class ClientPool implements AutoCloseable {

    /** The per-server mount options every client of this node uses ({@code nfs-direct.client}). */
    public record Settings(int connections, Duration timeout, int retrans) {
        public static Settings from(Config config) {
            Config c = config.getConfig("nfs-direct.client");
            return new Settings(c.getInt("connections"), c.getDuration("timeout"), c.getInt("retrans"));
        }
    }

    private final Settings settings;
    private final Nfs3CallListener listener;
    private final ConcurrentHashMap<String, CompletableFuture<Nfs3Client>> clients = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public ClientPool(Settings settings, Nfs3CallListener listener) {
        this.settings = settings;
        this.listener = listener;
    }

    /** The client for a file another node resolved: its ports and identity are already known. */
    public CompletionStage<Nfs3Client> get(FileRef file) {
        return get(file.host(), file.nfsPort(), file.mountPort(), file.uid(), file.gid());
    }

    /** The client for a URL; ports the URL leaves out are discovered through the portmapper. */
    public CompletionStage<Nfs3Client> get(NfsUrl url, int uid, int gid) {
        return get(url.host(), url.nfsPort(), url.mountPort(), uid >= 0 ? uid : url.uid(), gid >= 0 ? gid : url.gid());
    }

    /** @param uid AUTH_SYS uid, -1 for this process's; likewise {@code gid} */
    public CompletionStage<Nfs3Client> get(String host, int nfsPort, int mountPort, int uid, int gid) {
        if (closed) {
            return CompletableFuture.failedStage(new IllegalStateException("the node's NFS clients are closed"));
        }
        String key = host + ":" + nfsPort + ":" + mountPort + "/" + uid + ":" + gid;
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
        return Nfs3Client.connect(config).toCompletableFuture();
    }

    @Override
    public void close() {
        closed = true;
        clients.values().forEach(f -> f.thenAccept(Nfs3Client::close));
        clients.clear();
    }
}
