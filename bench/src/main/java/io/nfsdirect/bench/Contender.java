package io.nfsdirect.bench;

/** One way of moving the benchmark's bytes, run once per repetition. */
public interface Contender extends AutoCloseable {

    /** Short stable name used in tables and the JSON-free text output, e.g. "libnfs". */
    String key();

    /** What it is, for the table. */
    String label();

    /** Runs once untimed (JIT, connections, caches); child processes need none. */
    default void warmUp() throws Exception {
    }

    /** One timed run; {@code rep} numbers them from 0 so writers can pick fresh file names. */
    Sample run(int rep) throws Exception;

    /** Releases what the contender holds (clients, threads); never throws. */
    @Override
    default void close() {
    }
}
