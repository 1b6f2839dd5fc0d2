package dev.countersign.memory;

import java.util.List;

/**
 * When a drafter without a language model may offer an earlier approved answer as its draft: the
 * answer must fit the request well enough, and clearly better than any other answer. Two answers
 * about as good (a near miss: cancelling or pausing a plan, an e-mail address or a phone number)
 * are too close to call; a person then chooses, with both shown. Engine-free.
 *
 * <p>How well is well enough is learned per answer ({@link AnswerFit#usual}): an answer approved
 * for requests worded far apart accepts a new request down to a little below the least fit among
 * them, never below {@code floor}; an answer approved once needs {@code minSimilarity}.
 *
 * @param minSimilarity the fit an answer approved for one request only needs, and the most any answer needs
 * @param minMargin how much better the adopted answer must fit than the next different one
 * @param usualSlack how far below its usual fit an answer still accepts a request
 * @param floor the least fit that is ever enough
 */
public record AdoptionRule(double minSimilarity, double minMargin, double usualSlack, double floor) {

  /**
   * An approved answer, how well it fits the new request, and its usual fit (NaN when it was
   * approved for one request only).
   */
  public record Candidate(String answer, double similarity, double usual) {}

  /**
   * @param answer the answer to adopt, or null
   * @param tooClose the answers that were too close to call, best first; empty when one was adopted
   *     or none fitted well enough
   */
  public record Verdict(String answer, List<Candidate> tooClose) {

    public boolean adopted() {
      return answer != null;
    }
  }

  /** The fit {@code candidate} needs to be adopted. */
  public double needed(Candidate candidate) {
    return Double.isNaN(candidate.usual()) ? minSimilarity
        : Math.max(floor, Math.min(minSimilarity, candidate.usual() - usualSlack));
  }

  /** @param candidates distinct answers, best fit first */
  public Verdict decide(List<Candidate> candidates) {
    if (candidates.isEmpty() || candidates.get(0).similarity() < needed(candidates.get(0))) {
      return new Verdict(null, List.of());
    }
    Candidate best = candidates.get(0);
    List<Candidate> close = candidates.stream()
        .takeWhile(c -> c == best || c.similarity() > best.similarity() - minMargin).toList();
    return close.size() == 1 ? new Verdict(best.answer(), List.of()) : new Verdict(null, close);
  }
}
