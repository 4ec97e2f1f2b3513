package io.nfsdirect.bench;

import java.io.IOException;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.emc.ecs.nfsclient.network.NetMgr;
import com.emc.ecs.nfsclient.nfs.NfsReadResponse;
import com.emc.ecs.nfsclient.nfs.io.Nfs3File;
import com.emc.ecs.nfsclient.nfs.nfs3.Nfs3;
import com.emc.ecs.nfsclient.rpc.CredentialUnix;
import com.emc.ecs.nfsclient.rpc.RpcWrapper;

/**
 * Contender 3: Dell/EMC nfs-client-java 1.1.0. Each of {@code threads} threads reads its own
 * contiguous slice of the file with blocking READs of {@code rsize} into its own buffer, all on
 * the library's one shared connection to the server.
 *
 * <p>The library finds the NFS and MOUNT ports only through the portmapper on port 111, while
 * every other contender is given the ports explicitly. On this shared machine other NFS-Ganesha
 * instances come and go and re-register, so the portmapper may name another server's port. The
 * root handle therefore comes from our own MNT, and the NFS port the library looked up is then
 * replaced with the right one (by reflection: the library has no setter for it).
 */
public final class EmcReader implements Contender {

    private final String label;
    private final Nfs3 nfs;
    private final Nfs3File file;
    private final long length;
    private final int threads;
    private final int rsize;
    private final Meter meter;
    private final ExecutorService pool;

    public EmcReader(String label, String server, int nfsPort, String exportPath, byte[] rootHandle, String relPath,
                     long length, int threads, int rsize, Meter meter) throws IOException {
        this.label = label;
        this.nfs = new Nfs3(server, exportPath, rootHandle, new CredentialUnix(0, 0, new HashSet<>()), 3);
        pinPort(nfs, nfsPort);
        this.file = new Nfs3File(nfs, "/" + relPath);
        this.length = length;
        this.threads = threads;
        this.rsize = rsize;
        this.meter = meter;
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "emc-reader");
            t.setDaemon(true);
            return t;
        });
    }

    private static void pinPort(Nfs3 nfs, int port) throws IOException {
        try {
            Field wrapper = Nfs3.class.getDeclaredField("_rpcWrapper");
            wrapper.setAccessible(true);
            ((RpcWrapper<?, ?>) wrapper.get(nfs)).setPort(port);
            Field own = Nfs3.class.getDeclaredField("_port");
            own.setAccessible(true);
            own.setInt(nfs, port);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IOException("cannot point nfs-client-java at NFS port " + port + ": " + e, e);
        }
    }

    @Override
    public String key() {
        return "emc";
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public void warmUp() throws Exception {
        read(Math.min(length, 256L << 20));
    }

    @Override
    public Sample run(int rep) throws Exception {
        return Timed.inProcess(meter, () -> read(length));
    }

    private long read(long size) throws Exception {
        long slice = (size + threads - 1) / threads;
        List<Future<Long>> parts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long from = Math.min(size, t * slice);
            long to = Math.min(size, from + slice);
            parts.add(pool.submit(() -> readSlice(from, to)));
        }
        long total = 0;
        for (Future<Long> part : parts) {
            total += part.get();
        }
        return total;
    }

    private long readSlice(long from, long to) throws IOException {
        byte[] buffer = new byte[rsize];
        long at = from;
        while (at < to) {
            int want = (int) Math.min(rsize, to - at);
            NfsReadResponse res = file.read(at, want, buffer, 0);
            int got = res.getBytesRead();
            if (got <= 0) {
                throw new IOException("nfs-client-java read 0 bytes at " + at);
            }
            at += got;
        }
        return to - from;
    }

    @Override
    public void close() {
        pool.shutdownNow();
        NetMgr.getInstance().shutdown();
    }
}
