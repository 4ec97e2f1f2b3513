package io.nfsdirect.cli;

import picocli.CommandLine.Option;

/** The options of a command that reads and writes (cp, demo): the common ones, {@code --rsize} and {@code --wsize}. */
final class CopyOptions extends ReadOptions {

    static final String WSIZE = "WRITE size per chunk (default: the server's preferred size up to 1m, at most "
            + "its wtmax)";

    @Option(names = "--wsize", paramLabel = "SIZE", converter = Sizes.IntConverter.class, description = WSIZE)
    Integer wsize;

    @Override
    Integer wsize() {
        return wsize;
    }
}
