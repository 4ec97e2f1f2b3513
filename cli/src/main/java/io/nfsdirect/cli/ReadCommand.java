package io.nfsdirect.cli;

import io.nfsdirect.protocol.Errno;
import io.nfsdirect.protocol.api.IoError;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** A parallel direct read of a range of an NFS file into a local file or stdout. */
@Command(name = "read", mixinStandardHelpOptions = true,
        description = {"Read a file with parallel direct READs, chunk by chunk.",
                "-o FILE writes each chunk at its own position as it arrives (FILE is pre-sized, then cut "
                        + "to what was read); -o - streams to stdout in file order through a reorder buffer "
                        + "bounded by the window.",
                "With --join the read runs on a cluster's worker nodes; the chunks come to this process. "
                        + "Ctrl-C cancels the request and waits for its chunks in flight before exiting (status 130)."})
final class ReadCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ReadOptions common;

    @Mixin
    ClusterOptions cluster;

    @Mixin
    JsonOption json;

    @Parameters(index = "0", paramLabel = "URL", description = "nfs://HOST[:PORT]/EXPORT/PATH")
    String url;

    @Option(names = "--offset", paramLabel = "N", converter = Sizes.Converter.class, defaultValue = "0",
            description = "where to start in the file (default: 0)")
    long offset;

    @Option(names = "--length", paramLabel = "N", converter = Sizes.Converter.class,
            description = "how much to read (default: to the end of the file)")
    Long length;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE|-",
            description = "where the bytes go; - for stdout. A file is written as FILE.part and renamed to FILE "
                    + "once complete; a failed or interrupted read leaves FILE as it was and FILE.part holding "
                    + "the bytes read from the start")
    String output;

    @Override
    public Integer call() throws Exception {
        common.validate();
        cluster.validate();
        Urls.parse(url);
        if (output.equals("-")) {
            json.refuseStdout(spec.commandLine(), "read -o - writes the data on stdout");
        }
        if (length != null && length > Long.MAX_VALUE - offset) {
            throw CliException.io(IoError.line("read " + url, offset, "offset + length passes 2^63 - 1: "
                    + Errno.EFBIG.message() + " (EFBIG)"), null);
        }
        Transfers.Outcome outcome;
        try (NodeSession session = NodeSession.start(common, cluster, spec.commandLine().getErr())) {
            // Cut to the file's size from the start: a huge --length plans no chunks past its end.
            long toEnd = Math.max(0, session.remote().size("read", url, offset) - offset);
            long count = length != null ? Math.min(length, toEnd) : toEnd;
            Transfers transfers = new Transfers(session);
            outcome = output.equals("-")
                    // Raw stdout: System.out would swallow a broken pipe, and nothing else may write there.
                    ? transfers.readToStream(url, offset, count, new FileOutputStream(FileDescriptor.out), "stdout")
                    : transfers.readToFile(url, offset, count, Path.of(output));
            if (!common.quiet) {
                spec.commandLine().getErr().println(outcome.summary());
            }
        } catch (Exception e) {
            json.writeFailure("read", url, output, e, spec.commandLine().getErr());
            throw e;
        }
        json.write(RequestReport.of(outcome, url, output, null), "read");
        return Errors.OK;
    }
}
