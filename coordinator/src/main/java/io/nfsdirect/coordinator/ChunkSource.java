package io.nfsdirect.coordinator;

import io.nfsdirect.protocol.api.WriteSource;
import io.nfsdirect.worker.LocalChannels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The bytes a write sends, fetched chunk by chunk as the request dispatches them, so a request
 * holds at most its window's worth of data no matter how large the source is. A source can be
 * read again, which is what lets a chunk be resent FILE_SYNC after a verifier mismatch or
 * re-dispatched after its worker was lost.
 */
public interface ChunkSource extends AutoCloseable {

    byte[] read(long sourceOffset, int length) throws IOException;

    /**
     * The name the source is registered under with this node's {@link LocalChannels}, so that this
     * node's worker can read a chunk itself, straight into its own buffer; null if it is not a file.
     */
    default String localFile() {
        return null;
    }

    /** Where in {@link #localFile()} the source's first byte is. */
    default long localPosition() {
        return 0;
    }

    @Override
    default void close() {
    }

    /** Bytes carried in the request. */
    static ChunkSource of(WriteSource.Inline inline) {
        byte[] bytes = inline.bytes();
        return (off, len) -> Arrays.copyOfRange(bytes, Math.toIntExact(off), Math.toIntExact(off + len));
    }

    /** The source; a local file is opened here and registered with {@code files} until closed. */
    static ChunkSource of(WriteSource source, LocalChannels files) throws IOException {
        if (source instanceof WriteSource.Inline inline) {
            return of(inline);
        }
        WriteSource.LocalFile file = (WriteSource.LocalFile) source;
        FileChannel channel = FileChannel.open(Path.of(file.path()), StandardOpenOption.READ);
        LocalChannels.Registration registration = files.register(channel, file.path());
        return new ChunkSource() {
            @Override
            public String localFile() {
                return registration.name();
            }

            @Override
            public long localPosition() {
                return file.position();
            }

            @Override
            public byte[] read(long off, int len) throws IOException {
                ByteBuffer buf = ByteBuffer.allocate(len);
                LocalChannels.readFully(channel, buf, file.position() + off, file.path());
                return buf.array();
            }

            @Override
            public void close() {
                registration.close();
                try {
                    channel.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }
}
