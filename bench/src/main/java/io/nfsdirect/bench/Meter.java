package io.nfsdirect.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * CPU and memory readings from /proc and the JVM, for measuring in-process contenders and the
 * server they talk to.
 */
public final class Meter {

    /** USER_HZ: the unit of utime/stime in /proc/PID/stat, 100 on every Linux this runs on. */
    private static final double CLOCK_TICKS = 100.0;

    private final OptionalLong serverPid;

    /** @param serverPid the NFS server process whose CPU is charged to the run, if any */
    public Meter(OptionalLong serverPid) {
        this.serverPid = serverPid;
    }

    /** User + system CPU seconds of every thread of this JVM so far. */
    public static double jvmCpuSeconds() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }

    /**
     * Heap bytes allocated so far by this JVM's live threads (HotSpot's per-thread TLAB and
     * outside-TLAB counters). Threads that end in between take their share with them, so a
     * difference is a lower bound; the threads doing I/O here are long-lived pools.
     */
    public static long allocatedBytes() {
        var threads = ManagementFactory.getThreadMXBean();
        if (threads instanceof com.sun.management.ThreadMXBean sun && sun.isThreadAllocatedMemoryEnabled()) {
            long total = 0;
            for (long b : sun.getThreadAllocatedBytes(sun.getAllThreadIds())) {
                total += Math.max(0, b);
            }
            return total;
        }
        return -1;
    }

    /** User + system CPU seconds of the server so far; NaN without one. */
    public double serverCpuSeconds() {
        return serverPid.isPresent() ? processCpuSeconds(serverPid.getAsLong()) : Double.NaN;
    }

    /** User + system CPU seconds of a process (all its threads) from /proc/PID/stat; NaN if gone. */
    public static double processCpuSeconds(long pid) {
        double[] t = userSys("/proc/" + pid + "/stat");
        return t[0] + t[1];
    }

    /** System (kernel) CPU seconds of this JVM so far, at clock-tick resolution; NaN if unknown. */
    public static double jvmSysSeconds() {
        return userSys("/proc/self/stat")[1];
    }

    private static double[] userSys(String statFile) {
        try {
            String stat = Files.readString(Path.of(statFile));
            // The command name (field 2) may hold spaces; the fields after its closing paren are fixed.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // f[0] is field 3 (state), so utime (field 14) is f[11] and stime (field 15) is f[12].
            return new double[] {Long.parseLong(f[11]) / CLOCK_TICKS, Long.parseLong(f[12]) / CLOCK_TICKS};
        } catch (IOException | RuntimeException e) {
            return new double[] {Double.NaN, Double.NaN};
        }
    }

    /**
     * Resets this process's peak-RSS mark (VmHWM) to the current RSS, so that a later
     * {@link #peakRssKiB()} covers only what ran in between. Needs Linux 4.0+; silently does
     * nothing elsewhere, leaving the peak since JVM start.
     */
    public static void resetPeakRss() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException | RuntimeException e) {
            // Best effort: the figure then means "peak since start", which is still an upper bound.
        }
    }

    /** This JVM's peak resident set (VmHWM) in KiB, 0 if unknown. */
    public static long peakRssKiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}
