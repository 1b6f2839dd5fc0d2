package dev.countersign.memory;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The decided requests memory learns from. Memory owns this contract and the feedback store
 * answers it, so which requests may be recalled is decided in one place, beside the table.
 */
public interface DecidedRequests {

  /** Receives one decided request: {@code approved} when people stood behind an answer. */
  @FunctionalInterface
  interface Visitor {
    void visit(String requestId, boolean approved, float[] inputVector);
  }

  /**
   * An approved request's input and the answer people stood behind, with the answer's vector when
   * it was stored in the embedding space asked for (null otherwise).
   */
  record Answered(String input, String answer, float[] answerVector) {}

  /** A draft a reviewer rejected, and why. */
  record Rejected(String requestId, int attempt, String draft, String reason) {}

  /** A numbered change to what memory may recall: a decided request's row was written or rewritten. */
  record Change(long seq, String requestId) {}

  /** A request memory may recall, as a nearest-neighbour index holds it. */
  record Recallable(String requestId, String useCase, boolean approved, Instant decidedAt, float[] vector) {}

  /**
   * Visits every request of {@code useCase} that memory may recall, embedded in {@code embeddingSpace}
   * and decided before {@code decidedBefore}. Reads vectors only, as this runs on every draft.
   */
  void scan(String useCase, String embeddingSpace, Instant decidedBefore, Visitor visitor);

  /** How many requests memory may recall per use case, in {@code embeddingSpace}. */
  Map<String, Long> sizes(String embeddingSpace);

  /** Input and approved answer of each of these requests, by request id; answers' vectors of {@code embeddingSpace}. */
  Map<String, Answered> answers(Collection<String> requestIds, String embeddingSpace);

  /** The rejected drafts of these requests, with the reviewers' reasons. */
  List<Rejected> rejections(Collection<String> requestIds);

  /** The changes numbered after {@code afterSeq}, in order, at most {@code limit}. */
  List<Change> changesAfter(long afterSeq, int limit);

  /** Those of these change numbers that exist (committed), in order. */
  List<Change> changes(Collection<Long> seqs);

  /** The first change recorded: it names the database an index was built from. Empty when there is none. */
  Optional<Change> firstChange();

  /** The highest change number, 0 when there is none. */
  long lastChange();

  /** Those of these requests memory may recall in {@code embeddingSpace}, by id; it may not recall the others. */
  Map<String, Recallable> recallable(Collection<String> requestIds, String embeddingSpace);

  /** Requests memory may recall in {@code embeddingSpace}, by request id after {@code afterRequestId}, at most {@code limit}. */
  List<Recallable> recallableAfter(String embeddingSpace, String afterRequestId, int limit);
}
