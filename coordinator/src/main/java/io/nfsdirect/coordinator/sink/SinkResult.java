package io.nfsdirect.coordinator.sink;

/**
 * What a sink consumed once it reached the end of its range.
 *
 * @param bytes         bytes consumed: the contiguous range from the sink's start offset
 * @param chunks        chunks consumed, duplicates of already consumed ranges not counted
 * @param maxHeldChunks the most chunks that waited out of order at any one time; always 0 for a
 *                      sink that consumes in any order
 */
public record SinkResult(long bytes, long chunks, int maxHeldChunks) {
}
