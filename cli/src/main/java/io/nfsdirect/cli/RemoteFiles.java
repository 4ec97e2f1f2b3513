package io.nfsdirect.cli;

import io.nfsdirect.protocol.NfsException;
import io.nfsdirect.protocol.api.IoError;
import io.nfsdirect.protocol.NfsStatus;
import io.nfsdirect.protocol.NfsUrl;
import io.nfsdirect.protocol.nfs3.Entryplus3;
import io.nfsdirect.protocol.nfs3.Fattr3;
import io.nfsdirect.protocol.nfs3.Getattr3Res;
import io.nfsdirect.protocol.nfs3.Nfs3;
import io.nfsdirect.protocol.nfs3.Readdirplus3Args;
import io.nfsdirect.protocol.nfs3.Readdirplus3Res;
import io.nfsdirect.protocol.nfs3.Sattr3;
import io.nfsdirect.protocol.nfs3.Setattr3Args;
import io.nfsdirect.protocol.nfs3.Setattr3Res;
import io.nfsdirect.worker.ClientPool;
import io.nfsdirect.worker.Nfs3Client;
import io.nfsdirect.worker.NfsFile;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The metadata a command needs around its transfers (a file's size, a listing, creating or
 * truncating a file), asked with a plain {@link Nfs3Client} rather than through the node: these
 * are single RPCs, not direct I/O. With a node, they go through the node's own clients
 * ({@link NodeSession#remote()}), so the command talks to each server over one client, one
 * MOUNT; without one (stat, ls), through a pool of its own, closed with this object.
 *
 * <p>Every failure comes back as an {@link NfsException} restated in the command's words,
 * {@code <op> <url>[ at offset N]: <cause> (<NFS3ERR_X>)}, the same form the node uses.
 */
final class RemoteFiles implements AutoCloseable {

    /** One directory entry: its name and attributes (null when the server sent none). */
    record Entry(String name, Fattr3 attributes) {
    }

    private final Credentials credentials;
    private final ClientPool pool;
    /** Whether {@link #close()} closes the pool: only one this object made. */
    private final boolean ownsPool;
    /** The clients this object used, for --stats. */
    private final Set<Nfs3Client> used = new LinkedHashSet<>();

    /** Over a pool of its own, for commands that start no node. */
    RemoteFiles(Credentials credentials, ClientPool.Settings settings) {
        this(credentials, new ClientPool(settings, null), true);
    }

    /** Over the node's pool, which the node closes. */
    RemoteFiles(Credentials credentials, ClientPool pool) {
        this(credentials, pool, false);
    }

    private RemoteFiles(Credentials credentials, ClientPool pool, boolean ownsPool) {
        this.credentials = credentials;
        this.pool = pool;
        this.ownsPool = ownsPool;
    }

    /**
     * The file or directory at {@code url} with its attributes.
     *
     * @param op     what the command does, for messages ("read", "stat")
     * @param offset the offset the command works at, for messages; -1 for none
     */
    NfsFile stat(String op, String url, long offset) throws NfsException {
        NfsUrl parsed = Urls.parse(url);
        Nfs3Client client = client(parsed, op, url, offset);
        NfsFile file = call(client.resolve(parsed), op, url, offset);
        if (file.attributes() != null) {
            return file;
        }
        Getattr3Res attrs = call(client.getattr(file.handle()), op, url, offset);
        check(attrs.status, op, url, offset);
        return new NfsFile(file.url(), file.export(), file.root(), file.handle(), attrs.objAttributes);
    }

    /** The entry at {@code url}, or null when there is none (NFS3ERR_NOENT). */
    NfsFile find(String op, String url) throws NfsException {
        try {
            return stat(op, url, -1);
        } catch (NfsException e) {
            if (e.status() == NfsStatus.NFS3ERR_NOENT) {
                return null;
            }
            throw e;
        }
    }

    /** The size of the regular file at {@code url}; a directory is EISDIR. */
    long size(String op, String url, long offset) throws NfsException {
        NfsFile file = stat(op, url, offset);
        if (file.isDirectory()) {
            throw NfsException.of(NfsStatus.NFS3ERR_ISDIR, op + " " + url, offset);
        }
        return file.size();
    }

    /** Creates the file at {@code url} when it is missing, as an empty regular file. */
    NfsFile create(String op, String url) throws NfsException {
        NfsUrl parsed = Urls.parse(url);
        return call(client(parsed, op, url, 0).resolve(parsed, true), op, url, 0);
    }

    /** Sets the size of the file at {@code url}: cuts what lies beyond, or extends it with a hole. */
    void truncate(String op, String url, long size) throws NfsException {
        NfsUrl parsed = Urls.parse(url);
        Nfs3Client client = client(parsed, op, url, size);
        NfsFile file = call(client.resolve(parsed), op, url, size);
        Sattr3 attributes = new Sattr3(null, null, null, size, Nfs3.DONT_CHANGE, null, Nfs3.DONT_CHANGE, null);
        Setattr3Res res = call(client.setattr(new Setattr3Args(file.handle(), attributes, null)), op, url, size);
        check(res.status, op, url, size);
    }

    /** Every entry of the directory, in the server's order, without "." and "..". */
    List<Entry> list(String op, String url, NfsFile dir) throws NfsException {
        Nfs3Client client = client(Urls.parse(url), op, url, -1);
        List<Entry> entries = new ArrayList<>();
        long cookie = 0;
        byte[] verifier = null;
        while (true) {
            Readdirplus3Res res = call(client.readdirplus(new Readdirplus3Args(dir.handle(), cookie, verifier,
                    32 * 1024, 256 * 1024)), op, url, -1);
            check(res.status, op, url, -1);
            for (Entryplus3 e : res.entries) {
                cookie = e.cookie;
                if (!e.name.equals(".") && !e.name.equals("..")) {
                    entries.add(new Entry(e.name, e.nameAttributes == null ? null : e.nameAttributes.attributes));
                }
            }
            verifier = res.cookieverf;
            if (res.eof || res.entries.isEmpty()) {
                return entries;
            }
        }
    }

    /** The client of {@code url}'s server, for calls a command makes itself (a tree's scan). */
    Nfs3Client client(String op, String url) throws NfsException {
        return client(Urls.parse(url), op, url, -1);
    }

    void printStats(PrintWriter err) {
        used.forEach(client -> err.print(StatsFormat.format(client.server(), client.stats())));
        err.flush();
    }

    @Override
    public void close() {
        used.clear();
        if (ownsPool) {
            pool.close();
        }
    }

    private Nfs3Client client(NfsUrl url, String op, String text, long offset) throws NfsException {
        Nfs3Client client;
        try {
            client = pool.open(url, credentials.uid(), credentials.gid());
        } catch (NfsException e) {
            throw restate(e, op, text, offset);
        }
        used.add(client);
        return client;
    }

    private static void check(int status, String op, String url, long offset) throws NfsException {
        if (status != Nfs3.NFS3_OK) {
            throw NfsException.of(NfsStatus.of(status), op + " " + url, offset);
        }
    }

    private static <T> T call(CompletionStage<T> stage, String op, String url, long offset) throws NfsException {
        try {
            return stage.toCompletableFuture().join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof NfsException n) {
                throw restate(n, op, url, offset);
            }
            throw new CompletionException(op + " " + url + ": " + cause, cause);
        }
    }

    /** "lookup nfs://h/e/f: ..." becomes "read nfs://h/e/f at offset 0: ...". */
    static NfsException restate(NfsException e, String op, String url, long offset) {
        String context = op + " " + url;
        if (e.status() != null) {
            return NfsException.of(e.status(), context, offset);
        }
        return NfsException.errno(e.errno(), IoError.line(context, offset, e.context()), e);
    }
}
