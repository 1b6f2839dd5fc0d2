package dev.countersign.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.NodeTool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lints every BPMN file with bpmnlint and the rules Camunda Modeler applies for Camunda 7.24
 * (bpmnlint-plugin-camunda-compat), so a model that compliance teams edit stays executable.
 * Needs Node.js and npm; the pinned linter is installed from the npm registry on first run.
 */
class ProcessModelLintTests {

  @Test
  void everyBpmnFileIsCleanUnderCamunda7Rules() throws Exception {
    NodeTool bpmnlint = new NodeTool("tools/bpmnlint", "bpmnlint-plugin-camunda-compat");
    List<String> command = new ArrayList<>(List.of("node", "node_modules/bpmnlint/bin/bpmnlint.js"));
    try (var files = Files.list(Path.of("processes"))) {
      files.filter(f -> f.toString().endsWith(".bpmn")).sorted()
          .forEach(f -> command.add(Path.of("../..").resolve(f).toString()));
    }
    assertThat(command).as("BPMN files to lint").hasSizeGreaterThan(2);

    NodeTool.Result lint = bpmnlint.run(command, 120);

    assertThat(lint.exitCode()).as("bpmnlint found problems:\n" + lint.output()).isZero();
    assertThat(lint.output().strip()).as("bpmnlint reports nothing, not even a warning").isEmpty();
  }
}
