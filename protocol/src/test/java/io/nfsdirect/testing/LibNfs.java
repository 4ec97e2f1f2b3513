package io.nfsdirect.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Assertions;

/**
 * libnfs 4.0's command-line tools (Debian {@code libnfs-utils}) as an independent NFSv3 client:
 * to check what our client wrote, to prepare what it reads, and to check our server from the
 * outside. Every run has a timeout, so a hung server fails the test instead of the build.
 *
 * <p>What the tools accept, as checked against Debian's 4.0.0 build:
 * <ul>
 * <li>URLs are {@code nfs://HOST/PATH?nfsport=N&mountport=M&version=3}. A port in the
 *   authority ({@code nfs://HOST:N/...}) is rejected as an unresolvable address, hence
 *   {@link GaneshaServer#libnfsUrl(String)} beside {@link GaneshaServer#url(String)}.</li>
 * <li>They do not ask which export a path belongs to: {@code nfs-ls} mounts its whole path;
 *   {@code nfs-cat} and {@code nfs-cp} mount the parent directory of the file. So the path must
 *   be an export or a directory below one (a server must allow MNT of subdirectories, as
 *   Ganesha and this project's server do); a file URL given to {@code nfs-ls} fails to mount.</li>
 * <li>{@code nfs-cp SRC DST}, either side a local path or a URL. It creates DST exclusively and
 *   fails (exit 10) when DST exists, local or remote (NFS3ERR_EXIST): it never overwrites.</li>
 * <li>{@code nfs-cat URL} writes the file to stdout; a missing file exits 10.</li>
 * <li>{@code nfs-ls [-R] URL} prints one line per entry,
 *   {@code MODE NLINK UID GID SIZE NAME}, without "." and "..".</li>
 * <li>A failed mount or connection exits with 243 or 255 (as seen). Messages go to stderr.</li>
 * <li>They speak AUTH_SYS as the calling user (root here).</li>
 * </ul>
 */
public final class LibNfs {

    /** Long enough for a gigabyte over loopback on a loaded two-core machine. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

    private LibNfs() {
    }

    /** The whole content of the file at {@code url}; fails the test if nfs-cat fails. */
    public static byte[] cat(String url) {
        return checked(run(DEFAULT_TIMEOUT, "nfs-cat", url)).stdout();
    }

    /**
     * Copies {@code source} to {@code destination}, each a local path or an nfs:// URL. The
     * destination must not exist yet (nfs-cp never overwrites). Fails the test if nfs-cp fails.
     */
    public static void cp(String source, String destination) {
        checked(run(DEFAULT_TIMEOUT, "nfs-cp", source, destination));
    }

    /** nfs-ls's lines for the directory at {@code url} ({@code MODE NLINK UID GID SIZE NAME}). */
    public static List<String> ls(String url) {
        List<String> lines = new ArrayList<>();
        checked(run(DEFAULT_TIMEOUT, "nfs-ls", url)).stdoutText().lines()
                .filter(line -> !line.isBlank())
                .forEach(lines::add);
        return lines;
    }

    /** Only the entry names of {@link #ls(String)}. */
    public static List<String> names(String url) {
        List<String> names = new ArrayList<>();
        for (String line : ls(url)) {
            String[] fields = line.trim().split("\\s+", 6);
            if (fields.length == 6) {
                names.add(fields[5]);
            }
        }
        return names;
    }

    /**
     * Runs one of the tools ({@code "nfs-cat"}, {@code "nfs-cp"}, {@code "nfs-ls"}) and returns
     * its result whatever the exit code, for tests that expect a failure.
     */
    public static ExternalTools.Result run(Duration timeout, String tool, String... arguments) {
        String executable = ExternalTools.requireTool("libnfs tools", tool).toString();
        List<String> command = new ArrayList<>();
        command.add(executable);
        command.addAll(List.of(arguments));
        return ExternalTools.run(timeout, command);
    }

    private static ExternalTools.Result checked(ExternalTools.Result result) {
        if (!result.ok()) {
            Assertions.fail(result.describe());
        }
        return result;
    }
}
