package dev.countersign.system;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.util.FileSystemUtils;

/**
 * A real PostgreSQL server for tests, started from the Debian packages' binaries in a throw-away
 * data directory on a free loopback port. As root (CI), it runs as the {@code postgres} user,
 * because PostgreSQL refuses to run as root. {@code -Dpostgres.bin} names another server's
 * {@code bin} directory (it needs {@code initdb}, {@code pg_ctl} and {@code postgres} only), so a
 * benchmark can measure a version Debian does not package; see the README's benchmark.
 */
public final class PostgresServer {

  private final Path bin;
  private final Path dataDir;
  private final int port;
  private final boolean fsync;

  private PostgresServer(Path bin, Path dataDir, int port, boolean fsync) {
    this.bin = bin;
    this.dataDir = dataDir;
    this.port = port;
    this.fsync = fsync;
  }

  /** Whether a server is installed; see {@link PostgresInstalled}. */
  public static boolean installed() {
    return installation().isPresent();
  }

  /** The server's bin directory named by {@code -Dpostgres.bin}, else the newest installed one, if any. */
  public static Optional<Path> installation() {
    String named = System.getProperty("postgres.bin");
    if (named != null) {
      return Optional.of(Path.of(named)).filter(b -> Files.isExecutable(b.resolve("initdb")));
    }
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions.map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("initdb")))
          .max(Comparator.comparing(Path::toString));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** A fast server for tests that never crash it: commits reach the OS but are not fsynced. */
  public static PostgresServer start(Path bin, int port) throws IOException, InterruptedException {
    return start(bin, port, false);
  }

  /** A server as production runs it, with fsync on, so that what it survives is what production survives. */
  public static PostgresServer startDurable(Path bin, int port) throws IOException, InterruptedException {
    return start(bin, port, true);
  }

  private static PostgresServer start(Path bin, int port, boolean fsync) throws IOException, InterruptedException {
    Path dataDir = Files.createTempDirectory("countersign-pg-");
    PostgresServer server = new PostgresServer(bin, dataDir, port, fsync);
    if (isRoot()) {
      server.run(List.of("chown", "postgres", dataDir.toString()), false);
    }
    server.run(List.of(bin.resolve("initdb").toString(), "-D", dataDir.toString(), "-A", "trust", "-U", "postgres",
        "--no-sync"), true);
    server.startServer();
    try (Connection admin = DriverManager.getConnection(jdbcUrl(port, "postgres"), "postgres", "");
        Statement statement = admin.createStatement()) {
      statement.execute("create user countersign password 'countersign'");
      statement.execute("create database countersign owner countersign");
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create the countersign user and database", e);
    }
    return server;
  }

  private void startServer() throws IOException, InterruptedException {
    run(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-w", "-l",
        dataDir.resolve("server.log").toString(), "-o",
        "-p " + port + " -k " + dataDir + " -c listen_addresses=127.0.0.1 -c fsync=" + (fsync ? "on" : "off"), "start"),
        true);
  }

  /**
   * SIGKILL to the postmaster and every backend at once, as a crash of the database host's
   * processes would; then a start, which replays the write-ahead log.
   */
  public void crashAndRestart() throws Exception {
    List<ProcessHandle> processes = processes();
    processes.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle process : processes) {
      process.onExit().get(30, TimeUnit.SECONDS);
    }
    startServer();
  }

  /** The postmaster and every process it started. */
  public List<ProcessHandle> processes() throws IOException {
    long postmaster = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
    ProcessHandle server = ProcessHandle.of(postmaster).orElseThrow();
    List<ProcessHandle> processes = new ArrayList<>(server.descendants().toList());
    processes.add(server);
    return processes;
  }

  public String jdbcUrl() {
    return jdbcUrl(port, "countersign");
  }

  private static String jdbcUrl(int port, String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  /**
   * Points a Spring test context's data source at this server, as its {@code countersign} user.
   * JUnit stops the server (in {@code @AfterAll}) before Spring closes the context, and a scheduled
   * job still running then (the audit sealer) waits for a connection before the context may close:
   * 30 s by default, which outlasts Surefire's wait for the JVM to exit. So it waits a second.
   */
  public void registerAsDataSource(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", this::jdbcUrl);
    registry.add("spring.datasource.username", () -> "countersign");
    registry.add("spring.datasource.password", () -> "countersign");
    registry.add("spring.datasource.hikari.connection-timeout", () -> "1000");
  }

  /** Stops the server and deletes its data: each test's server is a fresh one, and they are hundreds of MB. */
  public void stop() throws IOException, InterruptedException {
    run(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "fast", "stop"), true);
    FileSystemUtils.deleteRecursively(dataDir);
  }

  private void run(List<String> command, boolean asPostgres) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    if (asPostgres && isRoot()) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    Process process = new ProcessBuilder(full).redirectErrorStream(true).directory(new File("/tmp")).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", full) + " failed:\n" + output);
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }
}
