package io.nfsdirect.cli;

import io.nfsdirect.worker.Phases;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code nfsdirect}: uncached, parallel, chunked direct I/O against NFSv3 servers from the
 * command line. Exit status 0 on success, 1 on an I/O error, 2 on bad usage; every error is one
 * line on stderr, {@code nfsdirect: <what failed>: <why>}.
 */
@Command(name = "nfsdirect", mixinStandardHelpOptions = true, version = "nfsdirect 0.1.0",
        description = "Uncached, parallel, chunked direct I/O against NFSv3 servers.",
        footer = {"", "URLs: nfs://HOST[:PORT]/EXPORT/PATH[?mountport=N&uid=N&gid=N&rsize=N&wsize=N]",
                "Exit status: 0 success, 1 I/O error, 2 bad usage."},
        subcommands = {ServeCommand.class, StatCommand.class, LsCommand.class, ReadCommand.class,
                WriteCommand.class, CpCommand.class, SumCommand.class, NodeCommand.class, StatsCommand.class,
                DemoCommand.class, KeysCommand.class, TrainCommand.class})
public final class Main implements Runnable {

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        Phases.mark("main");
        int status = execute(args);
        System.out.flush();
        Phases.mark("exit");
        System.exit(status);
    }

    /** Runs one command line and returns its exit status. */
    public static int execute(String... args) {
        return newCommandLine().execute(args);
    }

    /** The command line with the project's error handling, for callers that set their own out and err. */
    public static CommandLine newCommandLine() {
        Logging.reset();
        CommandLine cl = new CommandLine(new Main());
        cl.setParameterExceptionHandler(Errors::onParameterError);
        cl.setExecutionExceptionHandler(Errors::onExecutionError);
        cl.setExitCodeExceptionMapper(Errors::exitCode);
        cl.setExecutionStrategy(parsed -> {
            Phases.mark("options");
            // --help and --version print and end: nothing to log, so no logging to set up.
            Integer help = CommandLine.executeHelpRequest(parsed);
            if (help != null) {
                return help;
            }
            Logging.configure(Logging.debug());
            return new CommandLine.RunLast().execute(parsed);
        });
        return cl;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a command is required: serve, stat, ls, read, write, cp, sum, node, stats or demo");
    }
}
