package io.nfsdirect.cli;

import picocli.CommandLine.Option;

/** The options of a command that reads (read, sum): the common ones and {@code --rsize}. */
class ReadOptions extends CommonOptions {

    @Option(names = "--rsize", paramLabel = "SIZE", converter = Sizes.IntConverter.class,
            description = "READ size per chunk, e.g. 1m (default: the server's preferred size up to 1m, at most its rtmax)")
    Integer rsize;

    @Override
    Integer rsize() {
        return rsize;
    }
}
