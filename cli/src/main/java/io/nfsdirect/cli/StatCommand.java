package io.nfsdirect.cli;

import io.nfsdirect.protocol.nfs3.Fattr3;
import io.nfsdirect.worker.NfsFile;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** A file's attributes from LOOKUP and GETATTR, like stat(1). */
@Command(name = "stat", mixinStandardHelpOptions = true, description = "Show a file's NFS attributes.")
final class StatCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    LookupOptions common;

    @Parameters(index = "0", paramLabel = "URL", description = "nfs://HOST[:PORT]/EXPORT/PATH")
    String url;

    @Override
    public Integer call() throws Exception {
        common.validate();
        Urls.parse(url);
        PrintWriter out = spec.commandLine().getOut();
        try (RemoteFiles remote = new RemoteFiles(common.credentials, common.clientSettings())) {
            NfsFile file = remote.stat("stat", url, -1);
            Fattr3 a = file.attributes();
            out.println("  File: " + url);
            out.println("Export: " + file.export());
            if (a != null) {
                out.printf("  Type: %s%n", FileFormat.typeName(a.type));
                out.printf("  Size: %-15d Used: %d%n", a.size, a.used);
                out.printf("  Mode: %04o (%s)  Links: %d  Uid: %s  Gid: %s%n", a.mode & 07777,
                        FileFormat.modeString(a.type, a.mode), Integer.toUnsignedLong(a.nlink),
                        Integer.toUnsignedString(a.uid), Integer.toUnsignedString(a.gid));
                out.printf("FileId: %s  Fsid: %s%n", Long.toUnsignedString(a.fileid), Long.toUnsignedString(a.fsid));
                out.println("Access: " + FileFormat.fullTime(a.atime));
                out.println("Modify: " + FileFormat.fullTime(a.mtime));
                out.println("Change: " + FileFormat.fullTime(a.ctime));
            }
            out.println("Handle: " + file.handle());
            out.flush();
            if (common.stats) {
                remote.printStats(spec.commandLine().getErr());
            }
        }
        return Errors.OK;
    }
}
