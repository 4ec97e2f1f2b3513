package io.nfsdirect.cli;

import picocli.CommandLine.Option;

/** {@code --debug}: DEBUG logs on stderr, and a stack trace after an error's line. */
final class DebugOption {

    boolean debug;

    @Option(names = "--debug", description = "log at DEBUG on stderr, and print stack traces with errors")
    void setDebug(boolean value) {
        debug = value;
        Logging.configure(value);
    }
}
