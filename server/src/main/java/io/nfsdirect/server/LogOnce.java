package io.nfsdirect.server;

import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;

/**
 * A warning that is worth seeing once per server, not once per request: a misbehaving client
 * can send thousands of bad requests a second, and a log line (or a stack trace) per request
 * would turn that into a disk-filling problem. Later occurrences go to debug.
 */
final class LogOnce {

    private final Logger log;
    private final AtomicBoolean warned = new AtomicBoolean();

    LogOnce(Logger log) {
        this.log = log;
    }

    void warn(String format, Object... args) {
        if (warned.compareAndSet(false, true)) {
            log.warn(format + " (further occurrences are logged at debug level)", args);
        } else if (log.isDebugEnabled()) {
            log.debug(format, args);
        }
    }
}
