package io.nfsdirect.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Access to the machine's external programs (NFS-Ganesha, rpcbind, libnfs's tools) for tests.
 *
 * <p>A missing program is an environment problem, not a code defect, so on a developer machine
 * the test is skipped with a reason that says what to install. On CI ({@code CI=true}, as GitHub
 * Actions and most CI systems set it) the same problem fails the test: CI is where these tests
 * must run, and a silent skip there would hide that the interoperability tests never ran.
 *
 * <p>Programs are looked up on {@code PATH} and in the sbin directories too, because Debian puts
 * {@code rpcbind} and {@code rpcinfo} in {@code /usr/sbin}, which is not on a non-root PATH.
 */
public final class ExternalTools {

    /** Debian packages that provide the programs the fixtures use, for the install hint. */
    private static final Map<String, String> DEBIAN_PACKAGES = Map.of(
            "ganesha.nfsd", "nfs-ganesha nfs-ganesha-vfs",
            "rpcbind", "rpcbind",
            "rpcinfo", "rpcbind",
            "nfs-cp", "libnfs-utils",
            "nfs-cat", "libnfs-utils",
            "nfs-ls", "libnfs-utils");

    private static final List<String> EXTRA_DIRS = List.of("/usr/sbin", "/sbin", "/usr/local/sbin");

    /**
     * Ports handed out by {@link #freePort()} in this JVM. The kernel may return a port again
     * as soon as the probing socket is closed, before the program it was meant for has bound it;
     * remembering them keeps two fixtures of one JVM from getting the same port.
     */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private ExternalTools() {
    }

    /** The outcome of one finished program run. */
    public record Result(List<String> command, int exitCode, byte[] stdout, String stderr) {

        public String stdoutText() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        public boolean ok() {
            return exitCode == 0;
        }

        /** One line for failure messages: the command, its exit code and its stderr. */
        public String describe() {
            return String.join(" ", command) + " exited with " + exitCode
                    + (stderr.isBlank() ? "" : "; stderr: " + stderr.strip());
        }
    }

    /** True when the environment says this is a CI run ({@code CI=true} or {@code CI=1}). */
    public static boolean onCi() {
        String ci = System.getenv("CI");
        return ci != null && (ci.equalsIgnoreCase("true") || ci.equals("1"));
    }

    /**
     * Ends the current test because the machine lacks something: fails it on CI, skips it
     * (with {@code reason} visible in the report) elsewhere. Never returns normally.
     */
    public static RuntimeException unavailable(String reason) {
        if (onCi()) {
            Assertions.fail(reason + " (CI=true, so this is a failure rather than a skip)");
        }
        Assumptions.abort(reason);
        throw new AssertionError("unreachable");
    }

    /** Where an executable lives, from PATH or the sbin directories; empty if nowhere. */
    public static Optional<Path> find(String executable) {
        if (executable.contains("/")) {
            Path p = Path.of(executable);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        Set<String> dirs = new LinkedHashSet<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(Arrays.asList(path.split(":")));
        }
        dirs.addAll(EXTRA_DIRS);
        for (String dir : dirs) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, executable);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Makes sure every executable is installed and returns the path of the first one.
     * Otherwise skips the test (or fails it on CI) with a message such as
     * {@code nfs-ganesha not installed (cannot find ganesha.nfsd on PATH or in the sbin directories):
     * apt-get install nfs-ganesha nfs-ganesha-vfs}.
     *
     * @param description what the programs are, as a person would name it ("nfs-ganesha", "libnfs tools")
     */
    public static Path requireTool(String description, String... executables) {
        if (executables.length == 0) {
            throw new IllegalArgumentException("no executable named for " + description);
        }
        Path first = null;
        List<String> missing = new ArrayList<>();
        Set<String> packages = new LinkedHashSet<>();
        for (String executable : executables) {
            Optional<Path> found = find(executable);
            if (found.isEmpty()) {
                missing.add(executable);
                String name = Path.of(executable).getFileName().toString();
                packages.add(DEBIAN_PACKAGES.getOrDefault(name, "<the package that provides " + name + ">"));
            } else if (first == null) {
                first = found.get();
            }
        }
        if (!missing.isEmpty()) {
            throw unavailable(description + " not installed (cannot find " + String.join(", ", missing)
                    + " on PATH or in the sbin directories): apt-get install " + String.join(" ", packages));
        }
        return first;
    }

    /**
     * A TCP port on 127.0.0.1 that was free a moment ago and was not handed out before in
     * this JVM. Another process can still take it before the caller binds it, so whoever
     * binds it must be ready to retry with another port.
     */
    public static int freePort() {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = socket.getLocalPort();
                if (HANDED_OUT.add(port)) {
                    return port;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot find a free TCP port on 127.0.0.1", e);
            }
        }
        throw new IllegalStateException("no unused free TCP port on 127.0.0.1 after 100 tries");
    }

    /** True if something accepts TCP connections on host:port right now. */
    public static boolean isListening(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Polls until host:port accepts a TCP connection or the timeout passes.
     *
     * @return true if it answered in time, false if not
     */
    public static boolean waitForPort(String host, int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (isListening(host, port)) {
                return true;
            }
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            sleep(Duration.ofMillis(20));
        }
    }

    /**
     * Runs a program to completion with stdin closed, capturing stdout (as bytes) and stderr.
     * A run that outlives {@code timeout} is killed with its children and fails the test with
     * what it printed so far, so a hung server cannot hang the build.
     */
    public static Result run(Duration timeout, List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
        }
        CompletableFuture<byte[]> out = drain(process.getInputStream(), command.get(0) + "-stdout");
        CompletableFuture<byte[]> err = drain(process.getErrorStream(), command.get(0) + "-stderr");
        boolean finished;
        try {
            finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        }
        if (!finished) {
            kill(process);
            String soFar = new String(await(err), StandardCharsets.UTF_8).strip();
            Assertions.fail(String.join(" ", command) + " did not finish within " + timeout.toSeconds()
                    + " s and was killed" + (soFar.isEmpty() ? "" : "; stderr: " + soFar));
        }
        return new Result(List.copyOf(command), process.exitValue(), await(out),
                new String(await(err), StandardCharsets.UTF_8));
    }

    /** {@link #run(Duration, List)} with varargs. */
    public static Result run(Duration timeout, String... command) {
        return run(timeout, List.of(command));
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads a stream to its end on its own thread, so a full pipe never blocks the program. */
    private static CompletableFuture<byte[]> drain(InputStream stream, String name) {
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try (stream) {
                result.complete(stream.readAllBytes());
            } catch (IOException | RuntimeException | OutOfMemoryError e) {
                result.completeExceptionally(e);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return result;
    }

    private static byte[] await(CompletableFuture<byte[]> future) {
        try {
            return future.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading a program's output", e);
        } catch (ExecutionException e) {
            throw new UncheckedIOException("cannot read a program's output",
                    e.getCause() instanceof IOException io ? io : new IOException(e.getCause()));
        } catch (TimeoutException e) {
            // A daemonized grandchild (rpcbind forks one) may hold the pipe open for good;
            // its output is not ours to wait for.
            return new byte[0];
        }
    }
}
