package dev.countersign;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.camunda.bpm.client.task.ExternalTaskHandler;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;

/** The package rules of the README's architecture section, checked on the compiled classes. */
@AnalyzeClasses(packages = "dev.countersign", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

  /** What the engine or the external-task client calls: it should be glue only. */
  private static final DescribedPredicate<JavaClass> GLUE = assignableTo(JavaDelegate.class)
      .or(assignableTo(ExecutionListener.class)).or(assignableTo(TaskListener.class))
      .or(assignableTo(ExternalTaskHandler.class)).as("delegates, listeners and workers");

  @ArchTest
  static final ArchRule featurePackagesHaveNoCycles = slices().matching("dev.countersign.(*)..")
      .should().beFreeOfCycles();

  @ArchTest
  static final ArchRule glueReachesTheDatabaseOnlyThroughServices = noClasses().that(GLUE)
      .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.springframework.jdbc..")
      .because("a delegate or worker reads variables, calls a service and writes variables");

  @ArchTest
  static final ArchRule glueIsAClassTheRulesCanSee = noMethods().that().areAnnotatedWith(Bean.class)
      .should().haveRawReturnType(GLUE)
      .because("a lambda bean hides its dependencies inside its configuration class");

  /** The README's package table: each package and what it may use. */
  @ArchTest
  static final ArchRule packagesUseOnlyWhatTheReadmeLists = layeredArchitecture().consideringOnlyDependenciesInLayers()
      .layer("dashboard").definedBy("dev.countersign.dashboard..")
      .layer("request").definedBy("dev.countersign.request..")
      .layer("automation").definedBy("dev.countersign.automation..")
      .layer("retraining").definedBy("dev.countersign.retraining..")
      .layer("promotion").definedBy("dev.countersign.promotion..")
      .layer("datasets").definedBy("dev.countersign.datasets..")
      .layer("screening").definedBy("dev.countersign.screening..")
      .layer("generation").definedBy("dev.countersign.generation..")
      .layer("feedback").definedBy("dev.countersign.feedback..")
      .layer("memory").definedBy("dev.countersign.memory..")
      .layer("labeling").definedBy("dev.countersign.labeling..")
      .layer("review").definedBy("dev.countersign.review..")
      .layer("escalation").definedBy("dev.countersign.escalation..")
      .layer("oversight").definedBy("dev.countersign.oversight..")
      .layer("system").definedBy("dev.countersign.system..")
      .whereLayer("dashboard").mayOnlyAccessLayers("automation", "promotion", "memory", "review", "oversight",
          "system")
      .whereLayer("request").mayOnlyAccessLayers("review", "feedback", "oversight", "system")
      .whereLayer("automation").mayOnlyAccessLayers("feedback", "oversight", "system")
      .whereLayer("retraining").mayOnlyAccessLayers("datasets", "promotion", "feedback", "oversight", "system")
      .whereLayer("promotion").mayOnlyAccessLayers("generation", "screening", "feedback", "memory", "labeling",
          "oversight", "system")
      .whereLayer("datasets").mayOnlyAccessLayers("feedback", "generation", "system")
      .whereLayer("screening").mayOnlyAccessLayers("review", "generation", "memory", "system")
      .whereLayer("generation").mayOnlyAccessLayers("review", "memory", "system")
      .whereLayer("feedback").mayOnlyAccessLayers("review", "memory", "oversight", "system")
      .whereLayer("memory").mayNotAccessAnyLayer()
      .whereLayer("labeling").mayOnlyAccessLayers("oversight", "system")
      .whereLayer("review").mayOnlyAccessLayers("labeling", "oversight", "system")
      .whereLayer("escalation").mayOnlyAccessLayers("system")
      .whereLayer("oversight").mayOnlyAccessLayers("system")
      .whereLayer("system").mayNotAccessAnyLayer();
}
