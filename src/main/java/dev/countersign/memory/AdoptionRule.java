package dev.countersign.memory;

import java.util.List;

/**
 * When a drafter without a language model may offer an earlier approved answer as its draft: the
 * answer must be similar enough, and clearly nearer than any other answer. Two answers about as
 * near (a near miss: cancelling or pausing a plan, an e-mail address or a phone number) are too
 * close to call; a person then chooses, with both shown. Engine-free.
 *
 * @param minSimilarity how similar the nearest earlier request must be
 * @param minMargin how much nearer the adopted answer must be than the next different one
 */
public record AdoptionRule(double minSimilarity, double minMargin) {

  /** An approved answer and how similar its nearest request is to the new one. */
  public record Candidate(String answer, double similarity) {}

  /**
   * @param answer the answer to adopt, or null
   * @param tooClose the answers that were too close to call, nearest first; empty when one was adopted
   *     or none was similar enough
   */
  public record Verdict(String answer, List<Candidate> tooClose) {

    public boolean adopted() {
      return answer != null;
    }
  }

  /** @param candidates distinct answers, most similar first */
  public Verdict decide(List<Candidate> candidates) {
    if (candidates.isEmpty() || candidates.get(0).similarity() < minSimilarity) {
      return new Verdict(null, List.of());
    }
    double floor = candidates.get(0).similarity() - minMargin;
    List<Candidate> close = candidates.stream().takeWhile(c -> c.similarity() > floor).toList();
    return close.size() == 1 ? new Verdict(close.get(0).answer(), List.of()) : new Verdict(null, close);
  }
}
