package dev.countersign.memory;

import java.util.List;

/**
 * How well an approved answer fits a new request, and how closely the requests it already answered
 * resemble each other. Engine-free.
 *
 * <p>The fit blends two similarities: the new request against the nearest request the answer was
 * approved for, and against the answer itself. The second is what tells near misses apart ("change
 * my phone number" is worded like "change my e-mail address", but the answer names the e-mail).
 *
 * <p>The usual fit is what an answer has learned about how its requests are worded: for each of its
 * requests, its fit with the answer given the others, and the least of those. An answer people
 * approved for requests worded far apart accepts a new request further out than one approved for
 * near-identical wordings; with one request there is nothing to learn from.
 */
final class AnswerFit {

  /** Weight of the request's similarity to the answer against its similarity to the nearest earlier request. */
  static final double ANSWER_WEIGHT = 0.5;

  private AnswerFit() {}

  /**
   * @param query the new request
   * @param queryForAnswers the new request embedded as a query for answers ({@link EmbeddingSpace#asQueryForAnswers})
   * @param requests the requests the answer was approved for; at least one
   */
  static double fit(float[] query, float[] queryForAnswers, List<float[]> requests, float[] answer) {
    double nearest = Double.NEGATIVE_INFINITY;
    for (float[] request : requests) {
      nearest = Math.max(nearest, Vectors.cosine(query, request));
    }
    return blend(nearest, Vectors.cosine(queryForAnswers, answer));
  }

  /**
   * The least fit any of the answer's requests has with it, when it is left out of the others; NaN
   * with fewer than two. The requests stand in for their own query form, which is not stored.
   */
  static double usual(List<float[]> requests, float[] answer) {
    if (requests.size() < 2) {
      return Double.NaN;
    }
    double least = Double.POSITIVE_INFINITY;
    for (int i = 0; i < requests.size(); i++) {
      double nearest = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < requests.size(); j++) {
        if (j != i) {
          nearest = Math.max(nearest, Vectors.cosine(requests.get(i), requests.get(j)));
        }
      }
      least = Math.min(least, blend(nearest, Vectors.cosine(requests.get(i), answer)));
    }
    return least;
  }

  private static double blend(double requestSimilarity, double answerSimilarity) {
    return (requestSimilarity + ANSWER_WEIGHT * answerSimilarity) / (1 + ANSWER_WEIGHT);
  }
}
