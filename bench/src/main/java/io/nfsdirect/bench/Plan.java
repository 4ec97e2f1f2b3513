package io.nfsdirect.bench;

/**
 * How big and how long a benchmark run is: the full run, or the quick smoke run that must finish
 * in a few minutes on a two-core machine.
 *
 * @param quick          the smoke run
 * @param readBytes      size of the file every reader reads whole
 * @param writeBytes     size of the file every writer uploads
 * @param reps           timed repetitions of each contender, round-robin
 * @param latencyCount   4 KiB requests timed per path
 * @param latencyWarmUp  untimed 4 KiB requests before them
 * @param windows        sweep: chunks in flight
 * @param connections    sweep: TCP connections per server
 * @param rsizes         sweep: READ sizes
 * @param sweepBytes     sweep: bytes read per point
 * @param sweepReps      sweep: repetitions per point
 * @param sizes          file-size sweep: lengths read by a cold {@code -Xmx256m} child JVM
 * @param startupReps    start-up race (1-byte read, {@code java -version}, nfs-cat): repetitions
 */
public record Plan(boolean quick, long readBytes, long writeBytes, int reps, int latencyCount, int latencyWarmUp,
                   int[] windows, int[] connections, int[] rsizes, long sweepBytes, int sweepReps, long[] sizes,
                   int startupReps) {

    static final long MIB = 1L << 20;
    static final long GIB = 1L << 30;

    /** Defaults of the actor path's settings, used where a contender is not being swept. */
    static final int WINDOW = 16;
    static final int CONNECTIONS = 2;
    static final int RSIZE = (int) MIB;
    /** nfs-client-java's reader threads, each with a 1 MiB buffer. */
    static final int EMC_THREADS = 4;
    static final String PROBE_HEAP = "256m";

    public static Plan fullRun() {
        return new Plan(false, 4 * GIB, GIB, 5, 10_000, 1_000,
                new int[] {1, 4, 16, 64}, new int[] {1, 2, 4}, new int[] {64 * 1024, 256 * 1024, (int) MIB},
                GIB, 1, new long[] {256 * MIB, 512 * MIB, GIB, 2 * GIB, 4 * GIB}, 11);
    }

    public static Plan quickRun() {
        return new Plan(true, 256 * MIB, 128 * MIB, 3, 1_000, 200,
                new int[] {1, 4, 16, 64}, new int[] {1, 2, 4}, new int[] {(int) MIB},
                64 * MIB, 1, new long[] {64 * MIB, 128 * MIB, 256 * MIB}, 3);
    }

    public Plan withReps(int n) {
        return new Plan(quick, readBytes, writeBytes, n, latencyCount, latencyWarmUp, windows, connections, rsizes,
                sweepBytes, sweepReps, sizes, startupReps);
    }

    public String describe() {
        return (quick ? "quick" : "full") + " run: read file " + human(readBytes) + ", write file " + human(writeBytes)
                + ", " + reps + " repetitions per contender (round-robin), latency over " + latencyCount
                + " requests, sweep " + human(sweepBytes) + " per point, start-up race " + startupReps + " repetitions";
    }

    static String human(long bytes) {
        if (bytes >= GIB && bytes % GIB == 0) {
            return (bytes / GIB) + " GiB";
        }
        if (bytes >= MIB && bytes % MIB == 0) {
            return (bytes / MIB) + " MiB";
        }
        return (bytes >> 10) + " KiB";
    }
}
