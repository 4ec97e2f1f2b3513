package io.nfsdirect.cli;

import picocli.CommandLine.Option;

/** The options of a command that writes (write): the common ones and {@code --wsize}. */
final class WriteOptions extends CommonOptions {

    @Option(names = "--wsize", paramLabel = "SIZE", converter = Sizes.IntConverter.class,
            description = CopyOptions.WSIZE)
    Integer wsize;

    @Override
    Integer wsize() {
        return wsize;
    }
}
