package dev.countersign.datasets;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The command-line export: {@code java -jar countersign.jar --spring.profiles.active=export
 * --format=openai-sft --output=sft.jsonl [--useCase=… --from=… --to=… --promptVersion=…]}. The
 * export profile starts no web server, no job executor and no workers.
 */
@Component
@Profile("export")
class DatasetExportCommand implements ApplicationRunner, ExitCodeGenerator {

  private final DatasetExporter exporter;
  private final ConfigurableApplicationContext context;
  private int exitCode;

  DatasetExportCommand(DatasetExporter exporter, ConfigurableApplicationContext context) {
    this.exporter = exporter;
    this.context = context;
  }

  /** A command, not a server: once the export is written (or refused), the process ends. */
  @Override
  public void run(ApplicationArguments args) {
    try {
      export(args);
    } catch (IOException | RuntimeException e) {
      System.err.println("Export failed: " + e.getMessage());
      exitCode = 1;
    }
    System.exit(SpringApplication.exit(context, this));
  }

  private void export(ApplicationArguments args) throws IOException {
    String format = option(args, "format");
    String output = option(args, "output");
    if (format == null || output == null) {
      System.err.println("Usage: --spring.profiles.active=export --format=openai-sft|openai-preference|trl-preference "
          + "--output=FILE [--useCase=… --from=ISO-INSTANT --to=ISO-INSTANT --promptVersion=…]");
      exitCode = 2;
      return;
    }
    DatasetExporter.Filter filter = new DatasetExporter.Filter(option(args, "useCase"), instant(option(args, "from")),
        instant(option(args, "to")), option(args, "promptVersion"));
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(Path.of(output)), 1 << 16)) {
      DatasetExporter.Summary summary = exporter.export(DatasetFormat.of(format), filter,
          System.getProperty("user.name", "command-line"), out);
      System.out.printf("Wrote %d lines (%d examples, %d bytes) to %s; sha256 %s; export %d%n", summary.lines(),
          summary.examples(), summary.bytes(), output, summary.sha256(), summary.exportId());
    }
  }

  @Override
  public int getExitCode() {
    return exitCode;
  }

  private static String option(ApplicationArguments args, String name) {
    return args.containsOption(name) ? args.getOptionValues(name).get(0) : null;
  }

  private static Instant instant(String text) {
    return text == null ? null : Instant.parse(text);
  }
}
