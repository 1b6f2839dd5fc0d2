package dev.countersign;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The app's stores and services on the real engine and database, without a web server, the
 * engine's REST API or the external-task client (which would poll a REST API that is not there),
 * and with the job executor off: for tests and benchmarks of code below the processes.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
    "camunda.bpm.job-execution.enabled=false",
    "spring.autoconfigure.exclude=org.camunda.bpm.spring.boot.starter.rest.CamundaBpmRestJerseyAutoConfiguration,"
        + "org.camunda.bpm.client.spring.boot.starter.impl.ClientAutoConfiguration"})
@ActiveProfiles("test")
public @interface StoreTest {}
