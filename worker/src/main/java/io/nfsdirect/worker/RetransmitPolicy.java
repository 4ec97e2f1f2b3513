package io.nfsdirect.worker;

import java.time.Duration;

/**
 * timeo/retrans as in nfs(5), with a fixed timeout per try: a call is sent at most
 * {@code retrans + 1} times, each waiting {@code timeo}, so it fails with ETIMEDOUT after about
 * {@code timeo * (retrans + 1)}. oncrpc4j waits forever for a call without a timeout, so every
 * call goes through this policy; none is sent without a timer.
 */
record RetransmitPolicy(Duration timeo, int retrans) {

    long timeoNanos() {
        return timeo.toNanos();
    }

    /** Whether a call already sent {@code transmissions} times may be sent once more. */
    boolean mayRetransmit(int transmissions) {
        return transmissions <= retrans;
    }

    /** How long a call may take over all its tries, reconnects included: {@code timeo × (retrans + 1)}. */
    long budgetNanos() {
        return timeo.toNanos() * (retrans + 1L);
    }

    String timeoutMessage(PendingCall<?> call) {
        int tries = call.transmissions();
        return call.describe() + " timed out after " + tries + (tries == 1 ? " try" : " tries")
                + " of " + timeo.toMillis() + " ms";
    }
}
