package dev.countersign;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Where every benchmark's report goes: standard output, and appended to target/benchmark/results.txt.
 * Figures with a goal are also appended to target/benchmark/figures.tsv, from which
 * {@link BenchmarkTable} makes one table at the end of {@code ./mvnw verify -Pbenchmark}.
 */
public final class BenchmarkReport {

  private static final Path RESULTS = Path.of("target/benchmark/results.txt");
  static final Path FIGURES = Path.of("target/benchmark/figures.tsv");

  /** Which way a figure should go. */
  public enum Goal {
    AT_LEAST("≥"), AT_MOST("≤"), NONE("");

    final String sign;

    Goal(String sign) {
      this.sign = sign;
    }
  }

  private BenchmarkReport() {}

  public static void publish(String report) {
    System.out.println(report);
    append(RESULTS, report + System.lineSeparator());
  }

  /**
   * One figure for the table: {@code measured} against {@code goal} (in the same {@code unit}),
   * where {@code direction} says whether the goal is a floor or a ceiling. {@code id} is the
   * issue's figure (P1 to P6).
   */
  public static void figure(String id, String figure, Goal direction, double goal, double measured, String unit) {
    append(FIGURES, String.join("\t", id, figure.replace('\t', ' '), direction.name(),
        String.format(Locale.ROOT, "%s", goal), String.format(Locale.ROOT, "%s", measured), unit)
        + System.lineSeparator());
  }

  /** A figure measured for comparison, with no goal of its own. */
  public static void figure(String id, String figure, double measured, String unit) {
    figure(id, figure, Goal.NONE, Double.NaN, measured, unit);
  }

  private static void append(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
