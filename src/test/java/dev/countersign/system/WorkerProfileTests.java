package dev.countersign.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.annotation.Profile;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.type.classreading.CachingMetadataReaderFactory;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.scheduling.annotation.Scheduled;

/** What the worker profile's component scan keeps of the application's components, and what it leaves out. */
class WorkerProfileTests {

  private final WorkerProfile.EngineSide engineSide = new WorkerProfile.EngineSide(getClass().getClassLoader());
  private final MetadataReaderFactory readers = new CachingMetadataReaderFactory();

  @Test
  void keepsEveryWorkerAndWhatItNeedsAndLeavesOutWhatNeedsTheEngine() throws Exception {
    Map<Boolean, List<String>> scan = components().stream()
        .collect(Collectors.partitioningBy(this::leftOut, Collectors.mapping(Function.identity(), Collectors.toList())));
    List<String> kept = scan.get(false);
    List<String> leftOut = scan.get(true);

    List<String> workers = components().stream()
        .filter(name -> load(name).isAnnotationPresent(ExternalTaskSubscription.class)).toList();
    assertThat(workers).hasSizeGreaterThanOrEqualTo(6);
    assertThat(kept).containsAll(workers).contains(
        "dev.countersign.generation.DraftGenerator", "dev.countersign.screening.ScreeningService",
        "dev.countersign.memory.CorrectionMemory", "dev.countersign.system.WorkerPool",
        "dev.countersign.system.ExternalTaskClientConfig");
    assertThat(leftOut).contains(
        "dev.countersign.request.ReviewController", // a controller
        "dev.countersign.feedback.RecordFeedbackDelegate", // a delegate
        "dev.countersign.oversight.HistoryPolicyPlugin", // an engine plugin
        "dev.countersign.system.SecurityConfig", // a @Bean of the engine's REST API
        "dev.countersign.system.IdentitySeeder"); // needs the engine's identity service
    assertThat(engineSide.needsEngine(InProcessFetcher.class))
        .as("fetching through the engine's Java API, whatever WORKER_TRANSPORT says").isTrue();
    assertThat(kept.stream().map(WorkerProfileTests::load).filter(WorkerProfileTests::notForWorkers))
        .as("engine nodes' background duties, kept out by @Profile").extracting(Class::getSimpleName)
        .contains("AuditSealer", "Reembedding");
    assertThat(kept.stream().map(WorkerProfileTests::load).filter(type -> !notForWorkers(type))
        .filter(type -> Arrays.stream(type.getDeclaredMethods()).anyMatch(m -> m.isAnnotationPresent(Scheduled.class))))
        .as("work on a schedule in a worker process").isEmpty();
  }

  @Test
  void refusesToStartWithoutTheNodesDatabaseOrAnEngineToWorkFor() {
    assertThatThrownBy(() -> initialize(Map.of("spring.datasource.url", "jdbc:h2:file:./data/countersign",
        "ENGINE_REST_URL", "http://node-1:8080/engine-rest")))
        .hasMessageContaining("set DB_URL to the nodes' PostgreSQL");
    assertThatThrownBy(() -> initialize(Map.of("spring.datasource.url", "jdbc:postgresql://db/countersign")))
        .hasMessageContaining("A worker needs ENGINE_REST_URL");
    assertThat(initialize(Map.of("spring.datasource.url", "jdbc:postgresql://db/countersign",
        "ENGINE_REST_URL", "http://node-1:8080/engine-rest")).getBeanFactory().containsSingleton("workerProfile.engineSide"))
        .isTrue();
  }

  private static GenericApplicationContext initialize(Map<String, Object> settings) {
    GenericApplicationContext context = new GenericApplicationContext();
    context.getEnvironment().setActiveProfiles("postgres", WorkerProfile.NAME);
    context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test", settings));
    new WorkerProfile().initialize(context);
    return context;
  }

  private List<String> components() {
    // As application-worker.yaml sets it: a worker process fetches over REST.
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("worker",
        Map.of("countersign.workers.transport", "rest")));
    ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(true, environment);
    return scanner.findCandidateComponents("dev.countersign").stream().map(BeanDefinition::getBeanClassName).sorted().toList();
  }

  private boolean leftOut(String className) {
    try {
      return engineSide.match(readers.getMetadataReader(className), readers);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean notForWorkers(Class<?> type) {
    Profile profile = type.getAnnotation(Profile.class);
    return profile != null && Arrays.asList(profile.value()).contains("!" + WorkerProfile.NAME);
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }
}
