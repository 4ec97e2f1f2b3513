package io.nfsdirect.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.nfsdirect.protocol.nfs3.Nfs3;
import io.nfsdirect.protocol.nfs3.NfsFh3;
import io.nfsdirect.protocol.nfs3.Read3Args;
import io.nfsdirect.protocol.nfs3.Read3Res;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many clients at once: read buffers are recycled only after their reply has left, and channels
 * evicted from a small cache under concurrent use still serve every request correctly.
 */
class ConcurrencyTest {

    @TempDir
    Path dir;

    @Test
    void concurrentReadsOfManyFilesReturnTheRightBytes() throws Exception {
        int files = 12;
        byte[][] contents = new byte[files][];
        Random random = new Random(3);
        for (int i = 0; i < files; i++) {
            contents[i] = new byte[2 * 1024 * 1024 + i * 1000];
            random.nextBytes(contents[i]);
            Files.write(dir.resolve("f" + i), contents[i]);
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (NfsServer server = NfsServer.builder().export(dir).rootSquash(false).workerThreads(4).build().start()) {
            List<Future<?>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                long seed = t;
                results.add(pool.submit(() -> {
                    Random r = new Random(seed);
                    try (RawClient client = RawClient.root(server)) {
                        NfsFh3 root = client.mnt(server.exportName());
                        NfsFh3[] handles = new NfsFh3[files];
                        for (int i = 0; i < files; i++) {
                            handles[i] = client.lookup(root, "f" + i).object;
                        }
                        for (int n = 0; n < 40; n++) {
                            int f = r.nextInt(files);
                            int offset = r.nextInt(contents[f].length);
                            int count = 1 + r.nextInt(1024 * 1024);
                            Read3Res res = client.nfs(Nfs3.PROC_READ, new Read3Args(handles[f], offset, count),
                                    new Read3Res());
                            assertEquals(Nfs3.NFS3_OK, res.status);
                            int expected = Math.min(count, contents[f].length - offset);
                            byte[] got = new byte[res.count];
                            res.data.get(got);
                            assertArrayEquals(Arrays.copyOfRange(contents[f], offset, offset + expected), got);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : results) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void channelCacheEvictionUnderConcurrentUseLosesNothing() throws Exception {
        int files = 10;
        for (int i = 0; i < files; i++) {
            Files.write(dir.resolve("c" + i), new byte[4096]);
        }
        ChannelCache cache = new ChannelCache(2, p -> { });
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    for (int n = 0; n < 2000; n++) {
                        int f = (n * 7 + thread) % files;
                        Path path = dir.resolve("c" + f);
                        byte value = (byte) (thread + 1);
                        int offset = thread * 512 + (n % 512);
                        cache.withChannel(f, path, ch -> ch.write(ByteBuffer.wrap(new byte[] {value}), offset));
                        ByteBuffer back = ByteBuffer.allocate(1);
                        cache.withChannel(f, path, ch -> ch.read(back, offset));
                        assertEquals(value, back.get(0));
                    }
                    return null;
                }));
            }
            for (Future<?> f : results) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
            cache.close();
        }
        assertEquals(0, cache.size());
        assertThrowsClosed(cache, dir.resolve("c0"));
    }

    private static void assertThrowsClosed(ChannelCache cache, Path path) {
        try {
            cache.withChannel(0, path, ch -> null);
            throw new AssertionError("a closed cache must not open channels");
        } catch (IOException expected) {
            // closed
        }
    }
}
