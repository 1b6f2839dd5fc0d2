package dev.countersign;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Countersign in a JVM of its own, as a user runs it: the build's classes, its own working
 * directory (so the default {@code ./data} lands there) and environment, killed as a crash kills it.
 */
public final class AppProcess {

  /** Variables of the surrounding shell that would change what the child runs on. */
  private static final List<String> INHERITED_SETTINGS = List.of("SPRING_PROFILES_ACTIVE", "DB_URL", "DB_USER",
      "DB_PASSWORD", "H2_WRITE_DELAY", "LLM_PROVIDER", "PORT", "MANAGEMENT_PORT", "ENGINE_REST_URL", "WORKERS_ENABLED",
      "HOSTNAME");

  private final Path directory;
  private final int port;
  private final Map<String, String> environment;
  private final List<String> jvmOptions;
  private final Path log;
  private Process process;

  public AppProcess(Path directory, int port, Map<String, String> environment) {
    this(directory, port, environment, List.of("-Xmx768m"));
  }

  /** With these JVM options instead of a 768 MB heap; none is the JVM's defaults, as a user's {@code java -jar}. */
  public AppProcess(Path directory, int port, Map<String, String> environment, List<String> jvmOptions) {
    this.directory = directory;
    this.port = port;
    this.environment = environment;
    this.jvmOptions = List.copyOf(jvmOptions);
    this.log = directory.resolve("countersign.log");
  }

  public ProcessHandle handle() {
    return process.toHandle();
  }

  public int port() {
    return port;
  }

  public TestHttp http() {
    return new TestHttp(port);
  }

  /** Starts the app and waits until it answers its health check. */
  public void start() throws IOException {
    begin();
    awaitReady();
  }

  /** Starts the app without waiting, so that several can start at the same moment. */
  public void begin() throws IOException {
    process = launch(List.of());
  }

  /** Waits until the app answers its health check; fails at once if it exited. */
  public void awaitReady() {
    TestHttp http = http();
    await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(250)).until(() -> {
      if (!process.isAlive()) {
        throw new AssertionError("Countersign exited with " + process.exitValue() + ":\n" + logTail());
      }
      try {
        return http.get("/actuator/health", null).status() == 200;
      } catch (RuntimeException notListeningYet) {
        return false;
      }
    });
  }

  /** Runs the app as a command with {@code arguments} and waits for it to end: its exit code. */
  public int runCommand(List<String> arguments, Duration timeout) throws IOException, InterruptedException {
    process = launch(arguments);
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      kill();
      throw new AssertionError("Countersign did not end within " + timeout + ":\n" + logTail());
    }
    return process.exitValue();
  }

  private Process launch(List<String> arguments) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>(List.of(java.toString()));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), CountersignApplication.class.getName()));
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(directory.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    INHERITED_SETTINGS.forEach(builder.environment()::remove);
    builder.environment().putAll(environment);
    // A worker serves Actuator on its management port; an engine node, everything on its port.
    builder.environment().put("PORT", String.valueOf(port));
    builder.environment().put("MANAGEMENT_PORT", String.valueOf(port));
    return builder.start();
  }

  /** SIGTERM, as {@code docker stop} sends it: whether the process ended within {@code timeout}, and its exit code. */
  public Optional<Integer> stop(Duration timeout) throws InterruptedException {
    process.destroy();
    return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? Optional.of(process.exitValue()) : Optional.empty();
  }

  /** SIGKILL: no shutdown hook, no connection pool closed, nothing flushed. */
  public void kill() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  public String logText() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The last few thousand characters of the app's log, for a failure's message. */
  public String logTail() {
    String text = logText();
    return text.substring(Math.max(0, text.length() - 6_000));
  }
}
