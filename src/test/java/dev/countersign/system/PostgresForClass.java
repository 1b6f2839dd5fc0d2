package dev.countersign.system;

import dev.countersign.TestHttp;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.TestContextManager;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * A PostgreSQL server for one test class's Spring context: started when Spring asks the class's
 * {@code @DynamicPropertySource} for the context's properties (once, just before the context is
 * built), and stopped after the class, once the context is closed. Held in a static
 * {@code @RegisterExtension} field.
 */
public final class PostgresForClass implements AfterAllCallback {

  private final boolean durable;
  private PostgresServer server;

  private PostgresForClass(boolean durable) {
    this.durable = durable;
  }

  /** Commits reach the OS but are not fsynced: for tests that never crash the server. */
  public static PostgresForClass fast() {
    return new PostgresForClass(false);
  }

  /** fsync on, as production runs it: for benchmarks. */
  public static PostgresForClass durable() {
    return new PostgresForClass(true);
  }

  /** Starts the server and points the context's data source at it. */
  public PostgresServer start(DynamicPropertyRegistry registry) throws Exception {
    int port = TestHttp.freePort();
    server = durable ? PostgresServer.startDurable(PostgresServer.installation().orElseThrow(), port)
        : PostgresServer.start(PostgresServer.installation().orElseThrow(), port);
    server.registerAsDataSource(registry);
    return server;
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (server != null) {
      try {
        closeContext(context);
      } finally {
        server.stop();
        server = null;
      }
    }
  }

  /**
   * JUnit runs this before Spring's own after-all, so the server would otherwise stop under a running
   * context, whose fetcher and job executor then fail against it until the JVM exits. Marked dirty,
   * the context is closed and dropped from Spring's cache, as {@code @DirtiesContext} would. Spring's
   * accessor for its test context manager is package-private, so it is read where Spring keeps it.
   */
  private static void closeContext(ExtensionContext context) {
    TestContextManager spring = context.getRoot().getStore(ExtensionContext.Namespace.create(SpringExtension.class))
        .get(context.getRequiredTestClass(), TestContextManager.class);
    if (spring == null) {
      throw new IllegalStateException("No Spring test context manager where SpringExtension keeps it "
          + "(has spring-test moved it?): PostgreSQL was stopped under a running context");
    }
    if (spring.getTestContext().hasApplicationContext()) {
      spring.getTestContext().markApplicationContextDirty(DirtiesContext.HierarchyMode.EXHAUSTIVE);
    }
  }
}
