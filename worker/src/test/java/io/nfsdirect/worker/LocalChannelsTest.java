package io.nfsdirect.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nfsdirect.protocol.Errno;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalChannelsTest {

    @TempDir
    Path dir;

    @Test
    void aRegistrationNamesTheChannelUntilItIsClosed() throws IOException {
        LocalChannels files = new LocalChannels();
        Path f = Files.write(dir.resolve("f"), new byte[10]);
        try (FileChannel channel = FileChannel.open(f, StandardOpenOption.READ)) {
            LocalChannels.Registration a = files.register(channel, "f");
            LocalChannels.Registration b = files.register(channel, "f again");
            assertNotEquals(a.name(), b.name(), "every registration gets a name of its own");
            assertEquals(32, a.name().length(), "128 random bits");
            assertSame(channel, files.lookup(a.name()).channel());
            a.close();
            assertNull(files.lookup(a.name()));
            assertEquals("f again", files.lookup(b.name()).displayName());
            assertNull(files.lookup("f"), "a path is not a name");
        }
    }

    @Test
    void aSourceThatEndsEarlyNamesItselfAndTheOffset() throws IOException {
        Path f = Files.write(dir.resolve("short"), new byte[100]);
        try (FileChannel channel = FileChannel.open(f, StandardOpenOption.READ)) {
            IOException e = assertThrows(IOException.class,
                    () -> LocalChannels.readFully(channel, ByteBuffer.allocate(64), 50, "short.bin"));
            assertTrue(e.getMessage().startsWith("short.bin ended at offset 100"), e.getMessage());
        }
    }

    @Test
    void localErrorsKeepTheirErrno() {
        assertEquals(Errno.ENOSPC, LocalChannels.errnoOf(new IOException("No space left on device")));
        assertEquals(Errno.EFBIG, LocalChannels.errnoOf(new IOException("File too large")));
        assertEquals(Errno.EIO, LocalChannels.errnoOf(new IOException("something else")));
        assertEquals(Errno.EIO, LocalChannels.errnoOf(new IOException()));
    }
}
