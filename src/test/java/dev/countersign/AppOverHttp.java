package dev.countersign;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole app on a real port, driven over HTTP as its users would. Each test class gets a fresh
 * app (the engine's REST API finds its engine through a JVM-wide registry, so two live apps would
 * share work); the port is fixed before start because the in-app workers need it in their URL.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ActiveProfiles("test")
@DirtiesContext
public abstract class AppOverHttp {

  protected static final int PORT = TestHttp.freePort();
  protected static final TestHttp http = new TestHttp(PORT);
  protected static final ReviewClient reviews = new ReviewClient(http);

  @DynamicPropertySource
  static void serverPort(DynamicPropertyRegistry registry) {
    registry.add("server.port", () -> PORT);
  }
}
