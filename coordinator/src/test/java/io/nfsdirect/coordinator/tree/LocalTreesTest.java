package io.nfsdirect.coordinator.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nfsdirect.protocol.nfs3.Fattr3;
import io.nfsdirect.protocol.nfs3.Nfs3;
import io.nfsdirect.protocol.nfs3.NfsTime3;
import io.nfsdirect.protocol.nfs3.Specdata3;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a local copy is compared with its source: the differences named, and what is extra. */
class LocalTreesTest {

    @TempDir
    Path dir;

    private static Fattr3 file(long size, int mode, int mtime) {
        return new Fattr3(Nfs3.NF3REG, mode, 1, 0, 0, size, size, new Specdata3(), 1, 2, new NfsTime3(mtime, 0),
                new NfsTime3(mtime, 5), new NfsTime3(mtime, 0));
    }

    private Fattr3 local(String name, int size, String mode, long mtime) throws Exception {
        Path p = dir.resolve(name);
        Files.write(p, new byte[size]);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
        Files.setLastModifiedTime(p, FileTime.fromMillis(mtime * 1000 + 999));
        return LocalAttributes.of(p);
    }

    @Test
    void anEqualFileHasNoDifferenceToTheSecond() throws Exception {
        assertEquals(List.of(), CopyDifferences.of(file(10, 0640, 1_600_000_000), local("a", 10, "rw-r-----",
                1_600_000_000)));
        assertTrue(CopyDifferences.sameSizeAndMtime(file(10, 0640, 1_600_000_000), local("b", 10, "rw-r-----",
                1_600_000_000)));
    }

    @Test
    void sizeModeAndMtimeAreEachNamedSourceFirst() throws Exception {
        assertEquals(List.of("size 10 here 11", "mode 0640 here 0644", "mtime 2020-09-13T12:26:40Z here "
                        + "2020-09-13T12:26:41Z"),
                CopyDifferences.of(file(10, 0640, 1_600_000_000), local("c", 11, "rw-r--r--", 1_600_000_001)));
        assertEquals(List.of("type file here directory"), CopyDifferences.of(file(0, 0644, 1),
                LocalAttributes.of(Files.createDirectory(dir.resolve("d")))));
    }

    @Test
    void aLocalEntryIsDescribedAsLstatSeesIt() throws Exception {
        Path target = Files.writeString(dir.resolve("target"), "12345");
        Path link = Files.createSymbolicLink(dir.resolve("link"), target);
        Fattr3 l = LocalAttributes.of(link);
        assertEquals(Nfs3.NF3LNK, l.type, "a symlink is described, not followed");
        Fattr3 t = LocalAttributes.of(target);
        assertEquals(Nfs3.NF3REG, t.type);
        assertEquals(5, t.size);
        assertEquals(Files.getAttribute(target, "unix:ino"), t.fileid);
        assertEquals(Nfs3.NF3FIFO, LocalAttributes.type(0010644));
        assertEquals(Nfs3.NF3DIR, LocalAttributes.type(0040755));
    }

    @Test
    void extrasAreWhatTheSourceDidNotHaveDeepestFirstExceptWhatTheFilterOrAFailureCovers() throws Exception {
        Files.createDirectories(dir.resolve("kept/sub"));
        Files.writeString(dir.resolve("kept/a"), "a");
        Files.writeString(dir.resolve("kept/b.tmp"), "b");
        Files.createDirectories(dir.resolve("gone/x/y"));
        Files.writeString(dir.resolve("gone/x/y/z"), "z");
        Files.createDirectories(dir.resolve("also-gone/sub"));
        Files.writeString(dir.resolve("also-gone/sub/kept.tmp"), "excluded, so protected");
        Files.writeString(dir.resolve("also-gone/sub/f"), "f");
        Files.createDirectories(dir.resolve("unread/inside"));
        Files.writeString(dir.resolve("unread/inside/f"), "f");
        Files.createSymbolicLink(dir.resolve("link"), Path.of("/etc"));
        Set<String> seen = Set.of("kept", "kept/sub", "unread");
        List<String> extras = LocalExtras.find(dir, seen, Set.of("unread"),
                TreeFilter.of(List.of("*.tmp"), List.of(), true));
        assertEquals(Set.of("kept/a", "gone/x/y/z", "gone/x/y", "gone/x", "gone", "link", "also-gone/sub/f"),
                Set.copyOf(extras), "an excluded file keeps itself and the directories it lies in");
        assertTrue(extras.indexOf("gone/x/y/z") < extras.indexOf("gone/x/y")
                && extras.indexOf("gone/x/y") < extras.indexOf("gone"), extras.toString());
        assertEquals(List.of(), LocalExtras.find(dir, Set.of(), Set.of(""), TreeFilter.defaults()),
                "a root that could not be walked has no extras");
    }
}
