package io.nfsdirect.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the shaded jar as a real process, the way users run {@code bin/nfsdirect}: separate JVM,
 * real stdin, stdout and stderr, real exit status. The jar's path comes from the
 * {@code nfsdirect.jar} system property that the failsafe configuration sets.
 */
final class Cli {

    static final Duration TIMEOUT = Duration.ofSeconds(180);

    private Cli() {
    }

    /** A finished run. */
    record Result(List<String> command, int exit, byte[] stdout, String stderr) {

        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        String describe() {
            return String.join(" ", command) + " -> exit " + exit + "; stderr: " + stderr.strip();
        }
    }

    static Path jar() {
        Path jar = Path.of(System.getProperty("nfsdirect.jar", "target/nfsdirect.jar"));
        assertTrue(Files.isRegularFile(jar), "the shaded jar " + jar.toAbsolutePath()
                + " is missing: run the integration tests through 'mvn verify'");
        return jar;
    }

    static List<String> command(List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(List.of(args));
        return command;
    }

    static Result run(String... args) {
        return run(List.of(), null, args);
    }

    /** Runs to completion; {@code stdin} (may be null) is fed to the process and then closed. */
    static Result run(List<String> jvmOptions, byte[] stdin, String... args) {
        return runCommand(command(jvmOptions, args), stdin);
    }

    /** Runs {@code command} (one of {@link #command}, maybe wrapped) as {@link #run} does. */
    static Result runCommand(List<String> command, byte[] stdin) {
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        CompletableFuture<byte[]> out = drain(process.getInputStream());
        CompletableFuture<byte[]> err = drain(process.getErrorStream());
        CompletableFuture.runAsync(() -> {
            try (OutputStream in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin);
                }
            } catch (IOException e) {
                // The process may exit without reading its stdin; its exit status tells.
            }
        });
        try {
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                fail(String.join(" ", command) + " did not finish within " + TIMEOUT.toSeconds() + " s; stderr: "
                        + new String(err.getNow(new byte[0]), StandardCharsets.UTF_8));
            }
            return new Result(command, process.exitValue(), out.get(30, TimeUnit.SECONDS),
                    new String(err.get(30, TimeUnit.SECONDS), StandardCharsets.UTF_8));
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("running " + command + " failed", e);
        }
    }

    /** Starts a long-running command (serve); the caller reads its output and stops it. */
    static Process start(String... args) {
        try {
            return new ProcessBuilder(command(List.of(), args)).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CompletableFuture<byte[]> drain(InputStream stream) {
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try (stream) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                stream.transferTo(bytes);
                result.complete(bytes.toByteArray());
            } catch (IOException e) {
                result.completeExceptionally(e);
            }
        }, "cli-output");
        t.setDaemon(true);
        t.start();
        return result;
    }

    /** Asserts success and returns the result. */
    static Result ok(Result r) {
        if (r.exit() != 0) {
            fail(r.describe());
        }
        return r;
    }
}
