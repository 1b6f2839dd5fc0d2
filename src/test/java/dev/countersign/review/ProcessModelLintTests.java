package dev.countersign.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Lints every BPMN file with bpmnlint and the rules Camunda Modeler applies for Camunda 7.24
 * (bpmnlint-plugin-camunda-compat), so a model that compliance teams edit stays executable.
 * Needs Node.js and npm; the pinned linter is installed from the npm registry on first run.
 */
class ProcessModelLintTests {

  private static final Path TOOL = Path.of("tools/bpmnlint");

  @Test
  void everyBpmnFileIsCleanUnderCamunda7Rules() throws Exception {
    if (!Files.isDirectory(TOOL.resolve("node_modules/bpmnlint-plugin-camunda-compat"))) {
      Result install = run(List.of("npm", "ci", "--no-audit", "--no-fund"), 300);
      assertThat(install.exitCode()).as("npm ci in tools/bpmnlint:\n" + install.output()).isZero();
    }
    List<String> command = new ArrayList<>(List.of("node", "node_modules/bpmnlint/bin/bpmnlint.js"));
    try (var files = Files.list(Path.of("processes"))) {
      files.filter(f -> f.toString().endsWith(".bpmn")).sorted()
          .forEach(f -> command.add(Path.of("../..").resolve(f).toString()));
    }
    assertThat(command).as("BPMN files to lint").hasSizeGreaterThan(2);

    Result lint = run(command, 120);

    assertThat(lint.exitCode()).as("bpmnlint found problems:\n" + lint.output()).isZero();
    assertThat(lint.output().strip()).as("bpmnlint reports nothing, not even a warning").isEmpty();
  }

  private record Result(int exitCode, String output) {}

  private static Result run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
    Process process;
    try {
      process = new ProcessBuilder(command).directory(TOOL.toFile()).redirectErrorStream(true).start();
    } catch (IOException notInstalled) {
      fail("'" + command.get(0) + "' is not installed. Node.js and npm are needed to lint the BPMN models "
          + "(Debian: apt-get install nodejs npm).", notInstalled);
      throw notInstalled;
    }
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
    }
    return new Result(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }
}
