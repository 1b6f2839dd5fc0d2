package dev.countersign.automation;

/**
 * The Wilson score interval's lower bound: how low a rate can plausibly be, given {@code successes}
 * of {@code n}. Unlike the plain rate it is cautious with few decisions: 20 of 20 approved is a lower
 * bound of 0.84, 200 of 200 one of 0.98.
 */
final class Wilson {

  /** z for a two-sided 95% interval. */
  static final double Z95 = 1.959963984540054;

  private Wilson() {}

  static double lowerBound(long successes, long n) {
    if (n <= 0 || successes <= 0) {
      return 0; // exactly: the formula leaves rounding noise above it
    }
    double p = (double) successes / n;
    double z2 = Z95 * Z95;
    double centre = p + z2 / (2 * n);
    double margin = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
    return Math.max(0, (centre - margin) / (1 + z2 / n));
  }
}
