package io.nfsdirect.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * read, write, cp and sum through the real jar against one NFS server. Subclasses name the server:
 * where a relative path lives as a URL, and as a local file of the export to check bytes with.
 * Transfer sizes are set small and odd so that every test crosses many chunk boundaries.
 */
abstract class CommandsContract {

    @TempDir
    Path local;

    /** The URL of {@code name} in this test class's directory on the server. */
    abstract String url(String name);

    /** The same file on the server's local disk. */
    abstract Path serverFile(String name);

    /** Whether a SETATTR of a symlink's mtime takes on this server. */
    boolean keepsLinkTimes() {
        return true;
    }

    static byte[] random(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private Path localFile(String name, byte[] bytes) throws Exception {
        Path p = local.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    @Test
    void writeThenReadIntoAFileAreByteExact() throws Exception {
        byte[] data = random(3 * 1024 * 1024 + 12345, 1);
        Path in = localFile("in.bin", data);
        Cli.ok(Cli.run("write", url("rw.bin"), "-i", in.toString(), "--wsize", "256k", "--quiet"));
        assertArrayEquals(data, Files.readAllBytes(serverFile("rw.bin")));

        Path out = local.resolve("out.bin");
        Cli.Result r = Cli.ok(Cli.run("read", url("rw.bin"), "-o", out.toString(), "--rsize", "256k", "--window", "4"));
        assertArrayEquals(data, Files.readAllBytes(out));
        assertEquals(0, r.stdout().length, "nothing on stdout: " + r.out());
        assertTrue(r.stderr().startsWith("read: " + data.length + " bytes"), r.stderr());
    }

    @Test
    void readToStdoutIsByteExactAndAloneOnStdout() throws Exception {
        byte[] data = random(5 * 1024 * 1024 + 777, 2);
        Files.write(serverFile("stdout.bin"), data);
        Cli.Result r = Cli.ok(Cli.run("read", url("stdout.bin"), "-o", "-", "--rsize", "128k", "--window", "8",
                "--stats"));
        assertEquals(data.length, r.stdout().length, r.stderr());
        assertArrayEquals(data, r.stdout());
        assertTrue(r.stderr().contains("direct bytes read     " + data.length), r.stderr());
    }

    @Test
    void sumEqualsTheSha256OfTheBytes() throws Exception {
        byte[] data = random(2 * 1024 * 1024 + 99, 3);
        Files.write(serverFile("sum.bin"), data);
        Cli.Result r = Cli.ok(Cli.run("sum", url("sum.bin"), "--rsize", "64k"));
        assertEquals(sha256(data) + "  " + url("sum.bin") + "\n", r.out());
    }

    @Test
    void jsonGivesARequestsBytesAndCostsAndAFailuresErrnoStatusAndOffset() throws Exception {
        byte[] data = random(1024 * 1024 + 321, 11);
        Files.write(serverFile("json.bin"), data);
        Path report = local.resolve("read.json");
        Cli.ok(Cli.run("read", url("json.bin"), "-o", local.resolve("json.out").toString(), "--rsize", "256k",
                "--quiet", "--json", report.toString()));
        JsonNode read = new ObjectMapper().readTree(report.toFile());
        assertTrue(read.get("ok").asBoolean(), read.toString());
        assertEquals("read", read.get("op").asText());
        assertEquals(url("json.bin"), read.get("source").asText());
        assertEquals(data.length, read.get("bytes").asLong(), read.toString());
        assertEquals(5, read.get("chunks").asInt(), read.toString());
        assertTrue(read.get("counters").get("rpcs").asLong() >= 5, read.toString());
        assertTrue(read.get("error").isNull(), read.toString());
        assertFalse(Files.exists(local.resolve("read.json.part")));

        // stdout is free in cp, so the report can go there, alone.
        Cli.Result cp = Cli.ok(Cli.run("cp", url("json.bin"), local.resolve("json.cp").toString(), "--quiet",
                "--json", "-"));
        JsonNode copied = new ObjectMapper().readTree(cp.stdout());
        assertEquals(data.length, copied.get("bytes").asLong(), cp.out());
        assertEquals(local.resolve("json.cp").toString(), copied.get("target").asText());

        Path sumReport = local.resolve("sum.json");
        Cli.Result sum = Cli.ok(Cli.run("sum", url("json.bin"), "--json", sumReport.toString()));
        assertEquals(sha256(data) + "  " + url("json.bin") + "\n", sum.out());
        assertEquals(sha256(data), new ObjectMapper().readTree(sumReport.toFile()).get("sha256").asText());
        Cli.Result mixed = Cli.run("sum", url("json.bin"), "--json", "-");
        assertEquals(2, mixed.exit(), mixed.describe());
        assertTrue(mixed.stderr().contains("give --json a file"), mixed.stderr());

        String missing = url("no-such-json.bin");
        Path failed = local.resolve("failed.json");
        Cli.Result r = Cli.run("read", missing, "-o", local.resolve("never").toString(), "--json", failed.toString());
        assertEquals(1, r.exit(), r.describe());
        JsonNode f = new ObjectMapper().readTree(failed.toFile());
        assertFalse(f.get("ok").asBoolean(), f.toString());
        assertEquals(1, f.get("exitStatus").asInt(), f.toString());
        assertEquals("ENOENT", f.get("error").get("errno").asText(), f.toString());
        assertEquals("NFS3ERR_NOENT", f.get("error").get("nfsStatus").asText(), f.toString());
        assertEquals(0, f.get("error").get("offset").asLong(), f.toString());
        assertEquals(r.stderr().strip(), "nfsdirect: " + f.get("error").get("message").asText());
    }

    @Test
    void aRangeAtOddOffsetsIsReadExactly() throws Exception {
        byte[] data = random(3 * 1024 * 1024, 4);
        Files.write(serverFile("range.bin"), data);
        Path out = local.resolve("range.out");
        Cli.ok(Cli.run("read", url("range.bin"), "--offset", "1000001", "--length", "777777", "-o", out.toString(),
                "--rsize", "64k", "--quiet"));
        assertArrayEquals(Arrays.copyOfRange(data, 1000001, 1000001 + 777777), Files.readAllBytes(out));
    }

    @Test
    void stdinIsWrittenAtAnOffsetStably() throws Exception {
        byte[] data = random(1024 * 1024 + 5, 5);
        Cli.ok(Cli.run(List.of(), data, "write", url("stdin.bin"), "-i", "-", "--offset", "1m", "--stable",
                "--wsize", "256k", "--quiet"));
        byte[] onServer = Files.readAllBytes(serverFile("stdin.bin"));
        assertEquals(1024 * 1024 + data.length, onServer.length);
        assertArrayEquals(new byte[1024 * 1024], Arrays.copyOf(onServer, 1024 * 1024));
        assertArrayEquals(data, Arrays.copyOfRange(onServer, 1024 * 1024, onServer.length));
    }

    @Test
    void cpBetweenLocalAndNfsInBothDirections() throws Exception {
        byte[] data = random(2 * 1024 * 1024 + 3, 6);
        Files.write(serverFile("cp-target.bin"), random(4 * 1024 * 1024, 7));
        Path in = localFile("cp-in.bin", data);
        Cli.ok(Cli.run("cp", in.toString(), url("cp-target.bin"), "--wsize", "512k", "--quiet"));
        // The longer old content is cut to the source's length, as cp(1) leaves it.
        assertArrayEquals(data, Files.readAllBytes(serverFile("cp-target.bin")));

        Path dir = Files.createDirectory(local.resolve("into"));
        Cli.ok(Cli.run("cp", url("cp-target.bin"), dir.toString(), "--quiet"));
        assertArrayEquals(data, Files.readAllBytes(dir.resolve("cp-target.bin")));
    }

    @Test
    void aMissingFileIsExitOneWithOneLineNamingTheFileOffsetAndCause() {
        String missing = url("no-such-file.bin");
        Cli.Result r = Cli.run("read", missing, "-o", local.resolve("x").toString());
        assertEquals(1, r.exit(), r.describe());
        assertEquals("nfsdirect: read " + missing + " at offset 0: No such file or directory (NFS3ERR_NOENT)\n",
                r.stderr());
        assertEquals(0, r.stdout().length);

        Cli.Result at = Cli.run("read", missing, "--offset", "1048576", "--length", "4096", "-o", "-");
        assertEquals(1, at.exit(), at.describe());
        assertEquals("nfsdirect: read " + missing + " at offset 1048576: No such file or directory (NFS3ERR_NOENT)\n",
                at.stderr());
        assertEquals(0, at.stdout().length);

        Cli.Result sum = Cli.run("sum", missing);
        assertEquals(1, sum.exit(), sum.describe());
        assertEquals("nfsdirect: sum " + missing + " at offset 0: No such file or directory (NFS3ERR_NOENT)\n",
                sum.stderr());

        Cli.Result write = Cli.run(List.of(), "x".getBytes(StandardCharsets.UTF_8), "write", missing, "-i", "-",
                "--no-create");
        assertEquals(1, write.exit(), write.describe());
        assertEquals("nfsdirect: write " + missing + " at offset 0: No such file or directory (NFS3ERR_NOENT)\n",
                write.stderr());
        assertFalse(Files.exists(serverFile("no-such-file.bin")));
    }

    @Test
    void anOutputThatCannotBeWrittenIsExitOneNamingItsOffsetAndErrno() throws Exception {
        Files.write(serverFile("to-full.bin"), random(3 * 1024 * 1024, 4));
        String url = url("to-full.bin");
        Cli.Result r = Cli.run("read", url, "-o", "/dev/full", "--rsize", "1m");
        assertEquals(1, r.exit(), r.describe());
        assertEquals("nfsdirect: read " + url + " at offset 0: writing /dev/full at offset 0: "
                + "No space left on device (ENOSPC)\n", r.stderr());
    }

    @Test
    void aReadThatFailsLeavesAnExistingOutputAsItWas() throws Exception {
        Path secret = serverFile("secret.bin");
        Files.write(secret, random(1024 * 1024, 12));
        Files.setPosixFilePermissions(secret, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        String url = url("secret.bin");
        String asStranger = url + (url.contains("?") ? "&" : "?") + "uid=12345&gid=12345";
        Path keep = localFile("keep.txt", "precious".getBytes(StandardCharsets.UTF_8));
        Cli.Result r = Cli.run("read", asStranger, "-o", keep.toString());
        assertEquals(1, r.exit(), r.describe());
        assertTrue(r.stderr().startsWith("nfsdirect: read " + asStranger + " at offset 0: Permission denied "
                + "(NFS3ERR_ACCES)"), r.stderr());
        // A server that refuses the file's attributes already fails the command before the output is
        // opened; where the refusal comes with the first READ, the line says what became of it.
        if (r.stderr().contains(";")) {
            assertTrue(r.stderr().endsWith("; " + keep + " was not changed\n"), r.stderr());
        }
        assertArrayEquals("precious".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(keep));
        assertFalse(Files.exists(local.resolve("keep.txt.part")), "no part for a read that read nothing");
    }

    @Test
    void aHugeLengthIsCutToTheFileAndAnOverflowIsEfbigBeforeAnythingIsOpened() throws Exception {
        byte[] data = random(300_000, 13);
        Files.write(serverFile("huge.bin"), data);
        String url = url("huge.bin");
        Cli.Result toStdout = Cli.ok(Cli.run("read", url, "--length", "8000000t", "-o", "-", "--rsize", "64k"));
        assertArrayEquals(data, toStdout.stdout());
        Path out = local.resolve("huge-copy.bin");
        Cli.ok(Cli.run("read", url, "--length", "100t", "-o", out.toString()));
        assertArrayEquals(data, Files.readAllBytes(out));
        Path none = local.resolve("never.bin");
        Cli.Result overflow = Cli.run("read", url, "--offset", "9223372036854775807", "--length", "1", "-o",
                none.toString());
        assertEquals(1, overflow.exit(), overflow.describe());
        assertEquals("nfsdirect: read " + url + " at offset 9223372036854775807: offset + length passes 2^63 - 1: "
                + "File too large (EFBIG)\n", overflow.stderr());
        assertFalse(Files.exists(none) || Files.exists(local.resolve("never.bin.part")), "nothing opened");
    }

    @Test
    void cpRecursiveMakesATreeEqualByContentModeMtimeAndLinks() throws Exception {
        Path source = serverFile("tree-cp");
        TestTrees.build(source, 21);
        Path copy = local.resolve("copy");
        Path json = local.resolve("cp.json");
        Cli.Result r = Cli.ok(Cli.run("cp", "-r", url("tree-cp"), copy.toString(), "--rsize", "64k", "--files", "8",
                "--json", json.toString()));
        Trees.Summary summary = TreeJson.read(json);
        String hardLink = summary.skipped().stream().filter(s -> s.reason().startsWith("a hard link to "))
                .map(Trees.Summary.Skip::path).findFirst().orElseThrow(() -> new AssertionError(r.stderr()));
        assertTrue(Set.of("deep/odd.bin", "deep/hard-link").contains(hardLink), hardLink);
        assertTrue(r.stderr().contains("nfsdirect: skipped fifo: a FIFO, not a regular file\n"), r.stderr());
        TestTrees.assertSameTree(source, copy, Set.of("fifo", hardLink));
        assertEquals(List.of(), TestTrees.named(copy, ".part"));
        assertEquals(2, summary.skipped().size(), r.stderr());
        assertEquals(List.of(), summary.failed());
        assertEquals(49, summary.counts().filesDone(), r.stderr());
        assertTrue(r.stderr().contains("cp -r: 49 files, "), r.stderr());

        // Into an existing directory, the copy lands under the source's name, as cp -r does it.
        Path into = Files.createDirectory(local.resolve("into"));
        Cli.ok(Cli.run("cp", "-r", url("tree-cp"), into.toString(), "--quiet", "--exclude", "many-*"));
        assertTrue(Files.isRegularFile(into.resolve("tree-cp/deep/er/across-chunks.bin")));
        assertEquals(List.of(), TestTrees.named(into, "many-0"), "--exclude left them out");
    }

    @Test
    void cpRecursiveNamesEachFileItCouldNotCopyAndCopiesTheRest() throws Exception {
        Path source = serverFile("tree-denied");
        TestTrees.build(source, 22);
        // The test's own directory on the server is private to its owner; the stranger must reach the tree.
        Files.setPosixFilePermissions(source.getParent(),
                java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        String url = url("tree-denied");
        String asStranger = url + (url.contains("?") ? "&" : "?") + "uid=12345&gid=12345";
        Path copy = local.resolve("denied");
        Cli.Result r = Cli.run("cp", "-r", asStranger, copy.toString(), "--rsize", "64k");
        assertEquals(1, r.exit(), r.describe());
        // deep/er is rwxr-x--- and deep/odd.bin rw-r----- (with its hard link): both the stranger's to miss.
        assertTrue(r.stderr().contains("nfsdirect: cp -r " + asStranger + ": list deep/er: Permission denied "
                + "(NFS3ERR_ACCES)\n"), r.stderr());
        assertTrue(r.stderr().matches("(?s).*nfsdirect: [^\\n]*deep/(odd\\.bin|hard-link)[^\\n]*: Permission denied "
                + "\\(NFS3ERR_ACCES\\)\\n.*"), r.stderr());
        assertTrue(r.stderr().contains("; 2 skipped, 2 failed;"), r.stderr());
        assertFalse(Files.exists(copy.resolve("deep/odd.bin")) || Files.exists(copy.resolve("deep/hard-link")));
        assertEquals(List.of(), TestTrees.named(copy, ".part"), "no part left of the file that failed");
        assertArrayEquals(Files.readAllBytes(source.resolve("données/ünïcode/fïlé.txt")),
                Files.readAllBytes(copy.resolve("données/ünïcode/fïlé.txt")));
    }

    @Test
    void sumRecursivePrintsASortedManifestThatSha256sumAccepts() throws Exception {
        Path source = serverFile("tree-sum");
        List<String> files = TestTrees.build(source, 23);
        Cli.Result r = Cli.ok(Cli.run("sum", "-r", url("tree-sum"), "--rsize", "64k", "--quiet"));
        List<String> lines = r.out().lines().toList();
        assertEquals(files.size(), lines.size(), r.out());
        List<String> names = lines.stream().map(l -> l.substring(l.indexOf("  ") + 2)).toList();
        List<String> sorted = new java.util.ArrayList<>(names);
        sorted.sort(Sha256sumFormat.ORDER);
        assertEquals(sorted, names, "sorted by path");
        assertTrue(lines.contains("\\" + sha256(Files.readAllBytes(source.resolve("new\nline"))) + "  new\\nline"),
                r.out());
        Path manifest = local.resolve("manifest");
        Files.write(manifest, r.stdout());
        Process check = new ProcessBuilder("sha256sum", "-c", "--strict", manifest.toString()).directory(source.toFile())
                .redirectErrorStream(true).start();
        String out = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, check.waitFor(), out);
        assertEquals(files.size(), out.lines().filter(l -> l.endsWith(": OK")).count(), out);

        // A changed byte is what the manifest is for.
        Path changed = source.resolve("deep/er/across-chunks.bin");
        byte[] bytes = Files.readAllBytes(changed);
        bytes[2_000_000] ^= 1;
        Files.write(changed, bytes);
        Process again = new ProcessBuilder("sha256sum", "-c", "--quiet", manifest.toString()).directory(source.toFile())
                .redirectErrorStream(true).start();
        String failed = new String(again.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, again.waitFor(), failed);
        assertTrue(failed.contains("deep/er/across-chunks.bin: FAILED"), failed);
    }

    @Test
    void verifyNamesAChangedByteAChangedMtimeAMissingFileAndAnExtraOne() throws Exception {
        Path copy = local.resolve("verified");
        verifyNamesEachDifference("tree-verify", 24, copy, copy.toString());
    }

    /** verify against {@code copyArg}, a local path or a URL, which is {@code copy} as the test sees it. */
    private void verifyNamesEachDifference(String name, long seed, Path copy, String copyArg) throws Exception {
        Path source = serverFile(name);
        TestTrees.build(source, seed);
        Cli.ok(Cli.run("cp", "-r", url(name), copyArg, "--quiet"));
        Cli.Result same = Cli.ok(Cli.run("verify", url(name), copyArg, "--rsize", "64k", "--quiet"));
        assertEquals("", same.out());

        Path changed = copy.resolve("deep/er/across-chunks.bin");
        FileTime mtime = Files.getLastModifiedTime(changed);
        byte[] bytes = Files.readAllBytes(changed);
        bytes[1_500_000] ^= 1;
        Files.write(changed, bytes);
        Files.setLastModifiedTime(changed, mtime);
        Files.setLastModifiedTime(copy.resolve("with space.txt"), FileTime.fromMillis(0));
        Files.delete(copy.resolve("données/ünïcode/fïlé.txt"));
        Files.writeString(copy.resolve("deep/extra.txt"), "not in the source");
        Cli.Result r = Cli.run("verify", url(name), copyArg, "--rsize", "64k", "--quiet");
        assertEquals(1, r.exit(), r.describe());
        // Removing and adding an entry changed its directory's mtime too: a difference of its own.
        List<String> lines = r.out().lines().map(l -> l.replaceFirst("^(deep|données/ünïcode): mtime .*", "$1: mtime"))
                .sorted().toList();
        assertEquals(List.of("deep/er/across-chunks.bin: content differs", "deep/extra.txt: extra here",
                "deep: mtime", "données/ünïcode/fïlé.txt: missing here", "données/ünïcode: mtime",
                "with space.txt: mtime " + Files.getLastModifiedTime(source.resolve("with space.txt")).toInstant()
                        .truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + " here 1970-01-01T00:00:00Z"), lines);

        // --no-data sees the metadata only: the changed byte goes unnoticed, as it says.
        Cli.Result metadata = Cli.run("verify", url(name), copyArg, "--no-data", "--quiet");
        assertEquals(1, metadata.exit(), metadata.describe());
        assertFalse(metadata.out().contains("content differs"), metadata.out());
        assertEquals(5, metadata.out().lines().count(), metadata.out());
    }

    @Test
    void syncCopiesOnlyWhatChangedAndDeleteRemovesTheExtra() throws Exception {
        Path copy = local.resolve("synced");
        syncCopiesOnlyWhatChanged("tree-sync", 25, copy, copy.toString(), true);
    }

    /** sync into {@code copyArg}, a local path or a URL, which is {@code copy} as the test sees it. */
    void syncCopiesOnlyWhatChanged(String name, long seed, Path copy, String copyArg, boolean linkTimes)
            throws Exception {
        Path source = serverFile(name);
        TestTrees.build(source, seed);
        Cli.ok(Cli.run("sync", url(name), copyArg, "--quiet"));
        TestTrees.assertSameTree(source, copy, Set.of("fifo", hardLinkSkipped(copy)), linkTimes);

        Files.write(source.resolve("deep/many-7"), random(5000, 99));
        Files.writeString(copy.resolve("extra.txt"), "only here");
        Object untouched = Files.getAttribute(copy.resolve("deep/odd.bin").toFile().exists()
                ? copy.resolve("deep/odd.bin") : copy.resolve("deep/hard-link"), "unix:ino");
        Cli.Result dry = Cli.ok(Cli.run("sync", url(name), copyArg, "--delete", "--dry-run", "--quiet"));
        assertEquals(List.of("deep/many-7", "extra.txt: extra here: would delete"),
                dry.out().lines().map(l -> l.startsWith("deep/many-7: ") ? "deep/many-7" : l).sorted().toList(),
                dry.out());
        assertTrue(Files.exists(copy.resolve("extra.txt")), "a dry run deletes nothing");

        Cli.Result kept = Cli.ok(Cli.run("sync", url(name), copyArg, "--quiet"));
        assertEquals(List.of("deep/many-7", "extra.txt: extra here"),
                kept.out().lines().map(l -> l.startsWith("deep/many-7: ") ? "deep/many-7" : l).sorted().toList(),
                kept.out());
        assertTrue(kept.out().contains("deep/many-7: size "), kept.out());
        assertTrue(kept.out().contains(": copied\n"), kept.out());
        assertArrayEquals(Files.readAllBytes(source.resolve("deep/many-7")), Files.readAllBytes(copy.resolve("deep/many-7")));
        Path odd = copy.resolve("deep/odd.bin").toFile().exists() ? copy.resolve("deep/odd.bin")
                : copy.resolve("deep/hard-link");
        assertEquals(untouched, Files.getAttribute(odd, "unix:ino"), "an unchanged file was copied again");

        // An excluded entry is kept, and so is the extra directory it lies in, as rsync keeps them.
        Files.createDirectories(copy.resolve("extra-dir/sub"));
        Files.writeString(copy.resolve("extra-dir/sub/kept.tmp"), "excluded");
        Files.writeString(copy.resolve("extra-dir/gone.txt"), "extra");
        Cli.Result deleted = Cli.ok(Cli.run("sync", url(name), copyArg, "--delete", "--exclude", "*.tmp", "--quiet"));
        assertEquals(List.of("extra-dir/gone.txt: extra here: deleted", "extra.txt: extra here: deleted"),
                deleted.out().lines().sorted().toList());
        assertFalse(Files.exists(copy.resolve("extra.txt")));
        assertTrue(Files.exists(copy.resolve("extra-dir/sub/kept.tmp")), "an excluded file is never deleted");
        Files.delete(copy.resolve("extra-dir/sub/kept.tmp"));
        Files.delete(copy.resolve("extra-dir/sub"));
        Files.delete(copy.resolve("extra-dir"));
        Cli.ok(Cli.run("verify", url(name), copyArg, "--quiet"));
    }

    @Test
    void syncDeletesNothingWhenAnEntryFailedAndItsDryRunSaysSo() throws Exception {
        Path source = serverFile("tree-sync-denied");
        TestTrees.build(source, 30);
        Files.setPosixFilePermissions(source.getParent(),
                java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        String url = url("tree-sync-denied");
        String asStranger = url + (url.contains("?") ? "&" : "?") + "uid=12345&gid=12345";
        Path copy = Files.createDirectory(local.resolve("sync-denied"));
        Path extra = Files.writeString(copy.resolve("extra.txt"), "only here");
        Cli.Result dry = Cli.run("sync", asStranger, copy.toString(), "--delete", "--dry-run", "--quiet");
        assertEquals(1, dry.exit(), dry.describe());
        assertTrue(dry.stderr().contains("failed, so nothing would be deleted (--delete)\n"), dry.stderr());
        assertTrue(dry.out().contains("extra.txt: extra here\n"), dry.out());
        assertFalse(dry.out().contains("would delete"), dry.out());
        Cli.Result r = Cli.run("sync", asStranger, copy.toString(), "--delete", "--quiet");
        assertEquals(1, r.exit(), r.describe());
        assertTrue(r.stderr().contains("failed, so nothing is deleted (--delete)\n"), r.stderr());
        assertTrue(Files.exists(extra), "nothing deleted after a failure");
        assertArrayEquals(Files.readAllBytes(source.resolve("with space.txt")),
                Files.readAllBytes(copy.resolve("with space.txt")), "what could be read was synced");
    }

    /** Which of the two names of the tree's hard-linked file a copy left out. */
    private static String hardLinkSkipped(Path copy) {
        return Files.exists(copy.resolve("deep/odd.bin")) ? "deep/hard-link" : "deep/odd.bin";
    }

    @Test
    void cpRecursiveFromNfsToNfsMakesAnEqualTreeThroughTheCopyPath() throws Exception {
        Path source = serverFile("tree-n2n");
        TestTrees.build(source, 26);
        Cli.Result r = Cli.ok(Cli.run("cp", "-r", url("tree-n2n"), url("tree-n2n-copy"), "--rsize", "64k",
                "--wsize", "64k"));
        String hardLink = r.stderr().contains("skipped deep/odd.bin: a hard link") ? "deep/odd.bin" : "deep/hard-link";
        TestTrees.assertSameTree(source, serverFile("tree-n2n-copy"), Set.of("fifo", hardLink), keepsLinkTimes());
        assertEquals(List.of(), TestTrees.named(serverFile("tree-n2n-copy"), ".part"));
        assertTrue(r.stderr().contains("cp -r: 49 files, "), r.stderr());
    }

    @Test
    void cpRecursiveFromALocalTreeToNfsMakesAnEqualTreeAndResumesWithoutCopyingAgain() throws Exception {
        Path source = local.resolve("local-tree");
        TestTrees.build(source, 27);
        Path job = local.resolve("l2n-job");
        Cli.Result r = Cli.ok(Cli.run("cp", "-r", source.toString(), url("tree-l2n"), "--rsize", "64k",
                "--wsize", "64k", "--job", job.toString()));
        Path copy = serverFile("tree-l2n");
        String hardLink = r.stderr().contains("skipped deep/odd.bin: a hard link") ? "deep/odd.bin" : "deep/hard-link";
        assertTrue(r.stderr().contains("nfsdirect: skipped fifo: a FIFO, not a regular file\n"), r.stderr());
        TestTrees.assertSameTree(source, copy, Set.of("fifo", hardLink), keepsLinkTimes());
        assertEquals(List.of(), TestTrees.named(copy, ".part"));
        assertTrue(r.stderr().contains("cp -r: 49 files, "), r.stderr());

        // Resumed after a source file changed: that file alone is copied again, the others keep their inode.
        Path kept = copy.resolve("deep/er/across-chunks.bin");
        Object inode = Files.getAttribute(kept, "unix:ino");
        Path changed = source.resolve("données/ünïcode/fïlé.txt");
        Files.writeString(changed, "changed since the first run\n");
        Cli.Result again = Cli.ok(Cli.run("cp", "-r", source.toString(), url("tree-l2n"), "--rsize", "64k",
                "--job", job.toString(), "--resume"));
        assertTrue(again.stderr().contains(": 48 file(s) already copied"), again.stderr());
        assertEquals(inode, Files.getAttribute(kept, "unix:ino"), "a finished file is not copied again");
        assertFalse(Files.exists(copy.resolve("local-tree")), "resumed into DST, not into DST/NAME");
        TestTrees.assertSameTree(source, copy, Set.of("fifo", hardLink), keepsLinkTimes());
    }

    @Test
    void cpRecursiveToNfsResumedSendsOnlyTheMissingPiecesOfABigFile() throws Exception {
        Path source = Files.createDirectories(local.resolve("pieces"));
        byte[] data = random(300_000, 31);
        Files.write(source.resolve("big.bin"), data);
        Files.writeString(source.resolve("small.txt"), "small");
        Path job = local.resolve("pieces-job");
        Cli.ok(Cli.run("cp", "-r", source.toString(), url("tree-pieces"), "--wsize", "64k", "--checkpoint", "64k",
                "--job", job.toString(), "--quiet"));
        Path journal = job.resolve(io.nfsdirect.coordinator.tree.TreeJournal.FILE);
        assertEquals(5, pieceLines(journal).size(), "300,000 bytes in pieces of 64 KiB");

        // As a run killed after its first three pieces leaves it: those journaled, the file not
        // finished, its part file holding nothing past them.
        long kept = 3 * 65536;
        List<String> cutShort = Files.readAllLines(journal).stream()
                .filter(l -> !(l.startsWith("done ") && l.endsWith(" big.bin")))
                .filter(l -> !l.startsWith("piece ") || Long.parseLong(l.split(" ")[3]) < kept).toList();
        Files.write(journal, cutShort);
        Path copy = serverFile("tree-pieces/big.bin");
        Path part = serverFile("tree-pieces/big.bin.part");
        Files.move(copy, part);
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(part,
                java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(kept);
        }
        Cli.Result r = Cli.ok(Cli.run("cp", "-r", source.toString(), url("tree-pieces"), "--wsize", "64k",
                "--checkpoint", "64k", "--job", job.toString(), "--resume"));
        assertArrayEquals(data, Files.readAllBytes(copy));
        assertFalse(Files.exists(part));
        assertTrue(r.stderr().contains(" " + (data.length - kept) + " bytes"), "only the two pieces missing were "
                + "sent: " + r.stderr());
        List<String> pieces = pieceLines(journal);
        assertEquals(5, pieces.size(), "each piece journaled once: " + pieces);
    }

    /** The journal's piece lines, {@code OFFSET PATH}. */
    private static List<String> pieceLines(Path journal) throws java.io.IOException {
        return Files.readAllLines(journal).stream().filter(l -> l.startsWith("piece "))
                .map(l -> l.split(" ", 6)).map(f -> f[3] + " " + f[5]).toList();
    }

    @Test
    void badUsageIsExitTwoWithOneLine() {
        for (String[] args : List.of(
                new String[] {"read", url("x.bin")},
                new String[] {"read", url("x.bin"), "-o", "-", "--rsize", "huge"},
                new String[] {"read", "nfs://", "-o", "-"},
                new String[] {"cp", "a", "b"})) {
            Cli.Result r = Cli.run(args);
            assertEquals(2, r.exit(), r.describe());
            assertTrue(r.stderr().startsWith("nfsdirect: "), r.stderr());
            assertEquals(1, r.stderr().strip().lines().count(), r.stderr());
            assertFalse(r.stderr().contains("\tat "), r.stderr());
        }
    }
}
