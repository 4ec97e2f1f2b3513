package io.nfsdirect.cli;

import io.nfsdirect.protocol.api.IoOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** A parallel direct write of a local file (or stdin) at an offset of an NFS file. */
@Command(name = "write", mixinStandardHelpOptions = true,
        description = {"Write a local file into an NFS file with parallel direct WRITEs, chunk by chunk; the "
                + "command ends once every byte is stable on the server (UNSTABLE + COMMIT, or FILE_SYNC with "
                + "--stable). The file is created unless --no-create; it is not truncated.",
                "-i - reads stdin, spooled to a temporary file in java.io.tmpdir first: a direct write reads "
                        + "its source at positional offsets, in any order, and may resend a chunk."})
final class WriteCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "URL", description = "nfs://HOST[:PORT]/EXPORT/PATH")
    String url;

    @Option(names = {"-i", "--input"}, required = true, paramLabel = "FILE|-",
            description = "the bytes to write; - for stdin")
    String input;

    @Option(names = "--offset", paramLabel = "N", converter = Sizes.Converter.class, defaultValue = "0",
            description = "where to write in the NFS file (default: 0)")
    long offset;

    @Option(names = "--stable", description = "every WRITE FILE_SYNC, instead of UNSTABLE and one COMMIT")
    boolean stable;

    @Option(names = "--no-create", description = "fail with ENOENT if the file does not exist")
    boolean noCreate;

    @Override
    public Integer call() throws Exception {
        common.validate();
        Urls.parse(url);
        Path spool = null;
        try {
            Path source;
            if (input.equals("-")) {
                spool = spoolStdin();
                source = spool;
            } else {
                source = LocalFiles.regularFile("write " + url, input);
            }
            long length = Files.size(source);
            IoOptions io = common.ioOptions().withStable(stable).withCreate(!noCreate);
            Transfers.Outcome outcome;
            if (length == 0) {
                // A zero-length direct write sends no RPC, so it would not create the file either.
                try (RemoteFiles remote = new RemoteFiles(common)) {
                    if (noCreate) {
                        remote.stat("write", url, offset);
                    } else {
                        remote.create("write", url);
                    }
                }
                outcome = new Transfers.Outcome("write", 0, 0, 0);
            } else {
                try (NodeSession session = NodeSession.start(common, spec.commandLine().getErr())) {
                    outcome = new Transfers(session).write(url, offset, source, length, io);
                }
            }
            if (!common.quiet) {
                spec.commandLine().getErr().println(outcome.summary());
            }
            return Errors.OK;
        } finally {
            if (spool != null) {
                Files.deleteIfExists(spool);
            }
        }
    }

    private static Path spoolStdin() throws IOException {
        Path spool = Files.createTempFile("nfsdirect-stdin-", ".spool");
        spool.toFile().deleteOnExit();
        try (InputStream in = System.in) {
            Files.copy(in, spool, StandardCopyOption.REPLACE_EXISTING);
        }
        return spool;
    }
}
