package io.nfsdirect.cli;

import io.nfsdirect.protocol.NfsException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine;

/**
 * How failures reach the user: one line on stderr, {@code nfsdirect: <what failed>: <why>}, and
 * an exit status (0 success, 1 an I/O error, 2 bad usage). A stack trace follows only with
 * {@code --debug}.
 */
public final class Errors {

    public static final int OK = 0;
    public static final int IO_ERROR = 1;
    public static final int USAGE = 2;

    static final String PREFIX = "nfsdirect: ";

    private Errors() {
    }

    /** The line to print for a failure, without the prefix. */
    public static String message(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof CliException || t instanceof NfsException) {
            return t.getMessage();
        }
        if (t instanceof NoSuchFileException e) {
            return e.getFile() + ": No such file or directory";
        }
        if (t instanceof AccessDeniedException e) {
            return e.getFile() + ": Permission denied";
        }
        if (t instanceof FileSystemException e) {
            return e.getFile() + ": " + (e.getReason() == null ? e.getClass().getSimpleName() : e.getReason());
        }
        if (t instanceof IOException && t.getMessage() != null) {
            return t.getMessage();
        }
        return t.getMessage() == null ? t.toString() : t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    /** The exit status for a failure. */
    public static int exitCode(Throwable failure) {
        Throwable t = unwrap(failure);
        if (t instanceof CliException e) {
            return e.exitCode();
        }
        if (t instanceof CommandLine.ParameterException) {
            return USAGE;
        }
        return IO_ERROR;
    }

    /** Picocli's hook for bad usage: one line naming the problem and where help is. */
    static int onParameterError(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        String help = cl.getCommandSpec().qualifiedName(" ");
        String first = args.length == 0 ? "" : args[0];
        if (e instanceof CommandLine.UnmatchedArgumentException && cl.getParent() == null && !first.startsWith("-")) {
            // The first word is no command's name: say that, and which names there are.
            err.println(PREFIX + "unknown command '" + first + "'; the commands are "
                    + String.join(", ", cl.getSubcommands().keySet().stream()
                            .filter(name -> !cl.getSubcommands().get(name).getCommandSpec().usageMessage().hidden())
                            .toList())
                    + " (see '" + help + " --help')");
            err.flush();
            return USAGE;
        }
        err.println(PREFIX + firstLine(e.getMessage()) + " (see '" + help + " --help')");
        if (Logging.debug()) {
            e.printStackTrace(err);
        }
        err.flush();
        return USAGE;
    }

    /** Picocli's hook for a command that threw. */
    static int onExecutionError(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        err.println(PREFIX + firstLine(message(e)));
        if (Logging.debug()) {
            e.printStackTrace(err);
        }
        err.flush();
        return exitCode(e);
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "unknown error";
        }
        String stripped = text.strip();
        int newline = stripped.indexOf('\n');
        return newline < 0 ? stripped : stripped.substring(0, newline).strip();
    }

    static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException
                || t instanceof UncheckedIOException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
