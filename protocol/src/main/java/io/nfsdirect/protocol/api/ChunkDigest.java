package io.nfsdirect.protocol.api;

import java.util.HexFormat;

/** The checksums of one chunk read for a {@link Sink.Digest} sink. */
public record ChunkDigest(long offset, int length, int crc32c, byte[] sha256) implements CborSerializable {

    public String sha256Hex() {
        return HexFormat.of().formatHex(sha256);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChunkDigest d && d.offset == offset && d.length == length && d.crc32c == crc32c
                && java.util.Arrays.equals(d.sha256, sha256);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(offset) * 31 + crc32c;
    }

    @Override
    public String toString() {
        return "ChunkDigest[offset=" + offset + ", length=" + length + ", crc32c=" + Integer.toHexString(crc32c)
                + ", sha256=" + sha256Hex() + "]";
    }
}
