package io.nfsdirect.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFileTest {

    @TempDir
    Path dir;

    private static void write(OutputFile out, String text, long at) throws IOException {
        out.channel().write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), at);
    }

    @Test
    void aCompletedReadReplacesTheTargetAndKeepsItsMode() throws IOException {
        Path target = Files.writeString(dir.resolve("f"), "old contents, longer");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r-----"));
        try (OutputFile out = OutputFile.open(target)) {
            out.presize(8);
            write(out, "new", 0);
            assertEquals("old contents, longer", Files.readString(target), "untouched until the read completes");
            out.commit(3);
        }
        assertEquals("new", Files.readString(target));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        assertFalse(Files.exists(dir.resolve("f.part")));
    }

    @Test
    void anUnfinishedReadKeepsThePrefixInThePartAndSaysSo() throws IOException {
        Path target = dir.resolve("new.bin");
        String said;
        try (OutputFile out = OutputFile.open(target)) {
            out.presize(100);
            write(out, "0123456789", 0);
            write(out, "past the gap", 50);
            said = out.keepPartial(10);
        }
        assertFalse(Files.exists(target));
        assertArrayEquals("0123456789".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(dir.resolve("new.bin.part")));
        assertEquals("; " + target + " was not created, the 10 bytes read are in " + target + ".part", said);
    }

    @Test
    void nothingReadLeavesNoPartAndAThrowBeforeEitherEndRemovesIt() throws IOException {
        Path target = Files.writeString(dir.resolve("keep"), "precious");
        try (OutputFile out = OutputFile.open(target)) {
            assertEquals("; " + target + " was not changed", out.keepPartial(0));
        }
        try (OutputFile out = OutputFile.open(target)) {
            write(out, "half", 0);
        }
        assertEquals("precious", Files.readString(target));
        assertFalse(Files.exists(dir.resolve("keep.part")));
    }

    @Test
    void aSymbolicLinkIsWrittenThroughAndADeviceInPlace() throws IOException {
        Path real = Files.writeString(dir.resolve("real"), "x");
        Path link = Files.createSymbolicLink(dir.resolve("link"), real);
        try (OutputFile out = OutputFile.open(link)) {
            write(out, "through", 0);
            out.commit(7);
        }
        assertTrue(Files.isSymbolicLink(link), "the link stays a link");
        assertEquals("through", Files.readString(real));
        try (OutputFile out = OutputFile.open(Path.of("/dev/null"))) {
            assertFalse(out.regular());
            write(out, "gone", 0);
            assertEquals("", out.keepPartial(4));
        }
    }
}
