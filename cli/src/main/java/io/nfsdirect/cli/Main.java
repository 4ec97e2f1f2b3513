package io.nfsdirect.cli;

import io.nfsdirect.worker.Phases;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code nfsdirect}: uncached, parallel, chunked direct I/O against NFSv3 servers from the
 * command line. Exit status 0 on success, 1 on an I/O error, 2 on bad usage; every error is one
 * line on stderr, {@code nfsdirect: <what failed>: <why>}.
 */
@Command(name = "nfsdirect", mixinStandardHelpOptions = true, version = Main.VERSION,
        description = "Uncached, parallel, chunked direct I/O against NFSv3 servers.",
        footer = {"", "URLs: nfs://HOST[:PORT]/EXPORT/PATH[?mountport=N&uid=N&gid=N&rsize=N&wsize=N]",
                "Exit status: 0 success, 1 I/O error, 2 bad usage."})
public final class Main implements Runnable {

    static final String VERSION = "nfsdirect 0.1.0";

    /** Every command, in the order --help lists them. */
    static final List<Class<?>> COMMANDS = List.of(ServeCommand.class, StatCommand.class, LsCommand.class,
            ReadCommand.class, WriteCommand.class, CpCommand.class, SumCommand.class, VerifyCommand.class, SyncCommand.class, NodeCommand.class,
            StatsCommand.class, DemoCommand.class, KeysCommand.class, TrainCommand.class);

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
        return newCommandLine(args).execute(args);
    }

    /** The command line with every command and the project's error handling, for callers that set their own out and err. */
    public static CommandLine newCommandLine() {
        return newCommandLine(new String[0]);
    }

    /**
     * The command line for {@code args}: when they start with a command's name, only that command
     * is built. Picocli reads every option of every command it is given, by reflection, before it
     * parses anything, which was a fifth of a short command's start; the full set is built for
     * everything else (no command, --help, a misspelt name), so help and suggestions are unchanged.
     */
    static CommandLine newCommandLine(String[] args) {
        Logging.reset();
        CommandLine cl = new CommandLine(new Main());
        Class<?> named = args.length == 0 ? null : commandNamed(args[0]);
        for (Class<?> command : named != null ? List.of(named) : COMMANDS) {
            cl.addSubcommand(command);
        }
        // every command's --version says what the top level's does
        cl.getSubcommands().values().forEach(sub -> sub.getCommandSpec().version(VERSION));
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

    /** The command whose name or alias is {@code name}, or null; only annotations are read. */
    static Class<?> commandNamed(String name) {
        for (Class<?> command : COMMANDS) {
            Command c = command.getAnnotation(Command.class);
            if (c.name().equals(name) || Arrays.asList(c.aliases()).contains(name)) {
                return command;
            }
        }
        return null;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a command is required: serve, stat, ls, read, write, cp, sum, node, stats or demo");
    }
}
