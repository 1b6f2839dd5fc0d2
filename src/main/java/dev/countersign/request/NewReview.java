package dev.countersign.request;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** A request for a reviewed draft, as submitted to {@code POST /api/reviews} or the start form. */
record NewReview(String useCase, String input, String riskTier) {

  private static final Pattern USE_CASE = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");

  /** Every problem with this request, empty when it can be accepted. */
  List<String> problems(RequestProperties limits) {
    List<String> problems = new ArrayList<>();
    if (useCase == null || !USE_CASE.matcher(useCase).matches()) {
      problems.add("useCase is required: lower-case letters, digits and dashes, at most 100 characters");
    }
    if (input == null || input.isBlank()) {
      problems.add("input is required");
    } else if (input.length() > limits.maxInputChars()) {
      problems.add("input has " + input.length() + " characters; the limit is " + limits.maxInputChars());
    }
    if (riskTier == null || !limits.riskTiers().contains(riskTier)) {
      problems.add("riskTier must be one of " + limits.riskTiers());
    }
    return problems;
  }
}
