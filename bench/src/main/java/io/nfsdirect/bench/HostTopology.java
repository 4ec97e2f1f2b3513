package io.nfsdirect.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Separate hosts on this machine, made by {@code bin/netns-hosts}: each host a network namespace
 * with its own shaped link. Holds the long-running processes started in them (servers, nodes),
 * and on close stops those and removes every namespace.
 */
final class HostTopology implements AutoCloseable {

    private static final Duration TOOL = Duration.ofSeconds(60);

    private final Path script;
    private final String prefix;
    private final Path logs;
    private final Map<String, String> address = new LinkedHashMap<>();
    private final Map<String, Process> processes = new LinkedHashMap<>();

    private HostTopology(Path script, String prefix, Path logs) {
        this.script = script;
        this.prefix = prefix;
        this.logs = logs;
    }

    /**
     * Makes the hosts, in order: each spec is {@code NAME} or {@code NAME=RATE}, as
     * {@code bin/netns-hosts up} takes them. A topology left by an earlier run with the same
     * prefix is removed first.
     */
    static HostTopology up(Path repo, String prefix, List<String> hostSpecs, Path logs) throws IOException,
            InterruptedException {
        HostTopology t = new HostTopology(repo.resolve("bin/netns-hosts"), prefix, logs);
        t.tool("down");
        List<String> up = new ArrayList<>(List.of("up"));
        up.addAll(hostSpecs);
        t.tool(up.toArray(String[]::new));
        for (String spec : hostSpecs) {
            String host = spec.contains("=") ? spec.substring(0, spec.indexOf('=')) : spec;
            t.address.put(host, t.tool("addr", host).strip());
        }
        return t;
    }

    String address(String host) {
        return address.get(host);
    }

    /** {@code command}, run inside {@code host}'s namespace. */
    List<String> in(String host, List<String> command) {
        List<String> all = new ArrayList<>(List.of(script.toString(), "exec", "--prefix", prefix, host));
        all.addAll(command);
        return all;
    }

    /** Starts a long-running {@code command} in {@code host}, with its output in {@code logs/name.log}. */
    Process start(String name, String host, List<String> command, Map<String, String> env) throws IOException,
            InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(in(host, command)).redirectErrorStream(true)
                .redirectOutput(log(name).toFile()).redirectInput(new File("/dev/null"));
        pb.environment().putAll(env);
        Process p = pb.start();
        Process old = processes.put(name, p);
        if (old != null) {
            stop(old);
        }
        return p;
    }

    Path log(String name) {
        return logs.resolve(name + ".log");
    }

    String logText(String name) throws IOException {
        return Files.readString(log(name), StandardCharsets.ISO_8859_1);
    }

    /** kill -9 of a process started here. */
    void kill(String name) throws InterruptedException {
        Process p = processes.remove(name);
        if (p != null) {
            stop(p);
        }
    }

    /** Bytes {@code host}'s link has received so far. */
    long received(String host) throws IOException, InterruptedException {
        return Long.parseLong(tool("bytes", host).strip().split(" ")[0]);
    }

    private static void stop(Process p) throws InterruptedException {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
    }

    private String tool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(script.toString(), args[0], "--prefix", prefix));
        command.addAll(List.of(args).subList(1, args.length));
        Path out = Files.createTempFile("bench-netns-", ".out");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(TOOL.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within " + TOOL.toSeconds() + " s");
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " exited with " + p.exitValue() + ": " + text.strip());
            }
            return text;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        try {
            for (Process p : processes.values()) {
                stop(p);
            }
            processes.clear();
        } finally {
            tool("down");
        }
    }
}
