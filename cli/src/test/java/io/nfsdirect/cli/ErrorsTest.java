package io.nfsdirect.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.nfsdirect.protocol.Errno;
import io.nfsdirect.protocol.NfsException;
import io.nfsdirect.protocol.NfsStatus;
import io.nfsdirect.protocol.api.IoError;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ErrorsTest {

    private static final String URL = "nfs://127.0.0.1:2049/srv/data/file";

    @Test
    void aRequestErrorIsItsMessage() {
        NfsException cause = NfsException.of(NfsStatus.NFS3ERR_NOENT, "read " + URL, 1048576);
        IoError error = IoError.of(cause, 1048576);
        CliException e = CliException.of(error);
        assertEquals("read " + URL + " at offset 1048576: No such file or directory (NFS3ERR_NOENT)",
                Errors.message(e));
        assertEquals(Errors.IO_ERROR, Errors.exitCode(e));
    }

    @Test
    void theHandlerPrintsOneLineWithThePrefixAndNoStackTrace() {
        CommandLine cl = Main.newCommandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        NfsException cause = NfsException.of(NfsStatus.NFS3ERR_NOENT, "read " + URL, 1048576);
        int status = Errors.onExecutionError(new CompletionException(cause), cl, null);
        assertEquals(1, status);
        assertEquals("nfsdirect: read " + URL + " at offset 1048576: No such file or directory (NFS3ERR_NOENT)"
                + System.lineSeparator(), err.toString());
    }

    @Test
    void wrappedFailuresAreUnwrapped() {
        NfsException timeout = NfsException.errno(Errno.ETIMEDOUT, "READ to 127.0.0.1:2049");
        assertEquals("READ to 127.0.0.1:2049: Connection timed out (ETIMEDOUT)",
                Errors.message(new ExecutionException(new CompletionException(timeout))));
        assertEquals(1, Errors.exitCode(new ExecutionException(timeout)));
    }

    @Test
    void localFileErrorsReadLikeTheShell() {
        assertEquals("/tmp/x: No such file or directory", Errors.message(new NoSuchFileException("/tmp/x")));
        assertEquals("disk on fire", Errors.message(new IOException("disk on fire")));
        assertEquals("IllegalStateException: odd", Errors.message(new IllegalStateException("odd")));
        assertEquals("java.lang.NullPointerException", Errors.message(new NullPointerException()));
    }

    @Test
    void exitCodes() {
        assertEquals(2, Errors.exitCode(CliException.usage("bad URL")));
        assertEquals(1, Errors.exitCode(CliException.io("broken", null)));
        assertEquals(1, Errors.exitCode(new IOException("x")));
        assertEquals(1, Errors.exitCode(new RuntimeException("x")));
        assertEquals(2, Errors.exitCode(new CommandLine.ParameterException(new CommandLine(new Main()), "x")));
    }

    @Test
    void aMultiLineMessageIsCutToItsFirstLine() {
        CommandLine cl = Main.newCommandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        Errors.onExecutionError(new IOException("first\nsecond"), cl, null);
        assertEquals("nfsdirect: first" + System.lineSeparator(), err.toString());
    }
}
