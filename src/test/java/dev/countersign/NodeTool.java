package dev.countersign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a Node.js tool kept under tools/, installing its pinned packages from the npm registry first. */
public final class NodeTool {

  public record Result(int exitCode, String output) {}

  private final Path directory;

  public NodeTool(String directory, String requiredModule) throws IOException, InterruptedException {
    this.directory = Path.of(directory);
    if (!Files.isDirectory(this.directory.resolve("node_modules").resolve(requiredModule))) {
      Result install = run(List.of("npm", "ci", "--no-audit", "--no-fund"), 300);
      assertThat(install.exitCode()).as("npm ci in " + directory + ":\n" + install.output()).isZero();
    }
  }

  public Result run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
    Process process;
    try {
      process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
    } catch (IOException notInstalled) {
      fail("'" + command.get(0) + "' is not installed. Node.js and npm are needed by this test "
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
