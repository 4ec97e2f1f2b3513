package io.nfsdirect.cli;

import io.nfsdirect.server.NfsServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The training run behind the launcher's class-data archive (bin/nfsdirect): the everyday
 * commands, each run as a user runs it, against an embedded server on a temporary export, all
 * in this one JVM, so the archive holds the classes of a real command's whole life (picocli,
 * the node's start, MOUNT, LOOKUP, the transfers, the shutdown). Hidden: it is a build step.
 */
@Command(name = "train", hidden = true, description = "Exercise the commands once, for a class-data archive.")
final class TrainCommand implements Callable<Integer> {

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("nfsdirect-train-");
        Path export = TemporaryExport.prepare(Files.createDirectories(dir.resolve("export")));
        try (NfsServer server = NfsServer.builder().export(export).port(0).build().start()) {
            Path local = Files.createDirectories(dir.resolve("local"));
            Path source = local.resolve("source.bin");
            byte[] data = new byte[3 * 1024 * 1024 + 17];
            new java.util.Random(1).nextBytes(data);
            Files.write(source, data);
            String url = server.url("train.bin");
            List<String[]> commands = List.of(
                    new String[] {"write", url, "-i", source.toString(), "--wsize", "1m", "-q"},
                    new String[] {"read", url, "-o", local.resolve("out.bin").toString(), "-q"},
                    new String[] {"read", url, "-o", "/dev/null", "--stats"},
                    new String[] {"sum", url},
                    new String[] {"stat", url},
                    new String[] {"ls", server.url("")},
                    new String[] {"cp", url, local.resolve("copy.bin").toString(), "-q"},
                    new String[] {"--help"},
                    new String[] {"read", "--help"});
            for (String[] args : commands) {
                run(args);
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return Errors.OK;
    }

    /** One command in this JVM; its output is dropped, its failure fails the training. */
    private static void run(String... args) {
        StringWriter sink = new StringWriter();
        CommandLine cl = Main.newCommandLine();
        cl.setOut(new PrintWriter(sink));
        cl.setErr(new PrintWriter(sink));
        int status = cl.execute(args);
        if (status != Errors.OK) {
            throw new IllegalStateException("training run of " + String.join(" ", args) + " failed (" + status
                    + "): " + sink);
        }
    }
}
