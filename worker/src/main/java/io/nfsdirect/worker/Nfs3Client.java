package io.nfsdirect.worker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.nfsdirect.protocol.Errno;
import io.nfsdirect.protocol.NfsException;
import io.nfsdirect.protocol.NfsUrl;
import io.nfsdirect.protocol.mount3.Dirpath;
import io.nfsdirect.protocol.mount3.Exports;
import io.nfsdirect.protocol.mount3.Mount3;
import io.nfsdirect.protocol.mount3.Mountres3;
import io.nfsdirect.protocol.nfs3.Access3Args;
import io.nfsdirect.protocol.nfs3.Access3Res;
import io.nfsdirect.protocol.nfs3.Commit3Args;
import io.nfsdirect.protocol.nfs3.Commit3Res;
import io.nfsdirect.protocol.nfs3.Create3Args;
import io.nfsdirect.protocol.nfs3.Create3Res;
import io.nfsdirect.protocol.nfs3.DirOpArgs3;
import io.nfsdirect.protocol.nfs3.Fsinfo3Args;
import io.nfsdirect.protocol.nfs3.Fsinfo3Res;
import io.nfsdirect.protocol.nfs3.Fsstat3Args;
import io.nfsdirect.protocol.nfs3.Fsstat3Res;
import io.nfsdirect.protocol.nfs3.Getattr3Args;
import io.nfsdirect.protocol.nfs3.Getattr3Res;
import io.nfsdirect.protocol.nfs3.Link3Args;
import io.nfsdirect.protocol.nfs3.Link3Res;
import io.nfsdirect.protocol.nfs3.Lookup3Args;
import io.nfsdirect.protocol.nfs3.Lookup3Res;
import io.nfsdirect.protocol.nfs3.Mkdir3Args;
import io.nfsdirect.protocol.nfs3.Mkdir3Res;
import io.nfsdirect.protocol.nfs3.Mknod3Args;
import io.nfsdirect.protocol.nfs3.Mknod3Res;
import io.nfsdirect.protocol.nfs3.Nfs3;
import io.nfsdirect.protocol.nfs3.NfsFh3;
import io.nfsdirect.protocol.nfs3.Pathconf3Args;
import io.nfsdirect.protocol.nfs3.Pathconf3Res;
import io.nfsdirect.protocol.nfs3.Read3Args;
import io.nfsdirect.protocol.nfs3.Read3Res;
import io.nfsdirect.protocol.nfs3.Readdir3Args;
import io.nfsdirect.protocol.nfs3.Readdir3Res;
import io.nfsdirect.protocol.nfs3.Readdirplus3Args;
import io.nfsdirect.protocol.nfs3.Readdirplus3Res;
import io.nfsdirect.protocol.nfs3.Readlink3Args;
import io.nfsdirect.protocol.nfs3.Readlink3Res;
import io.nfsdirect.protocol.nfs3.Remove3Args;
import io.nfsdirect.protocol.nfs3.Remove3Res;
import io.nfsdirect.protocol.nfs3.Rename3Args;
import io.nfsdirect.protocol.nfs3.Rename3Res;
import io.nfsdirect.protocol.nfs3.Rmdir3Args;
import io.nfsdirect.protocol.nfs3.Rmdir3Res;
import io.nfsdirect.protocol.nfs3.Sattr3;
import io.nfsdirect.protocol.nfs3.Setattr3Args;
import io.nfsdirect.protocol.nfs3.Setattr3Res;
import io.nfsdirect.protocol.nfs3.Symlink3Args;
import io.nfsdirect.protocol.nfs3.Symlink3Res;
import io.nfsdirect.protocol.nfs3.Write3Args;
import io.nfsdirect.protocol.nfs3.Write3Res;
import org.dcache.oncrpc4j.rpc.RpcAuthTypeUnix;
import org.dcache.oncrpc4j.xdr.XdrAble;
import org.dcache.oncrpc4j.xdr.XdrVoid;

/**
 * An asynchronous NFSv3 + MOUNTv3 client for one server, over TCP, with oncrpc4j's XDR and RPC types.
 *
 * <p>Every procedure returns at once with a stage that completes on the callback executor (never
 * the network thread): with the decoded result, whatever NFS status it carries (map a non-OK one
 * with {@code NfsException.of(NfsStatus.of(res.status), ...)}), or exceptionally with an
 * {@link NfsException} for transport failures: ETIMEDOUT after {@code timeo * (retrans + 1)},
 * ECONNRESET when the connection drops, ECANCELED after {@link #close()}, EPROTO for a malformed
 * reply, EIO/EPROTO/EACCES for RPC-level rejections; each message names the procedure and server.
 * The returned stages cannot be cancelled or completed by callers.
 *
 * <p>Many calls may be in flight at once; they spread round-robin over {@code connections} TCP
 * connections (nconnect). A connection that breaks is reopened by the next call that needs it.
 *
 * <p>Buffers: a READ's data is read from the socket straight into the destination given to
 * {@link #read} (a direct buffer then costs the kernel's copy alone); a WRITE sends the caller's
 * buffer without copying it. Either buffer belongs to the call until its stage completes.
 *
 * <p>Lifetime: from {@link #connect}/{@link #open} until {@link #close()}, which fails every call
 * still pending with ECANCELED and stops the client's threads. Thread-safe.
 */
public final class Nfs3Client implements AutoCloseable {

    /** Mode of files created by {@link #resolve(NfsUrl, boolean)}. */
    public static final int DEFAULT_CREATE_MODE = 0644;

    private final RpcEngine engine;
    private final RpcAuthTypeUnix auth;
    private final ConnectionPool nfs;
    private final ConnectionPool mount;
    private final RetransmitPolicy policy;
    private final PathResolver paths = new PathResolver(this);

    private Nfs3Client(RpcEngine engine, RpcAuthTypeUnix auth, InetAddress host, PortDiscovery.Ports ports) {
        Nfs3ClientConfig config = engine.config();
        this.engine = engine;
        this.auth = auth;
        this.policy = new RetransmitPolicy(config.timeout(), config.retrans());
        this.nfs = engine.pool(new InetSocketAddress(host, ports.nfs()), config.connections(), config.connectTimeout());
        // A single-port server gets its MOUNT calls on the NFS connections.
        this.mount = ports.mount() == ports.nfs() ? nfs
                : engine.pool(new InetSocketAddress(host, ports.mount()), 1, config.connectTimeout());
    }

    /**
     * Opens a client: resolves the host, discovers ports (see {@link Nfs3ClientConfig}) and
     * connects every NFS connection. Fails with an NfsException (ECONNREFUSED, ETIMEDOUT, ENXIO
     * for an unknown host, ...) naming the server.
     */
    public static CompletionStage<Nfs3Client> connect(Nfs3ClientConfig config) {
        InetAddress host;
        try {
            host = InetAddress.getByName(config.host());
        } catch (UnknownHostException e) {
            return CompletableFuture.failedStage(NfsException.errno(Errno.ENXIO,
                    "resolve NFS server " + config.host() + ": unknown host", e));
        }
        RpcAuthTypeUnix auth = AuthSys.of(config);
        RpcEngine engine;
        try {
            engine = new RpcEngine(config, auth);
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.failedStage(NfsException.errno(Errno.EIO,
                    "start NFS client for " + config.host() + ": " + e, e));
        }
        // Hop to the callback executor first: portmapper replies complete on it, and the client
        // must not be handed to the caller on any other thread.
        return PortDiscovery.discover(engine, new InetSocketAddress(host, 0))
                .thenComposeAsync(ports -> {
                    Nfs3Client client = new Nfs3Client(engine, auth, host, ports);
                    return client.nfs.connectAll().thenApply(v -> client);
                }, engine.callbackExecutor())
                .whenComplete((client, failure) -> {
                    if (failure != null) {
                        engine.close();
                    }
                });
    }

    /** {@link #connect} and wait for it; throws the NfsException it failed with. */
    public static Nfs3Client open(Nfs3ClientConfig config) throws NfsException {
        try {
            return connect(config).toCompletableFuture().join();
        } catch (RuntimeException e) {
            throw RpcFailures.wrap("open NFS client for " + config.host(), e);
        }
    }

    public Nfs3ClientConfig config() {
        return engine.config();
    }

    /** "host:port" of the NFS service, as used in messages. */
    public String server() {
        return nfs.server();
    }

    /** "host:port" of the MOUNT service. */
    public String mountServer() {
        return mount.server();
    }

    public int nfsPort() {
        return nfs.address().getPort();
    }

    public int mountPort() {
        return mount.address().getPort();
    }

    /** The AUTH_SYS identity sent with every call: uid, gid and supplementary gids. */
    public int uid() {
        return auth.uid();
    }

    public int gid() {
        return auth.gid();
    }

    public java.util.List<Integer> gids() {
        return AuthSys.gids(auth);
    }

    public Nfs3ClientStats stats() {
        return engine.stats().snapshot();
    }

    // ---- NFSv3 procedures -------------------------------------------------------------------

    public CompletionStage<Void> null_() {
        return nfs(Nfs3.PROC_NULL, XdrVoid.XDR_VOID, new XdrVoid()).thenApply(v -> null);
    }

    public CompletionStage<Getattr3Res> getattr(NfsFh3 object) {
        return nfs(Nfs3.PROC_GETATTR, new Getattr3Args(object), new Getattr3Res());
    }

    public CompletionStage<Setattr3Res> setattr(Setattr3Args args) {
        return nfs(Nfs3.PROC_SETATTR, args, new Setattr3Res());
    }

    public CompletionStage<Lookup3Res> lookup(NfsFh3 dir, String name) {
        return nfs(Nfs3.PROC_LOOKUP, new Lookup3Args(new DirOpArgs3(dir, name)), new Lookup3Res());
    }

    public CompletionStage<Access3Res> access(NfsFh3 object, int access) {
        return nfs(Nfs3.PROC_ACCESS, new Access3Args(object, access), new Access3Res());
    }

    public CompletionStage<Readlink3Res> readlink(NfsFh3 symlink) {
        return nfs(Nfs3.PROC_READLINK, new Readlink3Args(symlink), new Readlink3Res());
    }

    /**
     * Reads up to {@code count} bytes at {@code offset} into {@code dest} at its position,
     * advancing it by the bytes received ({@code res.count}; fewer at end of file, with
     * {@code res.eof}). {@code res.data} is then the slice of {@code dest} holding them. Without a
     * destination ({@code null}) a buffer of exactly the received length is allocated.
     * {@code dest} must have room for {@code count} bytes and be left alone until completion.
     */
    public CompletionStage<Read3Res> read(NfsFh3 file, long offset, int count, ByteBuffer dest) {
        return read(file, offset, count, dest, null);
    }

    /**
     * {@link #read(NfsFh3, long, int, ByteBuffer)}, telling {@code observer} how this one call went
     * (its transmissions, latency and failure) just before the stage completes.
     */
    public CompletionStage<Read3Res> read(NfsFh3 file, long offset, int count, ByteBuffer dest,
                                          Nfs3CallListener observer) {
        NfsException bad = checkIo("READ", offset, count);
        if (bad == null && dest != null && (dest.isReadOnly() || dest.remaining() < count)) {
            bad = NfsException.errno(Errno.EFAULT, "READ to " + server() + ": destination "
                    + (dest.isReadOnly() ? "is read-only" : "has room for " + dest.remaining()
                    + " bytes, not " + count));
        }
        if (bad != null) {
            return CompletableFuture.failedStage(bad);
        }
        Read3Res result = dest == null ? new Read3Res() : Read3Res.into(dest);
        return nfs(Nfs3.PROC_READ, new Read3Args(file, offset, count), result, observer);
    }

    /**
     * Writes {@code data} (position to limit, not moved) at {@code offset} with the given
     * stable_how ({@link Nfs3#UNSTABLE}, {@link Nfs3#DATA_SYNC}, {@link Nfs3#FILE_SYNC}). The bytes
     * are sent from {@code data} itself; do not modify them until the stage completes.
     */
    public CompletionStage<Write3Res> write(NfsFh3 file, long offset, ByteBuffer data, int stable) {
        return write(file, offset, data, stable, null);
    }

    /** {@link #write(NfsFh3, long, ByteBuffer, int)}, telling {@code observer} how this one call went. */
    public CompletionStage<Write3Res> write(NfsFh3 file, long offset, ByteBuffer data, int stable,
                                            Nfs3CallListener observer) {
        NfsException bad = checkIo("WRITE", offset, data.remaining());
        if (bad != null) {
            return CompletableFuture.failedStage(bad);
        }
        return nfs(Nfs3.PROC_WRITE, new Write3Args(file, offset, data.remaining(), stable, data), new Write3Res(),
                observer);
    }

    public CompletionStage<Create3Res> create(Create3Args args) {
        return nfs(Nfs3.PROC_CREATE, args, new Create3Res());
    }

    public CompletionStage<Mkdir3Res> mkdir(Mkdir3Args args) {
        return nfs(Nfs3.PROC_MKDIR, args, new Mkdir3Res());
    }

    /** SYMLINK: {@code text} is stored as the link's content, resolved only by whoever follows it. */
    public CompletionStage<Symlink3Res> symlink(NfsFh3 dir, String name, String text) {
        return nfs(Nfs3.PROC_SYMLINK, new Symlink3Args(new DirOpArgs3(dir, name), new Sattr3(), text),
                new Symlink3Res());
    }

    public CompletionStage<Mknod3Res> mknod(Mknod3Args args) {
        return nfs(Nfs3.PROC_MKNOD, args, new Mknod3Res());
    }

    public CompletionStage<Remove3Res> remove(NfsFh3 dir, String name) {
        return nfs(Nfs3.PROC_REMOVE, new Remove3Args(new DirOpArgs3(dir, name)), new Remove3Res());
    }

    public CompletionStage<Rmdir3Res> rmdir(NfsFh3 dir, String name) {
        return nfs(Nfs3.PROC_RMDIR, new Rmdir3Args(new DirOpArgs3(dir, name)), new Rmdir3Res());
    }

    public CompletionStage<Rename3Res> rename(NfsFh3 fromDir, String fromName, NfsFh3 toDir, String toName) {
        return nfs(Nfs3.PROC_RENAME, new Rename3Args(new DirOpArgs3(fromDir, fromName), new DirOpArgs3(toDir, toName)),
                new Rename3Res());
    }

    /** LINK: gives {@code file} the further name {@code name} in {@code dir}. */
    public CompletionStage<Link3Res> link(NfsFh3 file, NfsFh3 dir, String name) {
        return nfs(Nfs3.PROC_LINK, new Link3Args(file, new DirOpArgs3(dir, name)), new Link3Res());
    }

    public CompletionStage<Readdir3Res> readdir(Readdir3Args args) {
        return nfs(Nfs3.PROC_READDIR, args, new Readdir3Res());
    }

    public CompletionStage<Readdirplus3Res> readdirplus(Readdirplus3Args args) {
        return nfs(Nfs3.PROC_READDIRPLUS, args, new Readdirplus3Res());
    }

    public CompletionStage<Fsstat3Res> fsstat(NfsFh3 fsroot) {
        return nfs(Nfs3.PROC_FSSTAT, new Fsstat3Args(fsroot), new Fsstat3Res());
    }

    public CompletionStage<Fsinfo3Res> fsinfo(NfsFh3 fsroot) {
        return nfs(Nfs3.PROC_FSINFO, new Fsinfo3Args(fsroot), new Fsinfo3Res());
    }

    public CompletionStage<Pathconf3Res> pathconf(NfsFh3 object) {
        return nfs(Nfs3.PROC_PATHCONF, new Pathconf3Args(object), new Pathconf3Res());
    }

    public CompletionStage<Commit3Res> commit(NfsFh3 file, long offset, int count) {
        return nfs(Nfs3.PROC_COMMIT, new Commit3Args(file, offset, count), new Commit3Res());
    }

    // ---- MOUNTv3 procedures -----------------------------------------------------------------

    public CompletionStage<Exports> exports() {
        return mount(Mount3.PROC_EXPORT, XdrVoid.XDR_VOID, new Exports());
    }

    /** MNT; a non-OK {@code status} is returned in the result (see {@link Mount3#errno(int)}). */
    public CompletionStage<Mountres3> mnt(String path) {
        return mount(Mount3.PROC_MNT, new Dirpath(path), new Mountres3());
    }

    public CompletionStage<Void> umnt(String path) {
        return mount(Mount3.PROC_UMNT, new Dirpath(path), new XdrVoid()).thenApply(v -> null);
    }

    // ---- paths ------------------------------------------------------------------------------

    /**
     * Finds the file or directory an {@code nfs://} URL names on this client's server: EXPORT,
     * MNT of the longest export containing the path (cached per client), then LOOKUP of each
     * component. Fails with an NfsException naming the URL, e.g.
     * {@code lookup nfs://127.0.0.1:2049/export/missing: No such file or directory (NFS3ERR_NOENT)}.
     */
    public CompletionStage<NfsFile> resolve(NfsUrl url) {
        return paths.resolve(url, false, DEFAULT_CREATE_MODE);
    }

    /**
     * {@link #resolve(NfsUrl)}, but when {@code create} is set and only the last component is
     * missing, it is created as a regular file (CREATE GUARDED, mode {@link #DEFAULT_CREATE_MODE});
     * if another client creates it first, that file is used.
     */
    public CompletionStage<NfsFile> resolve(NfsUrl url, boolean create) {
        return paths.resolve(url, create, DEFAULT_CREATE_MODE);
    }

    /**
     * Creates a regular file {@code name} in directory {@code dir} with CREATE in the given
     * createmode ({@link Nfs3#UNCHECKED}, {@link Nfs3#GUARDED}, {@link Nfs3#EXCLUSIVE}) and returns
     * it. GUARDED on an existing name fails with NFS3ERR_EXIST (EEXIST); EXCLUSIVE sets the mode
     * with a SETATTR afterwards, as RFC 1813 prescribes.
     */
    public CompletionStage<NfsFile> createFile(NfsFile dir, String name, int mode, int createMode) {
        if (createMode != Nfs3.UNCHECKED && createMode != Nfs3.GUARDED && createMode != Nfs3.EXCLUSIVE) {
            return CompletableFuture.failedStage(NfsException.errno(Errno.EINVAL,
                    "create " + name + " in " + dir.url() + ": unknown createmode " + createMode));
        }
        return paths.create(dir, name, mode, createMode);
    }

    /** Fails every pending call with ECANCELED and releases sockets and threads. Idempotent. */
    @Override
    public void close() {
        engine.close();
    }

    @Override
    public String toString() {
        return "Nfs3Client[nfs=" + server() + ", mount=" + mountServer() + ", connections="
                + config().connections() + "]";
    }

    private <R extends XdrAble> CompletionStage<R> nfs(int procedure, XdrAble args, R result) {
        return nfs(procedure, args, result, null);
    }

    private <R extends XdrAble> CompletionStage<R> nfs(int procedure, XdrAble args, R result,
                                                       Nfs3CallListener observer) {
        return engine.call(nfs, RpcProgram.NFS3, procedure, args, result, policy, observer);
    }

    private <R extends XdrAble> CompletionStage<R> mount(int procedure, XdrAble args, R result) {
        return engine.call(mount, RpcProgram.MOUNT3, procedure, args, result, policy, null);
    }

    private NfsException checkIo(String procedure, long offset, int count) {
        if (offset < 0 || count < 0) {
            return NfsException.errno(Errno.EINVAL, procedure + " to " + server() + ": negative "
                    + (offset < 0 ? "offset " + offset : "count " + count));
        }
        if (count > config().maxIoSize()) {
            return NfsException.errno(Errno.EINVAL, procedure + " to " + server() + ": count " + count
                    + " exceeds the client limit of " + config().maxIoSize() + " bytes (maxRecordSize)");
        }
        return null;
    }
}
