package dev.countersign;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.camunda.community.process_test_coverage.spring_test.common.ProcessEngineCoverageProperties;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestExecutionListeners;

/**
 * A process test: the real engine, models, listeners and stores, with the job executor and the
 * workers off so every step is explicit, and a floor of 90% flow-node coverage per test class
 * (reports under target/process-test-coverage/).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK, properties = {
    "camunda.bpm.job-execution.enabled=false",
    "camunda.bpm.client.subscriptions.llm-generate.auto-open=false",
    "camunda.bpm.client.subscriptions.llm-screen.auto-open=false",
    "camunda.bpm.client.subscriptions.llm-evaluate.auto-open=false",
    "camunda.bpm.client.subscriptions.dataset-build.auto-open=false",
    "camunda.bpm.client.subscriptions.fine-tune-start.auto-open=false",
    "camunda.bpm.client.subscriptions.fine-tune-check.auto-open=false"})
@ActiveProfiles("test")
@Import({ProcessEngineCoverageConfiguration.class, ProcessTest.CoverageFloor.class})
@TestExecutionListeners(listeners = ProcessEngineCoverageTestExecutionListener.class,
    mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
@DirtiesContext
public @interface ProcessTest {

  @TestConfiguration
  class CoverageFloor {
    /** Primary: the imported configuration defines a default one, and with two the floor is silently dropped. */
    @Bean
    @Primary
    ProcessEngineCoverageProperties countersignCoverageFloor() {
      return ProcessEngineCoverageProperties.Companion.builder().assertClassCoverageAtLeast(0.9).build();
    }
  }
}
