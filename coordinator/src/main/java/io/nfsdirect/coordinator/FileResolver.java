package io.nfsdirect.coordinator;

import io.nfsdirect.protocol.Errno;
import io.nfsdirect.protocol.NfsStatus;
import io.nfsdirect.protocol.NfsUrl;
import io.nfsdirect.protocol.api.IoError;
import io.nfsdirect.protocol.api.IoOptions;
import io.nfsdirect.protocol.api.Sink;
import io.nfsdirect.protocol.api.WriteSource;
import io.nfsdirect.protocol.chunk.FileRef;
import io.nfsdirect.protocol.nfs3.Fsinfo3Res;
import io.nfsdirect.protocol.nfs3.Nfs3;
import io.nfsdirect.worker.ClientPool;
import io.nfsdirect.worker.LocalChannels;
import io.nfsdirect.worker.Nfs3Client;
import io.nfsdirect.worker.NfsFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Turns a checked request into a {@link RequestSpec}: the file found and checked on its server,
 * and the transfer size that server allows. The checks are the open-time ones the kernel makes
 * before a direct I/O starts: the file exists (or is created), is not a directory, the caller may
 * read or write it (ACCESS), and the range fits the server's maxfilesize. A handle the server
 * calls stale is looked up once more before ESTALE is reported, since a file replaced under the
 * same name is still the file the caller means.
 */
final class FileResolver {

    /** A file found and checked, with the server limits that shape its chunks. */
    record Target(FileRef ref, int rtmax, int rtpref, int wtmax, int wtpref, long maxFileSize, int urlRsize,
                  int urlWsize) {
    }

    private final ClientPool clients;
    /** Where a write's local source is registered, for this node's worker to read it itself. */
    private final LocalChannels localFiles;
    private final ResolveCache<NfsFile> files;
    private final ResolveCache<Fsinfo3Res> fsinfo;

    FileResolver(ClientPool clients, LocalChannels localFiles, java.time.Duration lookupCacheTtl) {
        this.clients = clients;
        this.localFiles = localFiles;
        this.files = new ResolveCache<>(lookupCacheTtl, 4096);
        // A server's FSINFO describes the server, not a file: it can be kept far longer.
        this.fsinfo = new ResolveCache<>(lookupCacheTtl.multipliedBy(20), 256);
    }

    CompletionStage<RequestSpec> forRead(String id, String url, long offset, long length, Sink sink, IoOptions o,
                                         int window, int attempts) {
        return target("read", url, offset, length, o, false, Nfs3.ACCESS3_READ).thenApply(t -> {
            int chunk = ChunkPlan.transferSize(first(o.rsize(), t.urlRsize()), t.rtmax(), t.rtpref());
            return new RequestSpec(id, t.ref(), new RequestSpec.Read(sink), offset, length, chunk, window, false,
                    attempts);
        });
    }

    CompletionStage<RequestSpec> forWrite(String id, String url, long offset, WriteSource source, IoOptions o,
                                          int window, int attempts) {
        ChunkSource chunks;
        try {
            chunks = openSource(source);
        } catch (IoError.Raised e) {
            return CompletableFuture.failedStage(e);
        }
        return target("write", url, offset, source.length(), o, o.create(), Nfs3.ACCESS3_MODIFY | Nfs3.ACCESS3_EXTEND)
                .thenApply(t -> {
                    int chunk = ChunkPlan.transferSize(first(o.wsize(), t.urlWsize()), t.wtmax(), t.wtpref());
                    return new RequestSpec(id, t.ref(), new RequestSpec.Write(chunks), offset, source.length(), chunk,
                            window, o.stable(), attempts);
                })
                .whenComplete((spec, failure) -> {
                    if (failure != null) {
                        chunks.close();
                    }
                });
    }

    CompletionStage<RequestSpec> forCopy(String id, String sourceUrl, String targetUrl, long offset, long length,
                                         IoOptions o, int window, int attempts) {
        return target("copy", sourceUrl, offset, length, o, false, Nfs3.ACCESS3_READ)
                .thenCompose(src -> target("copy", targetUrl, offset, length, o, o.create(),
                        Nfs3.ACCESS3_MODIFY | Nfs3.ACCESS3_EXTEND).thenApply(dst -> {
                            int rsize = ChunkPlan.transferSize(first(o.rsize(), src.urlRsize()), src.rtmax(), src.rtpref());
                            int wsize = ChunkPlan.transferSize(first(o.wsize(), dst.urlWsize()), dst.wtmax(), dst.wtpref());
                            return new RequestSpec(id, src.ref(), new RequestSpec.Copy(dst.ref()), offset, length,
                                    Math.min(rsize, wsize), window, o.stable(), attempts);
                        }));
    }

    private static int first(int a, int b) {
        return a > 0 ? a : b;
    }

    /** Opens the write source; a failure is raised as an {@link IoError} naming the source. */
    private ChunkSource openSource(WriteSource source) {
        if (source instanceof WriteSource.LocalFile f) {
            String what = "write source " + f.path();
            Path p = Path.of(f.path());
            try {
                if (Files.isDirectory(p)) {
                    throw IoError.errno(Errno.EISDIR, what, -1).raise();
                }
                long size = Files.size(p);
                if (f.position() < 0 || f.position() + f.length() > size) {
                    throw IoError.at(Errno.EINVAL, what, -1, "bytes " + f.position() + ".." + (f.position() + f.length())
                            + " are not all in the file of " + size + " bytes").raise();
                }
                return ChunkSource.of(source, localFiles);
            } catch (NoSuchFileException e) {
                throw IoError.errno(Errno.ENOENT, what, -1).raise();
            } catch (IOException e) {
                throw IoError.at(Errno.EIO, what, -1, String.valueOf(e)).raise();
            }
        }
        try {
            return ChunkSource.of(source, localFiles);
        } catch (IOException e) {
            throw IoError.at(Errno.EIO, "write source", -1, String.valueOf(e)).raise();
        }
    }

    /** Resolves and checks one file; every failure is raised as an {@link IoError} naming op, URL and offset. */
    private CompletionStage<Target> target(String op, String urlText, long offset, long length, IoOptions o,
                                           boolean create, int accessBits) {
        String context = op + " " + urlText;
        NfsUrl url;
        try {
            url = NfsUrl.parse(urlText);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedStage(IoError.at(Errno.EINVAL, context, offset, e.getMessage()).raise());
        }
        return clients.get(url, o.uid(), o.gid())
                .thenCompose(client -> check(client, url, context, offset, create, accessBits, true)
                        .thenCompose(file -> fsinfo(client, file).thenApply(fs -> {
                            if (fs.status != Nfs3.NFS3_OK) {
                                throw IoError.status(NfsStatus.of(fs.status), context, offset).raise();
                            }
                            IoError big = EntryChecks.withinMaxFileSize(op, urlText, offset, length, fs.maxfilesize);
                            if (big != null) {
                                throw big.raise();
                            }
                            return target(client, url, urlText, file, fs);
                        })))
                .exceptionally(failure -> {
                    throw IoError.restated(failure, context, offset).raise();
                });
    }

    private static Target target(Nfs3Client client, NfsUrl url, String urlText, NfsFile file, Fsinfo3Res fs) {
        FileRef ref = new FileRef(url.host(), client.nfsPort(), client.mountPort(), file.handle().data, client.uid(),
                client.gid(), urlText);
        // The client takes no record larger than its limit, so neither may a transfer be.
        int clientMax = client.config().maxIoSize();
        return new Target(ref, cap(fs.rtmax, clientMax), fs.rtpref, cap(fs.wtmax, clientMax), fs.wtpref,
                fs.maxfilesize, url.rsize(), url.wsize());
    }

    private static int cap(int serverMax, int clientMax) {
        return serverMax > 0 ? Math.min(serverMax, clientMax) : clientMax;
    }

    private CompletionStage<Fsinfo3Res> fsinfo(Nfs3Client client, NfsFile file) {
        String key = client.server() + "/" + java.util.HexFormat.of().formatHex(file.root().data);
        Fsinfo3Res cached = fsinfo.get(key);
        if (cached != null) {
            return CompletableFuture.completedFuture(cached);
        }
        return client.fsinfo(file.root()).thenApply(fs -> {
            if (fs.status == Nfs3.NFS3_OK) {
                fsinfo.put(key, fs);
            }
            return fs;
        });
    }

    /** A resolved file, from the cache while it is fresh; the retry after ESTALE always looks up afresh. */
    private CompletionStage<NfsFile> lookup(Nfs3Client client, NfsUrl url, boolean create, boolean mayUseCache) {
        String key = client.server() + "/" + client.uid() + ":" + client.gid() + url.path();
        NfsFile cached = mayUseCache ? files.get(key) : null;
        if (cached != null) {
            return CompletableFuture.completedFuture(cached);
        }
        return client.resolve(url, create).thenApply(file -> {
            files.put(key, file);
            return file;
        });
    }

    private void forget(Nfs3Client client, NfsUrl url) {
        files.forget(client.server() + "/" + client.uid() + ":" + client.gid() + url.path());
    }

    private CompletionStage<NfsFile> check(Nfs3Client client, NfsUrl url, String context, long offset, boolean create,
                                           int accessBits, boolean mayRetryStale) {
        return lookup(client, url, create, mayRetryStale).thenCompose(file -> {
            if (file.isDirectory()) {
                throw IoError.status(NfsStatus.NFS3ERR_ISDIR, context, offset).raise();
            }
            return client.access(file.handle(), accessBits).thenCompose(res -> {
                if (res.status == NfsStatus.NFS3ERR_STALE.code() && mayRetryStale) {
                    forget(client, url);
                    return check(client, url, context, offset, create, accessBits, false);
                }
                if (res.status != Nfs3.NFS3_OK) {
                    throw IoError.status(NfsStatus.of(res.status), context, offset).raise();
                }
                if ((res.access & accessBits) != accessBits) {
                    throw IoError.status(NfsStatus.NFS3ERR_ACCES, context, offset).raise();
                }
                return CompletableFuture.completedFuture(file);
            });
        });
    }
}
