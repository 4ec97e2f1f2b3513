package io.nfsdirect.cli;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Where a read into a local file writes, so that the target only ever holds a complete read.
 *
 * <p>A regular file (or one that does not exist yet) is written as {@code FILE.part} beside it,
 * as browsers and wget do, and renamed over {@code FILE} once the read has completed, with the
 * mode the old {@code FILE} had. A read that fails or is interrupted leaves {@code FILE} as it
 * was, and {@code FILE.part} holding exactly the bytes read from the start without a gap, or no
 * {@code .part} at all when that is none. A target that is a symbolic link is written through it;
 * a device such as /dev/null is written in place, with nothing to rename.
 */
final class OutputFile implements AutoCloseable {

    static final String PART = ".part";

    private final Path target;
    private final Path part;
    private final FileChannel channel;
    private boolean settled;

    private OutputFile(Path target, Path part, FileChannel channel) {
        this.target = target;
        this.part = part;
        this.channel = channel;
    }

    /** Opens the file the read writes into; {@code file} is the target the user named. */
    static OutputFile open(Path file) throws IOException {
        Path target = Files.exists(file) ? file.toRealPath() : file;
        if (Files.exists(target) && !Files.isRegularFile(target)) {
            return new OutputFile(target, null, FileChannel.open(target, StandardOpenOption.WRITE));
        }
        Path part = target.resolveSibling(target.getFileName() + PART);
        FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        if (Files.exists(target)) {
            Files.setPosixFilePermissions(part, Files.getPosixFilePermissions(target));
        }
        return new OutputFile(target, part, channel);
    }

    FileChannel channel() {
        return channel;
    }

    /** True when the read goes into a file of its own, to be renamed; false for a device. */
    boolean regular() {
        return part != null;
    }

    /** Gives the file its full length up front, so chunks land in any order without growing it. */
    void presize(long length) throws IOException {
        if (regular() && length > 0) {
            channel.write(java.nio.ByteBuffer.allocate(1), length - 1);
        }
    }

    /** The read completed with {@code bytes}: the file is cut to them and becomes the target. */
    void commit(long bytes) throws IOException {
        settled = true;
        if (!regular()) {
            channel.close();
            return;
        }
        channel.truncate(bytes);
        channel.close();
        try {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * The read ended without completing, with {@code bytes} read from the start without a gap:
     * what the user is told about the files, as the end of the error's line.
     */
    String keepPartial(long bytes) {
        settled = true;
        if (!regular()) {
            closeQuietly();
            return "";
        }
        String unchanged = Files.exists(target, LinkOption.NOFOLLOW_LINKS) ? target + " was not changed"
                : target + " was not created";
        try {
            if (bytes > 0) {
                channel.truncate(bytes);
                channel.close();
                return "; " + unchanged + ", the " + bytes + " bytes read are in " + part;
            }
            channel.close();
            Files.deleteIfExists(part);
            return "; " + unchanged;
        } catch (IOException e) {
            closeQuietly();
            return "; " + unchanged + ", and " + part + " may hold less than was read: " + Errors.message(e);
        }
    }

    /** Only a read that neither committed nor kept its part (it threw before either) removes it. */
    @Override
    public void close() {
        if (!settled) {
            keepPartial(0);
        }
    }

    private void closeQuietly() {
        try {
            channel.close();
        } catch (IOException e) {
            // the outcome was already reported
        }
    }
}
