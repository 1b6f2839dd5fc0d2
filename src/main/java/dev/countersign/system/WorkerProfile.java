package dev.countersign.system;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;

/**
 * The {@code worker} profile: a process that only works on external tasks, against a remote
 * engine's REST API. Its context is the application without the engine: the profile's settings
 * leave out the engine's, webapps' and REST API's auto-configuration and Flyway, and this
 * initializer leaves out of the component scan every class of ours that needs them, which is
 * decided from the class itself, so a new controller or delegate needs no marking.
 */
public final class WorkerProfile implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  public static final String NAME = "worker";

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    ConfigurableEnvironment environment = context.getEnvironment();
    if (!environment.acceptsProfiles(Profiles.of(NAME))) {
      return;
    }
    if (environment.getProperty("spring.datasource.url", "").startsWith("jdbc:h2:")) {
      throw new IllegalStateException("A worker reads the engine nodes' database, and an H2 database is one "
          + "process's own: set DB_URL to the nodes' PostgreSQL (SPRING_PROFILES_ACTIVE=postgres,worker)");
    }
    if (!environment.containsProperty("ENGINE_REST_URL")) {
      throw new IllegalStateException("A worker needs ENGINE_REST_URL, the REST API of an engine node or of a "
          + "load balancer in front of them, e.g. http://node-1:8080/engine-rest");
    }
    // Spring Boot's component scan asks every TypeExcludeFilter bean; it must exist before the scan.
    context.getBeanFactory().registerSingleton("workerProfile.engineSide", new EngineSide(context.getClassLoader()));
  }

  /**
   * Leaves out a class of ours that is a web controller, or whose type, constructors or
   * {@code @Bean} methods mention the engine's API, or another class of ours so left out.
   */
  static final class EngineSide extends TypeExcludeFilter {

    private static final String OURS = "dev.countersign.";
    private static final List<String> ENGINE = List.of("org.camunda.bpm.engine.", "org.camunda.bpm.spring.boot.",
        "org.camunda.bpm.webapp.", "org.camunda.bpm.dmn.", "org.camunda.bpm.model.");

    private final ClassLoader loader;
    private final Map<Class<?>, Boolean> verdicts = new ConcurrentHashMap<>();

    EngineSide(ClassLoader loader) {
      this.loader = loader;
    }

    @Override
    public boolean match(MetadataReader reader, MetadataReaderFactory factory) {
      String name = reader.getClassMetadata().getClassName();
      return name.startsWith(OURS) && needsEngine(load(name));
    }

    boolean needsEngine(Class<?> type) {
      Boolean known = verdicts.get(type);
      if (known != null) {
        return known;
      }
      verdicts.put(type, false); // a cycle back to this class decides nothing
      boolean verdict = AnnotatedElementUtils.hasAnnotation(type, Controller.class)
          || AnnotatedElementUtils.hasAnnotation(type, ControllerAdvice.class)
          || signatures(type).anyMatch(this::mentionsEngine);
      verdicts.put(type, verdict);
      return verdict;
    }

    private static Stream<Type> signatures(Class<?> type) {
      Stream<Type> supertypes = Stream.concat(Stream.ofNullable(type.getGenericSuperclass()),
          Arrays.stream(type.getGenericInterfaces()));
      Stream<Type> constructors = Arrays.stream(type.getDeclaredConstructors())
          .flatMap(c -> parameters((Constructor<?>) c));
      Stream<Type> beans = Arrays.stream(type.getDeclaredMethods())
          .filter(m -> m.isAnnotationPresent(Bean.class))
          .flatMap(m -> Stream.concat(Stream.of(m.getGenericReturnType()), parameters(m)));
      return Stream.of(supertypes, constructors, beans).flatMap(s -> s);
    }

    private static Stream<Type> parameters(Executable executable) {
      return Arrays.stream(executable.getGenericParameterTypes());
    }

    private boolean mentionsEngine(Type type) {
      if (type instanceof ParameterizedType generic) {
        return mentionsEngine(generic.getRawType())
            || Arrays.stream(generic.getActualTypeArguments()).anyMatch(this::mentionsEngine);
      }
      if (!(type instanceof Class<?> plain)) {
        return false;
      }
      String name = plain.getName();
      if (ENGINE.stream().anyMatch(name::startsWith)) {
        return true;
      }
      return name.startsWith(OURS) && needsEngine(plain);
    }

    private Class<?> load(String name) {
      try {
        return Class.forName(name, false, loader);
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException("Scanned class not loadable: " + name, e);
      }
    }
  }
}
