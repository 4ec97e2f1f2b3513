package io.nfsdirect.protocol.api;

/**
 * Marks every message that may cross a node boundary. The binding to Pekko's
 * {@code jackson-cbor} serializer lives in this module's {@code reference.conf}, so a message
 * that forgets the marker fails loudly in tests (Java serialization stays off) instead of
 * failing only when a second node appears.
 */
public interface CborSerializable {
}
