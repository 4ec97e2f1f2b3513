package io.nfsdirect.coordinator.tree;

/**
 * Where a tree job stands: what its scan found so far, and what became of it.
 *
 * @param directories  directories found (the root included)
 * @param filesScanned regular files found and kept by the filter
 * @param bytesScanned their sizes, added up
 * @param filesDone    regular files finished, {@code filesUnchanged} of them found as they should be
 * @param bytesDone    bytes of finished files, plus what running files have done so far
 * @param links        symlinks recreated (or, for a job that reads, found)
 * @param failed       entries that failed: files, directories, links, listings
 * @param skipped      entries left out, each with its reason
 */
public record TreeCounts(long directories, long filesScanned, long bytesScanned, long filesDone, long filesUnchanged,
                         long bytesDone, long links, long failed, long skipped) {

    public static final TreeCounts NONE = new TreeCounts(0, 0, 0, 0, 0, 0, 0, 0, 0);
}
