package io.nfsdirect.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Large test files that are cheap to make and still catch misplaced bytes: every 8-byte word is a
 * SplitMix64 hash of its own offset and a seed, so no two chunks are alike and a chunk written at
 * the wrong offset, or twice, changes the SHA-256. Making 1 GiB costs a second or two of CPU,
 * unlike random bytes from a secure source.
 */
final class PatternFiles {

    private static final int BLOCK = 1 << 20;

    private PatternFiles() {
    }

    /** Writes {@code size} bytes of the pattern to {@code path} and returns their SHA-256 in hex. */
    static String write(Path path, long size, long seed) throws IOException {
        MessageDigest sha = sha256();
        ByteBuffer block = ByteBuffer.allocate(BLOCK).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel out = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (long done = 0; done < size; ) {
                int n = (int) Math.min(BLOCK, size - done);
                block.clear();
                for (int i = 0; i < BLOCK; i += 8) {
                    block.putLong(i, mix(seed + (done + i) / 8));
                }
                sha.update(block.array(), 0, n);
                block.limit(n);
                while (block.hasRemaining()) {
                    out.write(block);
                }
                done += n;
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    static String sha256(Path path) throws IOException {
        MessageDigest sha = sha256();
        ByteBuffer buf = ByteBuffer.allocate(BLOCK);
        try (FileChannel in = FileChannel.open(path, StandardOpenOption.READ)) {
            while (in.read(buf) >= 0) {
                buf.flip();
                sha.update(buf);
                buf.clear();
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /**
     * Reads {@code in} to its end into a SHA-256, adding the byte count to {@code progress[0]} as
     * it goes (another thread watches it). Returns the hex digest.
     */
    static String sha256(InputStream in, long[] progress) throws IOException {
        MessageDigest sha = sha256();
        byte[] buf = new byte[BLOCK];
        int n;
        while ((n = in.read(buf)) >= 0) {
            sha.update(buf, 0, n);
            synchronized (progress) {
                progress[0] += n;
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** SplitMix64's finalizer. */
    private static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
