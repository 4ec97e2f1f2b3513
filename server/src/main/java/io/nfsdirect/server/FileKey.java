package io.nfsdirect.server;

/**
 * What makes a file the same file: its device and inode numbers, as stat(2) gives them. Kept in
 * the handle journal as {@code dev:ino}, so that a restarted server knows its files again.
 */
record FileKey(long dev, long ino) {

    static FileKey parse(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("not a file key: " + text);
        }
        return new FileKey(Long.parseLong(text.substring(0, colon)), Long.parseLong(text.substring(colon + 1)));
    }

    @Override
    public String toString() {
        return dev + ":" + ino;
    }
}
