package dev.countersign.review;

import java.util.Optional;

/**
 * Who asked for a review, as recorded by the server when the request arrived: what separation of
 * duties reads, never a process variable a reviewer could change. Owned here, implemented where
 * requests are registered.
 */
public interface Requesters {

  /** The requester of {@code requestId}, or empty when it was started without a user. */
  Optional<String> requester(String requestId);
}
