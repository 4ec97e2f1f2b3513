package io.nfsdirect.cli;

import io.nfsdirect.protocol.api.IoOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine;
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
                "-i - reads stdin, spooled to a temporary file first (in --spool DIR, else java.io.tmpdir): a direct "
                        + "write reads its source at positional offsets, in any order, and may resend a chunk.",
                "With --join the write runs on a cluster, and its source is read by the coordinator node, at the "
                        + "file's absolute path: FILE must be visible at that same path both here and there "
                        + "(shared storage, or the same host). So -i - with --join needs --spool DIR, a directory "
                        + "shared that way."})
final class WriteCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    WriteOptions common;

    @Mixin
    ClusterOptions cluster;

    @Mixin
    JsonOption json;

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

    @Option(names = "--spool", paramLabel = "DIR",
            description = "where -i - spools stdin (default: java.io.tmpdir); with --join it is required, and DIR "
                    + "must be visible at the same path on the coordinator node")
    Path spoolDir;

    @Override
    public Integer call() throws Exception {
        common.validate();
        cluster.validate();
        Urls.parse(url);
        if (input.equals("-") && cluster.joining() && spoolDir == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "-i - with --join needs --spool DIR: the "
                    + "coordinator node reads the source as a file at its path, so stdin is spooled first to a file "
                    + "in DIR, which must be visible at the same path on the coordinator node (shared storage)");
        }
        if (spoolDir != null && !Files.isDirectory(spoolDir)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--spool " + spoolDir
                    + " is not a directory");
        }
        Path spool = null;
        Transfers.Outcome outcome;
        try {
            Path source;
            if (input.equals("-")) {
                spool = spoolStdin(spoolDir);
                source = spool;
            } else {
                // Absolute: with --join it is read on the coordinator node, at this path.
                source = LocalFiles.regularFile("write " + url, input).toAbsolutePath();
            }
            long length = Files.size(source);
            IoOptions io = common.ioOptions().withStable(stable).withCreate(!noCreate);
            if (length == 0) {
                // A zero-length direct write sends no RPC, so it would not create the file either.
                try (RemoteFiles remote = new RemoteFiles(common.credentials, common.clientSettings())) {
                    if (noCreate) {
                        remote.stat("write", url, offset);
                    } else {
                        remote.create("write", url);
                    }
                }
                outcome = new Transfers.Outcome("write", 0, 0, 0);
            } else {
                try (NodeSession session = NodeSession.start(common, cluster, spec.commandLine().getErr())) {
                    outcome = new Transfers(session).write(url, offset, source, length, io);
                }
            }
        } catch (Exception e) {
            json.writeFailure("write", input, url, e, spec.commandLine().getErr());
            throw e;
        } finally {
            if (spool != null) {
                Files.deleteIfExists(spool);
            }
        }
        if (!common.quiet) {
            spec.commandLine().getErr().println(outcome.summary());
        }
        json.write(RequestReport.of(outcome, input, url, null), "write");
        return Errors.OK;
    }

    /** Copies stdin into a new file in {@code dir} (null: java.io.tmpdir), removed when the command ends. */
    private static Path spoolStdin(Path dir) throws IOException {
        Path spool = dir == null ? Files.createTempFile("nfsdirect-stdin-", ".spool")
                : Files.createTempFile(dir.toAbsolutePath(), "nfsdirect-stdin-", ".spool");
        spool.toFile().deleteOnExit();
        try (InputStream in = System.in) {
            Files.copy(in, spool, StandardCopyOption.REPLACE_EXISTING);
        }
        return spool;
    }
}
