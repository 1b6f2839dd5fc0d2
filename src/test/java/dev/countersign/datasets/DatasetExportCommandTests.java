package dev.countersign.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.AppProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The export command as an operator runs it: its own process, on the default file database. */
class DatasetExportCommandTests {

  @Test
  void writesTheDatasetAndEndsWithoutStartingWorkersOrAWebServer(@TempDir Path directory) throws Exception {
    AppProcess export = new AppProcess(directory, 0, Map.of("SPRING_PROFILES_ACTIVE", "export"));
    Path output = directory.resolve("sft.jsonl");

    int exit = export.runCommand(List.of("--format=openai-sft", "--output=" + output), Duration.ofMinutes(3));

    String log = export.logText();
    assertThat(exit).as(log).isZero();
    assertThat(output).exists();
    assertThat(Files.readString(output)).as("a fresh database has nothing to train on").isEmpty();
    assertThat(log).contains("Wrote 0 lines")
        .doesNotContain("Worker pool:", "External-task client:", "Tomcat started");
  }

  @Test
  void explainsItsUsageWhenTheFormatOrOutputIsMissing(@TempDir Path directory) throws Exception {
    AppProcess export = new AppProcess(directory, 0, Map.of("SPRING_PROFILES_ACTIVE", "export"));

    assertThat(export.runCommand(List.of("--format=openai-sft"), Duration.ofMinutes(3))).isEqualTo(2);
    assertThat(export.logText()).contains("Usage: --spring.profiles.active=export");
  }
}
