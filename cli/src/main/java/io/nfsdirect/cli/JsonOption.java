package io.nfsdirect.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --json FILE}: the command's summary also written as JSON, for scripts. A tree command
 * writes its {@link Trees.Summary}, a command of one request its {@link RequestReport}; a command
 * that fails as a whole (its request, or a tree's root it cannot reach) writes a report with
 * {@code ok} false. A FILE is written whole or not at all (as {@code FILE.part}, then renamed over it);
 * {@code -} is stdout, for the commands whose stdout carries nothing else.
 */
final class JsonOption {

    @Option(names = "--json", paramLabel = "FILE", description = "also write the summary as JSON to FILE "
            + "('-' for stdout), a failure's too")
    Path file;

    /** Refuses {@code -} where stdout carries the command's own output, as {@code why} says. */
    void refuseStdout(CommandLine cmd, String why) {
        if (file != null && file.toString().equals("-")) {
            throw new CommandLine.ParameterException(cmd, why + ": give --json a file");
        }
    }

    /**
     * Writes {@code summary} if --json was given.
     *
     * @throws CliException naming {@code op} and the file when it cannot be written
     */
    void write(Object summary, String op) {
        if (file == null) {
            return;
        }
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        try {
            if (file.toString().equals("-")) {
                mapper.writeValue(new NonClosing(System.out), summary);
                System.out.println();
                System.out.flush();
            } else {
                Path tmp = file.resolveSibling(file.getFileName() + ".part");
                mapper.writeValue(tmp.toFile(), summary);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw CliException.io(op + ": writing the JSON summary to " + file + ": " + Errors.message(e), e);
        }
    }

    /**
     * Writes the report of a request that failed with {@code failure}, which the caller then
     * throws: a JSON file that cannot be written is said on {@code err}, and the command still
     * ends with the request's own failure.
     */
    void writeFailure(String op, String source, String target, Exception failure, PrintWriter err) {
        try {
            write(RequestReport.failed(op, source, target, failure), op);
        } catch (CliException e) {
            err.println(Errors.PREFIX + e.getMessage());
            err.flush();
        }
    }

    /** stdout stays open for whatever the command prints after. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
