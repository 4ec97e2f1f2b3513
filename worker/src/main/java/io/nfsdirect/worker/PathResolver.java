package io.nfsdirect.worker;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import io.nfsdirect.protocol.Errno;
import io.nfsdirect.protocol.NfsException;
import io.nfsdirect.protocol.NfsStatus;
import io.nfsdirect.protocol.NfsUrl;
import io.nfsdirect.protocol.mount3.Mount3;
import io.nfsdirect.protocol.nfs3.Create3Args;
import io.nfsdirect.protocol.nfs3.Create3Res;
import io.nfsdirect.protocol.nfs3.DirOpArgs3;
import io.nfsdirect.protocol.nfs3.Fattr3;
import io.nfsdirect.protocol.nfs3.Nfs3;
import io.nfsdirect.protocol.nfs3.NfsFh3;
import io.nfsdirect.protocol.nfs3.Sattr3;
import io.nfsdirect.protocol.nfs3.Setattr3Args;

/**
 * Turns {@code nfs://} URLs into handles the way libnfs does: EXPORT lists the exports, the
 * longest one containing the path is mounted (MNT), and each remaining component is looked up.
 *
 * <p>Lives as long as its client and remembers the export list and each export's root handle,
 * so that resolving many files of one server costs only their LOOKUPs. A root the server calls
 * stale (or bad, as a restarted server may) is forgotten and mounted again once.
 */
final class PathResolver {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Nfs3Client client;
    private final ConcurrentHashMap<String, NfsFh3> roots = new ConcurrentHashMap<>();
    private final DirectoryHandles directories = new DirectoryHandles();
    private volatile List<String> exports;

    PathResolver(Nfs3Client client) {
        this.client = client;
    }

    CompletionStage<NfsFile> resolve(NfsUrl url, boolean create, int mode) {
        return target(url, false).thenCompose(target -> walk(url, target, create, mode, true));
    }

    /** Creates {@code name} in the directory with the given createmode and returns it. */
    CompletionStage<NfsFile> create(NfsFile dir, String name, int mode, int how) {
        NfsException bad = checkName(dir.url(), name);
        if (bad != null) {
            return CompletableFuture.failedStage(bad);
        }
        NfsUrl url = child(dir.url(), name);
        byte[] verf = null;
        Sattr3 attributes = new Sattr3();
        if (how == Nfs3.EXCLUSIVE) {
            verf = new byte[Nfs3.CREATEVERFSIZE];
            RANDOM.nextBytes(verf);
        } else {
            attributes.mode = mode;
        }
        Create3Args args = new Create3Args(new DirOpArgs3(dir.handle(), name), how, attributes, verf);
        return client.create(args).thenCompose(res -> {
            if (res.status != Nfs3.NFS3_OK) {
                throw RpcFailures.completion(NfsException.of(NfsStatus.of(res.status), "create " + url));
            }
            return created(url, dir, name, res).thenCompose(file -> how != Nfs3.EXCLUSIVE ? done(file)
                    // An exclusive create stores the verifier in the attributes; RFC 1813 has the
                    // client set the real ones afterwards, as Linux does.
                    : client.setattr(new Setattr3Args(file.handle(), new Sattr3(mode, null, null, null,
                            Nfs3.DONT_CHANGE, null, Nfs3.DONT_CHANGE, null), null)).thenApply(s -> {
                        if (s.status != Nfs3.NFS3_OK) {
                            throw RpcFailures.completion(NfsException.of(NfsStatus.of(s.status), "set mode of " + url));
                        }
                        Fattr3 after = s.objWcc != null && s.objWcc.after != null ? s.objWcc.after.attributes : null;
                        return new NfsFile(url, file.export(), file.root(), file.handle(), after);
                    }));
        });
    }

    private CompletionStage<NfsUrl.Target> target(NfsUrl url, boolean refresh) {
        List<String> known = exports;
        CompletionStage<List<String>> list = known != null && !refresh ? done(known)
                : client.exports().thenApply(e -> {
                    List<String> dirs = List.copyOf(e.dirs());
                    exports = dirs;
                    return dirs;
                });
        return list.thenCompose(dirs -> {
            try {
                return done(url.resolve(dirs));
            } catch (NfsException e) {
                if (!refresh && known != null) {
                    return target(url, true);  // the export may be newer than our list
                }
                throw RpcFailures.completion(NfsException.errno(e.errno(), "resolve " + url + ": " + e.context()));
            }
        });
    }

    private CompletionStage<NfsFh3> root(NfsUrl url, String export) {
        NfsFh3 known = roots.get(export);
        if (known != null) {
            return done(known);
        }
        return client.mnt(export).thenApply(res -> {
            if (res.status != Mount3.MNT3_OK) {
                throw RpcFailures.completion(NfsException.errno(Mount3.errno(res.status), "mount " + export + " for " + url
                        + " on " + client.mountServer() + " (" + Mount3.statusName(res.status) + ")"));
            }
            NfsFh3 root = new NfsFh3(res.fhandle);
            roots.put(export, root);
            return root;
        });
    }

    private CompletionStage<NfsFile> walk(NfsUrl url, NfsUrl.Target target, boolean create, int mode,
                                          boolean retryStale) {
        String export = target.export();
        return root(url, export).thenCompose(root -> {
            String[] names = target.relativePath().isEmpty() ? new String[0] : target.relativePath().split("/");
            CompletionStage<NfsFile> walked = names.length == 0
                    ? client.getattr(root).thenApply(res -> {
                        if (res.status != Nfs3.NFS3_OK) {
                            throw RpcFailures.completion(NfsException.of(NfsStatus.of(res.status), "getattr " + url));
                        }
                        return new NfsFile(url, export, root, root, res.objAttributes);
                    })
                    : fromDeepestKnown(url, export, root, names, create, mode);
            if (!retryStale) {
                return walked;
            }
            return walked.exceptionallyCompose(t -> {
                Throwable cause = RpcFailures.unwrap(t);
                if (cause instanceof NfsException n && (n.status() == NfsStatus.NFS3ERR_STALE
                        || n.status() == NfsStatus.NFS3ERR_BADHANDLE)) {
                    roots.remove(export, root);
                    directories.forget(export);
                    return walk(url, target, create, mode, false);
                }
                return CompletableFuture.failedStage(cause);
            });
        });
    }

    /** Walks from the deepest directory of the path whose handle is still known, else from the root. */
    private CompletionStage<NfsFile> fromDeepestKnown(NfsUrl url, String export, NfsFh3 root, String[] names,
                                                      boolean create, int mode) {
        for (int k = names.length - 1; k > 0; k--) {
            NfsFh3 known = directories.get(export, String.join("/", java.util.Arrays.copyOf(names, k)));
            if (known != null) {
                return lookup(url, export, root, known, names, k, create, mode);
            }
        }
        return lookup(url, export, root, root, names, 0, create, mode);
    }

    private CompletionStage<NfsFile> lookup(NfsUrl url, String export, NfsFh3 root, NfsFh3 dir,
                                            String[] names, int i, boolean create, int mode) {
        boolean leaf = i == names.length - 1;
        return client.lookup(dir, names[i]).thenCompose(res -> {
            if (res.status == Nfs3.NFS3_OK) {
                if (leaf) {
                    Fattr3 attrs = res.objAttributes != null ? res.objAttributes.attributes : null;
                    return done(new NfsFile(url, export, root, res.object, attrs));
                }
                directories.put(export, String.join("/", java.util.Arrays.copyOf(names, i + 1)), res.object);
                return lookup(url, export, root, res.object, names, i + 1, create, mode);
            }
            if (leaf && create && res.status == NfsStatus.NFS3ERR_NOENT.code()) {
                NfsFile parent = new NfsFile(url.parent(), export, root, dir, null);
                return create(parent, names[i], mode, Nfs3.GUARDED).exceptionallyCompose(t -> {
                    Throwable cause = RpcFailures.unwrap(t);
                    if (cause instanceof NfsException n && n.status() == NfsStatus.NFS3ERR_EXIST) {
                        // Someone else created it between our LOOKUP and CREATE: use theirs.
                        return lookup(url, export, root, dir, names, i, false, mode);
                    }
                    return CompletableFuture.failedStage(cause);
                });
            }
            String where = leaf ? "" : " at " + prefix(url.path(), names.length - 1 - i);
            throw RpcFailures.completion(NfsException.of(NfsStatus.of(res.status), "lookup " + url + where));
        });
    }

    /** The file a successful CREATE made; LOOKUP when the server did not return its handle. */
    private CompletionStage<NfsFile> created(NfsUrl url, NfsFile dir, String name, Create3Res res) {
        Fattr3 attrs = res.objAttributes != null ? res.objAttributes.attributes : null;
        if (res.obj != null && res.obj.handle != null) {
            return done(new NfsFile(url, dir.export(), dir.root(), res.obj.handle, attrs));
        }
        return client.lookup(dir.handle(), name).thenApply(l -> {
            if (l.status != Nfs3.NFS3_OK) {
                throw RpcFailures.completion(NfsException.of(NfsStatus.of(l.status), "lookup " + url + " after create"));
            }
            return new NfsFile(url, dir.export(), dir.root(), l.object,
                    l.objAttributes != null ? l.objAttributes.attributes : attrs);
        });
    }

    static NfsException checkName(NfsUrl dir, String name) {
        if (name == null || name.isEmpty() || name.equals(".") || name.equals("..")
                || name.indexOf('/') >= 0 || name.indexOf('\0') >= 0) {
            return NfsException.errno(Errno.EINVAL, "create in " + dir + ": invalid file name '" + name + "'");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > Nfs3.MAX_NAME) {
            return NfsException.errno(Errno.ENAMETOOLONG, "create in " + dir + ": name longer than "
                    + Nfs3.MAX_NAME + " bytes");
        }
        return null;
    }

    /** The path without its last {@code drop} components: where an intermediate lookup failed. */
    private static String prefix(String path, int drop) {
        int end = path.length();
        for (int i = 0; i < drop; i++) {
            end = path.lastIndexOf('/', end - 1);
        }
        return path.substring(0, end);
    }

    private static NfsUrl child(NfsUrl dir, String name) {
        String path = dir.path().equals("/") ? "/" + name : dir.path() + "/" + name;
        return new NfsUrl(dir.host(), dir.nfsPort(), dir.mountPort(), path, dir.uid(), dir.gid(),
                dir.rsize(), dir.wsize());
    }

    private static <T> CompletionStage<T> done(T value) {
        return CompletableFuture.completedStage(value);
    }
}
