package io.nfsdirect.bench;

/**
 * One timed run of one contender.
 *
 * @param bytes        bytes moved
 * @param seconds      wall time
 * @param cpuSeconds   user + system CPU of the client (the child process, or this whole JVM for
 *                     in-process contenders); NaN when unknown
 * @param sysSeconds   the system (kernel) part of {@code cpuSeconds}; NaN when unknown
 * @param serverCpu    user + system CPU of NFS-Ganesha during the run; NaN when not measured
 * @param peakRssKiB   peak resident set of the client (the child, or this JVM-wide since the
 *                     last reset of its high-water mark); 0 when unknown
 * @param allocated    bytes allocated on the Java heap by this JVM's threads during the run; -1
 *                     for child processes
 */
public record Sample(long bytes, double seconds, double cpuSeconds, double sysSeconds, double serverCpu,
                     long peakRssKiB,
                     long allocated) {

    public static final double GIB = 1024.0 * 1024 * 1024;

    /** Decimal megabytes per second, as dd and fio print them. */
    public double mbPerSecond() {
        return bytes / 1e6 / seconds;
    }

    public double cpuPerGiB() {
        return cpuSeconds / (bytes / GIB);
    }

    /** Heap bytes allocated per byte moved: 1 means a fresh heap copy of every byte. NaN if unknown. */
    public double allocatedPerByte() {
        return allocated < 0 ? Double.NaN : (double) allocated / bytes;
    }

    /** Share of the client's CPU spent in the kernel (syscalls, socket copies). */
    public double sysShare() {
        return sysSeconds / cpuSeconds;
    }

    public double serverCpuPerGiB() {
        return serverCpu / (bytes / GIB);
    }
}
