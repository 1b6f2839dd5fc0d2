package dev.countersign.review;

import dev.countersign.system.Roles;
import dev.countersign.system.StartableProcess;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ReviewStart {

  /** Requesters start reviews from the Tasklist or /engine-rest as well as from /api/reviews. */
  @Bean
  StartableProcess startableReview() {
    return new StartableProcess(LlmOutputReview.PROCESS_KEY, List.of(Roles.REQUESTERS));
  }
}
