package io.nfsdirect.worker;

import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Start-up phase timestamps of one process, for measuring where a short command spends its time.
 * With the environment variable {@code NFSDIRECT_PHASES=1}, each phase boundary prints one line
 * on stderr, the first time it is reached:
 * <pre>nfsdirect-phase NAME MILLIS</pre>
 * where MILLIS is the time since the JVM started, with one decimal. Benchmarks parse exactly this
 * format. The phases of a command, in the order they are reached:
 * <ul>
 *   <li>{@code main}: main() entered (the JVM is up and the main class loaded);</li>
 *   <li>{@code options}: the command line parsed;</li>
 *   <li>{@code system}: the command's actor system is up;</li>
 *   <li>{@code node}: its DirectIo and worker are ready to take requests;</li>
 *   <li>{@code mount}: the first MOUNT MNT answered (the first NFS round trip of the command);</li>
 *   <li>{@code resolve}: the first request's file found and checked (LOOKUP, ACCESS, FSINFO);</li>
 *   <li>{@code transfer}: the first request's data all moved (its completion came);</li>
 *   <li>{@code shutdown}: the actor system terminated;</li>
 *   <li>{@code exit}: just before the process exits.</li>
 * </ul>
 * A command that needs no node (stat, ls, --help) skips the phases it does not reach.
 *
 * <p>The JVM's start is taken from {@code NFSDIRECT_T0}, the launcher's clock just before it
 * started java (bash's {@code $EPOCHREALTIME}, seconds with microseconds): reading it costs
 * nothing. Without it (java -jar run directly), the JVM's own record of its start is used
 * (RuntimeMXBean, millisecond resolution); loading the management classes for it costs some
 * 40 ms, which then shows in every later phase.
 *
 * <p>When the variable is unset, {@link #mark} is one test of a constant: the JIT removes it.
 */
public final class Phases {

    /** Whether phases are printed; fixed for the process. */
    public static final boolean ENABLED = "1".equals(System.getenv("NFSDIRECT_PHASES"));

    private static final Set<String> REACHED = ConcurrentHashMap.newKeySet();
    /** Epoch nanoseconds of the JVM's start; computed on the first mark. */
    private static volatile long startEpochNanos = Long.MIN_VALUE;

    private Phases() {
    }

    /** Marks the phase boundary {@code name}; only its first mark prints. */
    public static void mark(String name) {
        if (ENABLED && REACHED.add(name)) {
            print(name);
        }
    }

    private static void print(String name) {
        Instant now = Instant.now();
        long nowNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        double millis = (nowNanos - startEpochNanos()) / 1e6;
        System.err.println(String.format(Locale.ROOT, "nfsdirect-phase %s %.1f", name, millis));
        System.err.flush();
    }

    private static long startEpochNanos() {
        long start = startEpochNanos;
        if (start == Long.MIN_VALUE) {
            start = launcherStart();
            if (start == Long.MIN_VALUE) {
                start = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime() * 1_000_000L;
            }
            startEpochNanos = start;
        }
        return start;
    }

    private static long launcherStart() {
        return epochNanos(System.getenv("NFSDIRECT_T0"));
    }

    /** {@code $EPOCHREALTIME} text ("1764620000.123456") in epoch nanoseconds, or MIN_VALUE when absent or bad. */
    static long epochNanos(String t0) {
        if (t0 == null || t0.isBlank()) {
            return Long.MIN_VALUE;
        }
        try {
            // Some locales print $EPOCHREALTIME with a decimal comma.
            return new java.math.BigDecimal(t0.trim().replace(',', '.')).movePointRight(9).longValue();
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }
}
