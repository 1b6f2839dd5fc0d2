package dev.countersign;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The table of {@code ./mvnw verify -Pbenchmark}: {@code begin} forgets the figures of earlier runs
 * before the harnesses start; {@code end} prints every figure they reported, with its goal and the
 * ratio of measured to goal, and appends the table to target/benchmark/results.md.
 */
public final class BenchmarkTable {

  private static final Path MARKDOWN = Path.of("target/benchmark/results.md");

  private BenchmarkTable() {}

  public static void main(String[] args) throws IOException {
    if (args.length == 1 && "begin".equals(args[0])) {
      Files.deleteIfExists(BenchmarkReport.FIGURES);
    } else if (args.length == 1 && "end".equals(args[0])) {
      String table = table(Files.exists(BenchmarkReport.FIGURES)
          ? Files.readAllLines(BenchmarkReport.FIGURES) : List.of());
      System.out.println(table);
      Files.createDirectories(MARKDOWN.getParent());
      Files.writeString(MARKDOWN, table + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } else {
      throw new IllegalArgumentException("Usage: BenchmarkTable begin|end");
    }
  }

  static String table(List<String> figures) {
    List<String> lines = new ArrayList<>();
    lines.add("");
    lines.add("## Countersign benchmark, " + ZonedDateTime.now().truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + ", "
        + Runtime.getRuntime().availableProcessors() + " cores");
    lines.add("");
    lines.add("| # | figure | goal | measured | measured / goal | goal met |");
    lines.add("|---|---|---|---|---|---|");
    for (String line : figures) {
      String[] f = line.split("\t", -1);
      BenchmarkReport.Goal direction = BenchmarkReport.Goal.valueOf(f[2]);
      double goal = Double.parseDouble(f[3]);
      double measured = Double.parseDouble(f[4]);
      String unit = f[5].isEmpty() ? "" : " " + f[5];
      if (direction == BenchmarkReport.Goal.NONE) {
        lines.add(String.format(Locale.ROOT, "| %s | %s | (for comparison) | %s%s | | |", f[0], f[1], number(measured), unit));
      } else {
        boolean met = direction == BenchmarkReport.Goal.AT_LEAST ? measured >= goal : measured <= goal;
        lines.add(String.format(Locale.ROOT, "| %s | %s | %s %s%s | %s%s | %.2f | %s |", f[0], f[1], direction.sign,
            number(goal), unit, number(measured), unit, measured / goal, met ? "yes" : "**no**"));
      }
    }
    if (figures.isEmpty()) {
      lines.add("| | no figure was reported: did any harness run? | | | | |");
    }
    return String.join(System.lineSeparator(), lines);
  }

  private static String number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? String.format(Locale.ROOT, "%,d", (long) value) : String.format(Locale.ROOT, "%,.2f", value);
  }
}
