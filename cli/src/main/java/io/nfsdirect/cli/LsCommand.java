package io.nfsdirect.cli;

import io.nfsdirect.worker.NfsFile;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** A directory's entries from READDIRPLUS, one {@code ls -l}-style line each; a file lists itself. */
@Command(name = "ls", mixinStandardHelpOptions = true,
        description = "List a directory (or show one file) with mode, links, uid, gid, size, mtime and name.")
final class LsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    LookupOptions common;

    @Parameters(index = "0", paramLabel = "URL", description = "nfs://HOST[:PORT]/EXPORT[/PATH]")
    String url;

    @Override
    public Integer call() throws Exception {
        common.validate();
        Urls.parse(url);
        PrintWriter out = spec.commandLine().getOut();
        try (RemoteFiles remote = new RemoteFiles(common.credentials, common.clientSettings())) {
            NfsFile file = remote.stat("ls", url, -1);
            if (file.isDirectory()) {
                for (RemoteFiles.Entry e : remote.list("ls", url, file)) {
                    out.println(FileFormat.lsLine(e.name(), e.attributes()));
                }
            } else {
                out.println(FileFormat.lsLine(Urls.fileName(url), file.attributes()));
            }
            out.flush();
            if (common.stats) {
                remote.printStats(spec.commandLine().getErr());
            }
        }
        return Errors.OK;
    }
}
