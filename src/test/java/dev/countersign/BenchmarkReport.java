package dev.countersign;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Where every benchmark's report goes: standard output, and appended to target/benchmark/results.txt. */
public final class BenchmarkReport {

  private static final Path RESULTS = Path.of("target/benchmark/results.txt");

  private BenchmarkReport() {}

  public static void publish(String report) {
    System.out.println(report);
    try {
      Files.createDirectories(RESULTS.getParent());
      Files.writeString(RESULTS, report + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
