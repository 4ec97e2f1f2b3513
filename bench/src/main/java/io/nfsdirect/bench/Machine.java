package io.nfsdirect.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The one-line description of the machine and software a result was taken on. */
public final class Machine {

    private Machine() {
    }

    public static String describe() {
        return String.format(java.util.Locale.ROOT, "%d cores (%s), %s RAM, %s %s, Linux %s, %s; NFS-Ganesha %s, libnfs-utils %s",
                Runtime.getRuntime().availableProcessors(), cpuModel(), memory(),
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
                read("/proc/sys/kernel/osrelease"), os(), pkg("nfs-ganesha"), pkg("libnfs-utils"));
    }

    /** The 1, 5 and 15 minute load averages, as /proc/loadavg has them. */
    public static String load() {
        String[] f = read("/proc/loadavg").split(" ");
        return f.length >= 3 ? f[0] + " " + f[1] + " " + f[2] : "?";
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            return "?";
        }
        return "?";
    }

    private static String memory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kib = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return String.format(java.util.Locale.ROOT, "%.1f GiB", kib / 1024.0 / 1024.0);
                }
            }
        } catch (IOException | RuntimeException e) {
            return "?";
        }
        return "?";
    }

    private static String os() {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
                if (line.startsWith("PRETTY_NAME=")) {
                    return line.substring(12).replace("\"", "");
                }
            }
        } catch (IOException e) {
            return "?";
        }
        return "?";
    }

    private static String read(String path) {
        try {
            return Files.readString(Path.of(path)).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    private static String pkg(String name) {
        try {
            Process p = new ProcessBuilder(List.of("dpkg-query", "-W", "-f", "${Version}", name))
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : "?";
        } catch (IOException e) {
            return "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }
}
